import { Alert, Drawer } from 'antd'

/** A rendered page in a script-less sandboxed frame (themed preview of unsaved content). */
export function PreviewDrawer({
  html,
  title = '预览（按站点主题渲染，尚未保存的内容也会显示）',
  onClose,
}: {
  html: string | null
  title?: string
  onClose: () => void
}) {
  return (
    <Drawer
      open={html !== null}
      onClose={onClose}
      title={title}
      size="min(1280px, 95vw)"
      destroyOnHidden
      styles={{ body: { padding: 0 } }}
    >
      <Alert type="info" banner title="这是预览，不会保存或发布；页面中的脚本已停用。" />
      {html !== null && (
        <iframe
          title="信息页面预览"
          sandbox=""
          srcDoc={html}
          style={{ width: '100%', height: 'calc(100vh - 140px)', border: 0, display: 'block' }}
        />
      )}
    </Drawer>
  )
}
