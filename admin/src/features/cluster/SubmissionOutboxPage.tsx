import type { TableColumnsType } from 'antd'
import { Card, Space, Tag, Typography } from 'antd'
import { useState } from 'react'
import { Link } from 'react-router-dom'
import { clusterApi, type Submission } from './cluster-api'
import {
  ConfirmAction,
  personTimeColumn,
  RowAction,
  submissionStatusColumn,
  targetColumn,
  titleWithNoteColumn,
} from './cluster-columns'
import { PublicArticleLink } from './ClusterTags'
import { ListHeader, PagedTable } from './ListParts'
import { ReasonModal } from './ReasonModal'
import { SubmissionFiltersBar } from './SubmissionFiltersBar'
import { useRowRun, useSubmissionBox } from './useClusterTable'

/**
 * 报送信息: what my units submitted to other sites, with the outcome (采用 / 退回修改 / 不予采用
 * and the reason), withdrawal while pending, resubmission after a return, and an xlsx export.
 */
export default function SubmissionOutboxPage() {
  const { filters, filter, paging, list, exporting, exportXlsx } = useSubmissionBox('outbox', {})
  const [resubmitting, setResubmitting] = useState<Submission | null>(null)
  const run = useRowRun(list.load)

  const columns: TableColumnsType<Submission> = [
    titleWithNoteColumn((title, r) =>
      r.sourceArticleId ? <Link to={`/articles/${r.sourceArticleId}`}>{title}</Link> : title,
    ),
    { title: '报送单位', dataIndex: 'sourceSiteName', width: 140 },
    targetColumn('报送至'),
    submissionStatusColumn(
      200,
      (n) => `第 ${n} 次报送`,
      (r) =>
        r.status === 'adopted' &&
        r.adoptedArticleId && (
          <div style={{ fontSize: 12 }}>
            <PublicArticleLink articleId={r.adoptedArticleId} label="查看采用的信息" />
            {r.adoptedHome && <Tag color="#237804">首页采用</Tag>}
          </div>
        ),
    ),
    personTimeColumn('报送人 / 时间', 'submitted', (r) => ({
      name: r.submittedByName,
      at: r.submittedAt,
    })),
    personTimeColumn('处理人 / 时间', 'decided', (r) =>
      r.decidedAt ? { name: r.decidedByName, at: r.decidedAt } : null,
    ),
    {
      title: '操作',
      key: 'actions',
      width: 120,
      render: (_v, r) => (
        <Space size={4} wrap>
          {r.status === 'pending' && (
            <ConfirmAction
              label="撤回"
              verb="撤回报送"
              subject={r.title}
              title="撤回这条报送？"
              description="撤回后对方不再处理，可修改后重新报送。"
              onConfirm={() => void run(() => clusterApi.withdraw(r.id), '已撤回报送')}
            />
          )}
          {r.status === 'returned' && (
            <RowAction label="重新报送" subject={r.title} onClick={() => setResubmitting(r)} />
          )}
        </Space>
      ),
    },
  ]

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <ListHeader
        title="报送信息"
        onReload={() => void list.load()}
        exporting={exporting}
        onExport={() => void exportXlsx()}
      />
      <Typography.Text type="secondary">
        在信息编辑页点击“报送”可将本单位信息报送到门户等站点；被退回的信息修改后可重新报送。
      </Typography.Text>
      <Card size="small">
        <SubmissionFiltersBar
          name="submission-outbox-filters"
          siteLabel="报送单位"
          filters={filters}
          onChange={filter}
        />
      </Card>
      <PagedTable<Submission>
        list={list}
        columns={columns}
        emptyText="没有符合条件的报送信息"
        {...paging}
      />
      <ReasonModal
        ask={
          resubmitting && {
            title: `重新报送“${resubmitting.title}”`,
            label: '修改说明',
            okText: '重新报送',
            required: false,
            extra: `退回原因：${resubmitting.reason || '（未填写）'}。将以信息的当前内容重新报送。`,
          }
        }
        onCancel={() => setResubmitting(null)}
        onSubmit={async (note) => {
          if (!resubmitting) return
          if (await run(() => clusterApi.resubmit(resubmitting.id, note), '已重新报送'))
            setResubmitting(null)
        }}
      />
    </Space>
  )
}
