import type { TableColumnsType } from 'antd'
import { Alert, App, Button, Divider, Form, Modal, Radio, Space, Table, Typography } from 'antd'
import { useCallback, useEffect, useState } from 'react'
import { PUSH_KIND_LABELS, type PushKind } from '../../../../common/cluster'
import { formatDateTime } from '../../../../common/time'
import { ApiError } from '../../api'
import { clusterApi, type Push } from './cluster-api'
import { ConfirmAction } from './cluster-columns'
import { PushStateTag } from './ClusterTags'
import { chosenColumnIds } from './target-tree'
import { TargetPicker, targetFormErrors } from './TargetPicker'
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
      const { message: msg, fields } = targetFormErrors(e, 'columnIds')
      setFailure(msg)
      form.setFields(fields)
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
          <ConfirmAction
            label="撤回"
            verb="撤回推送"
            subject={p.targetSiteName}
            title="撤回这次推送？"
            description={
              p.kind === 'linked'
                ? '本文将从对方栏目中移除。'
                : '对方尚未接收的推送将取消；已接收的副本将被撤销发布。'
            }
            onConfirm={() => void withdraw(p)}
          />
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
        <TargetPicker
          targets={targets}
          siteId={article.siteId}
          loading={loading}
          error={error}
          failure={failure}
          empty={{
            title: '目前没有接收本站推送的站点',
            description: '接收推送的站点需在“共享设置”中开放接收推送。',
          }}
          label="推送至栏目"
          placeholder="选择其他站点的栏目"
        />
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
