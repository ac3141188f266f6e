import type { UserWithGrants } from './user.service'

/** Never includes the password hash. */
export function presentUser(u: UserWithGrants) {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    email: u.email,
    phone: u.phone,
    unit: u.unit,
    status: u.status,
    locked: Boolean(u.lockedUntil && new Date(u.lockedUntil) > new Date()),
    mustChangePassword: u.mustChangePassword,
    lastLoginAt: u.lastLoginAt,
    createdAt: u.createdAt,
    grants: u.grants.map((g) => ({ siteId: g.siteId, role: g.role })),
  }
}
