import { Steps } from 'antd'
import type { Level, ReviewState } from './review-api'
import { LEVEL_ROLE_LABELS } from './review-labels'

/** The review's levels as steps: finished, current (waiting) and still to come. */
export function ReviewLevelsProgress({
  levels,
  level,
  state,
}: {
  levels: Level[]
  level: number
  state: ReviewState
}) {
  if (levels.length === 0) return null
  const current = Math.max(0, level - 1)
  return (
    <Steps
      orientation="vertical"
      size="small"
      current={state === 'approved' ? levels.length : current}
      status={state === 'returned' ? 'error' : state === 'withdrawn' ? 'wait' : undefined}
      items={levels.map((l, i) => ({
        title: `第 ${i + 1} 级 ${l.name}`,
        content: [
          l.role ? LEVEL_ROLE_LABELS[l.role] : '',
          l.userIds.length ? `指定 ${l.userIds.length} 人` : '',
        ]
          .filter(Boolean)
          .join(' · '),
      }))}
    />
  )
}
