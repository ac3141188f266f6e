import type { SiteKind, SiteStatus } from '../../../../common/enums'

export interface Responsible {
  name: string
  role: string
  phone: string
  email?: string
}

/** A site as `GET /api/admin/sites` presents it to a cluster admin: every field. */
export interface SiteDetail {
  id: number
  code: string
  name: string
  shortName: string
  kind: SiteKind
  parentId: number | null
  basePath: string
  hosts: string[]
  grouping: string
  isDefault: boolean
  siteIdCode: string
  sponsor: string
  organizer: string
  icp: string
  psb: string
  contact: { phone: string; email: string; address: string }
  responsible: Responsible[]
  description: string
  keywords: string
  theme: string
  status: SiteStatus
  closedNotice: string
  closedAt: string | null
  sort: number
  createdAt: string
  updatedAt: string
}
