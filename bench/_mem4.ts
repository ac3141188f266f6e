import v8 from 'node:v8'
import http from 'node:http'
const { buildApp } = await import('../server/app')
const { loadConfig } = await import('../server/env')
const pino = (await import('pino')).default
const built = await buildApp(
  loadConfig({ DATA_DIR: '/work/main/.bench/data', SEED_DEMO: 'off', PAGE_CACHE: 'off' }),
  { logger: pino({ level: 'warn' }) },
)
await built.app.listen({ port: 3950, host: '127.0.0.1' })
const agent = new http.Agent({ keepAlive: true, maxSockets: 4 })
const get = (p: string) =>
  new Promise<void>((resolve, reject) =>
    http
      .get({ host: '127.0.0.1', port: 3950, path: p, agent }, (res) => {
        res.resume()
        res.on('end', () => resolve())
      })
      .on('error', reject),
  )
const paths = (await import('node:fs'))
  .readFileSync('/work/main/.bench/paths.lua', 'utf8')
  .match(/"\/[^"]+"/g)!
  .map((s) => s.slice(1, -1))
const mb = (x: number) => (x / 1048576).toFixed(0)
const show = (k: string) => {
  const m = process.memoryUsage()
  console.log(
    k,
    'rss',
    mb(m.rss),
    'heapUsed',
    mb(m.heapUsed),
    'external',
    mb(m.external),
    'ab',
    mb(m.arrayBuffers),
  )
}
for (let r = 0; r < 4; r++) {
  for (const p of paths) await get(p)
  globalThis.gc?.()
  show(`round ${r}`)
}
if (process.env.SNAP) {
  v8.writeHeapSnapshot('/tmp/h3.heapsnapshot')
}
await built.app.close()
agent.destroy()
