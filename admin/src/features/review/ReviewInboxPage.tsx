import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons'
import { App, Button, Card, Form, Space, Table, Tag, TreeSelect, Typography, Empty } from 'antd'
import type { TableColumnsType } from 'antd'
import { useMemo, useState } from 'react'
import { Link } from 'react-router-dom'
import { formatDateTime } from '../../../../common/time'
import { ApiError } from '../../api'
import { downloadFile } from '../../download'
import { siteTree } from '../../shell/AppLayout'
import { LoadError } from '../../shell/LoadError'
import { useSession } from '../../shell/session'
import { usePagedList } from '../../shell/usePagedList'
import type { InboxRow } from './review-api'
import { levelText, REVIEW_KIND_LABELS } from './review-labels'

/** 待我审核: everything waiting for the signed-in user's decision, across all their sites. */
export default function ReviewInboxPage() {
  const { sites } = useSession()
  const { message } = App.useApp()
  const [siteId, setSiteId] = useState<number | undefined>()
  const [page, setPage] = useState(1)
  const [pageSize, setPageSize] = useState(20)
  const [exporting, setExporting] = useState(false)
  const query = useMemo(() => ({ siteId }), [siteId])
  const { rows, total, loading, error, load } = usePagedList<InboxRow>(
    '/reviews/inbox',
    query,
    page,
    pageSize,
    '待审列表加载失败',
  )
  const tree = useMemo(() => siteTree(sites), [sites])

  const exportXlsx = async () => {
    setExporting(true)
    try {
      await downloadFile('/reviews/inbox/export.xlsx', query)
      message.success('导出完成')
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '导出失败，请稍后重试')
    } finally {
      setExporting(false)
    }
  }

  const columns: TableColumnsType<InboxRow> = [
    {
      title: '标题',
      dataIndex: 'title',
      render: (t: string, r) => (
        <Space size={4} wrap>
          <Link to={`/reviews/${r.reviewId}`}>{t || '（无标题）'}</Link>
          {r.kind === 'revision' && <Tag>{REVIEW_KIND_LABELS.revision}</Tag>}
          {r.emergency && <Tag color="#a8071a">未审先发 · 补审</Tag>}
        </Space>
      ),
    },
    { title: '站点', dataIndex: 'siteName', width: 160 },
    { title: '栏目', dataIndex: 'columnName', width: 140, render: (c: string) => c || '—' },
    {
      title: '审核级别',
      key: 'level',
      width: 170,
      render: (_: unknown, r) => levelText(r.level, r.levelCount, r.levelName),
    },
    { title: '提交人', dataIndex: 'submittedByName', width: 110, render: (n: string) => n || '—' },
    {
      title: '提交时间',
      dataIndex: 'submittedAt',
      width: 150,
      render: (v: string) => formatDateTime(v),
    },
    {
      title: '操作',
      key: 'actions',
      width: 80,
      render: (_: unknown, r) => (
        <Link to={`/reviews/${r.reviewId}`} aria-label={`审核“${r.title}”`}>
          审核
        </Link>
      ),
    },
  ]

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          待我审核
        </Typography.Title>
        <Space>
          <Button icon={<ReloadOutlined />} onClick={() => void load()}>
            刷新
          </Button>
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportXlsx()}>
            导出 Excel
          </Button>
        </Space>
      </Space>
      <Card size="small">
        <Form layout="inline" name="review-inbox-filters">
          <Form.Item label="站点" htmlFor="review-inbox-site">
            <TreeSelect
              id="review-inbox-site"
              allowClear
              showSearch
              treeNodeFilterProp="title"
              placeholder="全部站点"
              style={{ width: 280 }}
              treeData={tree}
              value={siteId}
              onChange={(v: unknown) => {
                setSiteId(typeof v === 'number' ? v : undefined)
                setPage(1)
              }}
            />
          </Form.Item>
        </Form>
      </Card>
      <LoadError error={error} onRetry={() => void load()} />
      <Card size="small">
        <Table<InboxRow>
          rowKey="reviewId"
          size="middle"
          loading={loading}
          columns={columns}
          dataSource={rows}
          locale={{ emptyText: <Empty description="没有等待您审核的信息" /> }}
          pagination={{
            current: page,
            pageSize,
            total,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100],
            showTotal: (n) => `共 ${n} 条`,
            onChange: (p, s) => {
              setPage(s !== pageSize ? 1 : p)
              setPageSize(s)
            },
          }}
        />
      </Card>
    </Space>
  )
}
