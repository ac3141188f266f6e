import type { Core } from '../../core'
import { systemContext } from '../users/actor'

/**
 * 信息报送 history of the demo county: each channel has offered a few of its latest 工作动态 to
 * the portal's 政务要闻 / 部门动态-type columns; most were adopted, some returned or declined,
 * a few still wait in the portal's inbox. So the inbox, the outbox and the 考核 statistics are
 * not empty on first start.
 */
export async function seedDemoSubmissions(
  core: Core,
  siteIds: Map<string, number>,
): Promise<number> {
  const ctx = systemContext('seed')
  const db = core.deps.db
  const portalId = siteIds.get('sxx')
  if (!portalId) return 0
  const targets = await db
    .selectFrom('site_column')
    .select(['id', 'name'])
    .where('site_id', '=', portalId)
    .where('type', '=', 'list')
    .where('name', 'in', ['政务要闻', '通知公告'])
    .orderBy('sort')
    .execute()
  const news = targets.find((c) => c.name === '政务要闻') ?? targets[0]
  if (!news) return 0
  const notices = targets.find((c) => c.name === '通知公告') ?? news
  let n = 0
  let unit = 0
  for (const [code, siteId] of siteIds) {
    if (code === 'sxx' || !/^(bm|xz)-/.test(code)) continue
    unit++
    // Units differ in how much they report: every third one reports little.
    const count = unit % 3 === 0 ? 1 : unit % 3 === 1 ? 3 : 2
    const latest = await db
      .selectFrom('placement as p')
      .innerJoin('site_column as c', 'c.id', 'p.column_id')
      .select('p.article_id')
      .where('p.site_id', '=', siteId)
      .where('p.status', '=', 'published')
      .where('c.slug', '=', 'gzdt')
      .orderBy('p.published_at', 'desc')
      .limit(count)
      .execute()
    for (const [i, row] of latest.entries()) {
      const target = (unit + i) % 4 === 3 ? notices : news
      const [s] = await core.submissions.submit(ctx, {
        articleId: row.article_id,
        targetColumnIds: [target.id],
        note: i === 0 ? '请审核采用。' : '',
      })
      if (!s) continue
      n++
      const fate = (unit * 7 + i * 3) % 10
      if (fate < 6) await core.submissions.adopt(ctx, s.id, { mode: 'publish' })
      else if (fate === 6)
        await core.submissions.returnToSource(ctx, s.id, '请补充具体数据和图片后重新报送。')
      else if (fate === 7) await core.submissions.decline(ctx, s.id, '内容与门户栏目定位不符。')
      // 8, 9: still waiting in the portal's inbox.
    }
  }
  return n
}
