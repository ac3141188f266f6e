import { Empty, Timeline, Typography } from 'antd'
import { formatDateTime } from '../../../../common/time'
import type { ReviewStep } from './review-api'
import { DECISION_COLORS, DECISION_LABELS } from './review-labels'

const COMMENT_LABELS: Partial<Record<ReviewStep['decision'], string>> = {
  return: '退回原因：',
  emergency: '紧急发布原因：',
  withdraw: '说明：',
}

/** The steps of one review, oldest first: who decided what at which level, with comments. */
export function ReviewSteps({ steps }: { steps: ReviewStep[] }) {
  if (steps.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无记录" />
  return (
    <Timeline
      items={steps.map((s, i) => ({
        key: i,
        color: DECISION_COLORS[s.decision] ?? 'gray',
        content: (
          <div>
            <Typography.Text type="secondary">{formatDateTime(s.at)} </Typography.Text>
            <Typography.Text strong>{DECISION_LABELS[s.decision] ?? s.decision}</Typography.Text>
            {s.level > 0 && <Typography.Text type="secondary">（第 {s.level} 级）</Typography.Text>}
            <Typography.Text> · {s.actorName || '系统'}</Typography.Text>
            {s.comment && (
              <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
                {COMMENT_LABELS[s.decision] ?? '意见：'}
                {s.comment}
              </Typography.Paragraph>
            )}
          </div>
        ),
      }))}
    />
  )
}
