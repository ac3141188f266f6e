import type { LetterLimits } from '../../../common/letters'
import type { Deps } from '../../core-deps'
import type { Executor, Trx } from '../../db/database'
import { AppError, forbidden, invalid, isAppError, notFound } from '../../errors'
import { recordAudit } from '../audit/audit.repository'
import { roleOn, siteScope, type RequestContext } from '../users/actor'
import { letterRouteRepository } from './letter-route.repository'
import { cleanLimits, effectiveLimits, limitOverrides } from './letter-limits'
import { mailboxRepository, type Mailbox, type MailboxValues } from './mailbox.repository'
import type { MailboxCreateInput, MailboxUpdateInput } from './mailbox.schema'

/** A mailbox as the admin shows it: its effective limits, what it overrides, its letters. */
export interface MailboxView {
  id: number
  siteId: number
  siteName: string
  code: string
  name: string
  description: string
  sort: number
  enabled: boolean
  limits: LetterLimits
  overrides: Partial<LetterLimits>
  letterCount: number
  openCount: number
}

/** Announced after every committed mailbox change; the public mailbox pages carry the tags. */
export const MAILBOX_CHANGE_EVENT = 'mailbox.change'

const CODE_PATTERN = /^[a-z0-9][a-z0-9-]{1,63}$/
const NAME_MAX = 100
const DESCRIPTION_MAX = 2000

const codeTaken = (code: string) =>
  new AppError(409, 'mailbox_code_taken', `信箱代码“${code}”已被使用，请换一个`, {
    code: '信箱代码已被使用',
  })

/** Checks and trims what staff entered; throws 400 `invalid` with the field's message. */
function clean(input: MailboxUpdateInput, before?: Mailbox): MailboxValues {
  const code = input.code.trim()
  if (!CODE_PATTERN.test(code)) {
    const m = '信箱代码须为 2–64 位小写字母、数字或连字符（-），且以字母或数字开头'
    throw invalid(m, { code: m })
  }
  const name = input.name.trim()
  if (name.length === 0) throw invalid('信箱名称不能为空', { name: '信箱名称不能为空' })
  if ([...name].length > NAME_MAX) {
    throw invalid(`信箱名称不能超过 ${NAME_MAX} 个字符`, {
      name: `信箱名称不能超过 ${NAME_MAX} 个字符`,
    })
  }
  const description = (input.description ?? before?.description ?? '').trim()
  if ([...description].length > DESCRIPTION_MAX) {
    throw invalid(`信箱说明不能超过 ${DESCRIPTION_MAX} 个字符`, {
      description: `信箱说明不能超过 ${DESCRIPTION_MAX} 个字符`,
    })
  }
  return {
    code,
    name,
    description,
    sort: input.sort ?? before?.sort ?? 0,
    enabled: input.enabled ?? before?.enabled ?? true,
    limits: input.limits
      ? cleanLimits(input.limits as Record<string, unknown>)
      : limitOverrides(before?.limits ?? '{}'),
  }
}

/** 信箱 administration: the mailboxes of each site with their working-day limits. */
export class MailboxService {
  constructor(private readonly deps: Deps) {}

  /** Mailboxes of one site (any role on it) or of every site the actor works on. */
  async list(ctx: RequestContext, filter: { siteId?: number } = {}): Promise<MailboxView[]> {
    let siteIds: number[] | undefined
    if (filter.siteId !== undefined) {
      await this.site(filter.siteId)
      if (roleOn(ctx.actor, filter.siteId) === null) throw forbidden()
      siteIds = [filter.siteId]
    } else {
      const scope = siteScope(ctx.actor)
      siteIds = scope === 'all' ? undefined : scope
    }
    return this.present(this.deps.db, await mailboxRepository.list(this.deps.db, siteIds))
  }

  async get(ctx: RequestContext, id: number): Promise<MailboxView> {
    const box = await mailboxRepository.get(this.deps.db, id)
    if (!box) throw notFound('信箱不存在')
    if (roleOn(ctx.actor, box.siteId) === null) throw forbidden()
    const [view] = await this.present(this.deps.db, [box])
    if (!view) throw notFound('信箱不存在')
    return view
  }

  async create(ctx: RequestContext, input: MailboxCreateInput): Promise<MailboxView> {
    await this.site(input.siteId)
    this.authorizeWrite(ctx, input.siteId)
    const values = clean(input)
    const taken = async () =>
      (await mailboxRepository.isCodeTaken(this.deps.db, values.code))
        ? codeTaken(values.code)
        : null
    const id = await this.explained(taken, async (trx) => {
      if (await mailboxRepository.isCodeTaken(trx, values.code)) throw codeTaken(values.code)
      const id = await mailboxRepository.insert(trx, { siteId: input.siteId, ...values })
      await recordAudit(trx, ctx, {
        action: 'mailbox.create',
        entity: 'mailbox',
        entityId: id,
        siteId: input.siteId,
        diff: values,
      })
      return id
    })
    this.changed(input.siteId)
    return this.get(ctx, id)
  }

  async update(ctx: RequestContext, id: number, input: MailboxUpdateInput): Promise<MailboxView> {
    const current = await mailboxRepository.get(this.deps.db, id)
    if (!current) throw notFound('信箱不存在')
    this.authorizeWrite(ctx, current.siteId)
    const values = clean(input, current)
    const taken = async () =>
      (await mailboxRepository.isCodeTaken(this.deps.db, values.code, id))
        ? codeTaken(values.code)
        : null
    await this.explained(taken, async (trx) => {
      const before = await mailboxRepository.get(trx, id)
      if (!before) throw notFound('信箱不存在')
      if (await mailboxRepository.isCodeTaken(trx, values.code, id)) throw codeTaken(values.code)
      await mailboxRepository.update(trx, id, values)
      await recordAudit(trx, ctx, {
        action: 'mailbox.update',
        entity: 'mailbox',
        entityId: id,
        siteId: before.siteId,
        diff: { before: { ...before, limits: limitOverrides(before.limits) }, after: values },
      })
    })
    this.changed(current.siteId)
    return this.get(ctx, id)
  }

  /** Deletes a mailbox that never received a letter (409 `mailbox_in_use` otherwise). */
  async remove(ctx: RequestContext, id: number): Promise<void> {
    const current = await mailboxRepository.get(this.deps.db, id)
    if (!current) throw notFound('信箱不存在')
    this.authorizeWrite(ctx, current.siteId)
    const inUse = () =>
      new AppError(
        409,
        'mailbox_in_use',
        `信箱“${current.name}”已有来信，不能删除；如不再使用，请将其停用`,
      )
    const used = async () =>
      (await mailboxRepository.hasLetters(this.deps.db, id)) ? inUse() : null
    await this.explained(used, async (trx) => {
      if (await mailboxRepository.hasLetters(trx, id)) throw inUse()
      if ((await mailboxRepository.delete(trx, id)) === 0) throw notFound('信箱不存在')
      await recordAudit(trx, ctx, {
        action: 'mailbox.delete',
        entity: 'mailbox',
        entityId: id,
        siteId: current.siteId,
        diff: { code: current.code, name: current.name },
      })
    })
    this.changed(current.siteId)
  }

  /**
   * Runs a write in a transaction. A concurrent request can still break a constraint between
   * our check and the write (the same code, a letter arriving): `explain` then names it.
   */
  private async explained<T>(
    explain: () => Promise<AppError | null>,
    work: (trx: Trx) => Promise<T>,
  ): Promise<T> {
    try {
      return await this.deps.db.transaction().execute(work)
    } catch (err) {
      if (isAppError(err)) throw err
      throw (await explain()) ?? err
    }
  }

  private async present(db: Executor, boxes: Mailbox[]): Promise<MailboxView[]> {
    const counts = await mailboxRepository.letterCounts(
      db,
      boxes.map((b) => b.id),
    )
    const sites = await letterRouteRepository.sites(
      db,
      boxes.map((b) => b.siteId),
    )
    return boxes.map((b) => ({
      id: b.id,
      siteId: b.siteId,
      siteName: sites.get(b.siteId)?.name ?? '',
      code: b.code,
      name: b.name,
      description: b.description,
      sort: b.sort,
      enabled: b.enabled,
      limits: effectiveLimits(b.limits),
      overrides: limitOverrides(b.limits),
      letterCount: counts.get(b.id)?.letters ?? 0,
      openCount: counts.get(b.id)?.open ?? 0,
    }))
  }

  private async site(siteId: number): Promise<void> {
    const found = await letterRouteRepository.sites(this.deps.db, [siteId])
    if (!found.has(siteId)) throw notFound('站点不存在')
  }

  private authorizeWrite(ctx: RequestContext, siteId: number): void {
    if (roleOn(ctx.actor, siteId) !== 'admin') {
      throw forbidden('只有该站点的管理员可以维护信箱')
    }
  }

  /** After a commit: the public mailbox pages of the site (and cluster lists) are stale. */
  private changed(siteId: number): void {
    this.deps.bus.publish({
      action: MAILBOX_CHANGE_EVENT,
      tags: [`mailboxes:${siteId}`, 'mailboxes'],
    })
  }
}
