/**
 * `npm run bench`: seeds the demo county to 200,000 articles, imports the real documents, and
 * measures import speed, cached and uncached page serving (against nginx on the same HTML),
 * publish-to-visible latency and server memory. Writes bench/RESULTS.md.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { benchChecks, checksBenchLines } from './checks.bench'
import { clusterBenchLines, linkedEditLatency, portalHomeUncached } from './cluster.bench'
import { benchLettersHandling, lettersHandlingLines } from './letters-handling.bench'
import { benchRecords, recordsBenchLines } from './records.bench'
import { benchSearch, searchBenchLines } from './search.bench'

const ROOT = path.resolve(import.meta.dirname, '..')
const WORK = path.join(ROOT, '.bench')
const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 200_000)
const DURATION = process.env.BENCH_DURATION ?? '15s'
const GOV_DOCS = path.resolve(ROOT, '../shared/data/gov_docs/hebei_gov_docs.jsonl')
const PORT_CACHED = 3901
const PORT_UNCACHED = 3902
const PORT_NGINX = 3903
const PORT_NOLOG = 3904
const PORT_LETTERS = 3905
const PASSWORD = 'BenchAdmin123'

const lines: string[] = []
const log = (s: string) => {
  console.log(s)
  lines.push(s)
}

function sh(cmd: string, args: string[], env: Record<string, string> = {}): string {
  return execFileSync(cmd, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
}

const baseEnv = (dataDir: string): Record<string, string> => ({
  DATA_DIR: dataDir,
  ZHANQUN_ADMIN_PASSWORD: PASSWORD,
  SEED_DEMO: 'off',
  LOG_LEVEL: 'info',
})

async function waitFor(url: string, ms = 60_000): Promise<void> {
  const until = Date.now() + ms
  while (Date.now() < until) {
    try {
      const r = await fetch(url)
      if (r.ok) return
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`timeout waiting for ${url}`)
}

function startServer(dataDir: string, port: number, extra: Record<string, string>): ChildProcess {
  const out = fs.openSync(path.join(WORK, `server-${port}.log`), 'w')
  return spawn(process.execPath, ['bin/zhanqun.js', 'start'], {
    cwd: ROOT,
    env: { ...process.env, ...baseEnv(dataDir), PORT: String(port), HOST: '127.0.0.1', ...extra },
    stdio: ['ignore', out, out],
  })
}

/** RSS of a server: the process and its worker processes, in MB. */
function rssMb(pid: number): number {
  const one = (p: number | string) => {
    try {
      const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${p}/status`, 'utf8'))
      return m ? Number(m[1]) / 1024 : 0
    } catch {
      return 0
    }
  }
  let children: string[] = []
  try {
    children = fs
      .readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
  } catch {
    children = []
  }
  return one(pid) + children.reduce((sum, c) => sum + one(c), 0)
}

interface WrkResult {
  rps: number
  p50: string
  p99: string
  errors: string
}

async function wrk(url: string, script?: string): Promise<WrkResult> {
  const args = ['-t2', '-c50', `-d${DURATION}`, '--latency', ...(script ? ['-s', script] : []), url]
  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn('wrk', args, { cwd: ROOT })
    let buf = ''
    child.stdout.on('data', (d: Buffer) => (buf += d.toString()))
    child.on('error', reject)
    child.on('close', () => resolve(buf))
  })
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0)
  const p50 = /50%\s+([\d.]+\w+)/.exec(out)?.[1] ?? '?'
  const p99 = /99%\s+([\d.]+\w+)/.exec(out)?.[1] ?? '?'
  const errors = /(Non-2xx or 3xx responses: \d+|Socket errors:[^\n]+)/.exec(out)?.[1] ?? 'none'
  return { rps, p50, p99, errors }
}

async function sampleRss(pid: number, during: () => Promise<void>): Promise<number> {
  let max = rssMb(pid)
  const timer = setInterval(() => {
    try {
      max = Math.max(max, rssMb(pid))
    } catch {
      // process ended
    }
  }, 200)
  await during()
  clearInterval(timer)
  return Math.max(max, rssMb(pid))
}

function machine(): string[] {
  const cpu = os.cpus()[0]?.model ?? 'unknown'
  const sqlite = sh(process.execPath, [
    '-e',
    "const D=require('better-sqlite3');console.log(new D(':memory:').prepare('select sqlite_version() v').get().v)",
  ]).trim()
  // nginx -v prints its version on stderr.
  const nginx = spawnSync('nginx', ['-v'], { encoding: 'utf8' }).stderr.trim() || 'nginx'
  return [
    `- Date: ${new Date().toISOString()}`,
    `- CPU: ${cpu}, ${os.cpus().length} cores; RAM ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`,
    `- Node ${process.version}; SQLite ${sqlite}; ${nginx.split('\n')[0]}; wrk -t2 -c50 -d${DURATION}`,
  ]
}

async function adminSession(base: string): Promise<{ cookie: string; csrf: string }> {
  const r = await fetch(`${base}/api/admin/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: PASSWORD }),
  })
  const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
  const body = (await r.json()) as { data: { csrfToken: string } }
  return { cookie, csrf: body.data.csrfToken }
}

async function publishLatency(base: string, rounds = 20): Promise<{ median: number; max: number }> {
  const s = await adminSession(base)
  const sites = (await (await fetch(`${base}/api/v1/sites`)).json()) as { data: { code: string }[] }
  const portalCode = sites.data[0]?.code ?? 'sxx'
  const cols = (await (await fetch(`${base}/api/v1/sites/${portalCode}/columns`)).json()) as {
    data: { id: number; path: string; name: string }[]
  }
  const column = cols.data.find((c) => c.name === '政务要闻') ?? cols.data[0]
  if (!column) throw new Error('no column')
  const siteInfo = (await (
    await fetch(`${base}/api/admin/sites`, { headers: { cookie: s.cookie } })
  ).json()) as { data: { id: number; code: string }[] }
  const siteId = siteInfo.data.find((x) => x.code === portalCode)?.id
  const times: number[] = []
  for (let i = 0; i < rounds; i++) {
    // Warm both pages into the cache first: the change must invalidate them.
    await fetch(`${base}/${column.path}/`)
    await fetch(`${base}/`)
    const title = `基准测试发布可见性第${i}条${Date.now()}`
    const headers = { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf }
    // The demo sites review before publishing: creating submits, the final approval publishes.
    const r = await fetch(`${base}/api/admin/articles`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        siteId,
        columnIds: [column.id],
        title,
        bodyHtml: '<p>基准测试。</p>',
        publish: true,
      }),
    })
    if (r.status !== 201) throw new Error(`create failed ${r.status} ${await r.text()}`)
    const created = (await r.json()) as { data: { review: { id: number } | null } }
    const t0 = performance.now()
    if (created.data.review) {
      const a = await fetch(`${base}/api/admin/reviews/${created.data.review.id}/approve`, {
        method: 'POST',
        headers,
        body: '{}',
      })
      if (a.status !== 200) throw new Error(`approve failed ${a.status} ${await a.text()}`)
    }
    for (;;) {
      const [colPage, home] = await Promise.all([
        fetch(`${base}/${column.path}/`).then((x) => x.text()),
        fetch(`${base}/`).then((x) => x.text()),
      ])
      if (colPage.includes(title) && home.includes(title)) break
      if (performance.now() - t0 > 10_000) throw new Error('not visible after 10 s')
    }
    times.push(performance.now() - t0)
  }
  times.sort((a, b) => a - b)
  return { median: times[Math.floor(times.length / 2)] ?? 0, max: times[times.length - 1] ?? 0 }
}

async function adminListTimings(
  base: string,
): Promise<{ total: number; first: number; deep: number; keyword: number; all: number }> {
  const s = await adminSession(base)
  const time = async (url: string) => {
    const t0 = performance.now()
    const r = await fetch(`${base}${url}`, { headers: { cookie: s.cookie } })
    const body = (await r.json()) as { total: number }
    return { ms: performance.now() - t0, total: body.total }
  }
  const first = await time('/api/admin/articles?siteId=1&page=1&pageSize=20')
  const deep = await time('/api/admin/articles?siteId=1&page=5000&pageSize=20')
  const keyword = await time(
    `/api/admin/articles?siteId=1&keyword=${encodeURIComponent('通知')}&page=1&pageSize=20`,
  )
  const all = await time('/api/admin/articles?page=1&pageSize=20')
  return { total: first.total, first: first.ms, deep: deep.ms, keyword: keyword.ms, all: all.ms }
}

function importFile(): { file: string; rows: number } {
  // Real documents first (when ../shared is present), then generated rows to reach 20,000.
  const file = path.join(WORK, 'import.jsonl')
  const out: string[] = []
  if (fs.existsSync(GOV_DOCS)) {
    for (const [n, line] of fs.readFileSync(GOV_DOCS, 'utf8').split('\n').entries()) {
      if (!line.trim()) continue
      const d = JSON.parse(line) as {
        title?: string
        body?: string
        date?: string
        site?: string
        url?: string
      }
      if (!d.title || !d.body || !d.date) continue
      out.push(
        JSON.stringify({
          title: d.title,
          body: d.body,
          date: d.date,
          source: d.site,
          externalId: `hebei-${n}`,
        }),
      )
    }
  }
  const base = out.length
  for (let i = 0; out.length < 20_000; i++) {
    const src =
      out.length > 0 && base > 0
        ? (JSON.parse(out[i % base] as string) as { title: string; body: string })
        : {
            title: '关于做好有关工作的通知',
            body: '各乡镇人民政府，县直各部门：\n现将有关事项通知如下。',
          }
    out.push(
      JSON.stringify({
        title: `${src.title}（${i}）`,
        body: src.body,
        date: `20${10 + (i % 15)}-0${1 + (i % 9)}-1${i % 9}`,
        source: '基准测试',
        externalId: `bench-${i}`,
      }),
    )
  }
  fs.writeFileSync(file, out.join('\n') + '\n')
  return { file, rows: out.length }
}

/**
 * The same search benchmark on PostgreSQL when BENCH_DATABASE_URL names a database the bench
 * may wipe (its public schema is dropped): a demo county of BENCH_PG_ARTICLES articles.
 */
async function benchSearchPostgres(): Promise<string[]> {
  const url = process.env.BENCH_DATABASE_URL
  if (!url)
    return [
      '- PostgreSQL: not measured in this run (set `BENCH_DATABASE_URL` to a database the bench may wipe)',
    ]
  const articles = Number(process.env.BENCH_PG_ARTICLES ?? 100_000)
  const pg = await import('pg')
  const client = new pg.default.Client({ connectionString: url })
  await client.connect()
  await client.query('drop schema public cascade; create schema public')
  await client.end()
  const dataDir = path.join(WORK, 'pgdata')
  const env = { ...baseEnv(dataDir), DATABASE_URL: url }
  sh(process.execPath, ['bin/zhanqun.js', 'seed', '--demo', '--articles', String(articles)], env)
  const lines = searchBenchLines(await benchSearch({ ...process.env, ...env }))
  return [
    `PostgreSQL 15 (same machine, demo county of ${articles.toLocaleString('en')} articles, no real documents):`,
    '',
    ...lines,
  ]
}

async function main(): Promise<void> {
  fs.rmSync(WORK, { recursive: true, force: true })
  fs.mkdirSync(WORK, { recursive: true })
  const dataDir = path.join(WORK, 'data')
  log('# Benchmark results')
  log('')
  log(
    'Command: `npm run bench` (SQLite, default configuration; `BENCH_ARTICLES`, `BENCH_DURATION` override).',
  )
  log('')
  log('## Machine')
  for (const l of machine()) log(l)
  log('')

  // 0. Content checks: in-process, no server needed.
  for (const l of checksBenchLines(benchChecks())) log(l)
  log('')

  // 1. Seed the cluster to size.
  let t0 = performance.now()
  sh(
    process.execPath,
    ['bin/zhanqun.js', 'seed', '--demo', '--articles', String(ARTICLES)],
    baseEnv(dataDir),
  )
  const seedS = (performance.now() - t0) / 1000
  log('## Data')
  log(
    `- Demo county seeded with ${ARTICLES.toLocaleString('en')} articles in ${seedS.toFixed(1)} s (${Math.round(ARTICLES / seedS)} articles/s incl. generation and sanitising)`,
  )

  // 2. Import through the CLI.
  const imp = importFile()
  t0 = performance.now()
  const out = sh(
    process.execPath,
    ['bin/zhanqun.js', 'import', 'articles', imp.file, '--site', 'sxx', '--column', 'zwgk/tzgg'],
    baseEnv(dataDir),
  )
  const wall = (performance.now() - t0) / 1000
  const rate = Number(/（(\d+) 篇\/秒）/.exec(out)?.[1] ?? 0)
  const size = fs.statSync(path.join(dataDir, 'zhanqun.db')).size / 2 ** 20
  log(
    `- \`zhanqun import articles\` of ${imp.rows.toLocaleString('en')} rows (real Hebei documents + generated): **${rate} articles/s** inside the import, ${wall.toFixed(1)} s wall clock including process start (goal ≥ 2,000/s)`,
  )
  log(`- Database size after seed + import: ${size.toFixed(0)} MB`)
  log('')

  // 2b. Cluster search: build the index, then query it (before the servers start).
  log('## Search')
  for (const l of searchBenchLines(await benchSearch({ ...process.env, ...baseEnv(dataDir) })))
    log(l)
  log('')
  for (const l of await benchSearchPostgres()) log(l)
  log('')

  // 3. Serve: cached (default) and uncached instances, nginx for reference.
  const cached = startServer(dataDir, PORT_CACHED, {})
  const nolog = startServer(dataDir, PORT_NOLOG, { ACCESS_LOG: 'off' })
  const uncached = startServer(dataDir, PORT_UNCACHED, { PAGE_CACHE: 'off' })
  const baseCached = `http://127.0.0.1:${PORT_CACHED}`
  await waitFor(`${baseCached}/healthz`)
  await waitFor(`http://127.0.0.1:${PORT_UNCACHED}/healthz`)
  await waitFor(`http://127.0.0.1:${PORT_NOLOG}/healthz`)
  try {
    const list = (await (
      await fetch(`${baseCached}/api/v1/articles?site=sxx&pageSize=100`)
    ).json()) as { data: { url: string }[] }
    const articlePath = list.data[0]?.url ?? '/'
    const html = await (await fetch(`${baseCached}${articlePath}`)).text()
    const nginxRoot = path.join(WORK, 'nginx')
    fs.mkdirSync(path.join(nginxRoot, 'html'), { recursive: true })
    fs.writeFileSync(path.join(nginxRoot, 'html', 'article.html'), html)
    fs.writeFileSync(
      path.join(nginxRoot, 'nginx.conf'),
      `worker_processes auto;\npid ${nginxRoot}/nginx.pid;\nerror_log ${nginxRoot}/error.log;\nevents { worker_connections 1024; }\nhttp {\n  access_log ${nginxRoot}/access.log;\n  default_type text/html;\n  server { listen 127.0.0.1:${PORT_NGINX}; root ${nginxRoot}/html; }\n}\n`,
    )
    sh('nginx', ['-c', path.join(nginxRoot, 'nginx.conf')])
    await waitFor(`http://127.0.0.1:${PORT_NGINX}/article.html`)

    const paths = (
      await Promise.all(
        [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(async (p) =>
          (
            (await (
              await fetch(`${baseCached}/api/v1/articles?site=sxx&pageSize=100&page=${p}`)
            ).json()) as { data: { url: string }[] }
          ).data.map((d) => d.url),
        ),
      )
    )
      .flat()
      .filter((u) => u.startsWith('/'))
    const lua = path.join(WORK, 'paths.lua')
    fs.writeFileSync(
      lua,
      `local paths = {${paths.map((p) => `"${p}"`).join(',')}}\nlocal i = 0\nrequest = function()\n  i = i + 1\n  return wrk.format("GET", paths[(i % #paths) + 1])\nend\n`,
    )

    const nginxRes = await wrk(`http://127.0.0.1:${PORT_NGINX}/article.html`)
    let cachedRes: WrkResult = { rps: 0, p50: '', p99: '', errors: '' }
    const rssCached = await sampleRss(cached.pid ?? 0, async () => {
      cachedRes = await wrk(`${baseCached}${articlePath}`)
    })
    await fetch(`http://127.0.0.1:${PORT_NOLOG}${articlePath}`)
    const nologRes = await wrk(`http://127.0.0.1:${PORT_NOLOG}${articlePath}`)
    let uncachedRes: WrkResult = { rps: 0, p50: '', p99: '', errors: '' }
    const rssUncached = await sampleRss(uncached.pid ?? 0, async () => {
      uncachedRes = await wrk(`http://127.0.0.1:${PORT_UNCACHED}/`, lua)
    })
    const ratio = cachedRes.rps / nginxRes.rps
    log(
      '## Serving an article page (same HTML bytes, ' +
        (Buffer.byteLength(html) / 1024).toFixed(1) +
        ' KB)',
    )
    log('| server | requests/s | p50 | p99 | errors |')
    log('|---|---|---|---|---|')
    log(
      `| nginx (Debian, static file) | ${nginxRes.rps.toFixed(0)} | ${nginxRes.p50} | ${nginxRes.p99} | ${nginxRes.errors} |`,
    )
    log(
      `| zhanqun, page cache | ${cachedRes.rps.toFixed(0)} | ${cachedRes.p50} | ${cachedRes.p99} | ${cachedRes.errors} |`,
    )
    log(
      `| zhanqun, page cache, ACCESS_LOG=off (logging left to the reverse proxy) | ${nologRes.rps.toFixed(0)} | ${nologRes.p50} | ${nologRes.p99} | ${nologRes.errors} |`,
    )
    log(
      `| zhanqun, cache off, ${paths.length} different articles | ${uncachedRes.rps.toFixed(0)} | ${uncachedRes.p50} | ${uncachedRes.p99} | ${uncachedRes.errors} |`,
    )
    log('')
    log(
      `- Cached / nginx = **${ratio.toFixed(2)}×** with the default per-request access log, **${(nologRes.rps / nginxRes.rps).toFixed(2)}×** with ACCESS_LOG=off (goal ≥ 0.5×); cached p99 ${cachedRes.p99} (goal < 20 ms)`,
    )
    log(`- Uncached renders: **${uncachedRes.rps.toFixed(0)} article pages/s** (goal ≥ 1,000)`)
    log(
      `- Server RSS (primary + ${os.availableParallelism() > 1 ? 'worker processes' : 'process'}), max sampled during load: cached instance ${rssCached.toFixed(0)} MB, uncached instance ${rssUncached.toFixed(0)} MB (goal < 400 MB)`,
    )
    log('')

    const adminList = await adminListTimings(baseCached)
    log('## Back office')
    log(
      `- Article list of the portal (${adminList.total.toLocaleString('en')} articles), server-side pagination incl. total count: first page ${adminList.first.toFixed(0)} ms, page 5,000 ${adminList.deep.toFixed(0)} ms, keyword filter ${adminList.keyword.toFixed(0)} ms; all sites (cluster admin) ${adminList.all.toFixed(0)} ms (goal: opens in < 1 s)`,
    )
    log('')

    const lat = await publishLatency(baseCached)
    log('## Publish → visible')
    log(
      `- New article submitted through the admin API; from the final approval (which publishes it), polled until it shows on its column page and the portal home (both cached beforehand): median **${lat.median.toFixed(1)} ms**, max ${lat.max.toFixed(1)} ms over 20 rounds (goal < 100 ms)`,
    )
    log('')

    const home = await portalHomeUncached(`http://127.0.0.1:${PORT_UNCACHED}`)
    const linked = await linkedEditLatency(baseCached, await adminSession(baseCached))
    for (const l of clusterBenchLines(home, linked)) log(l)
    log('')

    // Letters: the public intake with CAPTCHA=off (the load-test setting), each request from
    // its own address (TRUST_PROXY) so the per-address limit is not what is measured.
    cached.kill('SIGTERM')
    nolog.kill('SIGTERM')
    uncached.kill('SIGTERM')
    const letters = startServer(dataDir, PORT_LETTERS, { CAPTCHA: 'off', TRUST_PROXY: 'true' })
    try {
      await waitFor(`http://127.0.0.1:${PORT_LETTERS}/healthz`)
      const res = await wrk(
        `http://127.0.0.1:${PORT_LETTERS}/api/v1/letters`,
        path.join(ROOT, 'bench', 'letters.lua'),
      )
      log('## Letters')
      log(
        `- \`POST /api/v1/letters\` (validated, stored with its event and its first deadline in one transaction and committed before the 查询码 is returned; SQLite, CAPTCHA=off): **${res.rps.toFixed(0)} letters/s**, p50 ${res.p50}, p99 ${res.p99}, errors: ${res.errors} (goal ≥ 200/s)`,
      )
      log('')
    } finally {
      letters.kill('SIGTERM')
    }
    for (const l of lettersHandlingLines(await benchLettersHandling())) log(l)
    log('')
    log('## Personal records queries (个人查询)')
    log('')
    for (const l of recordsBenchLines(await benchRecords())) log(l)
    log('')
  } finally {
    cached.kill('SIGTERM')
    nolog.kill('SIGTERM')
    uncached.kill('SIGTERM')
    try {
      sh('nginx', ['-c', path.join(WORK, 'nginx', 'nginx.conf'), '-s', 'stop'])
    } catch {
      // not started
    }
  }
  fs.writeFileSync(path.join(ROOT, 'bench', 'RESULTS.md'), lines.join('\n') + '\n')
  console.log('\nWritten to bench/RESULTS.md')
}

await main()
