import { describe, expect, it } from 'vitest'
import {
  compact,
  hasFilters,
  letterQuery,
  viewFromSearch,
  viewToSearch,
  withFilters,
  type InboxView,
} from './letter-filters'

describe('viewFromSearch', () => {
  it('reads the box, filters and page from the address', () => {
    const v = viewFromSearch(
      new URLSearchParams(
        'box=unit&siteId=3&mailboxId=7&unitSiteId=9&state=signed&type=complaint&due=red' +
          '&q=%20ABC123%20&from=2024-01-01&to=2024-03-31&page=2&pageSize=50',
      ),
    )
    expect(v).toEqual({
      box: 'unit',
      filters: {
        siteId: 3,
        mailboxId: 7,
        unitSiteId: 9,
        state: 'signed',
        type: 'complaint',
        due: 'red',
        q: 'ABC123',
        from: '2024-01-01',
        to: '2024-03-31',
      },
      page: 2,
      pageSize: 50,
    })
  })

  it('drops what is malformed instead of sending it', () => {
    const v = viewFromSearch(
      new URLSearchParams(
        'box=mine&siteId=abc&state=lost&type=x&due=late&from=2024-1-1&page=0&pageSize=33',
      ),
    )
    expect(v).toEqual({ box: null, filters: {}, page: 1, pageSize: 20 })
  })
})

describe('viewToSearch', () => {
  it('round-trips and leaves defaults out', () => {
    const view: InboxView = {
      box: 'screening',
      filters: { siteId: 2, due: 'overdue', q: '噪声' },
      page: 1,
      pageSize: 20,
    }
    const s = viewToSearch(view)
    expect(s.toString()).toBe(`box=screening&siteId=2&due=overdue&q=${encodeURIComponent('噪声')}`)
    expect(viewFromSearch(s)).toEqual(view)
    expect(viewToSearch({ box: null, filters: {}, page: 3, pageSize: 100 }).toString()).toBe(
      'page=3&pageSize=100',
    )
  })
})

describe('letterQuery', () => {
  it('sends the box and the set filters only', () => {
    expect(letterQuery('all', { q: '  ', state: 'answered', from: '2024-05-01' })).toEqual({
      box: 'all',
      state: 'answered',
      from: '2024-05-01',
    })
  })
})

describe('withFilters', () => {
  const view: InboxView = {
    box: 'all',
    filters: { siteId: 1, mailboxId: 4, type: 'help' },
    page: 5,
    pageSize: 20,
  }

  it('goes back to page 1 and clears the mailbox when the site changes', () => {
    expect(withFilters(view, { siteId: 2 })).toEqual({
      ...view,
      filters: { siteId: 2, type: 'help' },
      page: 1,
    })
    expect(withFilters(view, { type: undefined }).filters).toEqual({ siteId: 1, mailboxId: 4 })
    expect(withFilters(view, { siteId: 1, q: 'x' }).filters.mailboxId).toBe(4)
  })

  it('tells whether anything is filtered', () => {
    expect(hasFilters({})).toBe(false)
    expect(hasFilters({ q: ' ' })).toBe(false)
    expect(hasFilters(compact({ due: 'red' }))).toBe(true)
  })
})
