import { ShareAltOutlined, UploadOutlined } from '@ant-design/icons'
import { Button, Space, Tooltip } from 'antd'
import { useState, type ReactNode } from 'react'
import { useSession } from '../../shell/session'
import { PushDialog } from './PushDialog'
import { SubmitDialog } from './SubmitDialog'

/**
 * The editor's 报送 and 推送 buttons with their dialogs. They work on the saved article, so a
 * new draft must be saved first (the buttons say so); unsaved edits are not sent.
 */
export function ClusterEditorButtons({
  article,
  dirty,
}: {
  article: { id: number; siteId: number; title: string } | null
  dirty: boolean
}) {
  const { session, site } = useSession()
  const [open, setOpen] = useState<null | 'submit' | 'push'>(null)
  // Only the unit's editors and admins send its articles (reviewers do not write).
  const siteId = article?.siteId ?? site?.id
  const canSend =
    Boolean(session?.isClusterAdmin) ||
    Boolean(session?.grants.some((g) => g.siteId === siteId && g.role !== 'reviewer'))
  if (!canSend) return null
  const hint = !article ? '请先保存信息' : dirty ? '将报送或推送已保存的内容，请先保存修改' : ''
  const button = (key: 'submit' | 'push', label: string, icon: ReactNode) => (
    <Tooltip title={hint}>
      {/* A span, so the tooltip still shows on the disabled button. */}
      <span>
        <Button icon={icon} disabled={!article} onClick={() => setOpen(key)}>
          {label}
        </Button>
      </span>
    </Tooltip>
  )
  return (
    <Space>
      {button('submit', '报送', <UploadOutlined />)}
      {button('push', '推送', <ShareAltOutlined />)}
      {article && (
        <>
          <SubmitDialog article={article} open={open === 'submit'} onClose={() => setOpen(null)} />
          <PushDialog article={article} open={open === 'push'} onClose={() => setOpen(null)} />
        </>
      )}
    </Space>
  )
}
