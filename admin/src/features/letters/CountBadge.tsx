import { Badge } from 'antd'
import type { CSSProperties } from 'react'

const SR_ONLY: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  padding: 0,
  margin: -1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
}

/**
 * A count badge after a label: the badge is visual only, screen readers hear "（3 封待办）"
 * as part of the label (no aria-label, so the accessible name keeps the visible text).
 */
export function CountBadge({ count, unit = '封待办' }: { count: number; unit?: string }) {
  if (count <= 0) return null
  return (
    <>
      {' '}
      <span aria-hidden="true">
        <Badge count={count} size="small" overflowCount={99} />
      </span>
      <span style={SR_ONLY}>
        （{count} {unit}）
      </span>
    </>
  )
}
