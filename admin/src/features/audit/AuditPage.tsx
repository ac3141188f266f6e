import { DownloadOutlined, SearchOutlined } from '@ant-design/icons'
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Input,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  TreeSelect,
  Typography,
} from 'antd'
import type { ColumnsType } from 'antd/es/table'
import type { Dayjs } from 'dayjs'
import { useMemo, useState } from 'react'
import {
  AUDIT_ACTION_GROUPS,
  AUDIT_ACTION_LABELS,
  AUDIT_ENTITY_LABELS,
  auditActionLabel,
} from '../../../../common/audit-actions'
import { formatDateTime } from '../../../../common/time'
import { usePagedList } from '../../shell/usePagedList'
import { ApiError } from '../../api'
import { downloadFile } from '../../download'
import { LoadError } from '../../shell/LoadError'
import { siteTree } from '../../shell/AppLayout'
import { useSession } from '../../shell/session'

interface AuditEvent {
  id: number
  at: string
  actorId: number | null
  actorName: string
  ip: string
  action: string
  entity: string
  entityId: string
  siteId: number | null
  diff: unknown
}

interface Filters {
  siteId?: number
  actor?: string
  action?: string
  entity?: string
  range?: [Dayjs | null, Dayjs | null] | null
}

type Query = Record<string, string | number | undefined>

function toQuery(f: Filters): Query {
  return {
    siteId: f.siteId,
    actor: f.actor?.trim() || undefined,
    action: f.action,
    entity: f.entity,
    from: f.range?.[0]?.format('YYYY-MM-DD'),
    to: f.range?.[1]?.format('YYYY-MM-DD'),
  }
}

const ACTION_COLOR: Record<string, string> = {
  auth: 'default',
  user: '#531dab',
  site: '#a8071a',
  column: '#006d75',
  article: '#0050b3',
  file: '#1d39c4',
  template: '#874d00',
}

const KEY_LABELS: Record<string, string> = {
  from: '原值',
  to: '新值',
  reason: '原因',
  username: '用户名',
  displayName: '姓名',
  grants: '角色',
  notice: '公告',
  status: '状态',
  name: '名称',
  title: '标题',
  inserted: '新增',
  updated: '更新',
  ids: '编号',
  created: '已创建',
  failed: '失败',
}

function isEmptyDiff(diff: unknown): boolean {
  if (diff === null || diff === undefined || diff === '') return true
  return typeof diff === 'object' && Object.keys(diff).length === 0
}

function valueText(v: unknown): string {
  if (v === null || v === undefined) return '（空）'
  if (typeof v === 'string') return v || '（空）'
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  return JSON.stringify(v, null, 2)
}

/** The change an event recorded, one line per field; nested values as indented JSON. */
function DiffView({ diff }: { diff: unknown }) {
  if (isEmptyDiff(diff)) return <Typography.Text type="secondary">无详细内容</Typography.Text>
  if (typeof diff !== 'object' || diff === null || Array.isArray(diff)) {
    return <pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{valueText(diff)}</pre>
  }
  const entries = Object.entries(diff as Record<string, unknown>)
  return (
    <Descriptions
      size="small"
      bordered
      column={1}
      styles={{ label: { width: 160 } }}
      items={entries.map(([k, v]) => ({
        key: k,
        label: KEY_LABELS[k] ? `${KEY_LABELS[k]}（${k}）` : k,
        children: (
          <pre
            style={{
              margin: 0,
              whiteSpace: 'pre-wrap',
              wordBreak: 'break-all',
              fontFamily: 'inherit',
            }}
          >
            {valueText(v)}
          </pre>
        ),
      }))}
    />
  )
}

/** 操作日志: who did what, when and from where; filter by site, user, action, date; export. */
export default function AuditPage() {
  const { sites, role } = useSession()
  const { message } = App.useApp()
  const [form] = Form.useForm<Filters>()
  const [query, setQuery] = useState<Query>({})
  const [page, setPage] = useState(1)
  const [pageSize, setPageSize] = useState(20)
  const [exporting, setExporting] = useState(false)

  const siteNames = useMemo(() => new Map(sites.map((s) => [s.id, s.name])), [sites])

  const { rows, total, loading, error, load } = usePagedList<AuditEvent>(
    '/audit',
    query,
    page,
    pageSize,
    '操作日志加载失败',
  )

  const actionOptions = useMemo(
    () => [
      {
        label: '按类别',
        options: Object.entries(AUDIT_ACTION_GROUPS).map(([value, label]) => ({
          value,
          label: `${label}（全部）`,
        })),
      },
      {
        label: '具体操作',
        options: Object.entries(AUDIT_ACTION_LABELS).map(([value, label]) => ({
          value,
          label: `${label}（${value}）`,
        })),
      },
    ],
    [],
  )

  const exportXlsx = async () => {
    setExporting(true)
    try {
      await downloadFile('/audit/export.xlsx', query)
      if (total > 50_000)
        message.warning('导出最多包含最新的 50,000 条记录，请缩小筛选范围导出其余记录')
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '导出失败，请稍后重试')
    } finally {
      setExporting(false)
    }
  }

  const columns: ColumnsType<AuditEvent> = [
    { title: '时间', dataIndex: 'at', width: 150, render: (v: string) => formatDateTime(v) },
    {
      title: '操作人',
      dataIndex: 'actorName',
      width: 140,
      render: (v: string) => v || <Typography.Text type="secondary">（未知）</Typography.Text>,
    },
    {
      title: '操作',
      dataIndex: 'action',
      width: 170,
      render: (a: string) => (
        <Tooltip title={a}>
          <Tag color={ACTION_COLOR[a.split('.')[0] ?? ''] ?? 'default'}>{auditActionLabel(a)}</Tag>
        </Tooltip>
      ),
    },
    {
      title: '对象',
      key: 'entity',
      width: 140,
      render: (_, e) => (
        <span>
          {AUDIT_ENTITY_LABELS[e.entity] ?? e.entity}
          {e.entityId ? ` #${e.entityId}` : ''}
        </span>
      ),
    },
    {
      title: '站点',
      dataIndex: 'siteId',
      render: (id: number | null) =>
        id === null ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          (siteNames.get(id) ?? `站点 ${id}`)
        ),
    },
    { title: 'IP 地址', dataIndex: 'ip', width: 150, render: (v: string) => v || '—' },
  ]

  if (role !== 'admin') {
    return <Alert type="warning" showIcon message="只有站点管理员可以查看操作日志" />
  }

  return (
    <Card
      title={<h1 style={{ fontSize: 18, margin: 0 }}>操作日志</h1>}
      extra={
        <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportXlsx()}>
          导出 Excel
        </Button>
      }
    >
      <Form<Filters>
        form={form}
        name="audit-filter"
        layout="inline"
        style={{ marginBottom: 16, rowGap: 12 }}
        onFinish={(v) => {
          setPage(1)
          setQuery(toQuery(v))
        }}
      >
        <Form.Item label="站点" name="siteId">
          <TreeSelect
            allowClear
            showSearch
            treeNodeFilterProp="title"
            placeholder="全部站点"
            style={{ width: 240 }}
            treeData={siteTree(sites)}
          />
        </Form.Item>
        <Form.Item label="操作人" name="actor">
          <Input allowClear placeholder="用户名" style={{ width: 140 }} />
        </Form.Item>
        <Form.Item label="操作" name="action">
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder="全部操作"
            style={{ width: 220 }}
            options={actionOptions}
          />
        </Form.Item>
        <Form.Item label="对象类型" name="entity">
          <Select
            allowClear
            placeholder="全部"
            style={{ width: 110 }}
            options={Object.entries(AUDIT_ENTITY_LABELS).map(([value, label]) => ({
              value,
              label,
            }))}
          />
        </Form.Item>
        <Form.Item label="日期" name="range">
          <DatePicker.RangePicker allowEmpty={[true, true]} />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
              查询
            </Button>
            <Button
              onClick={() => {
                form.resetFields()
                setPage(1)
                setQuery({})
              }}
            >
              重置
            </Button>
          </Space>
        </Form.Item>
      </Form>
      <LoadError error={error} onRetry={() => void load()} />
      <Table<AuditEvent>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={{ spinning: loading, tip: '加载中' }}
        locale={{
          emptyText: <Empty description={loading ? '加载中' : '没有符合条件的操作记录'} />,
        }}
        expandable={{
          expandedRowRender: (e) => <DiffView diff={e.diff} />,
          rowExpandable: (e) => !isEmptyDiff(e.diff),
        }}
        pagination={{
          current: page,
          pageSize,
          total,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (t) => `共 ${t} 条`,
          onChange: (p, ps) => {
            setPage(ps !== pageSize ? 1 : p)
            setPageSize(ps)
          },
        }}
      />
    </Card>
  )
}
