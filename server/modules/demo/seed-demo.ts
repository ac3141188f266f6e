import { EMPTY_AGGREGATE_RULE } from '../../../common/cluster'
import { seedDemoSubmissions } from './demo-submissions'
import type { Core } from '../../core'
import { mailboxRepository } from '../letters/mailbox.repository'
import { upsertArticles, type BulkArticle } from '../articles/article.bulk'
import type { Column } from '../columns/column.repository'
import { systemContext } from '../users/actor'
import { demoCoverPng } from './cover-image'
import { seedDemoLetters } from './demo-letters'
import { seedDemoRecords } from './demo-records'
import { seedDemoDatasets } from './demo-datasets'
import { seedDemoServices } from './demo-services'
import { seedDemoQuestions } from './demo-questions'
import {
  createArticleGenerator,
  defaultArticleCount,
  demoCounty,
  type DemoColumn,
  type DemoSite,
} from './demo-county'

export interface SeedOptions {
  /** Total articles to generate; default: the small first-start set (a few thousand). */
  articles?: number
  seed?: number
  onProgress?: (done: number, total: number) => void
}

interface Slot {
  site: DemoSite
  siteId: number
  column: DemoColumn
  columnId: number
  columnPath: string[]
  count: number
}

const MODULE_SLOTS: Record<string, 'letters' | 'services' | 'survey'> = {
  '/letters/': 'letters',
  '/services/': 'services',
  '/surveys/': 'survey',
}

const YEAR_MS = 365 * 86400_000
/** How far back content reaches, by update class (new sites look lived-in, not fake-fresh). */
const SPAN_MS: Record<string, number> = {
  news: 1.5 * YEAR_MS,
  notice: 3 * YEAR_MS,
  plan: 5 * YEAR_MS,
  asNeeded: 4 * YEAR_MS,
}

/** Creates the demo county 示例县 and fills it with generated content. */
export async function seedDemo(
  core: Core,
  options: SeedOptions = {},
): Promise<{ sites: number; columns: number; articles: number }> {
  const ctx = systemContext('seed')
  const county = demoCounty()
  const slots: Slot[] = []
  const siteIds = new Map<string, number>()
  let columnCount = 0

  for (const demo of county) {
    const site = await core.sites.create(ctx, {
      code: demo.code,
      name: demo.name,
      shortName: demo.shortName,
      kind: demo.kind,
      parentCode: demo.kind === 'channel' ? 'sxx' : undefined,
      basePath: demo.basePath,
      hosts: demo.hosts,
      grouping: demo.grouping ?? '',
      isDefault: demo.code === 'sxx',
      siteIdCode: demo.siteIdCode,
      sponsor: demo.sponsor,
      organizer: demo.organizer,
      icp: demo.icp,
      psb: demo.psb,
      contact: demo.contact,
      responsible: demo.responsible,
      description: demo.description,
      keywords: demo.keywords,
    })
    siteIds.set(demo.code, site.id)
    // Every site takes letters: the portal's 县长信箱 and 政风行风信箱, a mailbox per unit.
    for (const [i, box] of demoMailboxes(demo).entries()) {
      await mailboxRepository.insert(core.deps.db, { siteId: site.id, sort: i, ...box })
    }
    // 先审后发 from the first day: one level held by the site's administrators (a county adds
    // 科室审核 / 领导终审 levels once it has appointed reviewers).
    await core.workflows.put(ctx, site.id, null, [
      { name: demo.kind === 'channel' ? '单位审核' : '网站办审核', role: 'admin', userIds: [] },
    ])
    const walk = async (cols: DemoColumn[], parent: Column | null, names: string[]) => {
      for (const c of cols) {
        // Internal links to module pages become the module's column type (信箱, 办事, 调查).
        const slot = c.type === 'link' ? MODULE_SLOTS[c.linkUrl ?? ''] : undefined
        const created = await core.columns.create(ctx, site.id, {
          name: c.name,
          slug: c.slug,
          type: slot ?? c.type,
          updateClass: c.updateClass,
          parentId: parent?.id ?? null,
          homeBlock: c.homeBlock ?? false,
          description: c.description ?? '',
          keywords: c.keywords ?? '',
          linkUrl: slot ? '' : (c.linkUrl ?? ''),
          settings: {
            ...(c.isHeadline ? { isHeadline: true } : {}),
            ...(c.aggregate ? { aggregate: { ...EMPTY_AGGREGATE_RULE, ...c.aggregate } } : {}),
          },
        })
        columnCount++
        const path = [...names, c.name]
        // Aggregate columns (部门动态, 乡镇动态) list the channels' items and hold none.
        if (c.type !== 'link' && c.type !== 'aggregate') {
          slots.push({
            site: demo,
            siteId: site.id,
            column: c,
            columnId: created.id,
            columnPath: path,
            count: defaultArticleCount(c),
          })
        }
        if (c.children) await walk(c.children, created, path)
      }
    }
    await walk(demo.columns, null, [])
  }

  const portalId = siteIds.get('sxx')

  // Scale to the requested total, keeping single pages at one article.
  if (options.articles !== undefined) {
    const lists = slots.filter((s) => s.column.type === 'list')
    const base = lists.reduce((n, s) => n + s.count, 0)
    const pages = slots.length - lists.length
    const want = Math.max(0, options.articles - pages)
    let assigned = 0
    for (const s of lists) {
      s.count = Math.floor((s.count * want) / base)
      assigned += s.count
    }
    for (let i = 0; assigned < want && lists.length > 0; i++, assigned++) {
      const s = lists[i % lists.length]
      if (s) s.count++
    }
  }

  const covers: number[] = []
  if (portalId) {
    for (let v = 0; v < 5; v++) {
      const f = await core.files.upload(ctx, {
        siteId: portalId,
        name: `tupian-${v + 1}.png`,
        bytes: demoCoverPng(v),
      })
      covers.push(f.id)
    }
  }

  const generate = createArticleGenerator(options.seed ?? 20261125)
  const total = slots.reduce((n, s) => n + s.count, 0)
  const now = Date.now()
  let done = 0
  for (const slot of slots) {
    const span = SPAN_MS[slot.column.updateClass] ?? YEAR_MS
    // Recent-enough first item so fresh news columns are not overdue from day one.
    const recentGap = slot.column.updateClass === 'news' ? 3 * 86400_000 : 30 * 86400_000
    const batch: BulkArticle[] = []
    const flush = async () => {
      if (batch.length === 0) return
      const rows = batch.splice(0, batch.length)
      await core.deps.db
        .transaction()
        .execute((trx) => upsertArticles(trx, ctx, slot.siteId, rows, 'article.seed'))
      done += rows.length
      options.onProgress?.(done, total)
    }
    for (let i = 0; i < slot.count; i++) {
      const frac = slot.count <= 1 ? 0 : i / (slot.count - 1)
      const jitter = ((i * 7919) % 1000) / 1000
      const at = new Date(now - recentGap * (0.1 + jitter * 0.9) - frac * span)
      // Office hours, Beijing time.
      at.setUTCHours(1 + ((i * 3) % 8), (i * 17) % 60, 0, 0)
      if (at.getTime() > now) at.setTime(now - 3600_000)
      const g = generate({
        site: slot.site,
        column: slot.column,
        columnPath: slot.columnPath,
        date: at,
      })
      const isCover = slot.column.isHeadline === true && i < covers.length
      batch.push({
        externalId: `demo-${slot.columnId}-${i}`,
        title: g.title,
        subtitle: g.subtitle,
        source: g.source,
        author: g.author,
        html: g.bodyHtml,
        summary: g.summary,
        keywords: g.keywords,
        publishedAt: g.publishedAt,
        disclosure: g.disclosure,
        coverFileId: isCover ? covers[i] : null,
        coverAlt: isCover ? g.title : '',
        placements: [{ columnId: slot.columnId, siteId: slot.siteId, kind: 'primary' }],
      })
      if (batch.length >= 500) await flush()
    }
    await flush()
  }
  await seedDemoLetters(core, siteIds, 'xzxx')
  await seedDemoDatasets(core, portalId)
  await seedDemoServices(core, siteIds)
  await seedDemoQuestions(core, siteIds)
  await seedDemoRecords(core, siteIds)
  await seedDemoSubmissions(core, siteIds)
  core.deps.bus.publish({ action: 'seed', tags: ['*', 'sites', 'columns'] })
  return { sites: county.length, columns: columnCount, articles: done }
}

function demoMailboxes(site: { code: string; kind: string; shortName: string; name: string }) {
  if (site.kind === 'portal') {
    return [
      { code: 'xzxx', name: '县长信箱', description: '向县长反映问题、提出意见建议' },
      { code: 'zfhf', name: '政风行风信箱', description: '反映政风行风和工作作风问题' },
    ]
  }
  const who = site.shortName || site.name
  return [{ code: `${site.code}-xx`, name: `${who}信箱`, description: `向${who}咨询、投诉和建议` }]
}
