import type { Deps } from '../../core-deps'
import { forbidden } from '../../errors'
import { adminSites } from '../users/user.policy'
import type { RequestContext } from '../users/actor'
import { auditRepository, type AuditEvent, type AuditFilter } from './audit.repository'

/** Reading the audit log: cluster admins see everything, site admins their sites' events. */
export class AuditService {
  constructor(private readonly deps: Deps) {}

  async list(
    ctx: RequestContext,
    query: Omit<AuditFilter, 'siteIds'> & { page?: number; pageSize?: number },
  ): Promise<{ rows: AuditEvent[]; total: number; page: number; pageSize: number }> {
    const scope = adminSites(ctx.actor)
    if (scope !== 'all' && scope.length === 0) throw forbidden()
    const page = query.page ?? 1
    const pageSize = query.pageSize ?? 20
    const { rows, total } = await auditRepository.list(
      this.deps.db,
      { ...query, siteIds: scope },
      {
        offset: (page - 1) * pageSize,
        limit: pageSize,
      },
    )
    return { rows, total, page, pageSize }
  }
}
