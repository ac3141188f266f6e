import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import {
  LETTER_LIMITS,
  LETTER_TYPES,
  LETTER_TYPE_LABELS,
  type LetterType,
} from '../../common/letters'
import { formatDate, formatDateTime } from '../../common/time'
import type { Core } from '../core'
import { isAppError, tooManyRequests, type AppError } from '../errors'
import { PAGE_HEADERS, pageKey } from './fast-path'
import { closedPage, errorPage, notFoundPage, page, type Outcome, type PageDeps } from './pages'
import type { SiteDirectory } from './site-directory'
import { breadcrumbsFor, columnUrl, commonView, type PageContext } from './views'
import type { Column } from '../modules/columns/column.repository'
import { mailboxRepository, type Mailbox } from '../modules/letters/mailbox.repository'

/**
 * 信箱 pages of a `letters` column, without JavaScript (but for the captcha widget):
 * GET `<column>/` shows the mailbox, a write form and a check form; the forms post
 * urlencoded to `<column>/submit` and `<column>/check`. Only the GET page is cached (it holds
 * nothing of the visitor: the widget fetches its challenge itself); every POST answer is
 * `no-store`, and no handler logs a body (letters hold personal data).
 */

/** Urlencoded bodies of the letter forms: 5 000 Chinese characters encode to ~45 KB. */
export const LETTER_FORM_BODY_LIMIT = 64 * 1024
/** The captcha form id the letter challenges are issued for. */
const CAPTCHA_FORM = 'letter'
const MINUTE = 60_000
const DEADLINE_NOTE = '一般在 5 个工作日内答复，复杂问题不超过 15 个工作日'
const WRONG_CODE = '查询码或查询密码不正确'

type Action = 'submit' | 'check'
type Fields = Record<string, string>

interface WriteState {
  values: Fields
  errors: Fields
  message: string
}
interface CheckState {
  queryCode: string
  errors: Fields
  message: string
}

const WRITE_FIELDS = ['mailbox', 'type', 'subject', 'body', 'name', 'mobile', 'email', 'altcha']
const CHECK_FIELDS = ['queryCode', 'password']
/** What the form shows again after a refusal (never the captcha payload). */
const WRITE_VALUES = ['mailbox', 'type', 'subject', 'body', 'name', 'mobile', 'email', 'public']
const isLetterType = (v: string | undefined): v is LetterType =>
  (LETTER_TYPES as readonly string[]).includes(v ?? '')
/** Where the error summary sends the reader for each field. */
const FIELD_ANCHORS: Record<string, string> = {
  mailbox: 'letter-mailbox',
  type: `letter-type-${LETTER_TYPES[0]}`,
  subject: 'letter-subject',
  body: 'letter-body',
  name: 'letter-name',
  mobile: 'letter-mobile',
  email: 'letter-email',
  altcha: 'letter-captcha',
  queryCode: 'check-code',
  password: 'check-password',
}

const emptyErrors = (names: string[]): Fields => Object.fromEntries(names.map((n) => [n, '']))
const errorList = (errors: Fields) =>
  Object.entries(errors)
    .filter(([, m]) => m)
    .map(([field, message]) => ({ href: `#${FIELD_ANCHORS[field] ?? field}`, message }))

async function enabledMailboxes(deps: PageDeps, siteId: number): Promise<Mailbox[]> {
  return (await mailboxRepository.list(deps.db, [siteId])).filter((m) => m.enabled)
}

function frame(ctx: PageContext, column: Column, title?: string) {
  const { prefix } = ctx.resolved
  const url = columnUrl(prefix, column)
  const siblings = (ctx.snap.columnsOf.get(column.siteId) ?? []).filter((c) => c.visible)
  const children = siblings.filter((c) => c.parentId === column.id)
  const sideNav = (
    children.length > 0 ? children : siblings.filter((c) => c.parentId === column.parentId)
  ).map((c) => ({ name: c.name, url: columnUrl(prefix, c), isCurrent: c.id === column.id }))
  const common = commonView(ctx, {
    title: `${title ? `${title} - ` : ''}${column.name} - ${ctx.resolved.site.name}`,
    column,
    breadcrumbs: breadcrumbsFor(ctx, column, title ? { name: title, url } : undefined),
  })
  return {
    ...common,
    sideNav,
    column: { name: column.name, url, description: column.description },
    letterUrls: {
      page: url,
      submit: `${url}submit`,
      check: `${url}check`,
      checkForm: `${url}#letter-check`,
    },
  }
}

/** The mailbox page: intro, write form and check form, optionally with a failed post's state. */
export async function renderMailboxPage(
  deps: PageDeps & { core: Core },
  ctx: PageContext,
  column: Column,
  state: { write?: WriteState; check?: CheckState; status?: number } = {},
): Promise<Outcome> {
  const boxes = await enabledMailboxes(deps, ctx.resolved.site.id)
  const values = state.write?.values ?? {}
  const selected = values.mailbox || boxes[0]?.code || ''
  const writeErrors = { ...emptyErrors(WRITE_FIELDS), ...(state.write?.errors ?? {}) }
  const checkErrors = { ...emptyErrors(CHECK_FIELDS), ...(state.check?.errors ?? {}) }
  const isPost = state.write !== undefined || state.check !== undefined
  const vars = {
    ...frame(ctx, column),
    captcha: deps.core.captcha.view(CAPTCHA_FORM),
    mailbox: {
      deadline: DEADLINE_NOTE,
      hasMailboxes: boxes.length > 0,
      isSingle: boxes.length === 1,
      boxes: boxes.map((m) => ({
        code: m.code,
        name: m.name,
        description: m.description,
        isSelected: m.code === selected,
      })),
      limits: LETTER_LIMITS,
      types: LETTER_TYPES.map((value) => ({
        value,
        label: LETTER_TYPE_LABELS[value],
        id: `letter-type-${value}`,
        isChecked: (values.type || LETTER_TYPES[0]) === value,
      })),
      write: {
        subject: values.subject ?? '',
        body: values.body ?? '',
        name: values.name ?? '',
        mobile: values.mobile ?? '',
        email: values.email ?? '',
        isPublic: values.public === '1',
        errors: writeErrors,
        errorList: errorList(writeErrors),
        message: state.write?.message ?? '',
      },
      check: {
        queryCode: state.check?.queryCode ?? '',
        errors: checkErrors,
        errorList: errorList(checkErrors),
        message: state.check?.message ?? '',
      },
    },
  }
  // The page holds nothing of the visitor unless it answers a post: then never cached.
  return page(deps, ctx, 'mailbox', vars, {
    status: state.status ?? 200,
    tags: [`column:${column.id}`, `mailboxes:${ctx.resolved.site.id}`, 'mailboxes'],
    visits: isPost ? [] : [['column', column.id]],
    ttlMs: 5 * MINUTE,
    cacheable: !isPost,
  })
}

/** A posted letter: the result page with its codes, or the form again with what was typed. */
async function submitLetter(
  deps: PageDeps & { core: Core },
  ctx: PageContext,
  column: Column,
  raw: Fields,
): Promise<Outcome> {
  const values = pick(raw, WRITE_VALUES)
  const boxes = await enabledMailboxes(deps, ctx.resolved.site.id)
  const errors: Fields = {}
  const box = boxes.length === 1 ? boxes[0] : boxes.find((m) => m.code === values.mailbox)
  if (!box) errors.mailbox = '请选择信箱'
  const type = values.type
  if (!isLetterType(type)) errors.type = '请选择来信类型'
  const again = (status: number, more: Partial<WriteState>) =>
    renderMailboxPage(deps, ctx, column, {
      status,
      write: { values, errors: { ...errors, ...(more.errors ?? {}) }, message: more.message ?? '' },
    })
  if (!box || !isLetterType(type)) return again(400, {})
  try {
    const { queryCode, password } = await deps.core.letterIntake.submit({
      mailbox: box.code,
      type,
      subject: values.subject ?? '',
      body: values.body ?? '',
      name: values.name ?? '',
      mobile: values.mobile ?? '',
      email: values.email ?? '',
      public: values.public === '1',
      captcha: raw.altcha || undefined,
    })
    return page(
      deps,
      ctx,
      'letter-result',
      {
        ...frame(ctx, column, '来信已收到'),
        letter: { queryCode, password, mailbox: box.name, deadline: DEADLINE_NOTE },
      },
      { cacheable: false, visits: [], tags: [`column:${column.id}`] },
    )
  } catch (err) {
    if (!isAppError(err)) throw err
    return again(err.status, writeFailure(err))
  }
}

/** A refused letter as the form shows it: field messages, or one message at the top. */
function writeFailure(err: AppError): Partial<WriteState> {
  if (err.fields && Object.keys(err.fields).length > 0) {
    const known = Object.fromEntries(
      Object.entries(err.fields).filter(([k]) => WRITE_FIELDS.includes(k)),
    )
    if (Object.keys(known).length > 0) return { errors: known }
  }
  if (err.status === 404) return { errors: { mailbox: err.message } }
  return { message: err.message }
}

async function checkLetter(
  deps: PageDeps & { core: Core },
  ctx: PageContext,
  column: Column,
  raw: Fields,
): Promise<Outcome> {
  const queryCode = (raw.queryCode ?? '').trim().slice(0, 30)
  const password = (raw.password ?? '').trim().slice(0, 30)
  const errors: Fields = {}
  if (!queryCode) errors.queryCode = '请填写查询码'
  if (!password) errors.password = '请填写查询密码'
  const again = (status: number, state: Partial<CheckState>) =>
    renderCheckPage(deps, ctx, column, status, { queryCode, errors: {}, message: '', ...state })
  if (!queryCode || !password) return again(400, { errors })
  try {
    const r = await deps.core.letterIntake.lookup(queryCode, password)
    return renderCheckPage(
      deps,
      ctx,
      column,
      200,
      { queryCode: '', errors: {}, message: '' },
      {
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
      },
    )
  } catch (err) {
    if (!isAppError(err)) throw err
    if (err.status === 404) return again(404, { message: WRONG_CODE })
    return again(err.status, { message: err.message })
  }
}

function pick(raw: Fields, names: string[]): Fields {
  const out: Fields = {}
  for (const n of names) {
    const v = raw[n]
    if (typeof v === 'string') out[n] = v
  }
  return out
}

/** A urlencoded body as plain strings; repeated names keep their last value. */
export function parseForm(body: string): Fields {
  const out: Fields = {}
  for (const [k, v] of new URLSearchParams(body)) out[k] = v
  return out
}

interface Target {
  ctx: PageContext
  column: Column | null
  action: Action | null
}

function actionOf(url: string): Action | null {
  const m = /\/(submit|check)(?:\?.*)?$/.exec(url)
  return (m?.[1] as Action | undefined) ?? null
}

/** The letters column and action a POST is addressed to; null column when there is none. */
async function resolveTarget(
  directory: SiteDirectory,
  request: FastifyRequest,
): Promise<Target | null> {
  const host = (request.host || 'localhost').toLowerCase()
  const { pathname } = pageKey(host, request.url)
  const resolved = await directory.resolve(host, pathname)
  if (!resolved) return null
  const snap = await directory.snapshotNow()
  const ctx: PageContext = { resolved, host, snap, directory }
  const m = /^([a-z0-9][a-z0-9/-]*?)\/(submit|check)$/.exec(resolved.rest)
  const column = m ? ctx.snap.columnByPath.get(`${resolved.site.id}:${m[1]}`) : undefined
  const isOpen = resolved.site.status === 'open' && resolved.root.status === 'open'
  const found = column && column.visible && column.type === 'letters' && isOpen
  return { ctx, column: found ? column : null, action: (m?.[2] as Action | undefined) ?? null }
}

function send(reply: FastifyReply, outcome: Outcome) {
  reply.headers(PAGE_HEADERS)
  // Answers to a post hold a 查询密码, a letter's state or the writer's own words.
  reply.header('cache-control', 'no-store')
  if (outcome.kind === 'redirect') {
    return reply.status(outcome.status).header('location', outcome.location).send()
  }
  return reply.status(outcome.status).type('text/html; charset=utf-8').send(outcome.html)
}

function plainError(status: number, title: string): string {
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${status} ${title}</h1></body></html>`
}

/**
 * `POST <letters column>/submit` and `POST <letters column>/check`: urlencoded only (≤ 64 KB),
 * rate-limited per address and action, answered with themed pages, never cached. Register
 * inside its own plugin: the body parser and the error page apply to these routes only.
 */
export async function letterPageRoutes(
  app: FastifyInstance,
  { core, directory, deps }: { core: Core; directory: SiteDirectory; deps: PageDeps },
): Promise<void> {
  const full = { ...deps, core }
  app.removeAllContentTypeParsers()
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: LETTER_FORM_BODY_LIMIT },
    (_request, body, done) => done(null, parseForm(String(body))),
  )

  const respond = async (
    request: FastifyRequest,
    reply: FastifyReply,
    make: (t: Target & { column: Column; action: Action }, fields: Fields) => Promise<Outcome>,
  ) => {
    const target = await resolveTarget(directory, request)
    if (!target) return send(reply, plainOutcome(404, '站点不存在'))
    const { ctx, column, action } = target
    if (!column || !action) {
      const { site, root } = ctx.resolved
      const owner = site.status !== 'open' ? site : root.status !== 'open' ? root : null
      return send(
        reply,
        owner?.status === 'closed' ? await closedPage(deps, ctx) : await notFoundPage(deps, ctx),
      )
    }
    const body = request.body
    const fields = body && typeof body === 'object' ? (body as Fields) : {}
    return send(reply, await make({ ctx, column, action }, fields))
  }

  app.setErrorHandler(async (err: FastifyError, request, reply) => {
    try {
      if (isAppError(err) && err.status === 429) {
        return await respond(request, reply, ({ ctx, column, action }, fields) =>
          action === 'submit'
            ? renderMailboxPage(full, ctx, column, {
                status: 429,
                write: {
                  values: pick(fields, WRITE_VALUES),
                  errors: {},
                  message: err.message,
                },
              })
            : renderCheckPage(deps, ctx, column, 429, {
                queryCode: fields.queryCode ?? '',
                errors: {},
                message: err.message,
              }),
        )
      }
      const status = err.statusCode ?? 500
      const [title, message] =
        status === 413 || err.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
          ? ['提交的内容过大', '提交的内容超过了允许的大小，请精简后重新提交。']
          : status === 415 || err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
            ? ['无法处理该提交', '请通过本站页面上的表单提交。']
            : status >= 400 && status < 500
              ? ['提交有误', '提交的内容无法识别，请返回表单重新提交。']
              : ['服务暂时不可用', '提交未能处理，请稍后再试。如已显示查询码，说明来信已成功提交。']
      // The error only: a request body here would put a writer's personal data in the log.
      if (status >= 500) request.log.error({ err }, 'letter form failed')
      const target = await resolveTarget(directory, request)
      if (!target) return send(reply, plainOutcome(status, title))
      const code = status >= 400 ? status : 500
      return send(reply, await errorPage(deps, target.ctx, code, title, message))
    } catch (e) {
      request.log.error({ err: e }, 'letter error page failed')
      return send(reply, plainOutcome(500, '服务暂时不可用'))
    }
  })

  app.post(
    '/*',
    {
      config: {
        rateLimit: {
          // After parsing, so a refused letter is shown again with what was typed.
          hook: 'preHandler',
          timeWindow: '10 minutes',
          max: (request: FastifyRequest) => (actionOf(request.url) === 'check' ? 20 : 10),
          keyGenerator: (request: FastifyRequest) => `${request.ip}|${actionOf(request.url) ?? ''}`,
          errorResponseBuilder: () => tooManyRequests('提交过于频繁，请 10 分钟后再试'),
        },
      },
    },
    (request, reply) =>
      respond(request, reply, ({ ctx, column, action }, fields) =>
        action === 'submit'
          ? submitLetter(full, ctx, column, fields)
          : checkLetter(full, ctx, column, fields),
      ),
  )
}

/** The check page: a letter's state, or the check form again with what went wrong. */
function renderCheckPage(
  deps: PageDeps,
  ctx: PageContext,
  column: Column,
  status: number,
  state: CheckState,
  result?: Record<string, string | boolean>,
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
        hasResult: result !== undefined,
        result: result ?? {},
      },
    },
    { status, cacheable: false, visits: [], tags: [`column:${column.id}`] },
  )
}

function plainOutcome(status: number, title: string): Outcome {
  return {
    kind: 'page',
    status,
    html: plainError(status, title),
    tags: [],
    visits: [],
    ttlMs: 0,
    cacheable: false,
  }
}
