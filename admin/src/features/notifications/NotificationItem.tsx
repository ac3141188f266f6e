import { Tag, Typography } from 'antd'
import { formatDateTime } from '../../../../common/time'
import { SrOnly } from '../review/SrOnly'
import { KIND_COLORS, KIND_LABELS, type AdminNotification } from './notification-api'

/** One notification's text: kind, title (bold while unread), body and time. */
export function NotificationText({ n }: { n: AdminNotification }) {
  return (
    <div style={{ minWidth: 0 }}>
      <div>
        <Tag color={KIND_COLORS[n.kind] ?? 'default'}>{KIND_LABELS[n.kind] ?? n.kind}</Tag>
        <Typography.Text strong={!n.readAt}>
          {!n.readAt && <SrOnly>未读：</SrOnly>}
          {n.title}
        </Typography.Text>
      </div>
      {n.body && (
        <Typography.Paragraph
          type="secondary"
          ellipsis={{ rows: 2 }}
          style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}
        >
          {n.body}
        </Typography.Paragraph>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {formatDateTime(n.createdAt)}
      </Typography.Text>
    </div>
  )
}
