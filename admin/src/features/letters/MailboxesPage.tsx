import { PlusOutlined } from '@ant-design/icons'
import type { TableColumnsType } from 'antd'
import {
  App,
  Button,
  Card,
  Empty,
  Form,
  Popconfirm,
  Result,
  Space,
  Table,
  Tag,
  TreeSelect,
  Typography,
} from 'antd'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { ApiError } from '../../api'
import { siteTree } from '../../shell/AppLayout'
import { LoadError } from '../../shell/LoadError'
import { useSession } from '../../shell/session'
import { letterApi, type MailboxView } from './letter-api'
import { LetterRoutesEditor } from './LetterRoutesEditor'
import { overrideSummary } from './mailbox-form'
import { MailboxFormModal } from './MailboxFormModal'

/** 信箱管理 (site admins): a site's mailboxes, their limits, and the routing rules. */
export default function MailboxesPage() {
  const { session, sites, site } = useSession()
  const adminSites = useMemo(
    () =>
      session?.isClusterAdmin
        ? sites
        : sites.filter((s) => session?.grants.some((g) => g.siteId === s.id && g.role === 'admin')),
    [session, sites],
  )
  const [siteId, setSiteId] = useState<number | undefined>(() =>
    site && adminSites.some((s) => s.id === site.id) ? site.id : adminSites[0]?.id,
  )
  const tree = useMemo(() => siteTree(adminSites), [adminSites])

  if (adminSites.length === 0) {
    return <Result status="403" title="只有站点管理员可以管理信箱" />
  }
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        信箱管理
      </Typography.Title>
      <Card size="small">
        <Form layout="inline" name="mailbox-site">
          <Form.Item label="站点" htmlFor="mailbox-site-select">
            <TreeSelect
              id="mailbox-site-select"
              showSearch
              treeNodeFilterProp="title"
              treeDefaultExpandAll
              style={{ width: 320 }}
              treeData={tree}
              value={siteId}
              onChange={(v: unknown) => typeof v === 'number' && setSiteId(v)}
              placeholder="选择站点"
            />
          </Form.Item>
        </Form>
      </Card>
      {siteId && <SiteMailboxes key={siteId} siteId={siteId} />}
    </Space>
  )
}

function SiteMailboxes({ siteId }: { siteId: number }) {
  const { message } = App.useApp()
  const [mailboxes, setMailboxes] = useState<MailboxView[]>([])
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<string | null>(null)
  const [editing, setEditing] = useState<MailboxView | 'new' | null>(null)

  const load = useCallback(async () => {
    setLoading(true)
    setError(null)
    try {
      setMailboxes(await letterApi.mailboxes(siteId))
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '信箱加载失败')
    } finally {
      setLoading(false)
    }
  }, [siteId])

  useEffect(() => {
    void load()
  }, [load])

  const remove = async (m: MailboxView) => {
    try {
      await letterApi.deleteMailbox(m.id)
      message.success(`已删除信箱“${m.name}”`)
      await load()
    } catch (e) {
      if (e instanceof ApiError && e.code === 'mailbox_in_use')
        message.error(e.message || '该信箱已有来信，不能删除；可以改为停用')
      else message.error(e instanceof ApiError ? e.message : '删除失败，请稍后重试')
    }
  }

  const columns: TableColumnsType<MailboxView> = [
    { title: '排序', dataIndex: 'sort', width: 70 },
    { title: '代码', dataIndex: 'code', width: 120 },
    {
      title: '名称',
      dataIndex: 'name',
      render: (name: string, m) => (
        <>
          {name}
          {m.description && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {m.description}
            </Typography.Text>
          )}
        </>
      ),
    },
    {
      title: '状态',
      dataIndex: 'enabled',
      width: 80,
      render: (on: boolean) => (on ? <Tag color="#237804">启用</Tag> : <Tag>停用</Tag>),
    },
    {
      title: '时限设置',
      key: 'limits',
      render: (_: unknown, m) => {
        const s = overrideSummary(m.overrides)
        return s.length ? s.join('；') : <Typography.Text type="secondary">默认</Typography.Text>
      },
    },
    { title: '来信', dataIndex: 'letterCount', width: 70 },
    { title: '未办结', dataIndex: 'openCount', width: 80 },
    {
      title: '操作',
      key: 'actions',
      width: 130,
      render: (_: unknown, m) => (
        <Space>
          <Button
            type="link"
            size="small"
            onClick={() => setEditing(m)}
            aria-label={`编辑${m.name}`}
          >
            编辑
          </Button>
          <Popconfirm
            title={`删除信箱“${m.name}”？`}
            description={m.letterCount > 0 ? '该信箱已有来信，不能删除，可改为停用。' : undefined}
            okText="删除"
            cancelText="取消"
            okButtonProps={{ danger: true }}
            onConfirm={() => remove(m)}
          >
            <Button type="link" size="small" danger aria-label={`删除${m.name}`}>
              删除
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ]

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <LoadError error={error} onRetry={() => void load()} />
      <Card
        size="small"
        title="信箱"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            新建信箱
          </Button>
        }
      >
        <Table<MailboxView>
          rowKey="id"
          size="middle"
          loading={loading}
          columns={columns}
          dataSource={mailboxes}
          pagination={false}
          locale={{ emptyText: <Empty description="本站点还没有信箱" /> }}
        />
      </Card>
      <LetterRoutesEditor siteId={siteId} mailboxes={mailboxes} />
      {editing && (
        <MailboxFormModal
          siteId={siteId}
          mailbox={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(m, isNew) => {
            setEditing(null)
            message.success(isNew ? `已新建信箱“${m.name}”` : `已保存信箱“${m.name}”`)
            void load()
          }}
        />
      )}
    </Space>
  )
}
