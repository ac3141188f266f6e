import dayjs from 'dayjs'
import { describe, expect, it } from 'vitest'
import type { ArticleDetail } from './article-api'
import { hasDisclosure, needsBackdateReason, toPayload, toValues } from './article-form'

const article = (over: Partial<ArticleDetail> = {}): ArticleDetail =>
  ({
    id: 7,
    siteId: 1,
    title: '线上标题',
    subtitle: '',
    source: '',
    author: '',
    summary: '',
    keywords: '',
    linkUrl: '',
    bodyHtml: '<p>线上正文</p>',
    coverFileId: null,
    coverAlt: '',
    disclosure: null,
    status: 'published',
    publishedAt: '2026-03-01T01:00:00.000Z',
    createdAt: '2026-03-01T00:00:00.000Z',
    updatedAt: '2026-03-01T00:00:00.000Z',
    placements: [
      { columnId: 3, siteId: 1, kind: 'primary' },
      { columnId: 9, siteId: 2, kind: 'linked' },
    ],
    files: [
      { fileId: 5, role: 'attachment', name: '附件.pdf', url: '/files/5', size: 10, mime: '' },
    ],
    workingCopy: null,
    backdateReason: '',
    ...over,
  }) as ArticleDetail

describe('toValues', () => {
  it('loads the working copy of a live article, keeping file URLs of the live version', () => {
    const v = toValues(
      article({
        workingCopy: {
          title: '修改稿标题',
          subtitle: '',
          source: '',
          author: '',
          bodyHtml: '<p>修改稿</p>',
          summary: '',
          keywords: '',
          linkUrl: '',
          disclosure: null,
          columnIds: [4, 9],
          attachments: [{ fileId: 5 }],
          coverFileId: null,
          coverAlt: '',
          publishedAt: null,
        },
      }),
    )
    expect(v.title).toBe('修改稿标题')
    expect(v.bodyHtml).toBe('<p>修改稿</p>')
    expect(v.primaryColumnId).toBe(4)
    expect(v.linkedColumnIds).toEqual([9])
    expect(v.attachments).toEqual([{ fileId: 5, name: '附件.pdf', url: '/files/5', size: 10 }])
    expect(v.publishedAt?.toISOString()).toBe('2026-03-01T01:00:00.000Z')
  })

  it('loads the article itself without a working copy', () => {
    const v = toValues(article())
    expect(v.title).toBe('线上标题')
    expect(v.primaryColumnId).toBe(3)
  })
})

describe('needsBackdateReason', () => {
  it('asks for a reason only when the date lies before the day of entry', () => {
    const created = '2026-03-10T08:00:00.000Z'
    expect(needsBackdateReason(dayjs('2026-03-01T00:00:00Z'), created)).toBe(true)
    expect(needsBackdateReason(dayjs(created).add(1, 'hour'), created)).toBe(false)
    expect(needsBackdateReason(null, created)).toBe(false)
    expect(needsBackdateReason(dayjs().subtract(3, 'day'), null)).toBe(true)
    expect(needsBackdateReason(dayjs(), null)).toBe(false)
  })
})

describe('toPayload', () => {
  it('sends the backdate reason only when it is asked for, primary column first', () => {
    const v = {
      title: ' 标题 ',
      primaryColumnId: 3,
      linkedColumnIds: [9, 3],
      backdateReason: ' 补录 ',
    }
    expect(toPayload(v, true)).toMatchObject({
      title: '标题',
      columnIds: [3, 9],
      backdateReason: '补录',
    })
    expect(toPayload(v, false)).not.toHaveProperty('backdateReason')
  })
})

describe('hasDisclosure', () => {
  it('ignores an all-empty disclosure', () => {
    const empty = {
      indexNo: '',
      docNo: '',
      issuer: '',
      writtenAt: null,
      subjectCategory: '',
      validity: '',
    }
    expect(hasDisclosure(article({ disclosure: empty }))).toBe(false)
    expect(hasDisclosure(article({ disclosure: { ...empty, docNo: '某政发〔2026〕1号' } }))).toBe(
      true,
    )
  })
})
