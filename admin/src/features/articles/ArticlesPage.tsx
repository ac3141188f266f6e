import {
  DeleteOutlined,
  DownloadOutlined,
  DragOutlined,
  PlusOutlined,
  StopOutlined,
} from '@ant-design/icons'
import {
  App,
  Alert,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  List,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  TreeSelect,
  Typography,
} from 'antd'
import type { TableColumnsType } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { Link, useNavigate, useSearchParams } from 'react-router-dom'
import { formatDateTime } from '../../../../common/time'
import { api, ApiError } from '../../api'
import { downloadFile } from '../../download'
import { LoadError } from '../../shell/LoadError'
import { useSession } from '../../shell/session'
import {
  columnTree,
  loadColumns,
  statusLabel,
  STATUSES,
  type AdminColumn,
  type ArticleRow,
  type BulkResult,
  type Status,
} from './article-api'
import { ArticleStatusTags } from './ArticleStatusTags'

const EXPORT_MAX_ROWS = 50_000
const BULK_LABELS = { move: '移动栏目', unpublish: '撤销发布', delete: '删除' } as const
type BulkAction = keyof typeof BULK_LABELS

interface Filters {
  columnId?: number
  status?: Status
  author?: string
  keyword?: string
  from?: string
  to?: string
}

interface FilterForm {
  columnId?: number
  status?: Status
  author?: string
  keyword?: string
  range?: [Dayjs | null, Dayjs | null] | null
}

function filtersFrom(params: URLSearchParams): Filters & { page: number; pageSize: number } {
  const num = (k: string) => (params.get(k) ? Number(params.get(k)) : undefined)
  const str = (k: string) => params.get(k) || undefined
  const status = str('status') as Status | undefined
  return {
    columnId: num('columnId'),
    status: status && STATUSES.includes(status) ? status : undefined,
    author: str('author'),
    keyword: str('keyword'),
    from: str('from'),
    to: str('to'),
    page: num('page') ?? 1,
    pageSize: num('pageSize') ?? 20,
  }
}

/** The article list of the current site: server-side filters and pages, bulk actions, export. */
export default function ArticlesPage() {
  const { site } = useSession()
  const { message } = App.useApp()
  const navigate = useNavigate()
  const [params, setParams] = useSearchParams()
  const query = useMemo(() => filtersFrom(params), [params])
  const [form] = Form.useForm<FilterForm>()
  const [columns, setColumns] = useState<AdminColumn[]>([])
  const [rows, setRows] = useState<ArticleRow[]>([])
  const [total, setTotal] = useState(0)
  const [loading, setLoading] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [selected, setSelected] = useState<number[]>([])
  const [exporting, setExporting] = useState(false)
  const [moveOpen, setMoveOpen] = useState(false)
  const [moveTarget, setMoveTarget] = useState<number | undefined>()
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<{ action: BulkAction; data: BulkResult } | null>(null)
  const [reloadKey, setReloadKey] = useState(0)

  const siteId = site?.id
  useEffect(() => {
    if (!siteId) return
    setColumns([])
    loadColumns(siteId, true)
      .then(setColumns)
      .catch(() => setColumns([]))
  }, [siteId])

  // A filter by column of another site makes no sense after switching sites.
  const [lastSite, setLastSite] = useState(siteId)
  useEffect(() => {
    if (lastSite !== undefined && siteId !== lastSite) {
      setParams({}, { replace: true })
      setSelected([])
    }
    setLastSite(siteId)
  }, [siteId, lastSite, setParams])

  useEffect(() => {
    form.setFieldsValue({
      columnId: query.columnId,
      status: query.status,
      author: query.author,
      keyword: query.keyword,
      range:
        query.from || query.to
          ? [query.from ? dayjs(query.from) : null, query.to ? dayjs(query.to) : null]
          : null,
    })
  }, [form, query])

  const filterQuery = useMemo(
    () => ({
      siteId,
      columnId: query.columnId,
      status: query.status,
      author: query.author,
      keyword: query.keyword,
      from: query.from,
      to: query.to,
    }),
    [siteId, query],
  )

  useEffect(() => {
    if (!siteId) return
    let cancelled = false
    setLoading(true)
    setError(null)
    api
      .get<{ data: ArticleRow[]; total: number }>('/articles', {
        ...filterQuery,
        page: query.page,
        pageSize: query.pageSize,
      })
      .then((res) => {
        if (cancelled) return
        setRows(res.data)
        setTotal(res.total)
      })
      .catch((e: unknown) => {
        if (!cancelled) setError(e instanceof ApiError ? e.message : '信息列表加载失败')
      })
      .finally(() => {
        if (!cancelled) setLoading(false)
      })
    return () => {
      cancelled = true
    }
  }, [siteId, filterQuery, query.page, query.pageSize, reloadKey])

  const reload = useCallback(() => setReloadKey((k) => k + 1), [])

  const applyFilters = (v: FilterForm) => {
    const next = new URLSearchParams()
    if (v.columnId) next.set('columnId', String(v.columnId))
    if (v.status) next.set('status', v.status)
    if (v.author?.trim()) next.set('author', v.author.trim())
    if (v.keyword?.trim()) next.set('keyword', v.keyword.trim())
    const [from, to] = v.range ?? []
    if (from) next.set('from', from.format('YYYY-MM-DD'))
    if (to) next.set('to', to.format('YYYY-MM-DD'))
    if (query.pageSize !== 20) next.set('pageSize', String(query.pageSize))
    setParams(next)
    setSelected([])
  }

  const resetFilters = () => {
    form.resetFields()
    setParams({})
    setSelected([])
  }

  const setPage = (page: number, pageSize: number) => {
    const next = new URLSearchParams(params)
    next.set('page', String(pageSize !== query.pageSize ? 1 : page))
    next.set('pageSize', String(pageSize))
    setParams(next)
  }

  const exportXlsx = async () => {
    setExporting(true)
    try {
      await downloadFile('/articles/export.xlsx', filterQuery)
      if (total > EXPORT_MAX_ROWS) {
        message.warning(
          `符合条件的信息共 ${total} 条，仅导出了最近更新的 ${EXPORT_MAX_ROWS} 条，请缩小筛选范围`,
        )
      } else {
        message.success('导出完成')
      }
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '导出失败，请稍后重试')
    } finally {
      setExporting(false)
    }
  }

  const runBulk = async (action: BulkAction, columnId?: number) => {
    setBusy(true)
    try {
      const res = await api.post<{ data: BulkResult }>('/articles/bulk', {
        ids: selected,
        action,
        columnId,
      })
      setResult({ action, data: res.data })
      setSelected(res.data.results.filter((r) => !r.ok).map((r) => r.id))
      setMoveOpen(false)
      reload()
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '操作失败，请稍后重试')
    } finally {
      setBusy(false)
    }
  }

  const confirmBulk = (action: 'unpublish' | 'delete') => {
    Modal.confirm({
      title:
        action === 'delete'
          ? `确定删除选中的 ${selected.length} 条信息吗？`
          : `确定撤销发布选中的 ${selected.length} 条信息吗？`,
      content:
        action === 'delete'
          ? '删除后不可恢复，公开页面将无法访问。'
          : '撤销后公众将无法访问这些信息，可随时重新发布。',
      okText: action === 'delete' ? '删除' : '撤销发布',
      okButtonProps: { danger: action === 'delete' },
      cancelText: '取消',
      onOk: () => runBulk(action),
    })
  }

  const titles = useMemo(() => new Map(rows.map((r) => [r.id, r.title])), [rows])
  const columnNames = useMemo(() => new Map(columns.map((c) => [c.id, c.name])), [columns])
  const tree = useMemo(() => columnTree(columns, false), [columns])
  const placeableTree = useMemo(() => columnTree(columns, true), [columns])

  const tableColumns: TableColumnsType<ArticleRow> = [
    {
      title: '标题',
      dataIndex: 'title',
      render: (title: string, r) => (
        <Space size={4} wrap>
          <Link to={`/articles/${r.id}`}>{title}</Link>
          {r.linkUrl && <Tag>外链</Tag>}
        </Space>
      ),
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 150,
      render: (_: Status, r) => <ArticleStatusTags a={r} />,
    },
    {
      title: '主栏目',
      dataIndex: 'primaryColumnId',
      width: 140,
      render: (id: number | null) => (id ? (columnNames.get(id) ?? '—') : '—'),
    },
    { title: '作者', dataIndex: 'author', width: 120, render: (a: string) => a || '—' },
    {
      title: '发布时间',
      dataIndex: 'publishedAt',
      width: 150,
      render: (v: string | null) => (v ? formatDateTime(v) : '—'),
    },
    {
      title: '更新时间',
      dataIndex: 'updatedAt',
      width: 150,
      render: (v: string) => formatDateTime(v),
    },
    { title: '浏览', dataIndex: 'views', width: 80, align: 'right' },
    {
      title: '操作',
      key: 'actions',
      width: 80,
      render: (_: unknown, r) => (
        <Link to={`/articles/${r.id}`} aria-label={`编辑“${r.title}”`}>
          编辑
        </Link>
      ),
    },
  ]

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          信息管理
          {site && (
            <Typography.Text
              type="secondary"
              style={{ fontSize: 14, marginLeft: 12, fontWeight: 'normal' }}
            >
              {site.name}
            </Typography.Text>
          )}
        </Typography.Title>
        <Space>
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportXlsx()}>
            导出 Excel
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/articles/new')}>
            新建信息
          </Button>
        </Space>
      </Space>

      <Card size="small">
        <Form<FilterForm>
          form={form}
          name="article-filters"
          layout="inline"
          onFinish={applyFilters}
          style={{ rowGap: 12 }}
        >
          <Form.Item name="columnId" label="栏目">
            <TreeSelect
              treeData={tree}
              allowClear
              showSearch
              treeNodeFilterProp="title"
              treeDefaultExpandAll
              placeholder="全部栏目"
              style={{ width: 200 }}
              popupMatchSelectWidth={false}
            />
          </Form.Item>
          <Form.Item name="status" label="状态">
            <Select
              allowClear
              placeholder="全部"
              style={{ width: 130 }}
              options={STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))}
            />
          </Form.Item>
          <Form.Item name="author" label="作者">
            <Input allowClear placeholder="作者姓名" style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="keyword" label="标题关键词">
            <Input allowClear placeholder="标题包含" style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="range" label="更新日期">
            <DatePicker.RangePicker allowEmpty={[true, true]} />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit">
                查询
              </Button>
              <Button onClick={resetFilters}>重置</Button>
            </Space>
          </Form.Item>
        </Form>
      </Card>

      <LoadError error={error} onRetry={reload} />

      <Card size="small">
        <Space style={{ marginBottom: 12 }} wrap role="group" aria-label="批量操作">
          <Typography.Text type="secondary">
            {selected.length > 0 ? `已选择 ${selected.length} 条` : '勾选信息后可批量操作'}
          </Typography.Text>
          <Button
            icon={<DragOutlined />}
            disabled={selected.length === 0 || busy}
            onClick={() => setMoveOpen(true)}
          >
            移动到栏目
          </Button>
          <Button
            icon={<StopOutlined />}
            disabled={selected.length === 0 || busy}
            onClick={() => confirmBulk('unpublish')}
          >
            撤销发布
          </Button>
          <Button
            danger
            icon={<DeleteOutlined />}
            disabled={selected.length === 0 || busy}
            onClick={() => confirmBulk('delete')}
          >
            删除
          </Button>
          {selected.length > 0 && (
            <Button type="link" onClick={() => setSelected([])}>
              取消选择
            </Button>
          )}
        </Space>
        <Table<ArticleRow>
          rowKey="id"
          size="middle"
          loading={loading}
          columns={tableColumns}
          dataSource={rows}
          rowSelection={{
            selectedRowKeys: selected,
            preserveSelectedRowKeys: true,
            onChange: (keys) => setSelected(keys.map(Number)),
            getCheckboxProps: (r) => ({ 'aria-label': `选择“${r.title}”` }),
          }}
          locale={{ emptyText: '暂无符合条件的信息' }}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100],
            showQuickJumper: true,
            showTotal: (n) => `共 ${n} 条`,
            onChange: setPage,
          }}
        />
      </Card>

      <Modal
        open={moveOpen}
        title={`将选中的 ${selected.length} 条信息移动到栏目`}
        okText="移动"
        cancelText="取消"
        okButtonProps={{ disabled: !moveTarget, loading: busy }}
        onOk={() => moveTarget && void runBulk('move', moveTarget)}
        onCancel={() => setMoveOpen(false)}
        destroyOnHidden
      >
        <Form layout="vertical" name="article-move">
          <Form.Item
            label="目标栏目"
            htmlFor="article-move_columnId"
            extra="信息的主栏目改为该栏目，同时发布到的其他栏目保持不变。"
          >
            <TreeSelect
              id="article-move_columnId"
              treeData={placeableTree}
              value={moveTarget}
              onChange={(v: number) => setMoveTarget(v)}
              showSearch
              treeNodeFilterProp="title"
              treeDefaultExpandAll
              placeholder="请选择栏目"
              style={{ width: '100%' }}
            />
          </Form.Item>
        </Form>
      </Modal>

      <Modal
        open={result !== null}
        title={result ? `${BULK_LABELS[result.action]}结果` : ''}
        onCancel={() => setResult(null)}
        footer={
          <Button type="primary" onClick={() => setResult(null)}>
            知道了
          </Button>
        }
      >
        {result && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Alert
              type={
                result.data.failed === 0
                  ? 'success'
                  : result.data.succeeded === 0
                    ? 'error'
                    : 'warning'
              }
              showIcon
              title={`成功 ${result.data.succeeded} 条，失败 ${result.data.failed} 条`}
            />
            {result.data.failed > 0 && (
              <List
                size="small"
                header="未能处理的信息（仍保持选中）："
                dataSource={result.data.results.filter((r) => !r.ok)}
                renderItem={(r) => (
                  <List.Item>
                    <Typography.Text>
                      {titles.get(r.id) ?? `信息 ${r.id}`}：
                      <Typography.Text type="danger">{r.reason ?? '操作失败'}</Typography.Text>
                    </Typography.Text>
                  </List.Item>
                )}
              />
            )}
          </Space>
        )}
      </Modal>
    </Space>
  )
}
