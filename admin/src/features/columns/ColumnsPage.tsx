import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  DragOutlined,
  EyeInvisibleOutlined,
  PlusOutlined,
  WarningOutlined,
} from '@ant-design/icons'
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
  Row,
  Select,
  Space,
  Spin,
  Switch,
  Tag,
  Tree,
  TreeSelect,
  Typography,
} from 'antd'
import type { TreeDataNode, TreeProps } from 'antd'
import { useCallback, useEffect, useMemo, useState } from 'react'
import {
  COLUMN_TYPE_LABELS,
  COLUMN_TYPES,
  UPDATE_CLASS_LABELS,
  UPDATE_CLASSES,
  type ColumnType,
  type UpdateClass,
} from '../../../../common/enums'
import { formatDate } from '../../../../common/time'
import { api, ApiError, formErrors } from '../../api'
import { useSession } from '../../shell/session'
import { ColumnWorkflowCard } from '../review/ColumnWorkflowCard'
import { DatasetColumnField } from '../datasets/DatasetColumnField'
import { normaliseRule, settingsWithRule } from '../cluster/aggregate-rule'
import { AggregateRuleEditor } from '../cluster/AggregateRuleEditor'
import type { AggregateRule } from '../../../../common/cluster'

interface Column {
  id: number
  siteId: number
  parentId: number | null
  slug: string
  path: string
  name: string
  type: ColumnType
  updateClass: UpdateClass
  sort: number
  visible: boolean
  homeBlock: boolean
  description: string
  keywords: string
  linkUrl: string
  settings?: Record<string, unknown>
  updatedAt: string
}

interface ColumnStats {
  columnId: number
  articles: number
  published: number
  lastPublishedAt: string | null
  deadlineDays: number | null
  daysLeft: number | null
  deadline: 'none' | 'ok' | 'soon' | 'overdue'
}

interface FormValues {
  name: string
  slug: string
  type: ColumnType
  updateClass: UpdateClass
  parentId?: number | null
  visible: boolean
  homeBlock: boolean
  description: string
  keywords: string
  linkUrl: string
  /** `dataset` columns: `settings.datasetCode`. */
  datasetCode?: string | null
  /** `aggregate` columns: `settings.aggregate`. */
  aggregate?: AggregateRule
}

type Editing = { mode: 'edit'; id: number } | { mode: 'create'; parentId: number | null } | null

const ROOT = 0

/** Children of each parent (ROOT for top level), in display order. */
function childrenMap(columns: Column[]): Map<number, Column[]> {
  const map = new Map<number, Column[]>()
  for (const c of columns) {
    const k = c.parentId ?? ROOT
    map.set(k, [...(map.get(k) ?? []), c])
  }
  for (const list of map.values()) list.sort((a, b) => a.sort - b.sort || a.id - b.id)
  return map
}

function descendantsOf(id: number, kids: Map<number, Column[]>): Set<number> {
  const out = new Set<number>()
  const walk = (p: number) => {
    for (const c of kids.get(p) ?? []) {
      out.add(c.id)
      walk(c.id)
    }
  }
  walk(id)
  return out
}

function DeadlineTag({ s }: { s: ColumnStats | undefined }) {
  if (!s || s.deadline === 'none' || s.deadline === 'ok' || s.daysLeft === null) return null
  if (s.deadline === 'overdue') {
    return (
      <Tag color="#a8071a" icon={<WarningOutlined />}>
        {s.lastPublishedAt ? `已超期 ${-s.daysLeft} 天` : '从未更新'}
      </Tag>
    )
  }
  return <Tag color="#ad4e00">{s.daysLeft} 天内需更新</Tag>
}

/** The column tree of the current site: drag and drop, keyboard moves, a form, safe delete. */
export default function ColumnsPage() {
  const { site, role } = useSession()
  const { message, modal } = App.useApp()
  const canManage = role === 'admin'
  const [columns, setColumns] = useState<Column[]>([])
  const [stats, setStats] = useState<Map<number, ColumnStats>>(new Map())
  const [loading, setLoading] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [editing, setEditing] = useState<Editing>(null)
  const [expanded, setExpanded] = useState<number[]>([])
  const [saving, setSaving] = useState(false)
  const [moveOpen, setMoveOpen] = useState(false)
  const [moveTarget, setMoveTarget] = useState<number>(ROOT)
  const [deleting, setDeleting] = useState<Column | null>(null)
  const [deleteTarget, setDeleteTarget] = useState<number | undefined>()
  const [deleteError, setDeleteError] = useState<string | null>(null)
  const [form] = Form.useForm<FormValues>()
  const type = Form.useWatch('type', form)

  const load = useCallback(async () => {
    if (!site) return
    setLoading(true)
    setError(null)
    try {
      const [cols, st] = await Promise.all([
        api.get<{ data: Column[] }>(`/sites/${site.id}/columns`),
        api
          .get<{ data: ColumnStats[] }>(`/sites/${site.id}/columns/stats`)
          .catch(() => ({ data: [] as ColumnStats[] })),
      ])
      setColumns(cols.data)
      setStats(new Map(st.data.map((s) => [s.columnId, s])))
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '加载栏目失败')
    } finally {
      setLoading(false)
    }
  }, [site])

  useEffect(() => {
    setEditing(null)
    setExpanded([])
    void load()
  }, [load])

  const byId = useMemo(() => new Map(columns.map((c) => [c.id, c])), [columns])
  const kids = useMemo(() => childrenMap(columns), [columns])
  const selected = editing?.mode === 'edit' ? byId.get(editing.id) : undefined

  // Fill the form whenever the selection changes.
  useEffect(() => {
    if (editing?.mode === 'edit') {
      const c = byId.get(editing.id)
      if (c) {
        const code = c.settings?.datasetCode
        form.setFieldsValue({
          ...c,
          datasetCode: typeof code === 'string' ? code : null,
          aggregate: normaliseRule(c.settings?.aggregate),
        })
      }
    } else if (editing?.mode === 'create') {
      form.resetFields()
      form.setFieldsValue({
        parentId: editing.parentId,
        type: 'list',
        updateClass: 'news',
        visible: true,
        homeBlock: false,
        description: '',
        keywords: '',
        linkUrl: '',
      })
    }
  }, [editing, byId, form])

  const overdue = useMemo(
    () => [...stats.values()].filter((s) => s.deadline === 'overdue' && byId.has(s.columnId)),
    [stats, byId],
  )
  const soon = useMemo(
    () => [...stats.values()].filter((s) => s.deadline === 'soon' && byId.has(s.columnId)),
    [stats, byId],
  )

  const treeData = useMemo(() => {
    const build = (parent: number): TreeDataNode[] =>
      (kids.get(parent) ?? []).map((c) => {
        const s = stats.get(c.id)
        return {
          key: c.id,
          title: (
            <Space size={6} wrap>
              <span style={{ fontWeight: 500 }}>{c.name}</span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                /{c.path}
              </Typography.Text>
              {c.type !== 'list' && <Tag>{COLUMN_TYPE_LABELS[c.type]}</Tag>}
              {!c.visible && (
                <Tag icon={<EyeInvisibleOutlined />} color="default">
                  隐藏
                </Tag>
              )}
              {s && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {s.articles} 篇
                  {s.lastPublishedAt ? ` · 最近更新 ${formatDate(s.lastPublishedAt)}` : ''}
                </Typography.Text>
              )}
              <DeadlineTag s={s} />
            </Space>
          ),
          children: build(c.id),
        }
      })
    return build(ROOT)
  }, [kids, stats])

  const parentOptions = useMemo(() => {
    const exclude = selected
      ? new Set([selected.id, ...descendantsOf(selected.id, kids)])
      : new Set<number>()
    type Opt = { value: number; title: string; children: Opt[] }
    const build = (parent: number): Opt[] =>
      (kids.get(parent) ?? [])
        .filter((c) => !exclude.has(c.id))
        .map((c) => ({ value: c.id, title: c.name, children: build(c.id) }))
    return [{ value: ROOT, title: '（顶级栏目）', children: build(ROOT) }]
  }, [kids, selected])

  /** Puts `id` under `parentId` at `index` among its new siblings (PATCH when the parent changes). */
  const place = async (id: number, parentId: number | null, index: number) => {
    const col = byId.get(id)
    if (!site || !col) return
    const siblings = (kids.get(parentId ?? ROOT) ?? []).filter((c) => c.id !== id).map((c) => c.id)
    siblings.splice(Math.max(0, Math.min(index, siblings.length)), 0, id)
    try {
      if ((col.parentId ?? null) !== parentId) await api.patch(`/columns/${id}`, { parentId })
      await api.post(`/sites/${site.id}/columns/reorder`, { parentId, orderedIds: siblings })
      message.success('栏目位置已更新')
      if (parentId) setExpanded((e) => [...new Set([...e, parentId])])
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '移动失败')
    }
    await load()
  }

  const onDrop: TreeProps['onDrop'] = (info) => {
    const dragId = Number(info.dragNode.key)
    const target = byId.get(Number(info.node.key))
    if (!target) return
    if (!info.dropToGap) {
      void place(dragId, target.id, (kids.get(target.id) ?? []).length)
      return
    }
    const pos = info.node.pos.split('-')
    const relative = info.dropPosition - Number(pos[pos.length - 1])
    const parentId = target.parentId
    const siblings = (kids.get(parentId ?? ROOT) ?? []).filter((c) => c.id !== dragId)
    const at = siblings.findIndex((c) => c.id === target.id)
    void place(dragId, parentId, relative === -1 ? at : at + 1)
  }

  const moveBy = (delta: -1 | 1) => {
    if (!selected) return
    const siblings = kids.get(selected.parentId ?? ROOT) ?? []
    const i = siblings.findIndex((c) => c.id === selected.id)
    const j = i + delta
    if (j < 0 || j >= siblings.length) return
    void place(selected.id, selected.parentId, j)
  }

  const submit = async (values: FormValues) => {
    if (!site) return
    setSaving(true)
    const { parentId, datasetCode, aggregate, ...rest } = values
    const previous = editing?.mode === 'edit' ? (byId.get(editing.id)?.settings ?? {}) : {}
    const { datasetCode: _old, ...keep } = previous
    const body = {
      ...rest,
      linkUrl: values.type === 'link' ? values.linkUrl : (values.linkUrl ?? ''),
      // Other settings (e.g. 头条) are kept; the dataset code only on `dataset` columns.
      settings: settingsWithRule(
        values.type === 'dataset' && datasetCode ? { ...keep, datasetCode } : keep,
        values.type === 'aggregate',
        aggregate,
      ),
    }
    try {
      if (editing?.mode === 'create') {
        const res = await api.post<{ data: Column }>(`/sites/${site.id}/columns`, {
          ...body,
          parentId: parentId ? parentId : null,
        })
        message.success(`已新建栏目“${res.data.name}”`)
        if (parentId) setExpanded((e) => [...new Set([...e, parentId])])
        await load()
        setEditing({ mode: 'edit', id: res.data.id })
      } else if (editing?.mode === 'edit') {
        await api.patch(`/columns/${editing.id}`, body)
        message.success('栏目已保存')
        await load()
      }
    } catch (e) {
      const { message: msg, fields } = formErrors(e)
      form.setFields(fields as never)
      message.error(msg)
    } finally {
      setSaving(false)
    }
  }

  const startDelete = (c: Column) => {
    const s = stats.get(c.id)
    if ((kids.get(c.id) ?? []).length > 0) {
      modal.warning({ title: '不能删除', content: '该栏目下还有子栏目，请先移动或删除子栏目。' })
      return
    }
    if (s && s.articles > 0) {
      setDeleteTarget(undefined)
      setDeleteError(null)
      setDeleting(c)
      return
    }
    modal.confirm({
      title: `删除栏目“${c.name}”？`,
      content: '该栏目下没有信息，删除后无法恢复。',
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () => doDelete(c, undefined),
    })
  }

  const doDelete = async (c: Column, moveTo: number | undefined) => {
    try {
      await api.del(`/columns/${c.id}`, { moveTo })
      message.success(`已删除栏目“${c.name}”`)
      setDeleting(null)
      setEditing(null)
      await load()
    } catch (e) {
      const msg = e instanceof ApiError ? e.message : '删除失败'
      if (deleting) setDeleteError(msg)
      else message.error(msg)
      // A column that turned out to hold items: ask where they go.
      if (e instanceof ApiError && e.fields.moveTo && !deleting) {
        setDeleteError(null)
        setDeleting(c)
      }
    }
  }

  const listTargets = useMemo(
    () =>
      deleting
        ? columns
            .filter((c) => c.id !== deleting.id && c.type === 'list')
            .map((c) => ({ value: c.id, label: `${c.name}（/${c.path}）` }))
        : [],
    [columns, deleting],
  )

  const siblings = selected ? (kids.get(selected.parentId ?? ROOT) ?? []) : []
  const index = selected ? siblings.findIndex((c) => c.id === selected.id) : -1

  return (
    <Row gutter={16}>
      <Col xs={24} lg={13}>
        <Card
          title={`栏目管理 · ${site?.name ?? ''}`}
          extra={
            canManage && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setEditing({ mode: 'create', parentId: null })}
              >
                新建栏目
              </Button>
            )
          }
        >
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
          {!canManage && (
            <Alert
              type="info"
              showIcon
              title="您是本站编辑，栏目结构只能查看；如需调整请联系站点管理员。"
              style={{ marginBottom: 12 }}
            />
          )}
          {(overdue.length > 0 || soon.length > 0) && (
            <Alert
              type={overdue.length > 0 ? 'warning' : 'info'}
              showIcon
              style={{ marginBottom: 12 }}
              title={`更新提醒：${overdue.length} 个栏目已超过更新期限，${soon.length} 个栏目即将到期`}
              description={[...overdue, ...soon]
                .slice(0, 8)
                .map((s) => byId.get(s.columnId)?.name)
                .join('、')}
            />
          )}
          {canManage && (
            <Space wrap style={{ marginBottom: 12 }}>
              <Typography.Text type="secondary">
                <DragOutlined /> 拖动栏目可调整顺序或层级；也可选中后使用：
              </Typography.Text>
              <Button
                size="small"
                icon={<ArrowUpOutlined />}
                disabled={!selected || index <= 0}
                onClick={() => moveBy(-1)}
              >
                上移
              </Button>
              <Button
                size="small"
                icon={<ArrowDownOutlined />}
                disabled={!selected || index < 0 || index >= siblings.length - 1}
                onClick={() => moveBy(1)}
              >
                下移
              </Button>
              <Button
                size="small"
                disabled={!selected}
                onClick={() => {
                  setMoveTarget(selected?.parentId ?? ROOT)
                  setMoveOpen(true)
                }}
              >
                移到…
              </Button>
            </Space>
          )}
          <Spin spinning={loading}>
            {columns.length === 0 && !loading ? (
              <Empty description="本站还没有栏目" />
            ) : (
              <Tree
                aria-label="栏目树"
                blockNode
                showLine
                draggable={canManage ? { icon: false } : false}
                treeData={treeData}
                expandedKeys={expanded}
                onExpand={(keys) => setExpanded(keys.map(Number))}
                selectedKeys={selected ? [selected.id] : []}
                onSelect={(keys) => {
                  const id = Number(keys[0])
                  setEditing(keys.length ? { mode: 'edit', id } : null)
                }}
                onDrop={onDrop}
              />
            )}
          </Spin>
        </Card>
      </Col>
      <Col xs={24} lg={11}>
        <Card
          title={
            editing?.mode === 'create'
              ? '新建栏目'
              : selected
                ? `栏目：${selected.name}`
                : '栏目详情'
          }
          extra={
            canManage &&
            selected && (
              <Space>
                <Button
                  icon={<PlusOutlined />}
                  onClick={() => setEditing({ mode: 'create', parentId: selected.id })}
                >
                  新建子栏目
                </Button>
                <Button danger icon={<DeleteOutlined />} onClick={() => startDelete(selected)}>
                  删除
                </Button>
              </Space>
            )
          }
        >
          {!editing ? (
            <Empty description="在左侧选择一个栏目查看或编辑" />
          ) : (
            <>
              {selected && stats.get(selected.id) && (
                <Typography.Paragraph type="secondary">
                  共 {stats.get(selected.id)?.articles} 篇信息（已发布{' '}
                  {stats.get(selected.id)?.published} 篇）
                  {stats.get(selected.id)?.lastPublishedAt
                    ? `，最近发布于 ${formatDate(stats.get(selected.id)?.lastPublishedAt)}`
                    : '，尚未发布信息'}
                  {stats.get(selected.id)?.deadlineDays
                    ? `；更新期限 ${stats.get(selected.id)?.deadlineDays} 天`
                    : ''}{' '}
                  <DeadlineTag s={stats.get(selected.id)} />
                </Typography.Paragraph>
              )}
              <Form<FormValues>
                form={form}
                name="column"
                layout="vertical"
                onFinish={submit}
                disabled={!canManage}
              >
                {editing.mode === 'create' && (
                  <Form.Item name="parentId" label="上级栏目">
                    <TreeSelect
                      treeData={parentOptions}
                      treeDefaultExpandAll
                      placeholder="顶级栏目"
                      allowClear
                    />
                  </Form.Item>
                )}
                <Form.Item
                  name="name"
                  label="栏目名称"
                  rules={[{ required: true, message: '请填写栏目名称' }, { max: 200 }]}
                >
                  <Input />
                </Form.Item>
                <Form.Item
                  name="slug"
                  label="栏目标识（网址路径）"
                  extra="小写字母、数字和连字符，如 tzgg；修改后栏目网址会变化"
                  rules={[
                    { required: true, message: '请填写栏目标识' },
                    {
                      pattern: /^[a-z0-9][a-z0-9-]{0,63}$/,
                      message: '只能包含小写字母、数字和连字符，且以字母或数字开头',
                    },
                  ]}
                >
                  <Input />
                </Form.Item>
                <Row gutter={12}>
                  <Col span={12}>
                    <Form.Item name="type" label="栏目类型" rules={[{ required: true }]}>
                      <Select
                        options={COLUMN_TYPES.map((t) => ({
                          value: t,
                          label: COLUMN_TYPE_LABELS[t],
                        }))}
                      />
                    </Form.Item>
                  </Col>
                  <Col span={12}>
                    <Form.Item name="updateClass" label="更新要求" rules={[{ required: true }]}>
                      <Select
                        options={UPDATE_CLASSES.map((u) => ({
                          value: u,
                          label: UPDATE_CLASS_LABELS[u],
                        }))}
                      />
                    </Form.Item>
                  </Col>
                </Row>
                {type === 'dataset' && site && <DatasetColumnField siteId={site.id} />}
                {type === 'aggregate' && site && (
                  <Form.Item name="aggregate" noStyle>
                    <AggregateRuleEditor siteId={site.id} columnId={selected?.id} />
                  </Form.Item>
                )}
                {type === 'link' && (
                  <Form.Item
                    name="linkUrl"
                    label="链接地址"
                    rules={[
                      { required: true, message: '外部链接栏目须填写链接地址' },
                      {
                        pattern: /^(https?:\/\/|\/)\S*$/,
                        message: '请填写以 http://、https:// 或 / 开头的地址',
                      },
                    ]}
                  >
                    <Input placeholder="https://" />
                  </Form.Item>
                )}
                <Row gutter={12}>
                  <Col span={12}>
                    <Form.Item name="visible" label="在网站导航中显示" valuePropName="checked">
                      <Switch checkedChildren="显示" unCheckedChildren="隐藏" />
                    </Form.Item>
                  </Col>
                  <Col span={12}>
                    <Form.Item name="homeBlock" label="作为首页区块" valuePropName="checked">
                      <Switch checkedChildren="是" unCheckedChildren="否" />
                    </Form.Item>
                  </Col>
                </Row>
                <Form.Item name="description" label="栏目描述" rules={[{ max: 2000 }]}>
                  <Input.TextArea rows={3} />
                </Form.Item>
                <Form.Item name="keywords" label="关键词" rules={[{ max: 500 }]}>
                  <Input placeholder="多个关键词用逗号分隔" />
                </Form.Item>
                {canManage && (
                  <Space>
                    <Button type="primary" htmlType="submit" loading={saving}>
                      {editing.mode === 'create' ? '创建' : '保存'}
                    </Button>
                    <Button onClick={() => setEditing(null)}>取消</Button>
                  </Space>
                )}
              </Form>
            </>
          )}
        </Card>
        {site && selected && editing?.mode === 'edit' && (
          <ColumnWorkflowCard
            siteId={site.id}
            columnId={selected.id}
            columnName={selected.name}
            canManage={canManage}
          />
        )}
      </Col>

      <Modal
        open={moveOpen}
        title={`移动栏目“${selected?.name ?? ''}”`}
        okText="移动"
        cancelText="取消"
        onCancel={() => setMoveOpen(false)}
        onOk={async () => {
          if (!selected) return
          const parentId = moveTarget === ROOT ? null : moveTarget
          await place(selected.id, parentId, (kids.get(moveTarget) ?? []).length)
          setMoveOpen(false)
        }}
      >
        <Form layout="vertical" name="move">
          <Form.Item label="移到哪个栏目之下" htmlFor="move-target">
            <TreeSelect
              id="move-target"
              treeData={parentOptions}
              treeDefaultExpandAll
              value={moveTarget}
              onChange={(v: number) => setMoveTarget(v)}
              style={{ width: '100%' }}
            />
          </Form.Item>
          <Typography.Text type="secondary">
            栏目会排在新位置的最后，其下级栏目一同移动。
          </Typography.Text>
        </Form>
      </Modal>

      <Modal
        open={deleting !== null}
        title={`删除栏目“${deleting?.name ?? ''}”`}
        okText="转移并删除"
        okButtonProps={{ danger: true, disabled: !deleteTarget }}
        cancelText="取消"
        onCancel={() => setDeleting(null)}
        onOk={() => deleting && doDelete(deleting, deleteTarget)}
      >
        <Typography.Paragraph>
          该栏目下有 {deleting ? (stats.get(deleting.id)?.articles ?? 0) : 0}{' '}
          篇信息。删除前请选择这些信息转移到的栏目（只能选择本站的文章列表栏目）。
        </Typography.Paragraph>
        <Form layout="vertical" name="delete">
          <Form.Item
            label="转移到"
            htmlFor="delete-move-to"
            validateStatus={deleteError ? 'error' : undefined}
            help={deleteError ?? undefined}
          >
            <Select
              id="delete-move-to"
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="选择目标栏目"
              options={listTargets}
              value={deleteTarget}
              onChange={(v: number) => setDeleteTarget(v)}
            />
          </Form.Item>
        </Form>
      </Modal>
    </Row>
  )
}
