import { BellOutlined } from '@ant-design/icons'
import { App, Badge, Button, Empty, Popover, Space, Spin, Typography } from 'antd'
import { useEffect, useRef, useState } from 'react'
import { Link, useNavigate } from 'react-router-dom'
import { api, ApiError } from '../../api'
import {
  markAllRead,
  markRead,
  notificationLink,
  type AdminNotification,
  type NotificationSummary,
} from './notification-api'
import { NotificationText } from './NotificationItem'

/** The header bell: unread count, and on click the latest notifications with links. */
export function NotificationBell({
  summary,
  onChanged,
}: {
  summary: NotificationSummary
  onChanged: () => void
}) {
  const { message } = App.useApp()
  const navigate = useNavigate()
  const [open, setOpen] = useState(false)
  const [items, setItems] = useState<AdminNotification[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const listRef = useRef<HTMLDivElement>(null)

  // The popup lives at the end of the page: move focus into it so keyboard users land there.
  useEffect(() => {
    if (open && items) listRef.current?.querySelector<HTMLElement>('button, a')?.focus()
  }, [open, items])

  const load = async () => {
    setError(null)
    try {
      const res = await api.get<{ data: AdminNotification[] }>('/notifications', {
        page: 1,
        pageSize: 8,
      })
      setItems(res.data)
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '通知加载失败')
    }
  }

  const openItem = async (n: AdminNotification) => {
    const to = notificationLink(n)
    setOpen(false)
    if (!n.readAt) await markRead(n.id).catch(() => undefined)
    onChanged()
    navigate(to ?? '/notifications')
  }

  const readAll = async () => {
    try {
      await markAllRead()
      onChanged()
      await load()
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '操作失败')
    }
  }

  const content = (
    <div ref={listRef} style={{ width: 360, maxWidth: '90vw' }}>
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
      {!items && !error && <Spin description="加载中" />}
      {items && items.length === 0 && (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无通知" />
      )}
      {items && items.length > 0 && (
        <ul style={{ listStyle: 'none', margin: 0, padding: 0, maxHeight: 420, overflowY: 'auto' }}>
          {items.map((n) => (
            <li key={n.id} style={{ borderBottom: '1px solid #f0f0f0' }}>
              <button
                type="button"
                onClick={() => void openItem(n)}
                style={{
                  all: 'unset',
                  display: 'block',
                  width: '100%',
                  boxSizing: 'border-box',
                  padding: '8px 4px',
                  cursor: 'pointer',
                  background: n.readAt ? undefined : '#fff1f0',
                }}
                className="zq-notification-item"
              >
                <NotificationText n={n} />
              </button>
            </li>
          ))}
        </ul>
      )}
      <Space style={{ width: '100%', justifyContent: 'space-between', marginTop: 8 }}>
        <Button size="small" disabled={summary.unread === 0} onClick={() => void readAll()}>
          全部标为已读
        </Button>
        <Link to="/notifications" onClick={() => setOpen(false)}>
          查看全部通知
        </Link>
      </Space>
      <style>
        {'.zq-notification-item:focus-visible{outline:2px solid #b4000f;outline-offset:-2px}'}
      </style>
    </div>
  )

  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      title="通知"
      open={open}
      onOpenChange={(v) => {
        setOpen(v)
        if (v) {
          setItems(null)
          void load()
        }
      }}
      content={content}
    >
      <Badge count={summary.unread} overflowCount={99} size="small">
        <Button
          shape="circle"
          icon={<BellOutlined />}
          aria-label={summary.unread ? `通知，${summary.unread} 条未读` : '通知'}
          aria-expanded={open}
        />
      </Badge>
    </Popover>
  )
}
