import type { TableColumnsType } from 'antd'
import { Button, Card, Space } from 'antd'
import { useState } from 'react'
import type { Submission } from './cluster-api'
import {
  deciderColumn,
  personTimeColumn,
  RowAction,
  submissionStatusColumn,
  targetColumn,
  titleWithNoteColumn,
} from './cluster-columns'
import { ListHeader, PagedTable } from './ListParts'
import { SubmissionDrawer } from './SubmissionDrawer'
import { SubmissionFiltersBar } from './SubmissionFiltersBar'
import { useSubmissionBox } from './useClusterTable'

/**
 * 报送收件箱: items other units submitted to my sites, pending ones first by default; a drawer
 * shows the content and takes the decision (采用 / 退回修改 / 不予采用). Exports to xlsx.
 */
export default function SubmissionInboxPage() {
  const { filters, filter, paging, list, exporting, exportXlsx } = useSubmissionBox('inbox', {
    status: 'pending',
  })
  const [openId, setOpenId] = useState<number | null>(null)

  const columns: TableColumnsType<Submission> = [
    titleWithNoteColumn((title, r) => (
      // Opens the drawer: a button, so keyboards and screen readers get it right.
      <Button
        type="link"
        style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}
        onClick={() => setOpenId(r.id)}
      >
        {title}
      </Button>
    )),
    { title: '报送单位', dataIndex: 'sourceSiteName', width: 140 },
    targetColumn('报送栏目'),
    submissionStatusColumn(170, (n) => `第 ${n} 次`),
    personTimeColumn('报送人 / 时间', 'submitted', (r) => ({
      name: r.submittedByName,
      at: r.submittedAt,
    })),
    deciderColumn(140),
    {
      title: '操作',
      key: 'actions',
      width: 90,
      render: (_v, r) => (
        <RowAction
          label={r.status === 'pending' ? '处理' : '查看'}
          subject={r.title}
          onClick={() => setOpenId(r.id)}
        />
      ),
    },
  ]

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <ListHeader
        title="报送收件箱"
        onReload={() => void list.load()}
        exporting={exporting}
        onExport={() => void exportXlsx()}
      />
      <Card size="small">
        <SubmissionFiltersBar
          name="submission-inbox-filters"
          siteLabel="接收站点"
          filters={filters}
          onChange={filter}
        />
      </Card>
      <PagedTable<Submission>
        list={list}
        columns={columns}
        emptyText={filters.status === 'pending' ? '没有待处理的报送信息' : '没有符合条件的报送信息'}
        {...paging}
      />
      <SubmissionDrawer
        id={openId}
        onClose={() => setOpenId(null)}
        onChanged={() => void list.load()}
      />
    </Space>
  )
}
