import { forbidden } from '../../errors'
import { roleOn, siteScope, type Actor } from '../users/actor'
import type { Article } from './article.repository'

export type ArticleAction = 'read' | 'write' | 'publish' | 'delete'

/** Editors and site admins work on their sites' articles; editors delete only their own drafts. */
export function canArticle(
  actor: Actor,
  action: ArticleAction,
  siteId: number,
  article?: Article,
): boolean {
  const role = roleOn(actor, siteId)
  if (role === null) return false
  // Reviewers read everything of their sites; they change content only through a review.
  if (role === 'reviewer') return action === 'read'
  if (action !== 'delete' || role === 'admin') return true
  return article?.status === 'draft' && article.createdBy === actor.id
}

export function authorizeArticle(
  actor: Actor,
  action: ArticleAction,
  siteId: number,
  article?: Article,
): void {
  if (!canArticle(actor, action, siteId, article)) throw forbidden()
}

/** Sites whose articles (drafts included) the actor may list. */
export const articleScope = (actor: Actor): 'all' | number[] => siteScope(actor)
