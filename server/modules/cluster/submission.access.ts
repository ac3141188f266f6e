import type { Updateable } from 'kysely'
import type { Submission } from '../../../common/cluster'
import type { Executor } from '../../db/database'
import { conflict, forbidden, invalid } from '../../errors'
import type { Column } from '../columns/column.repository'
import {
  notificationRepository,
  type NewNotification,
} from '../notifications/notification.repository'
import { siteRepository } from '../sites/site.repository'
import { roleOn, type Actor } from '../users/actor'
import type { SubmissionTable } from './cluster.table'
import { accepts, sharingRepository } from './sharing.repository'
import { submissionRepository } from './submission.repository'

// Who may do what with a submission, and whether a target column takes one.

const PLACEABLE = new Set(['list', 'page'])

/** Editors and admins write; reviewers only read. */
export function writesOn(actor: Actor, siteId: number): boolean {
  const role = roleOn(actor, siteId)
  return role === 'editor' || role === 'admin'
}

/** Any role on the source or the target site reads a submission. */
export function readsSubmission(actor: Actor, s: Submission): boolean {
  return roleOn(actor, s.sourceSiteId) !== null || roleOn(actor, s.targetSiteId) !== null
}

/** The target site's editors and admins decide (adopt, return, decline). */
export function authorizeTarget(actor: Actor, s: Submission): void {
  if (!writesOn(actor, s.targetSiteId)) {
    throw forbidden('只有接收站点的编辑或管理员可以处理报送信息')
  }
}

/** The source unit's editors and admins resubmit or withdraw. */
export function authorizeSource(actor: Actor, s: Submission): void {
  if (!writesOn(actor, s.sourceSiteId)) {
    throw forbidden('只有报送单位的编辑或管理员可以执行此操作')
  }
}

/**
 * Whether `column` may receive a submission from `sourceSiteId`: a list or page column of
 * another, open site whose sharing policy accepts the source (and lists the column when it
 * names the columns that take submissions).
 */
export async function checkTargetColumn(
  db: Executor,
  sourceSiteId: number,
  column: Column,
): Promise<{ siteName: string }> {
  if (!PLACEABLE.has(column.type)) {
    throw invalid('该栏目不能接收报送', {
      targetColumnIds: `“${column.name}”不是文章列表或单页栏目`,
    })
  }
  if (column.siteId === sourceSiteId) {
    throw invalid('不能报送到本单位自己的栏目', {
      targetColumnIds: `“${column.name}”属于本单位站点`,
    })
  }
  const site = await siteRepository.get(db, column.siteId)
  if (!site || site.status !== 'open') {
    throw forbidden(`“${site?.name ?? column.name}”未在运行，不能接收报送`)
  }
  const policy = await sharingRepository.get(db, site.id)
  if (!policy || !accepts(policy, 'submissions', sourceSiteId)) {
    throw forbidden(`“${site.name}”不接收本单位的报送信息`)
  }
  if (policy.submissionColumns.length > 0 && !policy.submissionColumns.includes(column.id)) {
    throw forbidden(`“${site.name}”的“${column.name}”栏目不接收报送信息`)
  }
  return { siteName: site.name }
}

/**
 * The notification of a submission: entity `submission` (the admin links `submission.received`
 * to the inbox, /admin/submissions/inbox, and `submission.decided` to the outbox).
 */
export function submissionNotice(
  s: Pick<Submission, 'id'>,
  kind: 'submission.received' | 'submission.decided',
  siteId: number,
  title: string,
  body: string,
): NewNotification {
  const where = kind === 'submission.received' ? '信息报送 › 收件箱' : '信息报送 › 我的报送'
  return {
    kind,
    title,
    body: `${body}${body ? '\n' : ''}请到“${where}”查看。`,
    entity: 'submission',
    entityId: s.id,
    siteId,
  }
}

/**
 * Moves a pending submission on (adopted, returned, declined, withdrawn) with `values`; when
 * it is no longer pending (someone came first) a 409 with `conflictMessage`. The target's
 * 收到报送 notifications about it are then marked read.
 */
export async function leavePending(
  db: Executor,
  id: number,
  values: Updateable<SubmissionTable>,
  conflictMessage: string,
): Promise<void> {
  const ok = await submissionRepository.transition(db, id, 'pending', values)
  if (!ok) throw conflict(conflictMessage)
  await notificationRepository.markReadFor(db, 'submission.received', 'submission', id)
}
