import { LETTER_TYPES } from '../../common/letters'
import type { Core } from '../core'
import type { Column } from '../modules/columns/column.repository'
import { mailboxRepository, type Mailbox } from '../modules/letters/mailbox.repository'
import type { Outcome, PageDeps } from './pages'
import { breadcrumbsFor, columnUrl, commonView, type PageContext } from './views'

/** What the 信箱 pages of a `letters` column share: the frame, field errors and mailboxes. */

export type Fields = Record<string, string>
export type LetterPageDeps = PageDeps & { core: Core }

export const MINUTE = 60_000
export const DEADLINE_NOTE = '一般在 5 个工作日内答复，复杂问题不超过 15 个工作日'
export const WRONG_CODE = '查询码或查询密码不正确'

/** Where the error summary sends the reader for each field. */
const FIELD_ANCHORS: Record<string, string> = {
  mailbox: 'letter-mailbox',
  type: `letter-type-${LETTER_TYPES[0]}`,
  subject: 'letter-subject',
  body: 'letter-body',
  name: 'letter-name',
  mobile: 'letter-mobile',
  email: 'letter-email',
  attachments: 'letter-attachments',
  altcha: 'letter-captcha',
  queryCode: 'check-code',
  password: 'check-password',
  rating: 'rate-satisfied',
  comment: 'rate-comment',
  text: 'supplement-text',
}

export const emptyErrors = (names: string[]): Fields =>
  Object.fromEntries(names.map((n) => [n, '']))
export const errorList = (errors: Fields) =>
  Object.entries(errors)
    .filter(([, m]) => m)
    .map(([field, message]) => ({ href: `#${FIELD_ANCHORS[field] ?? field}`, message }))

export function pick(raw: Fields, names: string[]): Fields {
  const out: Fields = {}
  for (const n of names) {
    const v = raw[n]
    if (typeof v === 'string') out[n] = v
  }
  return out
}

/**
 * The mailboxes a `letters` column serves: every enabled mailbox of its site (the write form
 * offers them all; the published letters list shows theirs).
 */
export async function columnMailboxes(deps: PageDeps, siteId: number): Promise<Mailbox[]> {
  return (await mailboxRepository.list(deps.db, [siteId])).filter((m) => m.enabled)
}

/** The furniture of every 信箱 page: title, breadcrumbs, side navigation and the form URLs. */
export function frame(
  ctx: PageContext,
  column: Column,
  title?: string,
  trail: Array<{ name: string; url: string }> = [],
) {
  const { prefix } = ctx.resolved
  const url = columnUrl(prefix, column)
  const siblings = (ctx.snap.columnsOf.get(column.siteId) ?? []).filter((c) => c.visible)
  const children = siblings.filter((c) => c.parentId === column.id)
  const sideNav = (
    children.length > 0 ? children : siblings.filter((c) => c.parentId === column.parentId)
  ).map((c) => ({ name: c.name, url: columnUrl(prefix, c), isCurrent: c.id === column.id }))
  const last = trail.length > 0 ? trail : title ? [{ name: title, url }] : []
  const crumbs = breadcrumbsFor(ctx, column, last[0])
  const common = commonView(ctx, {
    title: `${title ? `${title} - ` : ''}${column.name} - ${ctx.resolved.site.name}`,
    column,
    breadcrumbs: [...crumbs, ...last.slice(1)],
  })
  return {
    ...common,
    sideNav,
    column: { name: column.name, url, description: column.description },
    letterUrls: {
      page: url,
      submit: `${url}submit`,
      check: `${url}check`,
      checkForm: `${url}#letter-check`,
      rate: `${url}rate`,
      supplement: `${url}supplement`,
      withdraw: `${url}withdraw`,
      published: `${url}letters/`,
    },
  }
}

export function plainOutcome(status: number, title: string): Outcome {
  return {
    kind: 'page',
    status,
    html: `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${status} ${title}</h1></body></html>`,
    tags: [],
    visits: [],
    ttlMs: 0,
    cacheable: false,
  }
}
