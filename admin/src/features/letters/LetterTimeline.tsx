import { Tag, Timeline, Typography } from 'antd'
import { formatDateTime } from '../../../../common/time'
import type { LetterEvent } from './letter-api'
import { eventLabel, stateLabel } from './letter-labels'

/** The letter's history, oldest first; internal events are marked 内部. */
export function LetterTimeline({ events }: { events: LetterEvent[] }) {
  if (events.length === 0) return <Typography.Text type="secondary">暂无记录</Typography.Text>
  return (
    <Timeline
      items={events.map((e) => ({
        key: e.id,
        color: e.internal ? 'gray' : 'blue',
        content: (
          <>
            <div>
              <Typography.Text type="secondary" style={{ marginRight: 8 }}>
                {formatDateTime(e.at)}
              </Typography.Text>
              <Typography.Text strong>{eventLabel(e.action, e.label)}</Typography.Text>
              {e.internal && <Tag style={{ marginLeft: 8 }}>内部</Tag>}
            </div>
            <Typography.Text type="secondary">
              {e.actorName || '系统'}
              {e.fromState && e.toState && e.fromState !== e.toState
                ? ` · ${stateLabel(e.fromState)} → ${stateLabel(e.toState)}`
                : ''}
            </Typography.Text>
            {e.note && (
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '4px 0 0' }}>
                {e.note}
              </Typography.Paragraph>
            )}
          </>
        ),
      }))}
    />
  )
}
