import { randomBytes } from 'node:crypto'
import type { Core } from '../core'
import type { Role } from '../../common/permissions'
import type { Site } from '../modules/sites/site.repository'
import type { Column } from '../modules/columns/column.repository'
import type { ArticleDetail } from '../modules/articles/article.service'
import { systemContext, type RequestContext } from '../modules/users/actor'
import type { TestApp } from './build-test-app'

const sys = systemContext('test')
const uid = () => randomBytes(3).toString('hex')

export async function makePortal(
  core: Core,
  extra: Partial<Parameters<Core['sites']['create']>[1]> = {},
): Promise<Site> {
  const code = `p${uid()}`
  return core.sites.create(sys, {
    code,
    name: `测试县人民政府${code}`,
    kind: 'portal',
    isDefault: true,
    siteIdCode: '1399990001',
    sponsor: '测试县人民政府',
    icp: '测ICP备00000001号',
    psb: '测公网安备 00000000000001号',
    ...extra,
  })
}

export async function makeChannel(
  core: Core,
  portal: Site,
  extra: Partial<Parameters<Core['sites']['create']>[1]> = {},
): Promise<Site> {
  const slug = `c${uid()}`
  return core.sites.create(sys, {
    code: `bm-${slug}`,
    name: `测试县${slug}局`,
    kind: 'channel',
    parentCode: portal.code,
    basePath: `/bm/${slug}/`,
    grouping: '部门',
    ...extra,
  })
}

export async function makeColumn(
  core: Core,
  site: Site,
  extra: Partial<Parameters<Core['columns']['create']>[2]> = {},
): Promise<Column> {
  const slug = `col${uid()}`
  return core.columns.create(sys, site.id, {
    name: `栏目${slug}`,
    slug,
    type: 'list',
    updateClass: 'news',
    ...extra,
  })
}

export async function makeArticle(
  core: Core,
  site: Site,
  column: Column,
  extra: Partial<Parameters<Core['articles']['create']>[1]> = {},
  ctx: RequestContext = sys,
): Promise<ArticleDetail> {
  return core.articles.create(ctx, {
    siteId: site.id,
    columnIds: [column.id],
    title: `测试信息${uid()}`,
    bodyHtml: '<p>正文内容。</p>',
    publish: true,
    ...extra,
  })
}

export async function makeUser(
  core: Core,
  grants: { siteId: number | null; role: Role }[],
  password = 'Passw0rd!',
): Promise<{ id: number; username: string; password: string }> {
  const username = `u${uid()}`
  const { user } = await core.users.create(sys, {
    username,
    displayName: `用户${username}`,
    password,
    grants,
  })
  return { id: user.id, username, password }
}

/**
 * Signs in over HTTP; returns headers for later admin calls (cookie + CSRF token). Pass `ip` to
 * sign in from another address (sign-in is rate limited per address).
 */
export async function login(
  t: TestApp,
  username: string,
  password: string,
  ip = '127.0.0.1',
): Promise<{ cookie: string; csrf: string; headers: Record<string, string> }> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/admin/session',
    payload: { username, password },
    remoteAddress: ip,
  })
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`)
  const setCookie = res.headers['set-cookie']
  const raw = Array.isArray(setCookie) ? setCookie[0] : setCookie
  const cookie = (raw ?? '').split(';')[0] ?? ''
  const csrf = (res.json() as { data: { csrfToken: string } }).data.csrfToken
  return { cookie, csrf, headers: { cookie, 'x-csrf-token': csrf } }
}

export { sys as systemCtx }

/** A service-call context acting as this user (for tests that skip HTTP). */
export async function userCtx(core: Core, userId: number): Promise<RequestContext> {
  return {
    actor: await core.auth.actorOf(await core.users.get(sys, userId)),
    ip: '127.0.0.1',
  }
}

export type AdminSession = Awaited<ReturnType<typeof login>>
let signInCount = 0

/** A new user with one role, signed in over HTTP from an address of its own. */
export async function signInAs(
  t: TestApp,
  siteId: number | null,
  role: Role,
): Promise<AdminSession> {
  const u = await makeUser(t.core, [{ siteId, role }])
  signInCount++
  return login(
    t,
    u.username,
    u.password,
    `10.${200 + (signInCount >> 16)}.${(signInCount >> 8) & 255}.${signInCount & 255}`,
  )
}

/** An admin API call as a signed-in user (or anonymously with `null`). */
export function adminCall(
  t: TestApp,
  s: AdminSession | null,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  payload?: object,
) {
  return t.app.inject({ method, url: `/api/admin${url}`, headers: s?.headers ?? {}, payload })
}
