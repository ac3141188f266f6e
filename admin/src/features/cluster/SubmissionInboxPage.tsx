import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons'
import type { TableColumnsType } from 'antd'
import { App, Button, Card, Empty, Space, Table, Typography } from 'antd'
import { useMemo, useState } from 'react'
import { formatDateTime } from '../../../../common/time'
import { ApiError } from '../../api'
import { downloadFile } from '../../download'
import { LoadError } from '../../shell/LoadError'
import { usePagedList } from '../../shell/usePagedList'
import type { Submission } from './cluster-api'
import { showsReason } from './cluster-labels'
import { ReasonText, SubmissionStatusTag } from './ClusterTags'
import { SubmissionDrawer } from './SubmissionDrawer'
import { SubmissionFiltersBar, type SubmissionFilters } from './SubmissionFiltersBar'

/**
 * 报送收件箱: items other units submitted to my sites, pending ones first by default; a drawer
 * shows the content and takes the decision (采用 / 退回修改 / 不予采用). Exports to xlsx.
 */
export default function SubmissionInboxPage() {
  const { message } = App.useApp()
  const [filters, setFilters] = useState<SubmissionFilters>({ status: 'pending' })
  const [page, setPage] = useState(1)
  const [pageSize, setPageSize] = useState(20)
  const [openId, setOpenId] = useState<number | null>(null)
  const [exporting, setExporting] = useState(false)
  const query = useMemo(() => ({ box: 'inbox' as const, ...filters }), [filters])
  const list = usePagedList<Submission>('/submissions', query, page, pageSize, '报送信息加载失败')

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
          {/* Opens the drawer: a button, so keyboards and screen readers get it right. */}
          <Button
            type="link"
            style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}
            onClick={() => setOpenId(r.id)}
          >
            {title}
          </Button>
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
      title: '报送栏目',
      key: 'target',
      width: 200,
      render: (_v, r) =>
        `${r.targetSiteName}${r.targetColumnName ? ` · ${r.targetColumnName}` : ''}`,
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 170,
      render: (_v, r) => (
        <>
          <SubmissionStatusTag status={r.status} />
          {r.rounds > 1 && <Typography.Text type="secondary">第 {r.rounds} 次</Typography.Text>}
          {showsReason(r.status) && <ReasonText reason={r.reason} />}
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
      title: '处理人',
      key: 'decided',
      width: 140,
      render: (_v, r) => (r.decidedAt ? `${r.decidedByName || '—'}` : '—'),
    },
    {
      title: '操作',
      key: 'actions',
      width: 90,
      render: (_v, r) => (
        <Button
          type="link"
          size="small"
          aria-label={`${r.status === 'pending' ? '处理' : '查看'}：${r.title}`}
          onClick={() => setOpenId(r.id)}
        >
          {r.status === 'pending' ? '处理' : '查看'}
        </Button>
      ),
    },
  ]

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          报送收件箱
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
      <Card size="small">
        <SubmissionFiltersBar
          name="submission-inbox-filters"
          siteLabel="接收站点"
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
        locale={{
          emptyText: (
            <Empty
              description={
                filters.status === 'pending' ? '没有待处理的报送信息' : '没有符合条件的报送信息'
              }
            />
          ),
        }}
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
      <SubmissionDrawer
        id={openId}
        onClose={() => setOpenId(null)}
        onChanged={() => void list.load()}
      />
    </Space>
  )
}
