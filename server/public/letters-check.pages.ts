import {
  LETTER_OPEN_STATES,
  LETTER_RATINGS,
  LETTER_RATING_LABELS,
  type LetterState,
} from '../../common/letters'
import { formatDate, formatDateTime } from '../../common/time'
import { isAppError, type AppError } from '../errors'
import type { Column } from '../modules/columns/column.repository'
import type { LetterStatus } from '../modules/letters/letter.intake'
import {
  DEADLINE_NOTE,
  emptyErrors,
  errorList,
  frame,
  WRONG_CODE,
  type Fields,
  type LetterPageDeps,
} from './letters-common.pages'
import { page, type Outcome, type PageDeps } from './pages'
import type { PageContext } from './views'

/**
 * 来信查询 and what the writer may do from its result, without JavaScript: rate the reply,
 * supplement the letter, withdraw it (after a confirmation page). Every form re-posts the 查询码
 * and 查询密码 as hidden fields (never in a URL); every answer is `no-store` (see letters.pages).
 */

export type WriterAction = 'rate' | 'supplement' | 'withdraw'

export interface CheckState {
  queryCode: string
  errors: Fields
  message: string
}

/** What a writer action left to show with the status: a notice, or an error and the input. */
interface ActionState {
  notice?: string
  message?: string
  errors?: Fields
  values?: Fields
}

const CHECK_FIELDS = ['queryCode', 'password']
const ACTION_FIELDS = ['rating', 'comment', 'text']
const WITHDRAWABLE: readonly LetterState[] = ['submitted', 'needs_info', 'accepted']
const COMMENT_MAX = 500
const NOTICES: Record<WriterAction, string> = {
  rate: '评价已提交，感谢您的评价。',
  supplement: '补充材料已提交，将重新受理。',
  withdraw: '来信已撤回。',
}

/** The 查询码 and 查询密码 of a posted form, trimmed and bounded. */
function credentials(raw: Fields) {
  return {
    queryCode: (raw.queryCode ?? '').trim().slice(0, 30),
    password: (raw.password ?? '').trim().slice(0, 30),
  }
}

function missing(queryCode: string, password: string): Fields | null {
  const errors: Fields = {}
  if (!queryCode) errors.queryCode = '请填写查询码'
  if (!password) errors.password = '请填写查询密码'
  return Object.keys(errors).length > 0 ? errors : null
}

/** `POST <column>/check`: the letter's status, or the form again with what went wrong. */
export async function checkLetter(
  deps: LetterPageDeps,
  ctx: PageContext,
  column: Column,
  raw: Fields,
): Promise<Outcome> {
  const { queryCode, password } = credentials(raw)
  const errors = missing(queryCode, password)
  if (errors) return renderCheckPage(deps, ctx, column, 400, { queryCode, errors, message: '' })
  return showStatus(deps, ctx, column, queryCode, password, 200, {})
}

/** Looks the letter up and shows it with the actions its state allows. */
async function showStatus(
  deps: LetterPageDeps,
  ctx: PageContext,
  column: Column,
  queryCode: string,
  password: string,
  status: number,
  action: ActionState,
): Promise<Outcome> {
  let r: LetterStatus
  try {
    r = await deps.core.letterIntake.lookup(queryCode, password)
  } catch (err) {
    if (!isAppError(err)) throw err
    const message = err.status === 404 ? WRONG_CODE : err.message
    return renderCheckPage(deps, ctx, column, err.status, { queryCode, errors: {}, message })
  }
  return renderCheckPage(
    deps,
    ctx,
    column,
    status,
    { queryCode: '', errors: {}, message: '' },
    {
      result: resultView(r),
      actions: actionsView(r, password, action),
    },
  )
}

function resultView(r: LetterStatus) {
  return {
    queryCode: r.queryCode,
    mailbox: r.mailbox,
    siteName: r.siteName,
    type: r.type,
    subject: r.subject,
    stateLabel: r.stateLabel,
    unitName: r.unitName ?? '',
    receivedAt: formatDateTime(r.receivedAt),
    receivedDate: formatDate(r.receivedAt),
    hasReply: Boolean(r.reply),
    reply: r.reply ?? '',
    repliedAt: formatDateTime(r.repliedAt),
    isMerged: r.state === 'merged',
    isPending: LETTER_OPEN_STATES.includes(r.state),
  }
}

function actionsView(r: LetterStatus, password: string, a: ActionState) {
  const errors = { ...emptyErrors(ACTION_FIELDS), ...(a.errors ?? {}) }
  const values = a.values ?? {}
  // Past the window the letter closes on its own; until the job runs, no form to fail.
  const isLate = r.ratingUntil !== null && r.ratingUntil < new Date().toISOString()
  const canRate = r.state === 'answered' && !r.rating && !isLate
  return {
    notice: a.notice ?? '',
    message: a.message ?? '',
    errors,
    errorList: errorList(errors),
    queryCode: r.queryCode,
    password,
    canRate,
    ratingUntil: canRate && r.ratingUntil ? formatDate(r.ratingUntil) : '',
    ratings: LETTER_RATINGS.map((value) => ({
      value,
      label: LETTER_RATING_LABELS[value],
      id: `rate-${value}`,
      isChecked: values.rating === value,
    })),
    comment: values.comment ?? '',
    commentMax: COMMENT_MAX,
    canSupplement: r.state === 'needs_info',
    publicNote: r.publicNote ?? '',
    text: values.text ?? '',
    canWithdraw: WITHDRAWABLE.includes(r.state),
  }
}

/**
 * `POST <column>/rate|supplement|withdraw`: runs the writer's action through
 * `core.letterWriter`, then shows the updated status (or the status with the refusal).
 * Withdrawing without `confirm=1` shows the confirmation page first.
 */
export async function writerAction(
  deps: LetterPageDeps,
  ctx: PageContext,
  column: Column,
  action: WriterAction,
  raw: Fields,
): Promise<Outcome> {
  const { queryCode, password } = credentials(raw)
  const errors = missing(queryCode, password)
  if (errors) return renderCheckPage(deps, ctx, column, 400, { queryCode, errors, message: '' })
  const values = {
    rating: raw.rating ?? '',
    comment: (raw.comment ?? '').slice(0, COMMENT_MAX * 2),
    text: (raw.text ?? '').slice(0, 20_000),
  }
  if (action === 'withdraw' && raw.confirm !== '1') {
    return confirmWithdraw(deps, ctx, column, queryCode, password)
  }
  const writer = deps.core.letterWriter
  try {
    if (action === 'rate') await writer.rate(queryCode, password, values.rating, values.comment)
    else if (action === 'supplement') await writer.supplement(queryCode, password, values.text)
    else await writer.withdraw(queryCode, password)
  } catch (err) {
    if (!isAppError(err)) throw err
    if (err.status === 404) {
      return renderCheckPage(deps, ctx, column, 404, { queryCode, errors: {}, message: WRONG_CODE })
    }
    return showStatus(deps, ctx, column, queryCode, password, err.status, refusal(err, values))
  }
  return showStatus(deps, ctx, column, queryCode, password, 200, { notice: NOTICES[action] })
}

function refusal(err: AppError, values: Fields): ActionState {
  const fields = Object.fromEntries(
    Object.entries(err.fields ?? {}).filter(([k]) => ACTION_FIELDS.includes(k)),
  )
  return { message: err.message, errors: fields, values }
}

/** The confirmation step of a withdrawal: what is withdrawn, 确认撤回 or 返回. */
async function confirmWithdraw(
  deps: LetterPageDeps,
  ctx: PageContext,
  column: Column,
  queryCode: string,
  password: string,
): Promise<Outcome> {
  let r: LetterStatus
  try {
    r = await deps.core.letterIntake.lookup(queryCode, password)
  } catch (err) {
    if (!isAppError(err)) throw err
    const message = err.status === 404 ? WRONG_CODE : err.message
    return renderCheckPage(deps, ctx, column, err.status, { queryCode, errors: {}, message })
  }
  if (!WITHDRAWABLE.includes(r.state)) {
    return showStatus(deps, ctx, column, queryCode, password, 409, {
      message: '来信已交办或已办结，不能撤回',
    })
  }
  return page(
    deps,
    ctx,
    'letter-withdraw',
    {
      ...frame(ctx, column, '撤回来信'),
      withdraw: {
        queryCode: r.queryCode,
        password,
        subject: r.subject,
        stateLabel: r.stateLabel,
        receivedAt: formatDateTime(r.receivedAt),
      },
    },
    { cacheable: false, visits: [], tags: [`column:${column.id}`] },
  )
}

/** The check page: a letter's state and actions, or the check form with what went wrong. */
export function renderCheckPage(
  deps: PageDeps,
  ctx: PageContext,
  column: Column,
  status: number,
  state: CheckState,
  found?: { result: ReturnType<typeof resultView>; actions: ReturnType<typeof actionsView> },
): Promise<Outcome> {
  const errors = { ...emptyErrors(CHECK_FIELDS), ...state.errors }
  return page(
    deps,
    ctx,
    'letter-check',
    {
      ...frame(ctx, column, '来信查询'),
      check: {
        queryCode: state.queryCode.slice(0, 30),
        errors,
        errorList: errorList(errors),
        message: state.message,
        deadline: DEADLINE_NOTE,
        hasResult: found !== undefined,
        result: found?.result ?? {},
        actions: found?.actions ?? {},
      },
    },
    { status, cacheable: false, visits: [], tags: [`column:${column.id}`] },
  )
}
