import { AUDIT_ENTITY_LABELS, auditActionLabel } from '../../../common/audit-actions'
import { formatDateTime } from '../../../common/time'
import type { Core } from '../../core'
import { buildXlsx } from '../../plugins/xlsx'
import type { RequestContext } from '../users/actor'
import type { AuditEvent, AuditFilter } from './audit.repository'

/** An export holds at most this many events, newest first; narrow the filters for more. */
export const AUDIT_EXPORT_MAX = 50_000
const BATCH = 5000
/** Excel refuses cells longer than 32,767 characters. */
const CELL_MAX = 32_000

/** The audit log, with the same filters and scope as the screen, as an .xlsx workbook. */
export async function exportAudit(
  core: Core,
  ctx: RequestContext,
  query: Omit<AuditFilter, 'siteIds'>,
): Promise<Buffer> {
  const rows: AuditEvent[] = []
  for (let page = 1; rows.length < AUDIT_EXPORT_MAX; page++) {
    const res = await core.audit.list(ctx, { ...query, page, pageSize: BATCH })
    rows.push(...res.rows)
    if (res.rows.length < BATCH) break
  }
  const siteNames = new Map((await core.sites.list(ctx)).map((s) => [s.id, s.name]))
  return buildXlsx(
    '操作日志',
    [
      { header: '时间', width: 18, value: (e) => formatDateTime(e.at) },
      { header: '操作人', width: 16, value: (e) => e.actorName },
      { header: 'IP 地址', width: 18, value: (e) => e.ip },
      { header: '操作', width: 16, value: (e) => auditActionLabel(e.action) },
      { header: '操作代码', width: 22, value: (e) => e.action },
      { header: '对象类型', width: 10, value: (e) => AUDIT_ENTITY_LABELS[e.entity] ?? e.entity },
      { header: '对象编号', width: 10, value: (e) => e.entityId },
      {
        header: '站点',
        width: 24,
        value: (e) => (e.siteId === null ? '' : (siteNames.get(e.siteId) ?? `站点 ${e.siteId}`)),
      },
      { header: '详情', width: 60, value: (e) => diffText(e.diff) },
    ],
    rows.slice(0, AUDIT_EXPORT_MAX),
  )
}

function diffText(diff: unknown): string {
  if (diff === null || diff === undefined) return ''
  const text = typeof diff === 'string' ? diff : JSON.stringify(diff)
  if (text === '{}') return ''
  return text.length > CELL_MAX ? `${text.slice(0, CELL_MAX)}…` : text
}
