/**
 * The cluster benchmark (issue 8), against running servers on the seeded demo county:
 * - the portal home page (latest items across all channels, the 部门动态 / 乡镇动态 aggregate
 *   blocks over every channel's 工作动态, the other blocks) rendered with the page cache off;
 * - a linked edit: a department article pushed (linked) into columns of 20 other channels and
 *   the portal, every placement's article page and column list cached, then its title edited
 *   and approved; the time until every placement shows the new title.
 * Goals: home < 20 ms uncached; linked edit visible everywhere < 100 ms.
 */

interface Session {
  cookie: string
  csrf: string
}

interface PublicSite {
  code: string
  name: string
  kind: string
  url: string
  parentCode: string | null
}

interface PublicColumn {
  id: number
  path: string
  name: string
  type: string
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((s.length * p) / 100))] ?? 0
}

async function json<T>(r: Response | Promise<Response>): Promise<T> {
  const res = await r
  if (!res.ok) throw new Error(`${res.url} → ${res.status} ${await res.text()}`)
  return (await res.json()) as T
}

/** Sequential GETs of the portal home on an instance without page cache. */
export async function portalHomeUncached(
  base: string,
  rounds = 300,
): Promise<{ p50: number; p95: number; p99: number; bytes: number; channels: number }> {
  const sites = await json<{ data: PublicSite[] }>(fetch(`${base}/api/v1/sites`))
  const channels = sites.data.filter((s) => s.kind === 'channel').length
  let bytes = 0
  for (let i = 0; i < 20; i++) bytes = (await (await fetch(`${base}/`)).text()).length
  const times: number[] = []
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now()
    const r = await fetch(`${base}/`)
    await r.text()
    if (r.status !== 200) throw new Error(`home ${r.status}`)
    times.push(performance.now() - t0)
  }
  return { p50: pct(times, 50), p95: pct(times, 95), p99: pct(times, 99), bytes, channels }
}

/** Path part of a site's public URL (`http://host/bm/fgj/` → `/bm/fgj/`). */
const prefixOf = (url: string) => new URL(url, 'http://x').pathname

export interface LinkedEditResult {
  /** Article pages: the source's and one per pushed placement. */
  placements: number
  pages: number
  lists: number
  /** Medians (ms) from the approval request: its response, every article page, every page. */
  approve: number
  placed: number
  placedMax: number
  all: number
  allMax: number
}

export async function linkedEditLatency(
  base: string,
  session: Session,
  rounds = 10,
  /** Which of the source column's articles (newest first) to push: a rerun on the same data takes another. */
  pick = 1,
): Promise<LinkedEditResult> {
  const headers = {
    'content-type': 'application/json',
    cookie: session.cookie,
    'x-csrf-token': session.csrf,
  }
  const admin = <T>(method: string, path: string, body?: unknown) =>
    json<T>(
      fetch(`${base}/api/admin${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    )
  const pub = await json<{ data: PublicSite[] }>(fetch(`${base}/api/v1/sites`))
  const adminSites = await admin<{ data: { id: number; code: string }[] }>('GET', '/sites')
  const idOf = new Map(adminSites.data.map((s) => [s.code, s.id]))
  const channels = pub.data.filter((s) => s.kind === 'channel')
  const portal = pub.data.find((s) => s.kind === 'portal')
  const source = channels[0]
  if (!source || !portal) throw new Error('demo county not seeded')
  const columnsOf = async (code: string) =>
    (await json<{ data: PublicColumn[] }>(fetch(`${base}/api/v1/sites/${code}/columns`))).data
  const srcColumns = await columnsOf(source.code)
  const srcColumn = srcColumns.find((c) => c.type === 'list') as PublicColumn
  const list = await json<{ data: { id: number }[] }>(
    fetch(
      `${base}/api/v1/articles?site=${source.code}&column=${srcColumn.id}&pageSize=1&page=${pick}`,
    ),
  )
  const articleId = list.data[0]?.id
  if (!articleId) throw new Error('no source article')

  // Targets: one list column in each of 19 other channels and the portal (20, the most one push takes), each accepting
  // pushes without its own review (so the bench measures the edit, not a person).
  const targets: { code: string; column: PublicColumn }[] = []
  for (const s of [portal, ...channels.slice(1, 20)]) {
    const col = (await columnsOf(s.code)).find((c) => c.type === 'list')
    if (!col) continue
    await admin('PUT', `/sites/${idOf.get(s.code)}/sharing`, {
      submissions: s.kind === 'portal' ? 'all' : 'none',
      submissionSources: [],
      submissionColumns: [],
      pushes: 'all',
      pushSources: [],
      pushReview: false,
    })
    targets.push({ code: s.code, column: col })
  }
  const pushed = await admin<{ data: { state: string }[] }>(
    'POST',
    `/articles/${articleId}/pushes`,
    { columnIds: targets.map((t) => t.column.id), kind: 'linked' },
  )
  if (pushed.data.some((p) => p.state !== 'accepted')) throw new Error('pushes not accepted')

  const urlOf = new Map(pub.data.map((s) => [s.code, prefixOf(s.url)]))
  // Every placement's article page, and each target column's first list page where the article
  // stands on it (it is listed by its publication date, so in a busy column it is further back).
  const lists: string[] = []
  for (const t of targets) {
    const list = `${urlOf.get(t.code)}${t.column.path}/`
    const html = await (await fetch(`${base}${list}`)).text()
    if (html.includes(`content_${articleId}.html`)) lists.push(list)
  }
  const articlePages = [
    `${urlOf.get(source.code)}${srcColumn.path}/content_${articleId}.html`,
    ...targets.map((t) => `${urlOf.get(t.code)}${t.column.path}/content_${articleId}.html`),
  ]
  const pages = [...articlePages, ...lists]
  const approve: number[] = []
  const placed: number[] = []
  const all: number[] = []
  /** Polls until every page shows the text; each page is fetched again only while it does not. */
  const until = async (list: string[], text: string, t0: number) => {
    let pending = list
    while (pending.length > 0) {
      const html = await Promise.all(pending.map((p) => fetch(`${base}${p}`).then((r) => r.text())))
      pending = pending.filter((_, k) => !html[k]?.includes(text))
      if (performance.now() - t0 > 10_000) throw new Error(`not visible: ${pending.join(', ')}`)
    }
    return performance.now() - t0
  }
  for (let i = 0; i < rounds; i++) {
    // Cache every page first: the edit must invalidate all of them.
    await Promise.all(pages.map((p) => fetch(`${base}${p}`).then((r) => r.text())))
    const title = `一稿多发链接同步测试第${i}次${Date.now()}`
    // Seeded articles are dated before their entry: the edit states why (补录).
    await admin('PATCH', `/articles/${articleId}`, { title, backdateReason: '历史信息补录' })
    const submitted = await admin<{ data: { review: { id: number } | null } }>(
      'POST',
      `/articles/${articleId}/submit`,
      {},
    )
    const t0 = performance.now()
    if (submitted.data.review) {
      await admin('POST', `/reviews/${submitted.data.review.id}/approve`, {})
    }
    approve.push(performance.now() - t0)
    // The article on every placement first, then the lists that show it.
    placed.push(await until(articlePages, title, t0))
    all.push(await until(lists, title, t0))
  }
  const median = (xs: number[]) => pct(xs, 50)
  return {
    placements: articlePages.length,
    pages: pages.length,
    lists: lists.length,
    approve: median(approve),
    placed: median(placed),
    placedMax: Math.max(...placed),
    all: median(all),
    allMax: Math.max(...all),
  }
}

export function clusterBenchLines(
  home: Awaited<ReturnType<typeof portalHomeUncached>>,
  linked: Awaited<ReturnType<typeof linkedEditLatency>>,
): string[] {
  return [
    '## Cluster (信息报送, 一稿多发, aggregate columns)',
    `- Portal home page with the page cache off — latest items across the portal and its ${home.channels} channels, 部门动态 / 乡镇动态 aggregate blocks over every channel's 工作动态, the other blocks (${(home.bytes / 1024).toFixed(1)} KB): p50 **${home.p50.toFixed(1)} ms**, p95 ${home.p95.toFixed(1)} ms, p99 ${home.p99.toFixed(1)} ms over 300 sequential requests incl. HTTP (goal < 20 ms)`,
    `- Linked edit: a department article pushed (linked) into ${linked.placements - 1} other sites' columns; its article page on all ${linked.placements} placements and the ${linked.lists} target column lists whose first page shows it cached; title edited and approved (PATCH → working copy, submit, approve). From the approval request: approval answered ${linked.approve.toFixed(1)} ms, **new title on every placement's article page ${linked.placed.toFixed(1)} ms** (max ${linked.placedMax.toFixed(1)} ms), and on those lists too ${linked.all.toFixed(1)} ms (max ${linked.allMax.toFixed(1)} ms) — medians over 10 rounds; every invalidated page is re-rendered when the poll asks for it (goal < 100 ms)`,
  ]
}
