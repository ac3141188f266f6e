/** Roles held per site (or cluster-wide when the grant has no site). */
export const ROLES = ['admin', 'reviewer', 'editor'] as const
export type Role = (typeof ROLES)[number]
export const ROLE_LABELS: Record<Role, string> = {
  admin: '站点管理员',
  reviewer: '审核人',
  editor: '编辑',
}
/** A cluster-wide `admin` grant makes a cluster admin (平台管理员). */
export const CLUSTER_ADMIN_LABEL = '平台管理员'
