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
  /** A reply, drafted or sent. */
  replyMax: 10_000,
  /** Reasons, notes and messages in the handling. */
  noteMax: 2_000,
  categoryMax: 200,
} as const

/** Stages with a deadline; the on-time result of each is recorded when it ends. */
export const LETTER_STAGES = ['screen', 'sign', 'handle', 'review'] as const
export type LetterStage = (typeof LETTER_STAGES)[number]
export const LETTER_STAGE_LABELS: Record<LetterStage, string> = {
  screen: '受理',
  sign: '签收',
  handle: '办理',
  review: '答复审核',
}

/**
 * A mailbox's limits in working days: screening, sign-for and reply review, and the handling
 * limit per letter type. A mailbox stores only what it overrides.
 */
export type LetterLimitKey = 'screen' | 'sign' | 'review' | LetterType
export const LETTER_LIMIT_KEYS: readonly LetterLimitKey[] = [
  'screen',
  'sign',
  'review',
  ...LETTER_TYPES,
]
export type LetterLimits = Record<LetterLimitKey, number>
export const DEFAULT_LETTER_LIMITS: LetterLimits = {
  screen: 1,
  sign: 1,
  review: 2,
  consult: 5,
  complaint: 10,
  suggestion: 10,
  help: 10,
  other: 10,
}
export const LETTER_LIMIT_LABELS: Record<LetterLimitKey, string> = {
  screen: '受理时限',
  sign: '签收时限',
  review: '答复审核时限',
  consult: '咨询办理时限',
  complaint: '投诉办理时限',
  suggestion: '建议办理时限',
  help: '求助办理时限',
  other: '其他办理时限',
}
/** Any limit is 0–60 working days (0: by the end of the day it starts). */
export const LETTER_LIMIT_MAX = 60
/** One extension per letter, of at most this many working days. */
export const LETTER_EXTENSION_MAX_DAYS = 15
/** The writer may rate a reply for this many days after it is sent; then the letter closes. */
export const LETTER_RATING_WINDOW_DAYS = 15
/** A valid letter unanswered this many months is flagged red across the cluster (一票否决). */
export const LETTER_RED_FLAG_MONTHS = 3

/** Handling actions: `POST /api/admin/letters/:id/actions/:action`. */
export const LETTER_ACTIONS = [
  'accept',
  'reject',
  'request_info',
  'merge',
  'assign',
  'transfer',
  'sign',
  'save_reply',
  'submit_reply',
  'approve_reply',
  'return_reply',
  'request_extension',
  'decide_extension',
  'note',
  'close',
  'publish',
  'unpublish',
] as const
export type LetterAction = (typeof LETTER_ACTIONS)[number]

/** Labels of every event in a letter's timeline (actions, the writer's and the system's). */
export const LETTER_EVENT_LABELS: Record<string, string> = {
  submit: '来信提交',
  import: '历史来信导入',
  accept: '受理',
  reject: '不予受理',
  request_info: '要求补充材料',
  supplement: '来信人补充材料',
  merge: '合并为重复来信',
  withdraw: '来信人撤回',
  assign: '交办',
  transfer: '转办',
  sign: '签收',
  save_reply: '保存答复草稿',
  submit_reply: '提交答复审核',
  approve_reply: '答复审核通过并答复',
  return_reply: '答复退回修改',
  request_extension: '申请延期',
  decide_extension: '延期审批',
  note: '内部备注',
  close: '办结',
  rate: '来信人评价',
  reopen: '不满意重办',
  publish: '公开',
  unpublish: '取消公开',
  view_writer: '查看来信人信息',
  deadline_recomputed: '工作日历调整，重算期限',
  auto_close: '评价期满自动办结',
}

/**
 * Where a letter stands against its current stage's deadline: `due_soon` by the end of the
 * next working day, `overdue` (催办) past it, `escalated` (督办) past twice the limit.
 */
export const LETTER_DUE_STATUSES = ['none', 'ok', 'due_soon', 'overdue', 'escalated'] as const
export type LetterDueStatus = (typeof LETTER_DUE_STATUSES)[number]
export const LETTER_DUE_LABELS: Record<LetterDueStatus, string> = {
  none: '',
  ok: '正常',
  due_soon: '即将到期',
  overdue: '已超期（催办）',
  escalated: '严重超期（督办）',
}

/** States in which a letter is valid and still awaits its answer (the 3-month red flag). */
export const LETTER_OPEN_STATES: readonly LetterState[] = [
  'submitted',
  'accepted',
  'assigned',
  'signed',
  'in_progress',
  'reply_drafted',
]

/** Groupings of the letter statistics (`GET /api/admin/letters/statistics?groupBy=`). */
export const STATS_GROUPS = ['unit', 'site', 'mailbox', 'type', 'month'] as const
export type StatsGroup = (typeof STATS_GROUPS)[number]
export const STATS_GROUP_LABELS: Record<StatsGroup, string> = {
  unit: '承办单位',
  site: '站点',
  mailbox: '信箱',
  type: '来信类型',
  month: '月份',
}

/** One line of the statistics (see docs/LETTERS.md for the definitions); rates 0–1 or null. */
export interface StatsRow {
  key: string
  label: string
  received: number
  accepted: number
  answered: number
  onTime: number
  onTimeRate: number | null
  avgDays: number | null
  p90Days: number | null
  rated: number
  satisfied: number
  basically: number
  unsatisfied: number
  satisfactionRate: number | null
  reopened: number
  reopenRate: number | null
}
