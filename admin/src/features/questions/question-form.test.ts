import { describe, expect, it } from 'vitest'
import { formValues, keepableSiteIds, questionInput } from './question-form'

describe('question form', () => {
  it('trims text, drops empty and repeated tags, and takes the status of the button', () => {
    expect(
      questionInput(
        {
          unitSiteId: 3,
          question: ' 问题 ',
          answer: ' 答复 ',
          topics: ['医保', ' 医保 ', ''],
          serviceCodes: ['A-1', 'A-1'],
          policyIds: [5, 5],
          sort: null,
        },
        'published',
      ),
    ).toEqual({
      unitSiteId: 3,
      question: '问题',
      detail: '',
      answer: '答复',
      status: 'published',
      isHot: false,
      sort: 0,
      topics: ['医保'],
      serviceCodes: ['A-1'],
      policyIds: [5],
    })
  })

  it('fills the form from an entry', () => {
    const v = formValues({
      id: 1,
      unitSiteId: 2,
      unitName: 'x',
      question: 'q',
      status: 'draft',
      statusLabel: '草稿',
      isHot: true,
      sort: 4,
      topics: ['t'],
      letterId: null,
      publishedAt: null,
      updatedAt: '',
      detail: 'd',
      answer: 'a',
      services: [{ code: 'C', name: null }],
      policies: [{ id: 9, title: 'p', status: 'published' }],
      createdAt: '',
    })
    expect(v).toMatchObject({ serviceCodes: ['C'], policyIds: [9], isHot: true, sort: 4 })
  })

  it('offers the sites the user keeps entries for', () => {
    const grants = [
      { siteId: 1, role: 'editor' },
      { siteId: 2, role: 'reviewer' },
      { siteId: 3, role: 'admin' },
    ]
    expect(keepableSiteIds({ isClusterAdmin: false, grants }, [1, 2, 3, 4])).toEqual([1, 3])
    expect(keepableSiteIds({ isClusterAdmin: true, grants: [] }, [1, 2])).toEqual([1, 2])
    expect(keepableSiteIds(null, [1])).toEqual([])
  })
})
