import { Alert, Form, Modal, TreeSelect, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { columnTree, loadColumns, type ColumnNode } from '../articles/article-api'
import type { Push } from './cluster-api'

/** 接收: keep the column the sender chose or pick another column of the receiving site. */
export function AcceptPushModal({
  push,
  onCancel,
  onAccept,
}: {
  push: Push | null
  onCancel: () => void
  onAccept: (columnId: number | undefined) => Promise<void>
}) {
  const [columnId, setColumnId] = useState<number | undefined>()
  const [tree, setTree] = useState<ColumnNode[]>([])
  const [loadError, setLoadError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    if (!push) return
    let live = true
    setColumnId(push.targetColumnId ?? undefined)
    setLoadError(null)
    loadColumns(push.targetSiteId)
      .then((cols) => live && setTree(columnTree(cols)))
      .catch(() => live && setLoadError('本站栏目加载失败'))
    return () => {
      live = false
    }
  }, [push])

  const ok = async () => {
    setBusy(true)
    try {
      await onAccept(columnId !== push?.targetColumnId ? columnId : undefined)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Modal
      open={push !== null}
      title={push ? `接收推送：${push.title}` : '接收推送'}
      okText="接收"
      okButtonProps={{ loading: busy, disabled: !columnId }}
      cancelText="取消"
      onOk={() => void ok()}
      onCancel={onCancel}
      destroyOnHidden
    >
      {loadError && <Alert type="error" showIcon title={loadError} style={{ marginBottom: 12 }} />}
      <Typography.Paragraph type="secondary">
        {push?.kind === 'linked'
          ? '链接引用：接收后本站栏目显示原文，原站修改会同步更新。'
          : '复制：接收后在本站生成一份注明来源的副本并发布。'}
      </Typography.Paragraph>
      <Form layout="vertical" name="accept-push">
        <Form.Item label="显示在栏目" htmlFor="accept-push-column" extra="可改为本站其他栏目">
          <TreeSelect
            id="accept-push-column"
            treeData={tree}
            treeDefaultExpandAll
            showSearch
            treeNodeFilterProp="title"
            value={columnId}
            onChange={(v: number) => setColumnId(v)}
            placeholder="选择本站栏目"
          />
        </Form.Item>
      </Form>
    </Modal>
  )
}
