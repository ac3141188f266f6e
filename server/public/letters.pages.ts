import multipart from '@fastify/multipart'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import {
  LETTER_LIMITS,
  LETTER_TYPES,
  LETTER_TYPE_LABELS,
  type LetterType,
} from '../../common/letters'
import type { Core } from '../core'
import { isAppError, tooManyRequests, type AppError } from '../errors'
import type { Column } from '../modules/columns/column.repository'
import { LETTER_ATTACHMENT_LIMITS, type LetterUpload } from '../modules/letters/letter.attachments'
import { PAGE_HEADERS, pageKey } from './fast-path'
import {
  checkLetter,
  renderCheckPage,
  writerAction,
  type WriterAction,
} from './letters-check.pages'
import {
  columnMailboxes,
  DEADLINE_NOTE,
  emptyErrors,
  errorList,
  frame,
  MINUTE,
  pick,
  plainOutcome,
  type Fields,
  type LetterPageDeps,
} from './letters-common.pages'
import { ATTACHMENT_FIELD, readMultipartForm, requestUploads } from './letters-multipart'
import { closedPage, errorPage, notFoundPage, page, type Outcome, type PageDeps } from './pages'
import type { SiteDirectory } from './site-directory'
import type { PageContext } from './views'

/**
 * 信箱 pages of a `letters` column, without JavaScript (but for the captcha widget):
 * GET `<column>/` shows the mailbox, a write form and a check form; the write form posts
 * multipart (with attachments) or urlencoded to `<column>/submit`, the check form and the
 * writer's actions post urlencoded to `<column>/check|rate|supplement|withdraw`. Only the GET
 * page is cached (it holds nothing of the visitor: the widget fetches its challenge itself);
 * every POST answer is `no-store`, and no handler logs a body (letters hold personal data).
 */

/** Urlencoded bodies of the letter forms: 5 000 Chinese characters encode to ~45 KB. */
export const LETTER_FORM_BODY_LIMIT = 64 * 1024
/** The captcha form id the letter challenges are issued for. */
const CAPTCHA_FORM = 'letter'

type Action = 'submit' | 'check' | WriterAction
const ACTIONS = 'submit|check|rate|supplement|withdraw'

interface WriteState {
  values: Fields
  errors: Fields
  message: string
}

const WRITE_FIELDS = [
  'mailbox',
  'type',
  'subject',
  'body',
  'name',
  'mobile',
  'email',
  'attachments',
  'altcha',
]
const CHECK_FIELDS = ['queryCode', 'password']
/** What the form shows again after a refusal (never the captcha payload nor the files). */
const WRITE_VALUES = ['mailbox', 'type', 'subject', 'body', 'name', 'mobile', 'email', 'public']
const isLetterType = (v: string | undefined): v is LetterType =>
  (LETTER_TYPES as readonly string[]).includes(v ?? '')

/** The mailbox page: intro, write form and check form, optionally with a failed post's state. */
export async function renderMailboxPage(
  deps: LetterPageDeps,
  ctx: PageContext,
  column: Column,
  state: {
    write?: WriteState
    check?: { queryCode: string; errors: Fields; message: string }
    status?: number
  } = {},
): Promise<Outcome> {
  const boxes = await columnMailboxes(deps, ctx.resolved.site.id)
  const values = state.write?.values ?? {}
  const selected = values.mailbox || boxes[0]?.code || ''
  const writeErrors = { ...emptyErrors(WRITE_FIELDS), ...(state.write?.errors ?? {}) }
  const checkErrors = { ...emptyErrors(CHECK_FIELDS), ...(state.check?.errors ?? {}) }
  const isPost = state.write !== undefined || state.check !== undefined
  const A = LETTER_ATTACHMENT_LIMITS
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
      attachments: {
        field: ATTACHMENT_FIELD,
        count: A.count,
        fileMb: A.fileBytes / 1048576,
        totalMb: A.totalBytes / 1048576,
        accept: A.extensions.map((e) => `.${e}`).join(','),
        kinds: 'jpg、png、pdf、doc、docx、xls、xlsx',
      },
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
        isRefused: state.write !== undefined,
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
  deps: LetterPageDeps,
  ctx: PageContext,
  column: Column,
  raw: Fields,
  attachments: LetterUpload[],
): Promise<Outcome> {
  const values = pick(raw, WRITE_VALUES)
  const boxes = await columnMailboxes(deps, ctx.resolved.site.id)
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
      attachments,
    })
    return page(
      deps,
      ctx,
      'letter-result',
      {
        ...frame(ctx, column, '来信已收到'),
        letter: {
          queryCode,
          password,
          mailbox: box.name,
          deadline: DEADLINE_NOTE,
          attachmentCount: attachments.filter((a) => a.bytes.length > 0).length,
        },
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

const ACTION_RE = new RegExp(`/(${ACTIONS})(?:\\?.*)?$`)
const TARGET_RE = new RegExp(`^([a-z0-9][a-z0-9/-]*?)/(${ACTIONS})$`)

function actionOf(url: string): Action | null {
  return (ACTION_RE.exec(url)?.[1] as Action | undefined) ?? null
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
  const m = TARGET_RE.exec(resolved.rest)
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

/**
 * `POST <letters column>/submit|check|rate|supplement|withdraw`: urlencoded (≤ 64 KB) or, for
 * the write form, multipart with attachments; rate-limited per address (the writer's actions
 * share the check's budget: each proves a password), answered with themed pages, never cached.
 * Register inside its own plugin: the body parsers and the error page apply to these routes only.
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
  await app.register(multipart, { throwFileSizeLimit: false })
  app.addHook('preValidation', async (request) => {
    if (request.isMultipart()) await readMultipartForm(request)
  })

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
                write: { values: pick(fields, WRITE_VALUES), errors: {}, message: err.message },
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
          max: (request: FastifyRequest) => {
            const action = actionOf(request.url)
            return action === 'submit' || action === null ? 10 : 20
          },
          keyGenerator: (request: FastifyRequest) => {
            const action = actionOf(request.url)
            return `${request.ip}|${action === 'submit' || action === null ? (action ?? '') : 'check'}`
          },
          errorResponseBuilder: () => tooManyRequests('提交过于频繁，请 10 分钟后再试'),
        },
      },
    },
    (request, reply) =>
      respond(request, reply, ({ ctx, column, action }, fields) => {
        if (action === 'submit') {
          return submitLetter(full, ctx, column, fields, requestUploads(request))
        }
        if (action === 'check') return checkLetter(full, ctx, column, fields)
        return writerAction(full, ctx, column, action, fields)
      }),
  )
}
