import { roleOn, type Actor } from '../users/actor'

/** Who may do what with a dataset: `siteId` null is a cluster-wide dataset. */
type Owned = { siteId: number | null }

export const datasetPolicy = {
  /** Definitions: the cluster admin for cluster-wide datasets, a site admin for the site's. */
  canDefine(actor: Actor, target: Owned): boolean {
    if (target.siteId === null) return actor.isClusterAdmin
    return roleOn(actor, target.siteId) === 'admin'
  },

  /** Rows: as definitions, and the site's editors for a site's dataset. */
  canEditRows(actor: Actor, target: Owned): boolean {
    if (target.siteId === null) return actor.isClusterAdmin
    const role = roleOn(actor, target.siteId)
    return role === 'admin' || role === 'editor'
  },

  /** Reading in the back office: anyone signed in for cluster datasets, site members for a site's. */
  canRead(actor: Actor, target: Owned): boolean {
    if (target.siteId === null) return actor.isClusterAdmin || actor.grants.length > 0
    return roleOn(actor, target.siteId) !== null
  },

  /** What the actor may list: every dataset, or those of their sites and the cluster-wide ones. */
  scope(actor: Actor): { siteIds: number[] | 'all'; withCluster: boolean } {
    if (actor.isClusterAdmin) return { siteIds: 'all', withCluster: true }
    return { siteIds: [...new Set(actor.grants.map((g) => g.siteId))], withCluster: true }
  },
}
