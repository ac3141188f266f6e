import { CheckOutlined } from '@ant-design/icons'
import { App, Button, Card, Empty, Pagination, Segmented, Space, Spin, Typography } from 'antd'
import { useMemo, useState } from 'react'
import { Link } from 'react-router-dom'
import { ApiError } from '../../api'
import { LoadError } from '../../shell/LoadError'
import { usePagedList } from '../../shell/usePagedList'
import { announceWorkChanged } from '../review/review-api'
import { markAllRead, markRead, notificationLink, type AdminNotification } from './notification-api'
import { NotificationText } from './NotificationItem'

type Filter = 'all' | 'unread'

/** One notification: its text, a link to what it is about, and 标为已读 while unread. */
function NotificationRow({ n, onRead }: { n: AdminNotification; onRead: () => void }) {
  const to = notificationLink(n)
  return (
    <li
      style={{
        display: 'flex',
        gap: 16,
        alignItems: 'center',
        padding: '12px',
        borderBottom: '1px solid #f0f0f0',
        ...(n.readAt ? {} : { background: '#fff1f0' }),
      }}
    >
      <div style={{ flex: 1, minWidth: 0 }}>
        <NotificationText n={n} />
      </div>
      {to && (
        <Link
          to={to}
          onClick={() => !n.readAt && void markRead(n.id).then(announceWorkChanged)}
          aria-label={`查看“${n.title}”`}
        >
          查看
        </Link>
      )}
      {!n.readAt && (
        <Button size="small" type="link" aria-label={`将“${n.title}”标为已读`} onClick={onRead}>
          标为已读
        </Button>
      )}
    </li>
  )
}

/** 通知: every notification of the signed-in user, newest first; mark read one by one or all. */
export default function NotificationsPage() {
  const { message } = App.useApp()
  const [filter, setFilter] = useState<Filter>('all')
  const [page, setPage] = useState(1)
  const [pageSize, setPageSize] = useState(20)
  const query = useMemo(() => (filter === 'unread' ? { unread: true } : {}), [filter])
  const { rows, total, loading, error, load } = usePagedList<AdminNotification>(
    '/notifications',
    query,
    page,
    pageSize,
    '通知加载失败',
  )

  const run = async (p: Promise<unknown>, done: string) => {
    try {
      await p
      announceWorkChanged()
      message.success(done)
      await load()
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '操作失败')
    }
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          通知
        </Typography.Title>
        <Space wrap>
          <Segmented<Filter>
            aria-label="显示范围"
            value={filter}
            onChange={(v) => {
              setFilter(v)
              setPage(1)
            }}
            options={[
              { value: 'all', label: '全部' },
              { value: 'unread', label: '未读' },
            ]}
          />
          <Button
            icon={<CheckOutlined />}
            onClick={() => void run(markAllRead(), '已全部标为已读')}
          >
            全部标为已读
          </Button>
        </Space>
      </Space>
      <LoadError error={error} onRetry={() => void load()} />
      <Card size="small">
        <Spin spinning={loading} description="加载中">
          {rows.length === 0 && !loading ? (
            <Empty description={filter === 'unread' ? '没有未读通知' : '暂无通知'} />
          ) : (
            <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {rows.map((n) => (
                <NotificationRow
                  key={n.id}
                  n={n}
                  onRead={() => void run(markRead(n.id), '已标为已读')}
                />
              ))}
            </ul>
          )}
        </Spin>
        <Pagination
          style={{ marginTop: 16, justifyContent: 'flex-end' }}
          current={page}
          pageSize={pageSize}
          total={total}
          showSizeChanger
          pageSizeOptions={[20, 50, 100]}
          showTotal={(n) => `共 ${n} 条`}
          hideOnSinglePage
          onChange={(p, size) => {
            setPage(size !== pageSize ? 1 : p)
            setPageSize(size)
          }}
        />
      </Card>
    </Space>
  )
}
