import { App, Alert, Button, Card, Popconfirm, Space, Table, Typography, Empty } from 'antd'
import type { TableColumnsType } from 'antd'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { Link } from 'react-router-dom'
import { formatDateTime } from '../../../../common/time'
import { api, ApiError, formErrors } from '../../api'
import { LoadError } from '../../shell/LoadError'
import { useSession } from '../../shell/session'
import type { Level, Workflow } from './review-api'
import { levelHolders } from './review-labels'
import { useSiteUsers } from './workflow-hooks'
import { cleanLevels, levelProblems } from './workflow-levels'
import { WorkflowLevelsEditor } from './WorkflowLevelsEditor'

/** 审核流程 (site admins): the site's default review levels and the columns that override them. */
export default function WorkflowPage() {
  const { site, role } = useSession()
  const { message } = App.useApp()
  const siteId = site?.id
  const isAdmin = role === 'admin'
  const [workflows, setWorkflows] = useState<Workflow[]>([])
  const [levels, setLevels] = useState<Level[]>([])
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const [dirty, setDirty] = useState(false)
  const [showProblems, setShowProblems] = useState(false)
  const { users, error: usersError } = useSiteUsers(siteId, isAdmin)

  const load = useCallback(async () => {
    if (!siteId) return
    setLoading(true)
    setError(null)
    try {
      const res = await api.get<{ data: Workflow[] }>(`/sites/${siteId}/workflows`)
      setWorkflows(res.data)
      setLevels(res.data.find((w) => w.columnId === null)?.levels ?? [])
      setDirty(false)
      setShowProblems(false)
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '审核流程加载失败')
    } finally {
      setLoading(false)
    }
  }, [siteId])

  useEffect(() => {
    void load()
  }, [load])

  const problems = useMemo(() => levelProblems(levels), [levels])
  const siteDefault = workflows.find((w) => w.columnId === null)
  const overrides = workflows.filter((w) => w.columnId !== null)
  const userName = useCallback(
    (id: number) => {
      const u = users.find((x) => x.id === id)
      return u ? u.displayName || u.username : `用户 #${id}`
    },
    [users],
  )

  const save = async () => {
    if (!siteId) return
    if (problems.size > 0) {
      setShowProblems(true)
      message.error('请按提示完善审核级别')
      return
    }
    setSaving(true)
    try {
      await api.put(`/sites/${siteId}/workflows`, { columnId: null, levels: cleanLevels(levels) })
      message.success(
        levels.length ? `已保存：${levels.length} 级审核` : '已保存：本站信息无需审核',
      )
      await load()
    } catch (e) {
      message.error(formErrors(e).message)
    } finally {
      setSaving(false)
    }
  }

  const removeOverride = async (w: Workflow) => {
    try {
      await api.del(`/sites/${w.siteId}/workflows/${w.id}`)
      message.success(`“${w.columnName ?? '栏目'}”已恢复继承`)
      await load()
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '操作失败')
    }
  }

  if (!isAdmin) {
    return <Alert type="info" showIcon title="只有站点管理员可以设置审核流程。" />
  }

  const columns: TableColumnsType<Workflow> = [
    {
      title: '栏目',
      dataIndex: 'columnName',
      render: (n: string | null) => n ?? '（已删除的栏目）',
    },
    {
      title: '审核级别',
      dataIndex: 'levels',
      render: (ls: Level[]) =>
        ls.length === 0 ? (
          <Typography.Text type="secondary">不需审核</Typography.Text>
        ) : (
          <ol style={{ margin: 0, paddingInlineStart: 20 }}>
            {ls.map((l, i) => (
              <li key={i}>
                {l.name}：{levelHolders(l, userName)}
              </li>
            ))}
          </ol>
        ),
    },
    {
      title: '更新时间',
      dataIndex: 'updatedAt',
      width: 150,
      render: (v: string) => formatDateTime(v),
    },
    {
      title: '操作',
      key: 'actions',
      width: 120,
      render: (_: unknown, w) => (
        <Popconfirm
          title="恢复继承？"
          description="该栏目及其下级栏目将使用上级栏目或站点默认的审核流程。"
          okText="恢复继承"
          cancelText="取消"
          onConfirm={() => removeOverride(w)}
        >
          <Button type="link" size="small" aria-label={`“${w.columnName ?? ''}”恢复继承`}>
            恢复继承
          </Button>
        </Popconfirm>
      ),
    },
  ]

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        审核流程
        <Typography.Text
          type="secondary"
          style={{ fontSize: 14, marginLeft: 12, fontWeight: 'normal' }}
        >
          {site?.name}
        </Typography.Text>
      </Typography.Title>
      <LoadError error={error} onRetry={() => void load()} />
      {usersError && <Alert type="warning" showIcon title={usersError} />}
      <Card
        size="small"
        loading={loading}
        title="站点默认流程"
        extra={
          <Space>
            {dirty && <Typography.Text type="secondary">有未保存的修改</Typography.Text>}
            <Button onClick={() => void load()} disabled={!dirty || saving}>
              放弃修改
            </Button>
            <Button type="primary" loading={saving} onClick={() => void save()}>
              保存
            </Button>
          </Space>
        }
      >
        <Typography.Paragraph type="secondary">
          本站所有栏目默认使用此流程；信息须逐级审核通过后才能发布，已发布信息的修改稿同样须审核。
          每一级由所选角色的任一成员或指定人员审核。
          {siteDefault ? `最近修改于 ${formatDateTime(siteDefault.updatedAt)}。` : '尚未设置。'}
        </Typography.Paragraph>
        <WorkflowLevelsEditor
          idPrefix="site-workflow"
          value={levels}
          onChange={(l) => {
            setLevels(l)
            setDirty(true)
          }}
          users={users}
          problems={showProblems ? problems : new Map()}
        />
      </Card>
      <Card size="small" title="单独设置流程的栏目">
        <Typography.Paragraph type="secondary">
          栏目的流程对其下级栏目同样有效。要为栏目单独设置，请到{' '}
          <Link to="/columns" style={{ textDecoration: 'underline' }}>
            栏目管理
          </Link>{' '}
          选中栏目后在“审核流程”中设置。
        </Typography.Paragraph>
        <Table<Workflow>
          rowKey="id"
          size="small"
          loading={loading}
          columns={columns}
          dataSource={overrides}
          pagination={false}
          locale={{ emptyText: <Empty description="所有栏目都使用站点默认流程" /> }}
        />
      </Card>
    </Space>
  )
}
