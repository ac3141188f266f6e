import type { Insertable, Updateable } from 'kysely'
import type { Role } from '../../../common/permissions'
import type { Executor } from '../../db/database'
import { bool, containsInsensitive, toCount } from '../../db/dialect'
import type { UserTable } from './user.table'

export interface User {
  id: number
  username: string
  displayName: string
  email: string
  phone: string
  unit: string
  status: 'active' | 'disabled'
  failedLogins: number
  lockedUntil: string | null
  mustChangePassword: boolean
  lastLoginAt: string | null
  createdAt: string
  updatedAt: string
}

export interface Grant {
  id: number
  userId: number
  siteId: number | null
  role: Role
}

type UserRow = {
  id: number
  username: string
  display_name: string
  email: string
  phone: string
  unit: string
  status: string
  failed_logins: number
  locked_until: string | null
  must_change_password: number
  last_login_at: string | null
  created_at: string
  updated_at: string
}

const USER_COLUMNS = [
  'id',
  'username',
  'display_name',
  'email',
  'phone',
  'unit',
  'status',
  'failed_logins',
  'locked_until',
  'must_change_password',
  'last_login_at',
  'created_at',
  'updated_at',
] as const

function toUser(r: UserRow): User {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    email: r.email,
    phone: r.phone,
    unit: r.unit,
    status: r.status === 'disabled' ? 'disabled' : 'active',
    failedLogins: r.failed_logins,
    lockedUntil: r.locked_until,
    mustChangePassword: bool(r.must_change_password),
    lastLoginAt: r.last_login_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }
}

/** Every query on users, grants and sessions. */
export const userRepository = {
  async get(db: Executor, id: number): Promise<User | undefined> {
    const r = await db
      .selectFrom('app_user')
      .select(USER_COLUMNS)
      .where('id', '=', id)
      .executeTakeFirst()
    return r ? toUser(r) : undefined
  },

  async getByUsername(
    db: Executor,
    username: string,
  ): Promise<(User & { passwordHash: string }) | undefined> {
    const r = await db
      .selectFrom('app_user')
      .select([...USER_COLUMNS, 'password_hash'])
      .where('username', '=', username)
      .executeTakeFirst()
    return r ? { ...toUser(r), passwordHash: r.password_hash } : undefined
  },

  async passwordHash(db: Executor, id: number): Promise<string | undefined> {
    const r = await db
      .selectFrom('app_user')
      .select('password_hash')
      .where('id', '=', id)
      .executeTakeFirst()
    return r?.password_hash
  },

  async count(db: Executor): Promise<number> {
    const r = await db
      .selectFrom('app_user')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow()
    return toCount(r.n)
  },

  async list(
    db: Executor,
    filter: { keyword?: string; siteIds?: number[] | 'all'; status?: string },
    page: { offset: number; limit: number },
  ): Promise<{ rows: User[]; total: number }> {
    let q = db.selectFrom('app_user')
    if (filter.keyword) {
      const kw = filter.keyword
      q = q.where((eb) =>
        eb.or([
          containsInsensitive(db, 'username', kw),
          containsInsensitive(db, 'display_name', kw),
          containsInsensitive(db, 'unit', kw),
        ]),
      )
    }
    if (filter.status) q = q.where('status', '=', filter.status)
    if (filter.siteIds && filter.siteIds !== 'all') {
      const ids = filter.siteIds
      if (ids.length === 0) return { rows: [], total: 0 }
      q = q.where('id', 'in', (eb) =>
        eb.selectFrom('role_grant').select('user_id').where('site_id', 'in', ids),
      )
    }
    const [rows, count] = await Promise.all([
      q.select(USER_COLUMNS).orderBy('id').offset(page.offset).limit(page.limit).execute(),
      q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    ])
    return { rows: rows.map(toUser), total: toCount(count.n) }
  },

  async insert(db: Executor, values: Insertable<UserTable>): Promise<number> {
    const r = await db
      .insertInto('app_user')
      .values(values)
      .returning('id')
      .executeTakeFirstOrThrow()
    return r.id
  },

  async update(db: Executor, id: number, values: Updateable<UserTable>): Promise<void> {
    await db.updateTable('app_user').set(values).where('id', '=', id).execute()
  },

  /** Active users holding one of these roles on a site (whom to notify of the site's work). */
  async activeWithRoles(db: Executor, siteId: number, roles: Role[]): Promise<number[]> {
    const rows = await db
      .selectFrom('role_grant as g')
      .innerJoin('app_user as u', 'u.id', 'g.user_id')
      .select('g.user_id')
      .distinct()
      .where('g.site_id', '=', siteId)
      .where('g.role', 'in', roles)
      .where('u.status', '=', 'active')
      .execute()
    return rows.map((r) => r.user_id)
  },

  async grantsOf(db: Executor, userId: number): Promise<Grant[]> {
    const rows = await db
      .selectFrom('role_grant')
      .select(['id', 'user_id', 'site_id', 'role'])
      .where('user_id', '=', userId)
      .orderBy('id')
      .execute()
    return rows.map((r) => ({
      id: r.id,
      userId: r.user_id,
      siteId: r.site_id,
      role: r.role as Role,
    }))
  },

  async grantsOfMany(db: Executor, userIds: number[]): Promise<Grant[]> {
    if (userIds.length === 0) return []
    const rows = await db
      .selectFrom('role_grant')
      .select(['id', 'user_id', 'site_id', 'role'])
      .where('user_id', 'in', userIds)
      .orderBy('id')
      .execute()
    return rows.map((r) => ({
      id: r.id,
      userId: r.user_id,
      siteId: r.site_id,
      role: r.role as Role,
    }))
  },

  async addGrant(
    db: Executor,
    userId: number,
    siteId: number | null,
    role: Role,
    at: string,
  ): Promise<void> {
    await db
      .insertInto('role_grant')
      .values({ user_id: userId, site_id: siteId, role, created_at: at })
      .execute()
  },

  async removeGrants(db: Executor, userId: number, siteId: number | null): Promise<void> {
    await db
      .deleteFrom('role_grant')
      .where('user_id', '=', userId)
      .where('site_id', siteId === null ? 'is' : '=', siteId)
      .execute()
  },

  async insertSession(
    db: Executor,
    s: {
      id: string
      userId: number
      csrf: string
      ip: string
      userAgent: string
      createdAt: string
      expiresAt: string
    },
  ): Promise<void> {
    await db
      .insertInto('session')
      .values({
        id: s.id,
        user_id: s.userId,
        csrf_token: s.csrf,
        ip: s.ip,
        user_agent: s.userAgent.slice(0, 300),
        created_at: s.createdAt,
        expires_at: s.expiresAt,
      })
      .execute()
  },

  async getSession(
    db: Executor,
    id: string,
  ): Promise<{ userId: number; csrf: string; expiresAt: string } | undefined> {
    const r = await db
      .selectFrom('session')
      .select(['user_id', 'csrf_token', 'expires_at'])
      .where('id', '=', id)
      .executeTakeFirst()
    return r ? { userId: r.user_id, csrf: r.csrf_token, expiresAt: r.expires_at } : undefined
  },

  async touchSession(db: Executor, id: string, expiresAt: string): Promise<void> {
    await db.updateTable('session').set({ expires_at: expiresAt }).where('id', '=', id).execute()
  },

  async deleteSession(db: Executor, id: string): Promise<void> {
    await db.deleteFrom('session').where('id', '=', id).execute()
  },

  async deleteSessionsOf(db: Executor, userId: number, exceptId?: string): Promise<void> {
    let q = db.deleteFrom('session').where('user_id', '=', userId)
    if (exceptId) q = q.where('id', '!=', exceptId)
    await q.execute()
  },

  async deleteExpiredSessions(db: Executor, now: string): Promise<void> {
    await db.deleteFrom('session').where('expires_at', '<', now).execute()
  },
}
