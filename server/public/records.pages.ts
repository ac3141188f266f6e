import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { RECORDS_FIELDS, RECORDS_LIMITS } from '../../common/records'
import { formatDateTime } from '../../common/time'
import type { Core } from '../core'
import { isAppError, tooManyRequests } from '../errors'
import {
  presentAnswer,
  presentSetPublic,
  privateHeaders,
  RECORDS_CAPTCHA_FORM,
  RECORDS_IP_RATE,
} from '../modules/records'
import { PAGE_HEADERS } from './fast-path'
import { errorPage, notFoundPage, page, type Outcome, type PageDeps } from './pages'
import type { SiteDirectory } from './site-directory'
import { commonView, type PageContext } from './views'

/**
 * 个人查询 pages on every site: `<site>/records/` lists the sets, `<site>/records/<code>/` is
 * a set's query form (cacheable: it holds nothing of the visitor). The form posts urlencoded
 * to `/records/<code>/query` with the page's own path, so the answer is drawn in that site's
 * frame; every answer to a post is `no-store` and `noindex`, and nothing of the body is logged.
 */

type Fields = Record<string, string>
type RecordsPageDeps = PageDeps & { core: Core }

const MINUTE = 60_000
const FORM_FIELDS = ['idNumber', 'name', 'secret', 'altcha']
const ANCHORS: Fields = {
  idNumber: 'records-id',
  name: 'records-name',
  secret: 'records-secret',
  altcha: 'records-captcha',
}

export const recordsUrl = (prefix: string, code?: string): string =>
  code ? `${prefix}records/${code}/` : `${prefix}records/`

function frame(ctx: PageContext, title: string, set?: { code: string; name: string }) {
  const { prefix } = ctx.resolved
  const crumbs = [
    { name: '首页', url: prefix },
    { name: '个人查询', url: recordsUrl(prefix) },
    ...(set ? [{ name: set.name, url: recordsUrl(prefix, set.code) }] : []),
  ]
  return commonView(ctx, {
    title: `${title} - ${ctx.resolved.site.name}`,
    breadcrumbs: crumbs,
    meta: { robots: 'noindex, nofollow' },
  })
}

/** `records/` and `records/<code>/` of any open site; null when the path is not one of them. */
export async function routeRecords(
  deps: RecordsPageDeps,
  ctx: PageContext,
  rest: string,
): Promise<Outcome | null> {
  if (rest === 'records') {
    return { kind: 'redirect', status: 301, location: recordsUrl(ctx.resolved.prefix) }
  }
  if (rest === 'records/') return renderRecordsIndex(deps, ctx)
  const m = /^records\/([a-z][a-z0-9-]{1,63})(\/?)$/.exec(rest)
  if (!m) return null
  const code = m[1] as string
  if (!m[2])
    return { kind: 'redirect', status: 301, location: recordsUrl(ctx.resolved.prefix, code) }
  return renderRecordsForm(deps, ctx, code, {})
}

async function renderRecordsIndex(deps: RecordsPageDeps, ctx: PageContext): Promise<Outcome> {
  const sets = await deps.core.recordsQuery.publicSets()
  return page(
    deps,
    ctx,
    'records',
    {
      ...frame(ctx, '个人查询'),
      records: {
        sets: sets.map((s) => ({
          ...presentSetPublic(s),
          url: recordsUrl(ctx.resolved.prefix, s.code),
        })),
      },
    },
    { tags: ['records'], ttlMs: 5 * MINUTE },
  )
}

interface FormState {
  status?: number
  values?: Fields
  errors?: Fields
  message?: string
  answer?: ReturnType<typeof presentAnswer>
}

/** The query form of a set, optionally with a post's refusal or its answer. */
export async function renderRecordsForm(
  deps: RecordsPageDeps,
  ctx: PageContext,
  code: string,
  state: FormState,
): Promise<Outcome> {
  let set
  try {
    set = await deps.core.recordsQuery.publicSet(code)
  } catch {
    return notFoundPage(deps, ctx)
  }
  const pub = presentSetPublic(set)
  const isPost = state.status !== undefined
  const errors: Fields = {
    ...Object.fromEntries(FORM_FIELDS.map((f) => [f, ''])),
    ...(state.errors ?? {}),
  }
  const errorList = Object.entries(errors)
    .filter(([, v]) => v)
    .map(([k, message]) => ({ href: `#${ANCHORS[k] ?? k}`, message }))
  const answer = state.answer
  return page(
    deps,
    ctx,
    'records-query',
    {
      ...frame(ctx, set.name, set),
      captcha: deps.core.captcha.view(RECORDS_CAPTCHA_FORM),
      records: {
        set: pub,
        action: `/records/${set.code}/query`,
        pagePath: `${ctx.resolved.prefix}records/${set.code}/`,
        indexUrl: recordsUrl(ctx.resolved.prefix),
        fields: RECORDS_FIELDS[set.kind],
        isMobile: set.secondFactor === 'mobile',
        passwordMax: RECORDS_LIMITS.passwordMax,
        // Never the ID number or the secret: a refused form asks for them again.
        name: state.values?.name ?? '',
        errors,
        errorList,
        message: state.message ?? '',
        hasAnswer: answer !== undefined,
        answer: answer
          ? {
              idNumber: answer.idNumber,
              name: answer.name,
              asOf: answer.asOf ? formatDateTime(answer.asOf) : '',
              rows: answer.rows.map((r) => answer.fields.map((f) => r[f.key] ?? '')),
              count: answer.rows.length,
            }
          : {},
      },
    },
    {
      status: state.status ?? 200,
      tags: ['records'],
      visits: isPost ? [] : undefined,
      ttlMs: 5 * MINUTE,
      cacheable: !isPost,
    },
  )
}

function send(reply: FastifyReply, outcome: Outcome) {
  reply.headers(PAGE_HEADERS)
  privateHeaders(reply)
  if (outcome.kind === 'redirect') {
    return reply.status(outcome.status).header('location', outcome.location).send()
  }
  return reply.status(outcome.status).type('text/html; charset=utf-8').send(outcome.html)
}

/** The site and set a post is for: the form's own path, on this host. */
async function resolvePost(
  directory: SiteDirectory,
  request: FastifyRequest<{ Params: { setCode: string } }>,
  fields: Fields,
): Promise<{ ctx: PageContext; code: string } | null> {
  const host = (request.host || 'localhost').toLowerCase()
  const code = request.params.setCode
  const path = (fields.page ?? '/').slice(0, 300)
  const resolved = path.startsWith('/') ? await directory.resolve(host, path) : null
  if (!resolved) return null
  const snap = await directory.snapshotNow()
  const isOpen = resolved.site.status === 'open' && resolved.root.status === 'open'
  if (!isOpen || resolved.rest !== `records/${code}/`) return null
  return { ctx: { resolved, host, snap, directory }, code }
}

/** `POST /records/:setCode/query`: urlencoded form, rate-limited per address, never cached. */
export async function recordsPageRoutes(
  app: FastifyInstance,
  { core, directory, deps }: { core: Core; directory: SiteDirectory; deps: PageDeps },
): Promise<void> {
  const full = { ...deps, core }
  app.removeAllContentTypeParsers()
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 32 * 1024 },
    (_request, body, done) => {
      const out: Fields = {}
      for (const [k, v] of new URLSearchParams(String(body))) out[k] = v
      done(null, out)
    },
  )

  const answer = async (
    request: FastifyRequest<{ Params: { setCode: string } }>,
    reply: FastifyReply,
    make: (ctx: PageContext, code: string, fields: Fields) => Promise<Outcome>,
  ) => {
    const body = request.body
    const fields = body && typeof body === 'object' ? (body as Fields) : {}
    const target = await resolvePost(directory, request, fields)
    if (!target) {
      const host = (request.host || 'localhost').toLowerCase()
      const resolved = await directory.resolve(host, '/')
      if (!resolved) return send(reply, { kind: 'redirect', status: 302, location: '/' })
      const ctx = { resolved, host, snap: await directory.snapshotNow(), directory }
      return send(reply, await notFoundPage(deps, ctx))
    }
    return send(reply, await make(target.ctx, target.code, fields))
  }

  app.setErrorHandler(async (err: FastifyError, request, reply) => {
    const req = request as FastifyRequest<{ Params: { setCode: string } }>
    try {
      if (isAppError(err) && err.status === 429) {
        return await answer(req, reply, (ctx, code, fields) =>
          renderRecordsForm(full, ctx, code, {
            status: 429,
            values: { name: fields.name ?? '' },
            message: err.message,
          }),
        )
      }
      // The error only: the body holds an ID number, a name and a secret.
      if ((err.statusCode ?? 500) >= 500) request.log.error({ err }, 'records form failed')
      const host = (request.host || 'localhost').toLowerCase()
      const resolved = await directory.resolve(host, '/')
      if (!resolved) return send(reply, { kind: 'redirect', status: 302, location: '/' })
      const ctx = { resolved, host, snap: await directory.snapshotNow(), directory }
      const status = err.statusCode && err.statusCode < 500 ? err.statusCode : 500
      return send(reply, await errorPage(deps, ctx, status, '提交有误', '请返回查询页面重新提交。'))
    } catch (e) {
      request.log.error({ err: e }, 'records error page failed')
      return reply.status(500).header('cache-control', 'no-store').send('服务暂时不可用')
    }
  })

  app.post<{ Params: { setCode: string } }>(
    '/records/:setCode/query',
    {
      config: {
        rateLimit: {
          ...RECORDS_IP_RATE,
          hook: 'preHandler',
          keyGenerator: (req: FastifyRequest) => `${req.ip}|records`,
          errorResponseBuilder: () => tooManyRequests('查询过于频繁，请 10 分钟后再试'),
        },
      },
    },
    (request, reply) =>
      answer(request, reply, async (ctx, code, fields) => {
        try {
          const result = await core.recordsQuery.query({
            setCode: code,
            idNumber: fields.idNumber ?? '',
            name: (fields.name ?? '').slice(0, 100),
            secret: (fields.secret ?? '').slice(0, 64),
            captcha: fields.altcha || undefined,
            ip: request.ip,
          })
          return renderRecordsForm(full, ctx, code, { status: 200, answer: presentAnswer(result) })
        } catch (err) {
          if (!isAppError(err)) throw err
          const retry = err.details?.retryAfterSeconds
          if (typeof retry === 'number') reply.header('retry-after', String(retry))
          const fieldErrors = Object.fromEntries(
            Object.entries(err.fields ?? {}).filter(([k]) => FORM_FIELDS.includes(k)),
          )
          if (err.code.startsWith('captcha')) fieldErrors.altcha = err.message
          const hasFields = Object.keys(fieldErrors).length > 0
          return renderRecordsForm(full, ctx, code, {
            status: err.status,
            values: { name: fields.name ?? '' },
            errors: fieldErrors,
            message: hasFields ? '' : err.message,
          })
        }
      }),
  )
}
