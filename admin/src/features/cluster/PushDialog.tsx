import type { TableColumnsType } from 'antd'
import {
  Alert,
  App,
  Button,
  Divider,
  Form,
  Modal,
  Popconfirm,
  Radio,
  Space,
  Table,
  TreeSelect,
  Typography,
} from 'antd'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { PUSH_KIND_LABELS, type PushKind } from '../../../../common/cluster'
import { formatDateTime } from '../../../../common/time'
import { ApiError, formErrors } from '../../api'
import { clusterApi, type Push } from './cluster-api'
import { PushStateTag } from './ClusterTags'
import { chosenColumnIds, targetTree } from './target-tree'
import { useTargets } from './useTargets'

const KIND_HELP: Record<PushKind, string> = {
  linked: '对方栏目显示的就是本文，本站修改后各处同步更新；撤回即从对方栏目移除。',
  copy: '对方得到一份独立副本并注明来源，之后本站的修改不影响副本。',
}

interface Values {
  targets: (string | number)[]
  kind: PushKind
}

/**
 * 推送 (一稿多发): place the article in columns of other sites, linked or as a copy; below, where
 * it has been pushed and the state of each, with 撤回.
 */
export function PushDialog({
  article,
  open,
  onClose,
}: {
  article: { id: number; siteId: number; title: string }
  open: boolean
  onClose: () => void
}) {
  const { message } = App.useApp()
  const [form] = Form.useForm<Values>()
  const { targets, loading, error } = useTargets('pushes', article.siteId, open)
  const tree = useMemo(() => targetTree(targets, article.siteId), [targets, article.siteId])
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<string | null>(null)
  const [pushes, setPushes] = useState<Push[]>([])
  const [listError, setListError] = useState<string | null>(null)
  const [listLoading, setListLoading] = useState(false)
  const kind = Form.useWatch('kind', form) ?? 'linked'

  const loadPushes = useCallback(async () => {
    setListLoading(true)
    setListError(null)
    try {
      setPushes(await clusterApi.articlePushes(article.id))
    } catch (e) {
      setListError(e instanceof ApiError ? e.message : '推送记录加载失败')
    } finally {
      setListLoading(false)
    }
  }, [article.id])

  useEffect(() => {
    if (!open) return
    setFailure(null)
    form.resetFields()
    void loadPushes()
  }, [open, form, loadPushes])

  const push = async () => {
    let v: Values
    try {
      v = await form.validateFields()
    } catch {
      return
    }
    setBusy(true)
    setFailure(null)
    try {
      const created = await clusterApi.push(article.id, {
        columnIds: chosenColumnIds(v.targets),
        kind: v.kind,
      })
      const waiting = created.filter((p) => p.state === 'pending').length
      message.success(
        waiting > 0
          ? `已推送 ${created.length} 个栏目，其中 ${waiting} 个等待对方接收`
          : `已推送 ${created.length} 个栏目`,
      )
      form.setFieldValue('targets', [])
      await loadPushes()
    } catch (e) {
      const { message: msg, fields } = formErrors(e)
      setFailure(msg)
      form.setFields(
        fields.map((f) => ({
          ...f,
          name: f.name[0] === 'columnIds' ? ['targets'] : f.name,
        })) as never,
      )
    } finally {
      setBusy(false)
    }
  }

  const withdraw = async (p: Push) => {
    try {
      await clusterApi.withdrawPush(p.id)
      message.success('已撤回推送')
      await loadPushes()
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '撤回失败，请稍后重试')
    }
  }

  const columns: TableColumnsType<Push> = [
    {
      title: '推送至',
      key: 'target',
      render: (_v, p) => `${p.targetSiteName} · ${p.targetColumnName || '—'}`,
    },
    {
      title: '方式',
      dataIndex: 'kind',
      width: 80,
      render: (k: PushKind) => (k === 'linked' ? '链接引用' : '复制'),
    },
    {
      title: '状态',
      dataIndex: 'state',
      width: 90,
      render: (_v, p) => <PushStateTag state={p.state} reason={p.reason} />,
    },
    {
      title: '推送时间',
      dataIndex: 'pushedAt',
      width: 150,
      render: (v: string) => formatDateTime(v),
    },
    {
      title: '操作',
      key: 'actions',
      width: 70,
      render: (_v, p) =>
        (p.state === 'pending' || p.state === 'accepted') && (
          <Popconfirm
            title="撤回这次推送？"
            description={
              p.kind === 'linked'
                ? '本文将从对方栏目中移除。'
                : '对方尚未接收的推送将取消；已接收的副本将被撤销发布。'
            }
            okText="撤回"
            cancelText="取消"
            onConfirm={() => void withdraw(p)}
          >
            <Button type="link" size="small" aria-label={`撤回推送：${p.targetSiteName}`}>
              撤回
            </Button>
          </Popconfirm>
        ),
    },
  ]

  return (
    <Modal
      open={open}
      title={`推送（一稿多发）：${article.title}`}
      footer={<Button onClick={onClose}>关闭</Button>}
      onCancel={onClose}
      width={760}
      forceRender
    >
      <Form<Values>
        form={form}
        layout="vertical"
        name="push-article"
        initialValues={{ targets: [], kind: 'linked' }}
      >
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 12 }} />}
        {!loading && !error && tree.length === 0 && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            title="目前没有接收本站推送的站点"
            description="接收推送的站点需在“共享设置”中开放接收推送。"
          />
        )}
        <Form.Item
          name="targets"
          label="推送至栏目"
          rules={[
            {
              validator: (_r, v: (string | number)[] | undefined) =>
                chosenColumnIds(v ?? []).length > 0
                  ? Promise.resolve()
                  : Promise.reject(new Error('请至少选择一个栏目')),
            },
          ]}
        >
          <TreeSelect
            treeData={tree}
            treeCheckable
            showCheckedStrategy={TreeSelect.SHOW_CHILD}
            treeDefaultExpandAll
            showSearch
            treeNodeFilterProp="title"
            loading={loading}
            placeholder="选择其他站点的栏目"
          />
        </Form.Item>
        <Form.Item name="kind" label="推送方式" extra={KIND_HELP[kind]}>
          <Radio.Group
            options={(Object.keys(PUSH_KIND_LABELS) as PushKind[]).map((k) => ({
              value: k,
              label: PUSH_KIND_LABELS[k],
            }))}
          />
        </Form.Item>
        <Space>
          <Button type="primary" loading={busy} onClick={() => void push()}>
            推送
          </Button>
          <Typography.Text type="secondary">需对方审核的站点，接收后才会显示。</Typography.Text>
        </Space>
      </Form>
      <Divider titlePlacement="start">已推送</Divider>
      {listError && <Alert type="error" showIcon title={listError} style={{ marginBottom: 12 }} />}
      <Table<Push>
        rowKey="id"
        size="small"
        loading={listLoading}
        columns={columns}
        dataSource={pushes}
        pagination={pushes.length > 10 ? { pageSize: 10 } : false}
        locale={{ emptyText: '本文尚未推送到其他站点' }}
      />
    </Modal>
  )
}
