import { LETTER_STATE_LABELS, type LetterAction, type LetterState } from '../../../common/letters'
import type { Executor } from '../../db/database'
import { AppError, forbidden } from '../../errors'
import type { Actor } from '../users/actor'
import { userRepository } from '../users/user.repository'
import { isDesk, isHandler, maySee } from './letter.access'

/** Extension request: none yet, waiting for the desk, granted, refused. */
export const EXTENSION = { none: 0, pending: 1, granted: 2, refused: 3 } as const

/** What the rules need to know of a letter. */
export interface LetterFacts {
  siteId: number
  unitSiteId: number | null
  state: LetterState
  extended: number
  replyBy: number | null
  wantsPublic: boolean
  published: boolean
}

/** Which states each action starts from, and who may take it (desk, unit or either). */
const RULES: Record<
  LetterAction,
  { from: readonly LetterState[] | 'any'; by: 'desk' | 'unit' | 'either' }
> = {
  accept: { from: ['submitted'], by: 'desk' },
  reject: { from: ['submitted'], by: 'desk' },
  request_info: { from: ['submitted'], by: 'desk' },
  merge: { from: ['submitted'], by: 'desk' },
  assign: { from: ['accepted'], by: 'desk' },
  transfer: { from: ['assigned', 'signed', 'in_progress'], by: 'either' },
  sign: { from: ['assigned'], by: 'unit' },
  save_reply: { from: ['signed', 'in_progress'], by: 'unit' },
  submit_reply: { from: ['signed', 'in_progress'], by: 'unit' },
  approve_reply: { from: ['reply_drafted'], by: 'desk' },
  return_reply: { from: ['reply_drafted'], by: 'desk' },
  request_extension: { from: ['signed', 'in_progress'], by: 'unit' },
  decide_extension: { from: ['assigned', 'signed', 'in_progress', 'reply_drafted'], by: 'desk' },
  note: { from: 'any', by: 'either' },
  close: { from: ['answered'], by: 'desk' },
  publish: { from: ['answered', 'closed'], by: 'desk' },
  unpublish: { from: 'any', by: 'desk' },
}

function holds(actor: Actor, l: LetterFacts, by: 'desk' | 'unit' | 'either'): boolean {
  const desk = isDesk(actor, l.siteId)
  const unit = l.unitSiteId !== null && isHandler(actor, l.unitSiteId)
  return by === 'desk' ? desk : by === 'unit' ? unit : desk || unit
}

/** Whether the action applies to the letter as it is now (state and letter conditions). */
function applies(action: LetterAction, l: LetterFacts): boolean {
  const rule = RULES[action]
  if (rule.from !== 'any' && !rule.from.includes(l.state)) return false
  switch (action) {
    case 'request_extension':
      return l.extended === EXTENSION.none
    case 'decide_extension':
      return l.extended === EXTENSION.pending
    case 'publish':
      return l.wantsPublic
    case 'unpublish':
      return l.published
    default:
      return true
  }
}

/**
 * Four eyes on replies: whoever submitted the reply may not approve it; the cluster admin is
 * exempt (as for articles), which the audit records.
 */
function fourEyes(actor: Actor, action: LetterAction, l: LetterFacts): boolean {
  return action !== 'approve_reply' || actor.isClusterAdmin || l.replyBy !== actor.id
}

/** The actions the actor may take on the letter now (the admin shows these buttons). */
export function allowedActions(actor: Actor, l: LetterFacts): LetterAction[] {
  if (!maySee(actor, l)) return []
  return (Object.keys(RULES) as LetterAction[]).filter(
    (a) => applies(a, l) && holds(actor, l, RULES[a].by) && fourEyes(actor, a, l),
  )
}

/** Throws the precise refusal: 409 for the wrong moment, 403 for the wrong person. */
export function assertAllowed(actor: Actor, action: LetterAction, l: LetterFacts): void {
  if (!applies(action, l)) {
    if (action === 'request_extension') {
      throw new AppError(409, 'extension_used', '每件来信只能申请一次延期')
    }
    if (action === 'publish' && !l.wantsPublic) {
      throw new AppError(409, 'not_publishable', '来信人未同意公开，不能公开此件来信')
    }
    throw new AppError(
      409,
      'letter_state',
      `来信当前为“${LETTER_STATE_LABELS[l.state] ?? l.state}”，不能执行此操作`,
    )
  }
  if (!holds(actor, l, RULES[action].by)) {
    const who = RULES[action].by === 'desk' ? '受理台（信箱所在站点管理员）' : '承办单位'
    throw forbidden(`只有${who}可以执行此操作`)
  }
  if (!fourEyes(actor, action, l)) {
    throw forbidden('答复须由提交人以外的人员审核')
  }
}

/** Active users who screen a site's mailboxes (its admins). */
export async function deskUsers(db: Executor, siteId: number): Promise<number[]> {
  return userRepository.activeWithRoles(db, siteId, ['admin'])
}

/** Active users who handle letters for a unit (its site's admins and editors). */
export async function unitUsers(db: Executor, unitSiteId: number): Promise<number[]> {
  return userRepository.activeWithRoles(db, unitSiteId, ['admin', 'editor'])
}
