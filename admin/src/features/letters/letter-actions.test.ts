import { describe, expect, it } from 'vitest'
import { LETTER_ACTIONS } from '../../../../common/letters'
import {
  ACTION_FIELDS,
  ACTION_LABELS,
  actionBody,
  actionDefaults,
  barActions,
  isDanger,
} from './letter-actions'

const names = (a: keyof typeof ACTION_FIELDS) => ACTION_FIELDS[a].map((f) => f.name)
const required = (a: keyof typeof ACTION_FIELDS) =>
  ACTION_FIELDS[a].filter((f) => f.isRequired).map((f) => f.name)

describe('ACTION_FIELDS', () => {
  it('asks for exactly the body fields of the contract', () => {
    expect(names('accept')).toEqual(['category', 'unitSiteId', 'note'])
    expect(names('reject')).toEqual(['reason'])
    expect(names('request_info')).toEqual(['message'])
    expect(names('merge')).toEqual(['into'])
    expect(names('assign')).toEqual(['unitSiteId', 'note'])
    expect(names('transfer')).toEqual(['unitSiteId', 'reason'])
    expect(names('sign')).toEqual([])
    expect(names('approve_reply')).toEqual(['comment'])
    expect(names('return_reply')).toEqual(['reason'])
    expect(names('request_extension')).toEqual(['days', 'reason'])
    expect(names('decide_extension')).toEqual(['grant', 'note'])
    expect(names('note')).toEqual(['note'])
    expect(names('close')).toEqual(['note'])
    expect(names('unpublish')).toEqual(['reason'])
  })

  it('requires reasons where the contract does, and nothing for accept', () => {
    expect(required('accept')).toEqual([])
    expect(required('reject')).toEqual(['reason'])
    expect(required('transfer')).toEqual(['unitSiteId', 'reason'])
    expect(required('return_reply')).toEqual(['reason'])
    expect(required('request_extension')).toEqual(['days', 'reason'])
    expect(required('decide_extension')).toEqual(['grant'])
    expect(required('unpublish')).toEqual([])
    expect(required('approve_reply')).toEqual([])
  })

  it('labels every action', () => {
    for (const a of LETTER_ACTIONS) expect(ACTION_LABELS[a]).toBeTruthy()
  })
})

describe('barActions', () => {
  it('keeps what is allowed, in a fixed order, without the reply and publication panels', () => {
    expect(
      barActions([
        'note',
        'save_reply',
        'transfer',
        'submit_reply',
        'request_extension',
        'publish',
      ]),
    ).toEqual(['transfer', 'request_extension', 'note'])
    expect(barActions(['reject', 'accept', 'merge', 'request_info'])).toEqual([
      'accept',
      'request_info',
      'reject',
      'merge',
    ])
    expect(isDanger('reject')).toBe(true)
    expect(isDanger('accept')).toBe(false)
  })
})

describe('actionBody', () => {
  it('sends only the action fields, trimmed, without empty optional ones', () => {
    expect(
      actionBody('accept', { category: ' 教育 ', unitSiteId: 5, note: '  ', reason: 'x' }),
    ).toEqual({ category: '教育', unitSiteId: 5 })
    expect(actionBody('accept', {})).toEqual({})
    expect(actionBody('transfer', { unitSiteId: 8, reason: ' 不属本单位职责 ' })).toEqual({
      unitSiteId: 8,
      reason: '不属本单位职责',
    })
    expect(actionBody('decide_extension', { grant: false })).toEqual({ grant: false })
    expect(actionBody('request_extension', { days: 5, reason: '需现场核查' })).toEqual({
      days: 5,
      reason: '需现场核查',
    })
    expect(actionBody('sign', { note: 'x' })).toEqual({})
  })

  it('proposes the suggested unit and the category when accepting', () => {
    expect(actionDefaults('accept', { suggestedUnitSiteId: 12, category: '交通' })).toEqual({
      unitSiteId: 12,
      category: '交通',
    })
    expect(actionDefaults('accept', { suggestedUnitSiteId: null, category: '' })).toEqual({
      unitSiteId: undefined,
      category: undefined,
    })
    expect(actionDefaults('reject', { suggestedUnitSiteId: 12, category: '' })).toEqual({})
  })
})
