import { Type, type Static } from 'typebox'
import {
  SITE_KIND_LABELS,
  SITE_KINDS,
  SITE_STATUS_LABELS,
  SITE_STATUSES,
} from '../../../common/enums'
import { formatDateTime } from '../../../common/time'
import type { Core } from '../../core'
import { forbidden } from '../../errors'
import { buildXlsx, type XlsxColumn } from '../../plugins/xlsx'
import type { RequestContext } from '../users/actor'
import { adminSites } from '../users/user.policy'
import type { Site } from './site.repository'

export const SiteExportQuery = Type.Object({
  kind: Type.Optional(Type.Enum(SITE_KINDS, { title: '站点类型' })),
  status: Type.Optional(Type.Enum(SITE_STATUSES, { title: '状态' })),
  keyword: Type.Optional(Type.String({ title: '关键词', maxLength: 100 })),
})
export type SiteExportInput = Static<typeof SiteExportQuery>

/**
 * The site list as an .xlsx workbook: every site the actor administers (cluster admins: all),
 * narrowed by the same filters as the sites screen. Editors get 403.
 */
export async function exportSites(
  core: Core,
  ctx: RequestContext,
  query: SiteExportInput,
): Promise<Buffer> {
  const scope = adminSites(ctx.actor)
  if (scope !== 'all' && scope.length === 0) throw forbidden()
  const all = await core.sites.list(ctx)
  const byId = new Map(all.map((s) => [s.id, s]))
  const kw = query.keyword?.trim().toLowerCase() ?? ''
  const rows = all.filter(
    (s) =>
      (scope === 'all' || scope.includes(s.id)) &&
      (!query.kind || s.kind === query.kind) &&
      (!query.status || s.status === query.status) &&
      (!kw ||
        [s.code, s.name, s.shortName, s.grouping, ...s.hosts].some((v) =>
          v.toLowerCase().includes(kw),
        )),
  )
  const columns: XlsxColumn<Site>[] = [
    { header: '站点代码', value: (s) => s.code },
    { header: '网站名称', width: 28, value: (s) => s.name },
    { header: '简称', value: (s) => s.shortName },
    { header: '类型', value: (s) => SITE_KIND_LABELS[s.kind] },
    { header: '上级门户', width: 24, value: (s) => (s.parentId ? byId.get(s.parentId)?.name : '') },
    { header: '访问路径', value: (s) => s.basePath },
    { header: '绑定域名', width: 30, value: (s) => s.hosts.join('，') },
    { header: '分组', value: (s) => s.grouping },
    { header: '状态', value: (s) => SITE_STATUS_LABELS[s.status] },
    { header: '网站标识码', value: (s) => s.siteIdCode },
    { header: '主办单位', width: 24, value: (s) => s.sponsor },
    { header: '承办单位', width: 24, value: (s) => s.organizer },
    { header: 'ICP备案号', width: 20, value: (s) => s.icp },
    { header: '公安机关备案号', width: 24, value: (s) => s.psb },
    { header: '联系电话', value: (s) => s.contact.phone },
    { header: '联系邮箱', width: 22, value: (s) => s.contact.email },
    { header: '联系地址', width: 30, value: (s) => s.contact.address },
    {
      header: '专人负责',
      width: 40,
      value: (s) =>
        s.responsible
          .map((p) => [p.name, p.role, p.phone, p.email].filter(Boolean).join(' '))
          .join('；'),
    },
    { header: '主题', value: (s) => s.theme },
    { header: '排序', width: 8, value: (s) => s.sort },
    { header: '关停公告', width: 30, value: (s) => s.closedNotice },
    { header: '创建时间', width: 18, value: (s) => formatDateTime(s.createdAt) },
    { header: '更新时间', width: 18, value: (s) => formatDateTime(s.updatedAt) },
  ]
  return buildXlsx('站点列表', columns, rows)
}
