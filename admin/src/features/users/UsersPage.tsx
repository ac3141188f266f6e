import type { Role } from '../../../../common/permissions'
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons'
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  Form,
  Input,
  Modal,
  Popconfirm,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  TreeSelect,
  Typography,
} from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useCallback, useMemo, useState } from 'react'
import { CLUSTER_ADMIN_LABEL, ROLE_LABELS } from '../../../../common/permissions'
import { formatDateTime } from '../../../../common/time'
import { usePagedList } from '../../shell/usePagedList'
import { api, ApiError, formErrors } from '../../api'
import { downloadFile } from '../../download'
import { LoadError } from '../../shell/LoadError'
import { siteTree } from '../../shell/AppLayout'
import { useSession } from '../../shell/session'
import { GrantsFields, toGrants, type GrantsValues } from './GrantsFields'
import { UserImportModal } from './UserImportModal'

interface Grant {
  siteId: number | null
  role: Role
}

interface User {
  id: number
  username: string
  displayName: string
  email: string
  phone: string
  unit: string
  status: 'active' | 'disabled'
  locked: boolean
  mustChangePassword: boolean
  lastLoginAt: string | null
  createdAt: string
  grants: Grant[]
}

interface ProfileValues {
  username: string
  displayName: string
  unit?: string
  phone?: string
  email?: string
}

type Filters = { keyword?: string; status?: 'active' | 'disabled'; siteId?: number }

/** A password shown once, after creating a user or resetting a password. */
interface Secret {
  title: string
  username: string
  password: string
}

type Dialog =
  | { kind: 'create' }
  | { kind: 'edit'; user: User }
  | { kind: 'grants'; user: User }
  | { kind: 'import' }
  | null

/** Field errors from the server; list indexes (`grants.0.siteId`) become numbers for AntD. */
function serverFields(e: unknown) {
  const r = formErrors(e)
  return {
    message: r.message,
    fields: r.fields.map((f) => ({
      name: f.name.map((p: string) => (/^\d+$/.test(p) ? Number(p) : p)),
      errors: f.errors,
    })),
  }
}

/** 用户与角色: accounts, their roles per site, import from Excel and export. */
export default function UsersPage() {
  const { session, sites, refresh } = useSession()
  const { message } = App.useApp()
  const isClusterAdmin = Boolean(session?.isClusterAdmin)
  const [filters, setFilters] = useState<Filters>({})
  const [page, setPage] = useState(1)
  const [pageSize, setPageSize] = useState(20)
  const [dialog, setDialog] = useState<Dialog>(null)
  const [secret, setSecret] = useState<Secret | null>(null)
  const [saving, setSaving] = useState(false)
  const [exporting, setExporting] = useState(false)
  const [form] = Form.useForm<ProfileValues & GrantsValues>()

  /** Sites on which the actor may hand out roles. */
  const grantable = useMemo(
    () =>
      isClusterAdmin
        ? sites
        : sites.filter((s) => session?.grants.some((g) => g.siteId === s.id && g.role === 'admin')),
    [isClusterAdmin, sites, session],
  )
  const siteName = useMemo(() => new Map(sites.map((s) => [s.id, s.name])), [sites])
  const inReach = useCallback(
    (siteId: number | null) => isClusterAdmin || grantable.some((s) => s.id === siteId),
    [isClusterAdmin, grantable],
  )

  const { rows, total, loading, error, load } = usePagedList<User>(
    '/users',
    filters,
    page,
    pageSize,
    '用户列表加载失败',
  )

  const applyFilters = (next: Filters) => {
    setPage(1)
    setFilters((f) => ({ ...f, ...next }))
  }

  const openDialog = (d: Dialog) => {
    form.resetFields()
    if (d?.kind === 'edit') {
      const { displayName, unit, phone, email } = d.user
      form.setFieldsValue({ displayName, unit, phone, email })
    }
    if (d?.kind === 'grants') {
      form.setFieldsValue({
        clusterAdmin: d.user.grants.some((g) => g.siteId === null && g.role === 'admin'),
        grants: d.user.grants
          .filter((g) => g.siteId !== null && inReach(g.siteId))
          .map((g) => ({ siteId: g.siteId ?? undefined, role: g.role })),
      })
    }
    if (d?.kind === 'create') form.setFieldsValue({ grants: [{ role: 'editor' }] })
    setDialog(d)
  }

  const save = async () => {
    if (!dialog) return
    let values: ProfileValues & GrantsValues
    try {
      values = await form.validateFields()
    } catch {
      message.error('请检查标红的字段')
      return
    }
    setSaving(true)
    try {
      if (dialog.kind === 'create') {
        const res = await api.post<{ data: User & { generatedPassword: string | null } }>(
          '/users',
          {
            username: values.username.trim(),
            displayName: values.displayName.trim(),
            unit: values.unit?.trim() ?? '',
            phone: values.phone?.trim() ?? '',
            email: values.email?.trim() ?? '',
            grants: toGrants(values),
          },
        )
        message.success(`已新建用户“${res.data.displayName}”`)
        if (res.data.generatedPassword) {
          setSecret({
            title: '用户已创建',
            username: res.data.username,
            password: res.data.generatedPassword,
          })
        }
      } else if (dialog.kind === 'edit') {
        await api.patch(`/users/${dialog.user.id}`, {
          displayName: values.displayName.trim(),
          unit: values.unit?.trim() ?? '',
          phone: values.phone?.trim() ?? '',
          email: values.email?.trim() ?? '',
        })
        message.success('已保存')
      } else if (dialog.kind === 'grants') {
        await api.put(`/users/${dialog.user.id}/grants`, { grants: toGrants(values) })
        message.success('角色已更新')
        if (dialog.user.id === session?.user.id) await refresh()
      }
      setDialog(null)
      await load()
    } catch (e) {
      const r = serverFields(e)
      form.setFields(r.fields as Parameters<typeof form.setFields>[0])
      message.error(r.message)
    } finally {
      setSaving(false)
    }
  }

  const setStatus = async (u: User, status: 'active' | 'disabled') => {
    try {
      await api.patch(`/users/${u.id}`, { status })
      message.success(
        status === 'disabled' ? `已停用“${u.displayName}”` : `已启用“${u.displayName}”`,
      )
      await load()
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '操作失败，请稍后重试')
    }
  }

  const resetPassword = async (u: User) => {
    try {
      const res = await api.post<{ data: { password: string } }>(`/users/${u.id}/reset-password`)
      setSecret({ title: '密码已重置', username: u.username, password: res.data.password })
      await load()
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '操作失败，请稍后重试')
    }
  }

  const exportXlsx = async () => {
    setExporting(true)
    try {
      await downloadFile('/users/export.xlsx', filters)
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '导出失败，请稍后重试')
    } finally {
      setExporting(false)
    }
  }

  const grantTag = (g: Grant) =>
    g.siteId === null ? (
      <Tag color="#a8071a" key="cluster">
        {CLUSTER_ADMIN_LABEL}
      </Tag>
    ) : (
      <Tag color={g.role === 'admin' ? '#ad4e00' : '#0050b3'} key={`${g.siteId}:${g.role}`}>
        {siteName.get(g.siteId) ?? `站点 ${g.siteId}`}：{ROLE_LABELS[g.role]}
      </Tag>
    )

  const isSelf = (u: User) => u.id === session?.user.id

  const columns: ColumnsType<User> = [
    {
      title: '用户',
      dataIndex: 'username',
      render: (_, u) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong>{u.displayName}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {u.username}
          </Typography.Text>
        </Space>
      ),
    },
    { title: '单位', dataIndex: 'unit', render: (v: string) => v || '—' },
    { title: '电话', dataIndex: 'phone', width: 130, render: (v: string) => v || '—' },
    {
      title: '角色',
      key: 'grants',
      render: (_, u) =>
        u.grants.length ? (
          <Space size={[0, 4]} wrap>
            {u.grants.slice(0, 4).map(grantTag)}
            {u.grants.length > 4 && (
              <Tooltip title={<div>{u.grants.slice(4).map(grantTag)}</div>}>
                <Tag>等 {u.grants.length} 个</Tag>
              </Tooltip>
            )}
          </Space>
        ) : (
          <Typography.Text type="secondary">无角色</Typography.Text>
        ),
    },
    {
      title: '状态',
      key: 'status',
      width: 110,
      render: (_, u) => (
        <Space size={[0, 4]} wrap>
          {u.status === 'active' ? <Tag color="#237804">正常</Tag> : <Tag>已停用</Tag>}
          {u.locked && <Tag color="#ad2102">已锁定</Tag>}
          {u.mustChangePassword && <Tag color="#874d00">待改密码</Tag>}
        </Space>
      ),
    },
    {
      title: '最近登录',
      dataIndex: 'lastLoginAt',
      width: 150,
      render: (v: string | null) => (v ? formatDateTime(v) : '从未登录'),
    },
    {
      title: '操作',
      key: 'actions',
      width: 250,
      render: (_, u) => (
        <Space size={0} wrap>
          <Button
            type="link"
            size="small"
            onClick={() => openDialog({ kind: 'edit', user: u })}
            aria-label={`编辑${u.displayName}`}
          >
            编辑
          </Button>
          <Button
            type="link"
            size="small"
            onClick={() => openDialog({ kind: 'grants', user: u })}
            aria-label={`设置${u.displayName}的角色`}
          >
            角色
          </Button>
          {!isSelf(u) && (
            <Popconfirm
              title={`重置“${u.displayName}”的密码？`}
              description="将生成新的一次性密码，用户须在下次登录时修改；其现有登录会被注销。"
              okText="重置"
              cancelText="取消"
              onConfirm={() => resetPassword(u)}
            >
              <Button type="link" size="small" aria-label={`重置密码：${u.displayName}`}>
                重置密码
              </Button>
            </Popconfirm>
          )}
          {!isSelf(u) &&
            (u.status === 'active' ? (
              <Popconfirm
                title={`停用“${u.displayName}”？`}
                description="停用后该用户无法登录，已登录的会话立即失效。"
                okText="停用"
                okButtonProps={{ danger: true }}
                cancelText="取消"
                onConfirm={() => setStatus(u, 'disabled')}
              >
                <Button type="link" size="small" danger aria-label={`停用${u.displayName}`}>
                  停用
                </Button>
              </Popconfirm>
            ) : (
              <Button
                type="link"
                size="small"
                onClick={() => void setStatus(u, 'active')}
                aria-label={`启用${u.displayName}`}
              >
                启用
              </Button>
            ))}
        </Space>
      ),
    },
  ]

  const outOfReach =
    dialog?.kind === 'grants'
      ? dialog.user.grants.filter((g) => g.siteId !== null && !inReach(g.siteId))
      : []

  return (
    <Card
      title={<h1 style={{ fontSize: 18, margin: 0 }}>用户与角色</h1>}
      extra={
        <Space wrap>
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportXlsx()}>
            导出 Excel
          </Button>
          <Button icon={<UploadOutlined />} onClick={() => setDialog({ kind: 'import' })}>
            导入用户
          </Button>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => openDialog({ kind: 'create' })}
          >
            新建用户
          </Button>
        </Space>
      }
    >
      <Space wrap size="middle" style={{ marginBottom: 16 }}>
        <Space>
          <label htmlFor="users-keyword">搜索</label>
          <Input.Search
            id="users-keyword"
            allowClear
            placeholder="用户名、姓名、单位"
            style={{ width: 240 }}
            onSearch={(v) => applyFilters({ keyword: v.trim() || undefined })}
          />
        </Space>
        <Space>
          <label htmlFor="users-status">状态</label>
          <Select
            id="users-status"
            allowClear
            placeholder="全部"
            style={{ width: 120 }}
            value={filters.status}
            onChange={(v) => applyFilters({ status: v })}
            options={[
              { value: 'active', label: '正常' },
              { value: 'disabled', label: '已停用' },
            ]}
          />
        </Space>
        <Space>
          <label htmlFor="users-site">站点</label>
          <TreeSelect
            id="users-site"
            allowClear
            showSearch
            treeNodeFilterProp="title"
            placeholder="全部站点"
            style={{ width: 260 }}
            value={filters.siteId}
            treeData={siteTree(grantable)}
            onChange={(v) => applyFilters({ siteId: typeof v === 'number' ? v : undefined })}
          />
        </Space>
      </Space>
      <LoadError error={error} onRetry={() => void load()} />
      <Table<User>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={{ spinning: loading, tip: '加载中' }}
        locale={{ emptyText: <Empty description={loading ? '加载中' : '没有符合条件的用户'} /> }}
        pagination={{
          current: page,
          pageSize,
          total,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (t) => `共 ${t} 个用户`,
          onChange: (p, ps) => {
            setPage(ps !== pageSize ? 1 : p)
            setPageSize(ps)
          },
        }}
      />

      <Modal
        open={dialog?.kind === 'create' || dialog?.kind === 'edit' || dialog?.kind === 'grants'}
        width={dialog?.kind === 'edit' ? 560 : 680}
        title={
          dialog?.kind === 'create'
            ? '新建用户'
            : dialog?.kind === 'edit'
              ? `编辑用户：${dialog.user.displayName}`
              : dialog?.kind === 'grants'
                ? `设置角色：${dialog.user.displayName}（${dialog.user.username}）`
                : ''
        }
        okText="保存"
        cancelText="取消"
        confirmLoading={saving}
        onOk={() => void save()}
        onCancel={() => setDialog(null)}
        forceRender
      >
        <Form form={form} name="user" layout="vertical" onFinish={() => void save()}>
          {(dialog?.kind === 'create' || dialog?.kind === 'edit') && (
            <Row gutter={16}>
              {dialog.kind === 'create' && (
                <Col span={12}>
                  <Form.Item
                    label="用户名"
                    name="username"
                    extra="3–64 位字母、数字或 _ . @ -，用于登录"
                    rules={[
                      { required: true, message: '请填写用户名' },
                      { min: 3, max: 64, message: '用户名须为 3–64 个字符' },
                      { pattern: /^[A-Za-z0-9_.@-]+$/, message: '只能包含字母、数字和 _ . @ -' },
                    ]}
                  >
                    <Input autoComplete="off" />
                  </Form.Item>
                </Col>
              )}
              <Col span={12}>
                <Form.Item
                  label="姓名"
                  name="displayName"
                  rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}
                >
                  <Input maxLength={100} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item label="单位" name="unit">
                  <Input maxLength={200} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item label="电话" name="phone">
                  <Input maxLength={32} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item
                  label="邮箱"
                  name="email"
                  rules={[{ type: 'email', message: '邮箱格式有误' }]}
                >
                  <Input maxLength={200} />
                </Form.Item>
              </Col>
              {dialog.kind === 'create' && (
                <Col span={24}>
                  <Alert
                    type="info"
                    showIcon
                    style={{ marginBottom: 16 }}
                    message="系统将生成一次性初始密码，保存后显示一次；用户首次登录时须修改密码。"
                  />
                </Col>
              )}
            </Row>
          )}
          {(dialog?.kind === 'create' || dialog?.kind === 'grants') && (
            <>
              {dialog.kind === 'create' && <Typography.Title level={5}>站点角色</Typography.Title>}
              {outOfReach.length > 0 && (
                <Alert
                  type="info"
                  showIcon
                  style={{ marginBottom: 16 }}
                  message="该用户在您不管理的站点还有以下角色，将保持不变："
                  description={<Space wrap>{outOfReach.map(grantTag)}</Space>}
                />
              )}
              <GrantsFields sites={grantable} canGrantCluster={isClusterAdmin} />
            </>
          )}
        </Form>
      </Modal>

      {dialog?.kind === 'import' && (
        <UserImportModal onClose={() => setDialog(null)} onImported={() => void load()} />
      )}

      <Modal
        open={secret !== null}
        title={secret?.title}
        maskClosable={false}
        closable={false}
        footer={
          <Button type="primary" onClick={() => setSecret(null)}>
            我已记下，关闭
          </Button>
        }
      >
        {secret && (
          <>
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              message="密码只显示这一次，请复制后安全地交给用户。用户登录后须立即修改密码。"
            />
            <p>
              用户名：<Typography.Text strong>{secret.username}</Typography.Text>
            </p>
            <p>
              初始密码：
              <Typography.Text
                code
                copyable={{ text: secret.password, tooltips: ['复制密码', '已复制'] }}
                style={{ fontSize: 18 }}
              >
                {secret.password}
              </Typography.Text>
            </p>
          </>
        )}
      </Modal>
    </Card>
  )
}
