import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons'
import type { TableColumnsType } from 'antd'
import { App, Button, Card, Empty, Popconfirm, Space, Table, Tag, Typography } from 'antd'
import { useMemo, useState } from 'react'
import { Link } from 'react-router-dom'
import { formatDateTime } from '../../../../common/time'
import { ApiError } from '../../api'
import { downloadFile } from '../../download'
import { LoadError } from '../../shell/LoadError'
import { usePagedList } from '../../shell/usePagedList'
import { clusterApi, type Submission } from './cluster-api'
import { showsReason } from './cluster-labels'
import { PublicArticleLink, ReasonText, SubmissionStatusTag } from './ClusterTags'
import { ReasonModal } from './ReasonModal'
import { SubmissionFiltersBar, type SubmissionFilters } from './SubmissionFiltersBar'

/**
 * 报送信息: what my units submitted to other sites, with the outcome (采用 / 退回修改 / 不予采用
 * and the reason), withdrawal while pending, resubmission after a return, and an xlsx export.
 */
export default function SubmissionOutboxPage() {
  const { message } = App.useApp()
  const [filters, setFilters] = useState<SubmissionFilters>({})
  const [page, setPage] = useState(1)
  const [pageSize, setPageSize] = useState(20)
  const [resubmitting, setResubmitting] = useState<Submission | null>(null)
  const [exporting, setExporting] = useState(false)
  const query = useMemo(() => ({ box: 'outbox' as const, ...filters }), [filters])
  const list = usePagedList<Submission>('/submissions', query, page, pageSize, '报送信息加载失败')

  /** Runs an action on one submission; false (with the reason shown) when it failed. */
  const run = async (work: () => Promise<unknown>, done: string): Promise<boolean> => {
    try {
      await work()
      message.success(done)
      await list.load()
      return true
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '操作失败，请稍后重试')
      return false
    }
  }

  const exportXlsx = async () => {
    setExporting(true)
    try {
      await downloadFile('/submissions.xlsx', query)
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '导出失败，请稍后重试')
    } finally {
      setExporting(false)
    }
  }

  const columns: TableColumnsType<Submission> = [
    {
      title: '标题',
      dataIndex: 'title',
      render: (title: string, r) => (
        <>
          {r.sourceArticleId ? <Link to={`/articles/${r.sourceArticleId}`}>{title}</Link> : title}
          {r.note && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              报送说明：{r.note}
            </Typography.Text>
          )}
        </>
      ),
    },
    { title: '报送单位', dataIndex: 'sourceSiteName', width: 140 },
    {
      title: '报送至',
      key: 'target',
      width: 200,
      render: (_v, r) =>
        `${r.targetSiteName}${r.targetColumnName ? ` · ${r.targetColumnName}` : ''}`,
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 200,
      render: (_v, r) => (
        <>
          <SubmissionStatusTag status={r.status} />
          {r.rounds > 1 && <Typography.Text type="secondary">第 {r.rounds} 次报送</Typography.Text>}
          {showsReason(r.status) && <ReasonText reason={r.reason} />}
          {r.status === 'adopted' && r.adoptedArticleId && (
            <div style={{ fontSize: 12 }}>
              <PublicArticleLink articleId={r.adoptedArticleId} label="查看采用的信息" />
              {r.adoptedHome && <Tag color="#237804">首页采用</Tag>}
            </div>
          )}
        </>
      ),
    },
    {
      title: '报送人 / 时间',
      key: 'submitted',
      width: 160,
      render: (_v, r) => (
        <>
          {r.submittedByName || '—'}
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {formatDateTime(r.submittedAt)}
          </Typography.Text>
        </>
      ),
    },
    {
      title: '处理人 / 时间',
      key: 'decided',
      width: 160,
      render: (_v, r) =>
        r.decidedAt ? (
          <>
            {r.decidedByName || '—'}
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {formatDateTime(r.decidedAt)}
            </Typography.Text>
          </>
        ) : (
          '—'
        ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 120,
      render: (_v, r) => (
        <Space size={4} wrap>
          {r.status === 'pending' && (
            <Popconfirm
              title="撤回这条报送？"
              description="撤回后对方不再处理，可修改后重新报送。"
              okText="撤回"
              cancelText="取消"
              onConfirm={() => void run(() => clusterApi.withdraw(r.id), '已撤回报送')}
            >
              <Button type="link" size="small" aria-label={`撤回报送：${r.title}`}>
                撤回
              </Button>
            </Popconfirm>
          )}
          {r.status === 'returned' && (
            <Button
              type="link"
              size="small"
              aria-label={`重新报送：${r.title}`}
              onClick={() => setResubmitting(r)}
            >
              重新报送
            </Button>
          )}
        </Space>
      ),
    },
  ]

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          报送信息
        </Typography.Title>
        <Space>
          <Button icon={<ReloadOutlined />} onClick={() => void list.load()}>
            刷新
          </Button>
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportXlsx()}>
            导出 Excel
          </Button>
        </Space>
      </Space>
      <Typography.Text type="secondary">
        在信息编辑页点击“报送”可将本单位信息报送到门户等站点；被退回的信息修改后可重新报送。
      </Typography.Text>
      <Card size="small">
        <SubmissionFiltersBar
          name="submission-outbox-filters"
          siteLabel="报送单位"
          filters={filters}
          onChange={(f) => {
            setPage(1)
            setFilters(f)
          }}
        />
      </Card>
      <LoadError error={list.error} onRetry={() => void list.load()} />
      <Table<Submission>
        rowKey="id"
        size="middle"
        loading={list.loading}
        columns={columns}
        dataSource={list.rows}
        locale={{ emptyText: <Empty description="没有符合条件的报送信息" /> }}
        pagination={{
          current: page,
          pageSize,
          total: list.total,
          showSizeChanger: true,
          showTotal: (n) => `共 ${n} 条`,
          onChange: (p, s) => {
            setPage(s !== pageSize ? 1 : p)
            setPageSize(s)
          },
        }}
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
