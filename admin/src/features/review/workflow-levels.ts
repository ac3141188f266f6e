import { MAX_REVIEW_LEVELS } from '../../../../common/enums'
import type { Level } from './review-api'

/** A workflow has at most five levels (the server enforces the same). */
export const MAX_LEVELS = MAX_REVIEW_LEVELS

/** A fresh level: held by the site's 审核人 role. */
export function newLevel(index: number): Level {
  return {
    name: index === 0 ? '初审' : index === 1 ? '复审' : '终审',
    role: 'reviewer',
    userIds: [],
  }
}

/** Problems that would make the server refuse the levels, by level index (empty: all fine). */
export function levelProblems(levels: Level[]): Map<number, string> {
  const out = new Map<number, string>()
  levels.forEach((l, i) => {
    if (!l.name.trim()) out.set(i, '请填写级别名称')
    else if (l.name.trim().length > 50) out.set(i, '级别名称不能超过 50 个字符')
    else if (!l.role && l.userIds.length === 0) out.set(i, '请选择审核角色或指定审核人员')
  })
  return out
}

/** The list with element `i` moved by `delta` (a no-op at the ends). */
export function moveLevel(levels: Level[], i: number, delta: -1 | 1): Level[] {
  const j = i + delta
  if (j < 0 || j >= levels.length) return levels
  const next = levels.slice()
  const [item] = next.splice(i, 1)
  if (item) next.splice(j, 0, item)
  return next
}

/** Levels as the server expects them: trimmed names, distinct people. */
export function cleanLevels(levels: Level[]): Level[] {
  return levels.map((l) => ({
    name: l.name.trim(),
    role: l.role,
    userIds: [...new Set(l.userIds)],
  }))
}
