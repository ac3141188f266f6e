/** Letters (来信): types, states and ratings shared by the server, the admin and the themes. */
export const LETTER_TYPES = ['consult', 'complaint', 'suggestion', 'help', 'other'] as const
export type LetterType = (typeof LETTER_TYPES)[number]
export const LETTER_TYPE_LABELS: Record<LetterType, string> = {
  consult: '咨询',
  complaint: '投诉',
  suggestion: '建议',
  help: '求助',
  other: '其他',
}

/**
 * submitted → screening (受理) → accepted / rejected / needs_info / merged → assigned (归口) →
 * signed → in_progress → reply_drafted → (review) → answered → closed; withdrawn by the writer
 * before assignment. Transfers and extensions are events, not states.
 */
export const LETTER_STATES = [
  'submitted',
  'needs_info',
  'rejected',
  'merged',
  'withdrawn',
  'accepted',
  'assigned',
  'signed',
  'in_progress',
  'reply_drafted',
  'answered',
  'closed',
] as const
export type LetterState = (typeof LETTER_STATES)[number]
export const LETTER_STATE_LABELS: Record<LetterState, string> = {
  submitted: '待受理',
  needs_info: '待补充材料',
  rejected: '不予受理',
  merged: '已合并',
  withdrawn: '已撤回',
  accepted: '已受理',
  assigned: '已交办',
  signed: '已签收',
  in_progress: '办理中',
  reply_drafted: '答复审核中',
  answered: '已答复',
  closed: '已办结',
}
/** What the writer sees of a state: handling details stay internal. */
export const LETTER_PUBLIC_STATE_LABELS: Record<LetterState, string> = {
  submitted: '已提交，等待受理',
  needs_info: '请补充材料',
  rejected: '不予受理',
  merged: '已与相同来信合并办理',
  withdrawn: '已撤回',
  accepted: '已受理',
  assigned: '办理中',
  signed: '办理中',
  in_progress: '办理中',
  reply_drafted: '办理中',
  answered: '已答复',
  closed: '已办结',
}

export const LETTER_RATINGS = ['satisfied', 'basically', 'unsatisfied'] as const
export type LetterRating = (typeof LETTER_RATINGS)[number]
export const LETTER_RATING_LABELS: Record<LetterRating, string> = {
  satisfied: '满意',
  basically: '基本满意',
  unsatisfied: '不满意',
}

export const LETTER_LIMITS = {
  subjectMax: 100,
  bodyMin: 5,
  bodyMax: 5000,
  nameMax: 50,
} as const
