import { DownloadOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons'
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Input,
  Modal,
  Popconfirm,
  Result,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useCallback, useEffect, useMemo, useState, type Key } from 'react'
import {
  SITE_KIND_LABELS,
  SITE_STATUS_LABELS,
  type SiteKind,
  type SiteStatus,
} from '../../../../common/enums'
import { formatDateTime } from '../../../../common/time'
import { api, ApiError } from '../../api'
import { downloadFile } from '../../download'
import { LoadError } from '../../shell/LoadError'
import { useSession } from '../../shell/session'
import { SharingDrawer } from '../cluster/SharingDrawer'
import { SiteFormDrawer } from './SiteFormDrawer'
import type { SiteDetail } from './site-types'

const STATUS_COLOR: Record<SiteStatus, string> = {
  open: '#237804',
  closed: '#ad4e00',
  archived: 'default',
}
const KIND_COLOR: Record<SiteKind, string> = {
  portal: '#a8071a',
  channel: '#0050b3',
  standalone: '#531dab',
}

type Row = SiteDetail & { children?: Row[] }

/** 站点管理 (cluster admins): every portal, channel and standalone site of the cluster. */
export default function SitesPage() {
  const { session, refreshSites } = useSession()
  const { message } = App.useApp()
  const [sites, setSites] = useState<SiteDetail[]>([])
  const [loading, setLoading] = useState(true)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [kind, setKind] = useState<SiteKind | 'all'>('all')
  const [status, setStatus] = useState<SiteStatus | undefined>()
  const [keyword, setKeyword] = useState('')
  const [editing, setEditing] = useState<SiteDetail | 'new' | null>(null)
  const [sharing, setSharing] = useState<SiteDetail | null>(null)
  const [closing, setClosing] = useState<SiteDetail | null>(null)
  const [notice, setNotice] = useState('')
  const [noticeError, setNoticeError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [exporting, setExporting] = useState(false)
  const [expanded, setExpanded] = useState<readonly Key[] | null>(null)

  const load = useCallback(async () => {
    setLoading(true)
    setLoadError(null)
    try {
      const res = await api.get<{ data: SiteDetail[] }>('/sites')
      setSites(res.data)
      // Portals start unfolded, so their channels show at once; later the user's choice holds.
      setExpanded((e) => e ?? res.data.filter((s) => s.kind === 'portal').map((s) => s.id))
    } catch (e) {
      setLoadError(e instanceof ApiError ? e.message : '站点列表加载失败')
    } finally {
      setLoading(false)
    }
  }, [])

  useEffect(() => {
    void load()
  }, [load])

  const byId = useMemo(() => new Map(sites.map((s) => [s.id, s])), [sites])

  const rows = useMemo<Row[]>(() => {
    const kw = keyword.trim().toLowerCase()
    const match = (s: SiteDetail) =>
      (kind === 'all' || s.kind === kind) &&
      (!status || s.status === status) &&
      (!kw ||
        [s.code, s.name, s.shortName, s.grouping, s.sponsor, ...s.hosts].some((v) =>
          v.toLowerCase().includes(kw),
        ))
    const flat = sites.filter(match)
    // Unfiltered: portals with their channels nested beneath, then standalone sites.
    if (kind !== 'all' || kw) return flat
    const portals = flat.filter((s) => s.kind === 'portal')
    const nested = new Set<number>()
    const tree: Row[] = portals.map((p) => {
      const children = flat.filter((c) => c.kind === 'channel' && c.parentId === p.id)
      children.forEach((c) => nested.add(c.id))
      return children.length ? { ...p, children } : p
    })
    return [...tree, ...flat.filter((s) => s.kind !== 'portal' && !nested.has(s.id))]
  }, [sites, kind, status, keyword])

  const counts = useMemo(() => {
    const c: Record<string, number> = { all: sites.length }
    for (const s of sites) c[s.kind] = (c[s.kind] ?? 0) + 1
    return c
  }, [sites])

  if (!session?.isClusterAdmin) {
    return <Result status="403" title="没有权限" subTitle="站点管理仅对平台管理员开放。" />
  }

  const changed = async () => {
    await Promise.all([load(), refreshSites().catch(() => undefined)])
  }

  const setSiteStatus = async (site: SiteDetail, next: SiteStatus, closeNotice?: string) => {
    setBusy(true)
    try {
      await api.post(`/sites/${site.id}/status`, { status: next, notice: closeNotice })
      message.success(
        next === 'open'
          ? `已开通“${site.name}”`
          : next === 'closed'
            ? `已关停“${site.name}”`
            : `已归档“${site.name}”`,
      )
      await changed()
      return true
    } catch (e) {
      const err = e instanceof ApiError ? e : null
      if (err?.fields.notice) setNoticeError(err.fields.notice)
      message.error(err?.message ?? '操作失败，请稍后重试')
      return false
    } finally {
      setBusy(false)
    }
  }

  const exportXlsx = async () => {
    setExporting(true)
    try {
      await downloadFile('/sites/export.xlsx', {
        kind: kind === 'all' ? undefined : kind,
        status,
        keyword: keyword.trim() || undefined,
      })
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '导出失败，请稍后重试')
    } finally {
      setExporting(false)
    }
  }

  const columns: ColumnsType<Row> = [
    {
      title: '网站名称',
      dataIndex: 'name',
      render: (_, s) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong>{s.name}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            代码：{s.code}
            {s.isDefault ? '（默认门户）' : ''}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: '类型',
      dataIndex: 'kind',
      width: 130,
      render: (k: SiteKind) => <Tag color={KIND_COLOR[k]}>{SITE_KIND_LABELS[k]}</Tag>,
    },
    {
      title: '访问地址',
      key: 'address',
      render: (_, s) =>
        s.kind === 'channel' ? (
          <span>
            {byId.get(s.parentId ?? 0)?.shortName ||
              byId.get(s.parentId ?? 0)?.name ||
              '（无上级门户）'}
            <Typography.Text code>{s.basePath}</Typography.Text>
          </span>
        ) : s.hosts.length ? (
          s.hosts.map((h) => <Tag key={h}>{h}</Tag>)
        ) : (
          <Typography.Text type="secondary">未绑定域名</Typography.Text>
        ),
    },
    { title: '分组', dataIndex: 'grouping', width: 90, render: (g: string) => g || '—' },
    {
      title: '状态',
      dataIndex: 'status',
      width: 150,
      render: (st: SiteStatus, s) => {
        const tag = <Tag color={STATUS_COLOR[st]}>{SITE_STATUS_LABELS[st]}</Tag>
        return st !== 'open' && s.closedNotice ? (
          <Tooltip title={`关停公告：${s.closedNotice}（${formatDateTime(s.closedAt)}）`}>
            {tag}
          </Tooltip>
        ) : (
          tag
        )
      },
    },
    { title: '网站标识码', dataIndex: 'siteIdCode', width: 120, render: (v: string) => v || '—' },
    { title: '排序', dataIndex: 'sort', width: 70 },
    {
      title: '操作',
      key: 'actions',
      width: 260,
      render: (_, s) => (
        <Space size={4} wrap>
          <Button
            type="link"
            size="small"
            onClick={() => setEditing(s)}
            aria-label={`编辑${s.name}`}
          >
            编辑
          </Button>
          <Button
            type="link"
            size="small"
            onClick={() => setSharing(s)}
            aria-label={`${s.name}的共享设置`}
          >
            共享设置
          </Button>
          {s.status === 'open' ? (
            <Button
              type="link"
              size="small"
              danger
              aria-label={`关停${s.name}`}
              onClick={() => {
                setNotice(s.closedNotice || `${s.name}已关停，相关信息请访问上级门户网站。`)
                setNoticeError(null)
                setClosing(s)
              }}
            >
              关停
            </Button>
          ) : (
            <Popconfirm
              title={`重新开通“${s.name}”？`}
              description="开通后网站恢复正常访问，关停公告不再显示。"
              okText="开通"
              cancelText="取消"
              onConfirm={() => setSiteStatus(s, 'open')}
            >
              <Button type="link" size="small" aria-label={`开通${s.name}`}>
                开通
              </Button>
            </Popconfirm>
          )}
          {s.status !== 'archived' && (
            <Popconfirm
              title={`归档“${s.name}”？`}
              description="归档后网站不再对外提供访问，内容保留，可随时重新开通。"
              okText="归档"
              okButtonProps={{ danger: true }}
              cancelText="取消"
              onConfirm={() => setSiteStatus(s, 'archived', s.closedNotice || `${s.name}已归档。`)}
            >
              <Button type="link" size="small" danger aria-label={`归档${s.name}`}>
                归档
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ]

  return (
    <Card
      title={<h1 style={{ fontSize: 18, margin: 0 }}>站点管理</h1>}
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} onClick={() => void load()} aria-label="刷新站点列表">
            刷新
          </Button>
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportXlsx()}>
            导出 Excel
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            新建站点
          </Button>
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }} size="middle">
        <Segmented
          aria-label="按站点类型筛选"
          value={kind}
          onChange={(v) => setKind(v as SiteKind | 'all')}
          options={[
            { value: 'all', label: `全部（${counts.all ?? 0}）` },
            { value: 'portal', label: `门户（${counts.portal ?? 0}）` },
            { value: 'channel', label: `频道（${counts.channel ?? 0}）` },
            { value: 'standalone', label: `独立网站（${counts.standalone ?? 0}）` },
          ]}
        />
        <Space>
          <label htmlFor="sites-status">状态</label>
          <Select
            id="sites-status"
            allowClear
            placeholder="全部状态"
            style={{ width: 170 }}
            value={status}
            onChange={(v) => setStatus(v)}
            options={(Object.keys(SITE_STATUS_LABELS) as SiteStatus[]).map((k) => ({
              value: k,
              label: SITE_STATUS_LABELS[k],
            }))}
          />
        </Space>
        <Space>
          <label htmlFor="sites-keyword">搜索</label>
          <Input.Search
            id="sites-keyword"
            allowClear
            placeholder="名称、代码、域名、主办单位"
            style={{ width: 280 }}
            onSearch={(v) => setKeyword(v)}
            onChange={(e) => !e.target.value && setKeyword('')}
          />
        </Space>
      </Space>
      <LoadError error={loadError} onRetry={() => void load()} />
      <Table<Row>
        rowKey="id"
        size="middle"
        loading={{ spinning: loading, tip: '加载中' }}
        columns={columns}
        dataSource={rows}
        expandable={{
          expandedRowKeys: expanded ?? [],
          onExpandedRowsChange: (keys) => setExpanded(keys),
        }}
        locale={{ emptyText: <Empty description={loading ? '加载中' : '没有符合条件的站点'} /> }}
        pagination={{
          defaultPageSize: 20,
          showSizeChanger: true,
          showTotal: (t) => `共 ${t} 项`,
        }}
      />
      {editing && (
        <SiteFormDrawer
          site={editing === 'new' ? null : editing}
          sites={sites}
          onClose={() => setEditing(null)}
          onSaved={async () => {
            setEditing(null)
            await changed()
          }}
        />
      )}
      <SharingDrawer site={sharing} onClose={() => setSharing(null)} />
      <Modal
        title={closing ? `关停“${closing.name}”` : '关停网站'}
        open={closing !== null}
        okText="确认关停"
        okButtonProps={{ danger: true, loading: busy }}
        cancelText="取消"
        onCancel={() => setClosing(null)}
        onOk={async () => {
          if (!closing) return
          if (!notice.trim()) {
            setNoticeError('请填写向公众展示的关停公告')
            return
          }
          if (await setSiteStatus(closing, 'closed', notice.trim())) setClosing(null)
        }}
        destroyOnHidden
      >
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message="关停后，网站的所有页面将只显示下面的关停公告。"
        />
        <label htmlFor="site-close-notice" style={{ display: 'block', marginBottom: 4 }}>
          <span style={{ color: '#b4000f' }}>* </span>关停公告
        </label>
        <Input.TextArea
          id="site-close-notice"
          rows={5}
          maxLength={5000}
          showCount
          value={notice}
          status={noticeError ? 'error' : undefined}
          aria-invalid={noticeError ? true : undefined}
          aria-describedby={noticeError ? 'site-close-notice-error' : undefined}
          onChange={(e) => {
            setNotice(e.target.value)
            if (e.target.value.trim()) setNoticeError(null)
          }}
        />
        {noticeError && (
          <div id="site-close-notice-error" role="alert" style={{ color: '#ff4d4f', marginTop: 4 }}>
            {noticeError}
          </div>
        )}
      </Modal>
    </Card>
  )
}
