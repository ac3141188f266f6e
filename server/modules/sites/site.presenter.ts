import type { Site } from './site.repository'

/** Admin view of a site: every field. */
export function presentSiteAdmin(s: Site) {
  return {
    id: s.id,
    code: s.code,
    name: s.name,
    shortName: s.shortName,
    kind: s.kind,
    parentId: s.parentId,
    basePath: s.basePath,
    hosts: s.hosts,
    grouping: s.grouping,
    isDefault: s.isDefault,
    siteIdCode: s.siteIdCode,
    sponsor: s.sponsor,
    organizer: s.organizer,
    icp: s.icp,
    psb: s.psb,
    contact: s.contact,
    responsible: s.responsible,
    description: s.description,
    keywords: s.keywords,
    theme: s.theme,
    status: s.status,
    closedNotice: s.closedNotice,
    closedAt: s.closedAt,
    sort: s.sort,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  }
}

/** Public view (`GET /api/v1/sites`): the contract `{code,name,kind,url,parentCode}` plus footer facts. */
export function presentSitePublic(s: Site, url: string, parentCode: string | null) {
  return {
    code: s.code,
    name: s.name,
    kind: s.kind,
    url,
    parentCode,
    shortName: s.shortName,
    siteIdCode: s.siteIdCode,
    sponsor: s.sponsor,
    organizer: s.organizer,
    icp: s.icp,
    psb: s.psb,
    status: s.status,
  }
}
