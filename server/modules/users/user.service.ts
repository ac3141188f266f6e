import type { Deps } from '../../core-deps'
import { nowIso } from '../../db/dialect'
import { conflict, forbidden, invalid, notFound } from '../../errors'
import { recordAudit } from '../audit/audit.repository'
import { siteRepository } from '../sites/site.repository'
import type { RequestContext } from './actor'
import { generatePassword, hashPassword, passwordProblem } from './password'
import { adminSites, authorizeUserAdmin, canGrant, canManageUser } from './user.policy'
import { userRepository, type Grant, type User } from './user.repository'
import type { GrantInput, UserCreateInput, UserListInput, UserUpdateInput } from './user.schema'

export interface UserWithGrants extends User {
  grants: Grant[]
}

/** Accounts and their roles per site. */
export class UserService {
  constructor(private readonly deps: Deps) {}

  async list(
    ctx: RequestContext,
    query: UserListInput,
  ): Promise<{ rows: UserWithGrants[]; total: number; page: number; pageSize: number }> {
    authorizeUserAdmin(ctx.actor)
    const page = query.page ?? 1
    const pageSize = query.pageSize ?? 20
    const scope = adminSites(ctx.actor)
    const siteIds = query.siteId
      ? scope === 'all' || scope.includes(query.siteId)
        ? [query.siteId]
        : []
      : scope
    const { rows, total } = await userRepository.list(
      this.deps.db,
      { keyword: query.keyword, status: query.status, siteIds },
      { offset: (page - 1) * pageSize, limit: pageSize },
    )
    const grants = await userRepository.grantsOfMany(
      this.deps.db,
      rows.map((r) => r.id),
    )
    return {
      rows: rows.map((u) => ({ ...u, grants: grants.filter((g) => g.userId === u.id) })),
      total,
      page,
      pageSize,
    }
  }

  async get(ctx: RequestContext, id: number): Promise<UserWithGrants> {
    const user = await userRepository.get(this.deps.db, id)
    if (!user) throw notFound('用户不存在')
    const grants = await userRepository.grantsOf(this.deps.db, id)
    if (ctx.actor.id !== id) {
      authorizeUserAdmin(ctx.actor)
      const scope = adminSites(ctx.actor)
      if (scope !== 'all' && !grants.some((g) => g.siteId !== null && scope.includes(g.siteId))) {
        throw notFound('用户不存在')
      }
    }
    return { ...user, grants }
  }

  /** Creates an account; returns the initial password when one was generated. */
  async create(
    ctx: RequestContext,
    input: UserCreateInput,
  ): Promise<{ user: UserWithGrants; generatedPassword: string | null }> {
    authorizeUserAdmin(ctx.actor)
    const grants = input.grants ?? []
    if (!canGrant(ctx.actor, grants)) throw forbidden('您只能在自己管理的站点中分配角色')
    if (!ctx.actor.isClusterAdmin && grants.length === 0) {
      throw invalid('请至少为新用户分配一个站点角色', { grants: '请选择站点和角色' })
    }
    const generated = input.password ? null : generatePassword()
    const password = input.password ?? (generated as string)
    const problem = passwordProblem(password)
    if (problem) throw invalid(problem, { password: problem })
    const hash = await hashPassword(password)
    const id = await this.deps.db.transaction().execute(async (trx) => {
      if (await userRepository.getByUsername(trx, input.username)) {
        throw conflict('用户名已存在', { username: '用户名已存在' })
      }
      await this.checkSites(trx, grants)
      const now = nowIso()
      const id = await userRepository.insert(trx, {
        username: input.username,
        display_name: input.displayName.trim(),
        email: input.email ?? '',
        phone: input.phone ?? '',
        unit: input.unit ?? '',
        password_hash: hash,
        must_change_password: generated ? 1 : 0,
        created_at: now,
        updated_at: now,
      })
      for (const g of dedupe(grants)) await userRepository.addGrant(trx, id, g.siteId, g.role, now)
      await recordAudit(trx, ctx, {
        action: 'user.create',
        entity: 'user',
        entityId: id,
        diff: { username: input.username, displayName: input.displayName, grants },
      })
      return id
    })
    return { user: await this.get(ctx, id), generatedPassword: generated }
  }

  async update(ctx: RequestContext, id: number, input: UserUpdateInput): Promise<UserWithGrants> {
    const target = await this.get(ctx, id)
    const self = ctx.actor.id === id
    if (!self && !canManageUser(ctx.actor, target)) throw forbidden()
    if (self && input.status === 'disabled')
      throw invalid('不能停用自己的账号', { status: '不能停用自己的账号' })
    await this.deps.db.transaction().execute(async (trx) => {
      await userRepository.update(trx, id, {
        display_name: input.displayName?.trim(),
        email: input.email,
        phone: input.phone,
        unit: input.unit,
        status: self ? undefined : input.status,
        updated_at: nowIso(),
      })
      if (input.status === 'disabled' && !self) await userRepository.deleteSessionsOf(trx, id)
      await recordAudit(trx, ctx, {
        action:
          input.status === 'disabled'
            ? 'user.disable'
            : input.status === 'active'
              ? 'user.enable_or_update'
              : 'user.update',
        entity: 'user',
        entityId: id,
        diff: input,
      })
    })
    return this.get(ctx, id)
  }

  /** Resets a password to a generated one, shown once; the user must change it at next login. */
  async resetPassword(ctx: RequestContext, id: number): Promise<string> {
    const target = await this.get(ctx, id)
    if (!canManageUser(ctx.actor, target)) throw forbidden()
    const password = generatePassword()
    const hash = await hashPassword(password)
    await this.deps.db.transaction().execute(async (trx) => {
      await userRepository.update(trx, id, {
        password_hash: hash,
        must_change_password: 1,
        failed_logins: 0,
        locked_until: null,
        updated_at: nowIso(),
      })
      await userRepository.deleteSessionsOf(trx, id)
      await recordAudit(trx, ctx, { action: 'user.reset_password', entity: 'user', entityId: id })
    })
    return password
  }

  /**
   * Replaces the grants the actor controls: a site admin changes only grants on its own sites;
   * the user's other grants are kept.
   */
  async setGrants(ctx: RequestContext, id: number, grants: GrantInput[]): Promise<UserWithGrants> {
    const target = await this.get(ctx, id)
    authorizeUserAdmin(ctx.actor)
    if (!canGrant(ctx.actor, grants)) throw forbidden('您只能在自己管理的站点中分配角色')
    if (
      ctx.actor.id === id &&
      ctx.actor.isClusterAdmin &&
      !grants.some((g) => g.siteId === null && g.role === 'admin')
    ) {
      throw invalid('不能取消自己的平台管理员角色', { grants: '不能取消自己的平台管理员角色' })
    }
    const scope = adminSites(ctx.actor)
    const inReach = (siteId: number | null) =>
      scope === 'all' || (siteId !== null && scope.includes(siteId))
    await this.deps.db.transaction().execute(async (trx) => {
      await this.checkSites(trx, grants)
      const siteIds = new Set([
        ...target.grants.map((g) => g.siteId),
        ...grants.map((g) => g.siteId),
      ])
      for (const siteId of siteIds)
        if (inReach(siteId)) await userRepository.removeGrants(trx, id, siteId)
      const now = nowIso()
      for (const g of dedupe(grants)) await userRepository.addGrant(trx, id, g.siteId, g.role, now)
      await recordAudit(trx, ctx, {
        action: 'user.grants',
        entity: 'user',
        entityId: id,
        diff: { from: target.grants.map(({ siteId, role }) => ({ siteId, role })), to: grants },
      })
    })
    // Not this.get(): a site admin who just removed the user's last grant on its sites may no
    // longer see the user, but the change it made has been committed and must be reported.
    return { ...target, grants: await userRepository.grantsOf(this.deps.db, id) }
  }

  private async checkSites(
    trx: Parameters<typeof siteRepository.get>[0],
    grants: GrantInput[],
  ): Promise<void> {
    for (const g of grants) {
      if (g.siteId !== null && !(await siteRepository.get(trx, g.siteId))) {
        throw invalid('站点不存在', { grants: `站点 ${g.siteId} 不存在` })
      }
    }
  }
}

function dedupe(grants: GrantInput[]): GrantInput[] {
  const seen = new Set<string>()
  return grants.filter((g) => {
    const k = `${g.siteId}:${g.role}`
    if (seen.has(k)) return false
    seen.add(k)
    return true
  })
}
