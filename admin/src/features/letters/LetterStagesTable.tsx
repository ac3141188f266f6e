import type { TableColumnsType } from 'antd'
import { Table, Tag } from 'antd'
import { formatDateTime } from '../../../../common/time'
import type { LetterStageRow } from './letter-api'
import { onTimeText, stageLabel } from './letter-labels'

/** Each deadline stage with its limit and result; results are fixed when a stage ends. */
export function LetterStagesTable({ stages }: { stages: LetterStageRow[] }) {
  const columns: TableColumnsType<LetterStageRow> = [
    {
      title: '环节',
      dataIndex: 'stage',
      render: (s: LetterStageRow['stage'], r) => stageLabel(s, r.label),
    },
    { title: '单位', dataIndex: 'unitName', render: (n: string | null) => n || '—' },
    { title: '开始', dataIndex: 'startedAt', render: (v: string) => formatDateTime(v) },
    { title: '时限（工作日）', dataIndex: 'limitDays' },
    { title: '到期', dataIndex: 'dueAt', render: (v: string | null) => formatDateTime(v) || '—' },
    {
      title: '结束',
      dataIndex: 'endedAt',
      render: (v: string | null) => (v ? formatDateTime(v) : <Tag>进行中</Tag>),
    },
    {
      title: '用时（工作日）',
      dataIndex: 'workingDays',
      render: (v: number | null) => (v === null || v === undefined ? '—' : v),
    },
    {
      title: '是否按时',
      dataIndex: 'onTime',
      render: (v: boolean | null) =>
        v === null || v === undefined ? (
          '—'
        ) : (
          <Tag color={v ? '#237804' : '#a8071a'}>{onTimeText(v)}</Tag>
        ),
    },
  ]
  return (
    <Table<LetterStageRow>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={stages}
      pagination={false}
      locale={{ emptyText: '尚无办理环节' }}
    />
  )
}
