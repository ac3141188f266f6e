import { describe, expect, it } from 'vitest'
import type { Level } from './review-api'
import { cleanLevels, levelProblems, moveLevel, newLevel } from './workflow-levels'

const level = (name: string, over: Partial<Level> = {}): Level => ({
  name,
  role: 'reviewer',
  userIds: [],
  ...over,
})

describe('levelProblems', () => {
  it('accepts levels held by a role, by people, or both', () => {
    const ok = [
      level('初审'),
      level('复审', { role: null, userIds: [3] }),
      level('终审', { role: 'admin', userIds: [4] }),
    ]
    expect(levelProblems(ok).size).toBe(0)
  })

  it('flags a nameless level and a level nobody holds, by index', () => {
    const problems = levelProblems([level(' '), level('复审'), level('终审', { role: null })])
    expect([...problems.keys()]).toEqual([0, 2])
    expect(problems.get(2)).toContain('审核角色')
  })
})

describe('moveLevel', () => {
  it('swaps neighbours and ignores moves past the ends', () => {
    const ls = [level('a'), level('b'), level('c')]
    expect(moveLevel(ls, 0, 1).map((l) => l.name)).toEqual(['b', 'a', 'c'])
    expect(moveLevel(ls, 2, -1).map((l) => l.name)).toEqual(['a', 'c', 'b'])
    expect(moveLevel(ls, 0, -1)).toBe(ls)
    expect(moveLevel(ls, 2, 1)).toBe(ls)
  })
})

describe('cleanLevels / newLevel', () => {
  it('trims names and removes duplicate people', () => {
    expect(cleanLevels([level(' 初审 ', { userIds: [1, 1, 2] })])).toEqual([
      { name: '初审', role: 'reviewer', userIds: [1, 2] },
    ])
  })

  it('names new levels 初审, 复审, 终审', () => {
    expect([0, 1, 2].map((i) => newLevel(i).name)).toEqual(['初审', '复审', '终审'])
  })
})
