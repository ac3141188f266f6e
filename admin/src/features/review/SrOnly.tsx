import type { CSSProperties, ReactNode } from 'react'

const STYLE: CSSProperties = {
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

/** Text for screen readers only (e.g. "新增：" before an insertion that is otherwise visual). */
export function SrOnly({ children }: { children: ReactNode }) {
  return <span style={STYLE}>{children}</span>
}
