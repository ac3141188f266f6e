import { LETTER_EXTENSION_MAX_DAYS, type LetterAction } from '../../../../common/letters'
import { LETTER_LIMITS } from '../../../../common/letters'

/** Button texts of the handling actions. */
export const ACTION_LABELS: Record<LetterAction, string> = {
  accept: '受理',
  reject: '不予受理',
  request_info: '要求补充材料',
  merge: '合并为重复来信',
  assign: '交办',
  transfer: '转办',
  sign: '签收',
  save_reply: '保存答复草稿',
  submit_reply: '提交答复审核',
  approve_reply: '审核通过并答复',
  return_reply: '退回答复',
  request_extension: '申请延期',
  decide_extension: '审批延期',
  note: '添加内部备注',
  close: '办结',
  publish: '公开',
  unpublish: '取消公开',
}

/** How a field is edited in an action's dialog. */
export type FieldKind = 'text' | 'textarea' | 'unit' | 'days' | 'grant'

/** One body field of an action, as the contract's table lists it. */
export interface ActionField {
  name: string
  label: string
  kind: FieldKind
  isRequired: boolean
  /** Help under the field (e.g. that the writer will read it). */
  extra?: string
  max?: number
}

const NOTE_MAX = LETTER_LIMITS.noteMax
const note = (label = '备注（可选）'): ActionField => ({
  name: 'note',
  label,
  kind: 'textarea',
  isRequired: false,
  max: NOTE_MAX,
})
const reason = (label: string, extra?: string): ActionField => ({
  name: 'reason',
  label,
  kind: 'textarea',
  isRequired: true,
  max: NOTE_MAX,
  extra,
})
const unit = (isRequired: boolean, extra?: string): ActionField => ({
  name: 'unitSiteId',
  label: isRequired ? '承办单位' : '承办单位（可选）',
  kind: 'unit',
  isRequired,
  extra,
})

/**
 * The body fields of each action opened in a dialog. `save_reply` / `submit_reply` are sent
 * from the reply editor and `publish` from the 公开 panel, so they have no dialog.
 */
export const ACTION_FIELDS: Record<LetterAction, ActionField[]> = {
  accept: [
    {
      name: 'category',
      label: '分类（可选）',
      kind: 'text',
      isRequired: false,
      max: 200,
      extra: '如“教育/招生”，用于分办规则和统计',
    },
    unit(false, '选择承办单位则受理后立即交办；不选则只受理，稍后再交办'),
    note(),
  ],
  reject: [reason('不予受理的理由', '仅内部可见，不会告知来信人')],
  request_info: [
    {
      name: 'message',
      label: '需补充的内容',
      kind: 'textarea',
      isRequired: true,
      max: NOTE_MAX,
      extra: '这段话会显示给来信人',
    },
  ],
  merge: [
    {
      name: 'into',
      label: '重复的来信（查询码或编号）',
      kind: 'text',
      isRequired: true,
      max: 50,
      extra: '本信将并入该来信一并办理',
    },
  ],
  assign: [unit(true), note()],
  transfer: [unit(true), reason('转办理由')],
  sign: [],
  save_reply: [],
  submit_reply: [],
  approve_reply: [
    {
      name: 'comment',
      label: '审核意见（可选）',
      kind: 'textarea',
      isRequired: false,
      max: NOTE_MAX,
    },
  ],
  return_reply: [reason('退回理由', '退回后承办单位修改答复，办理期限不延长')],
  request_extension: [
    {
      name: 'days',
      label: `延期天数（工作日，1–${LETTER_EXTENSION_MAX_DAYS}）`,
      kind: 'days',
      isRequired: true,
    },
    reason('延期理由', '每封来信只能申请一次延期'),
  ],
  decide_extension: [
    { name: 'grant', label: '审批结果', kind: 'grant', isRequired: true },
    note('审批意见（可选）'),
  ],
  note: [
    {
      name: 'note',
      label: '备注内容',
      kind: 'textarea',
      isRequired: true,
      max: NOTE_MAX,
      extra: '内部备注，来信人看不到',
    },
  ],
  close: [note()],
  publish: [],
  unpublish: [
    {
      name: 'reason',
      label: '取消公开的理由（可选）',
      kind: 'textarea',
      isRequired: false,
      max: NOTE_MAX,
    },
  ],
}

const ACTION_ORDER: readonly LetterAction[] = [
  'accept',
  'sign',
  'assign',
  'approve_reply',
  'decide_extension',
  'close',
  'transfer',
  'request_info',
  'return_reply',
  'reject',
  'merge',
  'request_extension',
  'note',
  'save_reply',
  'submit_reply',
  'publish',
  'unpublish',
]

/** Actions done elsewhere on the page than in the action bar. */
const NOT_IN_BAR: readonly LetterAction[] = ['save_reply', 'submit_reply', 'publish', 'unpublish']

/** Actions that change nothing for the writer and deserve a less prominent button. */
const SECONDARY: readonly LetterAction[] = ['note', 'request_extension', 'merge']

/** The action bar's buttons, in the contract's order: what `actions` allows, minus the panels. */
export function barActions(actions: readonly LetterAction[]): LetterAction[] {
  return ACTION_ORDER.filter((a) => actions.includes(a) && !NOT_IN_BAR.includes(a))
}

export function isSecondary(action: LetterAction): boolean {
  return SECONDARY.includes(action)
}

/** Actions that undo or refuse something (red buttons). */
export function isDanger(action: LetterAction): boolean {
  return action === 'reject' || action === 'return_reply' || action === 'unpublish'
}

/**
 * The request body of an action from its dialog's values: only the action's fields, text
 * trimmed, empty optional fields left out.
 */
export function actionBody(
  action: LetterAction,
  values: Record<string, unknown>,
): Record<string, unknown> {
  const body: Record<string, unknown> = {}
  for (const field of ACTION_FIELDS[action]) {
    const v = values[field.name]
    if (v === undefined || v === null) continue
    if (typeof v === 'string') {
      const t = v.trim()
      if (t || field.isRequired) body[field.name] = t
      continue
    }
    body[field.name] = v
  }
  return body
}

/** Initial values of an action's dialog (accept proposes the routing rules' unit). */
export function actionDefaults(
  action: LetterAction,
  letter: { suggestedUnitSiteId: number | null; category: string },
): Record<string, unknown> {
  if (action === 'accept') {
    return {
      unitSiteId: letter.suggestedUnitSiteId ?? undefined,
      category: letter.category || undefined,
    }
  }
  return {}
}
