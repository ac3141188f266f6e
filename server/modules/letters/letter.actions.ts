import { LETTER_ACTIONS, LETTER_LIMITS, type LetterAction } from '../../../common/letters'
import { AppError, invalid } from '../../errors'
import { findBankCards, findIdNumbers, findMobiles } from '../checks/personal-data'

/** The cleaned body of a handling action (each action uses its own fields). */
export interface ActionInput {
  category?: string
  unitSiteId?: number | null
  note?: string
  reason?: string
  message?: string
  into?: string
  reply?: string
  comment?: string
  days?: number
  grant?: boolean
  subject?: string
  body?: string
}

const REPLY_MAX = LETTER_LIMITS.replyMax
const NOTE_MAX = LETTER_LIMITS.noteMax
const CATEGORY_MAX = LETTER_LIMITS.categoryMax

function text(
  body: Record<string, unknown>,
  key: string,
  label: string,
  options: { required?: boolean; max?: number } = {},
): string | undefined {
  const v = body[key]
  if (v === undefined || v === null) {
    if (options.required) throw invalid(`请填写${label}`, { [key]: `请填写${label}` })
    return undefined
  }
  if (typeof v !== 'string') throw invalid(`${label}格式不正确`, { [key]: `${label}须为文字` })
  const t = v.trim()
  if (options.required && !t) throw invalid(`请填写${label}`, { [key]: `请填写${label}` })
  const max = options.max ?? NOTE_MAX
  if (t.length > max)
    throw invalid(`${label}不超过 ${max} 字`, { [key]: `${label}不超过 ${max} 字` })
  return t
}

function siteId(body: Record<string, unknown>, required: boolean): number | null | undefined {
  const v = body.unitSiteId
  if (v === undefined) {
    if (required) throw invalid('请选择承办单位', { unitSiteId: '请选择承办单位' })
    return undefined
  }
  if (v === null && !required) return null
  if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) {
    throw invalid('请选择承办单位', { unitSiteId: '请选择承办单位' })
  }
  return v
}

export function isLetterAction(a: string): a is LetterAction {
  return (LETTER_ACTIONS as readonly string[]).includes(a)
}

/** Validates an action's body: a Chinese message and the field for anything wrong. */
export function cleanAction(action: LetterAction, body: Record<string, unknown>): ActionInput {
  switch (action) {
    case 'accept':
      return {
        category: text(body, 'category', '分类', { max: CATEGORY_MAX }),
        unitSiteId: siteId(body, false),
        note: text(body, 'note', '备注'),
      }
    case 'reject':
      return { reason: text(body, 'reason', '不予受理的理由', { required: true }) }
    case 'request_info':
      return { message: text(body, 'message', '需补充的内容', { required: true }) }
    case 'merge':
      return {
        into: text(body, 'into', '重复来信的查询码', { required: true }),
        note: text(body, 'note', '备注'),
      }
    case 'assign':
      return { unitSiteId: siteId(body, true), note: text(body, 'note', '备注') }
    case 'transfer':
      return {
        unitSiteId: siteId(body, true),
        reason: text(body, 'reason', '转办理由', { required: true }),
      }
    case 'save_reply':
    case 'submit_reply':
      return { reply: text(body, 'reply', '答复内容', { required: true, max: REPLY_MAX }) }
    case 'approve_reply':
      return { comment: text(body, 'comment', '审核意见') }
    case 'return_reply':
      return { reason: text(body, 'reason', '退回理由', { required: true }) }
    case 'request_extension': {
      const days = body.days
      if (typeof days !== 'number' || !Number.isInteger(days) || days < 1) {
        throw invalid('请填写延期天数（工作日）', { days: '请填写延期天数' })
      }
      return { days, reason: text(body, 'reason', '延期理由', { required: true }) }
    }
    case 'decide_extension':
      if (typeof body.grant !== 'boolean') {
        throw invalid('请选择是否同意延期', { grant: '请选择是否同意延期' })
      }
      return { grant: body.grant, note: text(body, 'note', '审批意见') }
    case 'note':
      return { note: text(body, 'note', '备注内容', { required: true }) }
    case 'close':
      return { note: text(body, 'note', '备注') }
    case 'publish':
      return {
        subject: text(body, 'subject', '公开标题', {
          required: true,
          max: LETTER_LIMITS.subjectMax,
        }),
        body: text(body, 'body', '公开的来信内容', { required: true, max: LETTER_LIMITS.bodyMax }),
        reply: text(body, 'reply', '公开的答复内容', { required: true, max: REPLY_MAX }),
      }
    case 'unpublish':
      return { reason: text(body, 'reason', '取消公开的理由') }
    case 'sign':
      return {}
  }
}

/** Nothing is published with a mobile, ID or bank card number still readable in it. */
export function checkPublication(input: ActionInput): void {
  for (const [field, value] of [
    ['subject', input.subject],
    ['body', input.body],
    ['reply', input.reply],
  ] as const) {
    const t = value ?? ''
    if (findIdNumbers(t).length + findMobiles(t).length + findBankCards(t).length > 0) {
      throw new AppError(
        422,
        'personal_data',
        '公开内容中仍有手机号码、身份证号码或银行卡号，请先遮盖',
        { [field]: '含有未遮盖的个人信息' },
      )
    }
  }
}
