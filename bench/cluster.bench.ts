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

export async function linkedEditLatency(
  base: string,
  session: Session,
  rounds = 10,
): Promise<{ placements: number; pages: number; median: number; max: number }> {
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
    fetch(`${base}/api/v1/articles?site=${source.code}&column=${srcColumn.id}&pageSize=1`),
  )
  const articleId = list.data[0]?.id
  if (!articleId) throw new Error('no source article')

  // Targets: one list column in each of 20 other channels and the portal, each accepting
  // pushes without its own review (so the bench measures the edit, not a person).
  const targets: { code: string; column: PublicColumn }[] = []
  for (const s of [portal, ...channels.slice(1, 21)]) {
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
  const pages = [
    `${urlOf.get(source.code)}${srcColumn.path}/content_${articleId}.html`,
    ...targets.flatMap((t) => [
      `${urlOf.get(t.code)}${t.column.path}/content_${articleId}.html`,
      `${urlOf.get(t.code)}${t.column.path}/`,
    ]),
  ]
  const times: number[] = []
  for (let i = 0; i < rounds; i++) {
    // Cache every page first: the edit must invalidate all of them.
    await Promise.all(pages.map((p) => fetch(`${base}${p}`).then((r) => r.text())))
    const title = `一稿多发链接同步测试第${i}次${Date.now()}`
    await admin('PATCH', `/articles/${articleId}`, { title })
    const submitted = await admin<{ data: { review: { id: number } | null } }>(
      'POST',
      `/articles/${articleId}/submit`,
      {},
    )
    const t0 = performance.now()
    if (submitted.data.review) {
      await admin('POST', `/reviews/${submitted.data.review.id}/approve`, {})
    }
    let pending = pages
    while (pending.length > 0) {
      const html = await Promise.all(pending.map((p) => fetch(`${base}${p}`).then((r) => r.text())))
      pending = pending.filter((_, k) => !html[k]?.includes(title))
      if (performance.now() - t0 > 10_000) throw new Error(`not visible: ${pending.join(', ')}`)
    }
    times.push(performance.now() - t0)
  }
  times.sort((a, b) => a - b)
  return {
    placements: targets.length + 1,
    pages: pages.length,
    median: times[Math.floor(times.length / 2)] ?? 0,
    max: times[times.length - 1] ?? 0,
  }
}

export function clusterBenchLines(
  home: Awaited<ReturnType<typeof portalHomeUncached>>,
  linked: Awaited<ReturnType<typeof linkedEditLatency>>,
): string[] {
  return [
    '## Cluster (信息报送, 一稿多发, aggregate columns)',
    `- Portal home page with the page cache off — latest items across the portal and its ${home.channels} channels, 部门动态 / 乡镇动态 aggregate blocks over every channel's 工作动态, the other blocks (${(home.bytes / 1024).toFixed(1)} KB): p50 **${home.p50.toFixed(1)} ms**, p95 ${home.p95.toFixed(1)} ms, p99 ${home.p99.toFixed(1)} ms over 300 sequential requests incl. HTTP (goal < 20 ms)`,
    `- Linked edit: a department article pushed (linked) into ${linked.placements - 1} other sites' columns, its ${linked.pages} pages (article page on every placement + each target column list) cached, title edited and approved; from the approval until every page shows the new title: median **${linked.median.toFixed(1)} ms**, max ${linked.max.toFixed(1)} ms over 10 rounds (goal < 100 ms)`,
  ]
}
