import type { Role } from '../../../common/permissions'
import type { TestApp } from '../../test/build-test-app'
import { login, makeUser, userCtx, type AdminSession } from '../../test/factories'
import type { RequestContext } from '../users/actor'

let ipCount = 0

/** A user with one role: their id, an HTTP session and a service context. */
export interface Person {
  id: number
  session: AdminSession
  ctx: RequestContext
}

export async function person(t: TestApp, siteId: number | null, role: Role): Promise<Person> {
  const u = await makeUser(t.core, [{ siteId, role }])
  ipCount++
  const session = await login(t, u.username, u.password, `10.77.${ipCount >> 8}.${ipCount & 255}`)
  return { id: u.id, session, ctx: await userCtx(t.core, u.id) }
}

/** A user's notifications of one kind, newest first. */
export async function notificationsOf(
  t: TestApp,
  userId: number,
  kind: string,
): Promise<{ title: string; body: string; entity: string; entity_id: number | null }[]> {
  return t.core.deps.db
    .selectFrom('notification')
    .select(['title', 'body', 'entity', 'entity_id'])
    .where('user_id', '=', userId)
    .where('kind', '=', kind)
    .orderBy('id', 'desc')
    .execute()
}

/** Fetches a public page; tells whether the page cache answered it. */
export async function fetchPage(
  t: TestApp,
  host: string,
  url: string,
): Promise<{ status: number; body: string; cached: boolean }> {
  const before = t.cache.hits
  const res = await t.app.inject({ url, headers: { host } })
  return { status: res.statusCode, body: res.body, cached: t.cache.hits > before }
}
