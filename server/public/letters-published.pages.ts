import { formatDate } from '../../common/time'
import type { Column } from '../modules/columns/column.repository'
import { publishedLetters, PUBLISHED_PAGE_SIZE } from '../modules/letters/letter.published'
import { columnMailboxes, frame, MINUTE, type LetterPageDeps } from './letters-common.pages'
import { notFoundPage, page, type Outcome } from './pages'
import { paginationView, type PageContext } from './views'

/**
 * 公开来信 of a `letters` column: `<column>/letters/` (20 per page, newest published first)
 * and `<column>/letters/<id>`. Only what the desk published, as the redacted copies it
 * approved: never the writer, never the original body or reply. Cached with the tags the
 * handling publishes on publish / unpublish (`letters:<mailboxId>`, `letters-site:<siteId>`,
 * `letter:<id>`).
 */

const PATH_RE = /^([a-z0-9][a-z0-9/-]*?)\/letters(\/|\/index\.html|\/(\d{1,10}))?$/

/**
 * The published-letters page a path names, or null when the path is not under a visible
 * `letters` column (a child column called `letters` of another column routes as usual).
 */
export async function routePublishedLetters(
  deps: LetterPageDeps,
  ctx: PageContext,
  rest: string,
  pageNo: number,
): Promise<Outcome | null> {
  const m = PATH_RE.exec(rest)
  if (!m) return null
  const column = ctx.snap.columnByPath.get(`${ctx.resolved.site.id}:${m[1]}`)
  if (!column || !column.visible || column.type !== 'letters') return null
  if (!m[2]) {
    return {
      kind: 'redirect',
      status: 301,
      location: `${ctx.resolved.prefix}${column.path}/letters/`,
    }
  }
  if (m[3]) return renderPublishedLetter(deps, ctx, column, Number(m[3]))
  return renderPublishedList(deps, ctx, column, pageNo)
}

function tagsOf(ctx: PageContext, column: Column, mailboxIds: number[]): string[] {
  const siteId = ctx.resolved.site.id
  return [
    `column:${column.id}`,
    `mailboxes:${siteId}`,
    `letters-site:${siteId}`,
    ...mailboxIds.map((id) => `letters:${id}`),
  ]
}

async function renderPublishedList(
  deps: LetterPageDeps,
  ctx: PageContext,
  column: Column,
  pageNo: number,
): Promise<Outcome> {
  const boxes = await columnMailboxes(deps, ctx.resolved.site.id)
  const ids = boxes.map((b) => b.id)
  const { items, total } = await publishedLetters.list(deps.db, ids, pageNo)
  const base = frame(ctx, column, '公开来信')
  const listUrl = base.letterUrls.published
  if (pageNo > 1 && items.length === 0) return notFoundPage(deps, ctx)
  return page(
    deps,
    ctx,
    'letter-list',
    {
      ...base,
      published: {
        total,
        items: items.map((l) => ({
          url: `${listUrl}${l.id}`,
          subject: l.subject,
          typeLabel: l.typeLabel,
          receivedDate: formatDate(l.receivedAt),
          repliedDate: formatDate(l.repliedAt),
          unitName: l.unitName,
        })),
      },
      pagination: paginationView(listUrl, pageNo, PUBLISHED_PAGE_SIZE, total),
    },
    { tags: tagsOf(ctx, column, ids), visits: [['column', column.id]], ttlMs: 10 * MINUTE },
  )
}

async function renderPublishedLetter(
  deps: LetterPageDeps,
  ctx: PageContext,
  column: Column,
  id: number,
): Promise<Outcome> {
  const boxes = await columnMailboxes(deps, ctx.resolved.site.id)
  const letter = await publishedLetters.get(deps.db, id)
  if (!letter || !boxes.some((b) => b.id === letter.mailboxId)) return notFoundPage(deps, ctx)
  const listUrl = frame(ctx, column).letterUrls.published
  const base = frame(ctx, column, letter.subject, [
    { name: '公开来信', url: listUrl },
    { name: letter.subject, url: `${listUrl}${letter.id}` },
  ])
  return page(
    deps,
    ctx,
    'letter-published',
    {
      ...base,
      letter: {
        subject: letter.subject,
        typeLabel: letter.typeLabel,
        mailbox: letter.mailboxName,
        receivedDate: formatDate(letter.receivedAt),
        repliedDate: formatDate(letter.repliedAt),
        unitName: letter.unitName,
        body: letter.body,
        reply: letter.reply,
      },
    },
    {
      tags: [...tagsOf(ctx, column, [letter.mailboxId]), `letter:${letter.id}`],
      visits: [['column', column.id]],
      ttlMs: 10 * MINUTE,
    },
  )
}
