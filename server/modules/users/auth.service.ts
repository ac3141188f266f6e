import { createHash, randomBytes } from 'node:crypto'
import { LIMITS } from '../../../common/limits'
import type { Deps } from '../../core-deps'
import { nowIso } from '../../db/dialect'
import { AppError, invalid, locked, unauthorized } from '../../errors'
import { recordAudit } from '../audit/audit.repository'
import type { Actor, RequestContext } from './actor'
import { hashPassword, passwordProblem, verifyPassword } from './password'
import { userRepository, type User } from './user.repository'

export interface SessionInfo {
  actor: Actor
  user: User
  csrf: string
  sessionId: string
  expiresAt: string
  /** The expiry was just extended (sliding session): the cookie must be renewed too. */
  renewed: boolean
}

// The same answer for an unknown user and a wrong password: no username enumeration.
const BAD_CREDENTIALS = `用户名或密码错误（连续错误 ${LIMITS.maxLoginFailures} 次将锁定 ${LIMITS.lockMinutes} 分钟）`

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex')
// A fixed hash to spend the same time on unknown usernames as on known ones.
const DUMMY_HASH =
  'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$' + Buffer.alloc(64).toString('base64')

/** Sign-in, sessions and lock-out. */
export class AuthService {
  constructor(private readonly deps: Deps) {}

  async login(input: {
    username: string
    password: string
    ip: string
    userAgent: string
  }): Promise<{ token: string; session: SessionInfo }> {
    const username = input.username.trim()
    const user = await userRepository.getByUsername(this.deps.db, username)
    const now = new Date()
    const ctx: RequestContext = {
      actor: { id: user?.id ?? null, username, displayName: '', isClusterAdmin: false, grants: [] },
      ip: input.ip,
    }
    if (!user) {
      await verifyPassword(input.password, DUMMY_HASH)
      await this.audit(ctx, 'auth.login_failed', null, { reason: 'unknown_user' })
      throw new AppError(401, 'bad_credentials', BAD_CREDENTIALS)
    }
    if (user.lockedUntil && new Date(user.lockedUntil) > now) {
      const minutes = Math.ceil((new Date(user.lockedUntil).getTime() - now.getTime()) / 60_000)
      throw locked(`登录失败次数过多，账号已锁定，请 ${minutes} 分钟后再试或联系管理员`)
    }
    if (user.status === 'disabled') {
      await this.audit(ctx, 'auth.login_failed', user.id, { reason: 'disabled' })
      throw new AppError(403, 'account_disabled', '账号已停用，请联系管理员')
    }
    if (!(await verifyPassword(input.password, user.passwordHash))) {
      const failures = user.failedLogins + 1
      const lock = failures >= LIMITS.maxLoginFailures
      await this.deps.db.transaction().execute(async (trx) => {
        await userRepository.update(trx, user.id, {
          failed_logins: lock ? 0 : failures,
          locked_until: lock
            ? new Date(now.getTime() + LIMITS.lockMinutes * 60_000).toISOString()
            : null,
        })
        await recordAudit(trx, ctx, {
          action: lock ? 'auth.locked' : 'auth.login_failed',
          entity: 'user',
          entityId: user.id,
          diff: { failures },
        })
      })
      if (lock)
        throw locked(
          `密码连续错误 ${LIMITS.maxLoginFailures} 次，账号已锁定 ${LIMITS.lockMinutes} 分钟`,
        )
      throw new AppError(401, 'bad_credentials', BAD_CREDENTIALS)
    }
    const token = randomBytes(32).toString('base64url')
    const csrf = randomBytes(24).toString('base64url')
    const sessionId = hashToken(token)
    await this.deps.db.transaction().execute(async (trx) => {
      await userRepository.insertSession(trx, {
        id: sessionId,
        userId: user.id,
        csrf,
        ip: input.ip,
        userAgent: input.userAgent,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + this.deps.config.sessionTtlMs).toISOString(),
      })
      await userRepository.update(trx, user.id, {
        failed_logins: 0,
        locked_until: null,
        last_login_at: now.toISOString(),
      })
      await recordAudit(
        trx,
        { ...ctx, actor: { ...ctx.actor, id: user.id } },
        {
          action: 'auth.login',
          entity: 'user',
          entityId: user.id,
        },
      )
    })
    const session = await this.resolve(token)
    if (!session) throw unauthorized()
    return { token, session }
  }

  /** The session behind a cookie token, sliding its expiry; null when missing or expired. */
  async resolve(token: string): Promise<SessionInfo | null> {
    if (!token || token.length > 100) return null
    const id = hashToken(token)
    const s = await userRepository.getSession(this.deps.db, id)
    if (!s) return null
    const now = Date.now()
    const expires = new Date(s.expiresAt).getTime()
    if (expires <= now) {
      await userRepository.deleteSession(this.deps.db, id)
      return null
    }
    const user = await userRepository.get(this.deps.db, s.userId)
    if (!user || user.status !== 'active') return null
    let expiresAt = s.expiresAt
    const renewed = expires - now < this.deps.config.sessionTtlMs / 2
    if (renewed) {
      expiresAt = new Date(now + this.deps.config.sessionTtlMs).toISOString()
      await userRepository.touchSession(this.deps.db, id, expiresAt)
    }
    return {
      actor: await this.actorOf(user),
      user,
      csrf: s.csrf,
      sessionId: id,
      expiresAt,
      renewed,
    }
  }

  async actorOf(user: User): Promise<Actor> {
    const grants = await userRepository.grantsOf(this.deps.db, user.id)
    return {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      isClusterAdmin: grants.some((g) => g.siteId === null && g.role === 'admin'),
      grants: grants
        .filter((g) => g.siteId !== null)
        .map((g) => ({ siteId: g.siteId as number, role: g.role })),
    }
  }

  async logout(ctx: RequestContext, sessionId: string): Promise<void> {
    await this.deps.db.transaction().execute(async (trx) => {
      await userRepository.deleteSession(trx, sessionId)
      await recordAudit(trx, ctx, { action: 'auth.logout', entity: 'user', entityId: ctx.actor.id })
    })
  }

  async changePassword(
    ctx: RequestContext,
    sessionId: string,
    input: { oldPassword: string; newPassword: string },
  ): Promise<void> {
    if (ctx.actor.id === null) throw unauthorized()
    const hash = await userRepository.passwordHash(this.deps.db, ctx.actor.id)
    if (!hash || !(await verifyPassword(input.oldPassword, hash))) {
      throw invalid('原密码不正确', { oldPassword: '原密码不正确' })
    }
    const problem = passwordProblem(input.newPassword)
    if (problem) throw invalid(problem, { newPassword: problem })
    if (input.newPassword === input.oldPassword) {
      throw invalid('新密码不能与原密码相同', { newPassword: '新密码不能与原密码相同' })
    }
    const newHash = await hashPassword(input.newPassword)
    const userId = ctx.actor.id
    await this.deps.db.transaction().execute(async (trx) => {
      await userRepository.update(trx, userId, {
        password_hash: newHash,
        must_change_password: 0,
        updated_at: nowIso(),
      })
      // Other sessions of this user end: a changed password must lock out whoever knew the old one.
      await userRepository.deleteSessionsOf(trx, userId, sessionId)
      await recordAudit(trx, ctx, {
        action: 'user.change_password',
        entity: 'user',
        entityId: userId,
      })
    })
  }

  private async audit(
    ctx: RequestContext,
    action: string,
    userId: number | null,
    diff: unknown,
  ): Promise<void> {
    await this.deps.db
      .transaction()
      .execute((trx) => recordAudit(trx, ctx, { action, entity: 'user', entityId: userId, diff }))
  }
}
