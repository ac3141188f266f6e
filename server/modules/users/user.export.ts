import { CLUSTER_ADMIN_LABEL, ROLE_LABELS } from '../../../common/permissions'
import { formatDateTime } from '../../../common/time'
import type { Core } from '../../core'
import { buildXlsx } from '../../plugins/xlsx'
import type { RequestContext } from './actor'
import { Type } from 'typebox'
import { UserListQuery, type UserListInput } from './user.schema'
import type { UserWithGrants } from './user.service'

export const UserExportQuery = Type.Omit(UserListQuery, ['page', 'pageSize'])

/** Exports stop here: a bigger list is a query for the database, not a spreadsheet. */
export const USER_EXPORT_MAX = 50_000
const BATCH = 1000

/** The users list (same filters and scope as the screen) as an .xlsx workbook. */
export async function exportUsers(
  core: Core,
  ctx: RequestContext,
  query: Omit<UserListInput, 'page' | 'pageSize'>,
): Promise<Buffer> {
  const rows: UserWithGrants[] = []
  for (let page = 1; rows.length < USER_EXPORT_MAX; page++) {
    const res = await core.users.list(ctx, { ...query, page, pageSize: BATCH })
    rows.push(...res.rows)
    if (res.rows.length < BATCH) break
  }
  const siteNames = new Map((await core.sites.list(ctx)).map((s) => [s.id, s.name]))
  const roles = (u: UserWithGrants) =>
    u.grants
      .map((g) =>
        g.siteId === null
          ? CLUSTER_ADMIN_LABEL
          : `${siteNames.get(g.siteId) ?? `站点 ${g.siteId}`}：${ROLE_LABELS[g.role]}`,
      )
      .join('；')
  return buildXlsx(
    '用户列表',
    [
      { header: '用户名', width: 18, value: (u) => u.username },
      { header: '姓名', width: 14, value: (u) => u.displayName },
      { header: '单位', width: 24, value: (u) => u.unit },
      { header: '电话', width: 16, value: (u) => u.phone },
      { header: '邮箱', width: 22, value: (u) => u.email },
      { header: '状态', width: 8, value: (u) => (u.status === 'active' ? '正常' : '已停用') },
      { header: '角色', width: 48, value: roles },
      { header: '最近登录', width: 18, value: (u) => formatDateTime(u.lastLoginAt) },
      { header: '创建时间', width: 18, value: (u) => formatDateTime(u.createdAt) },
    ],
    rows.slice(0, USER_EXPORT_MAX),
  )
}
