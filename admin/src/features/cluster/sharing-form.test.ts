import { describe, expect, it } from 'vitest'
import { toSharingBody, type SharingBody } from './sharing-form'

const base: SharingBody = {
  submissions: 'listed',
  submissionSources: [2, 3, 2, 1],
  submissionColumns: [5, 5, 6],
  pushes: 'all',
  pushSources: [4],
  pushReview: true,
}

describe('toSharingBody', () => {
  it('keeps listed sources without duplicates or the site itself', () => {
    const b = toSharingBody(1, base)
    expect(b.submissionSources).toEqual([2, 3])
    expect(b.submissionColumns).toEqual([5, 6])
  })
  it('clears the source list unless the mode is listed', () => {
    const b = toSharingBody(1, base)
    expect(b.pushes).toBe('all')
    expect(b.pushSources).toEqual([])
    expect(toSharingBody(1, { ...base, submissions: 'none' }).submissionSources).toEqual([])
  })
  it('passes the review switch through', () => {
    expect(toSharingBody(1, { ...base, pushReview: false }).pushReview).toBe(false)
  })
})
