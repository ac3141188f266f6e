import fs from 'node:fs'
import path from 'node:path'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance, FastifyReply } from 'fastify'
import { PROJECT_ROOT } from '../paths'

const DIST = path.join(PROJECT_ROOT, 'admin', 'dist')

const NOT_BUILT = `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>站群管理后台</title></head>
<body style="font:16px/1.7 sans-serif;max-width:40rem;margin:3rem auto">
<h1>管理后台尚未构建</h1><p>请在项目目录运行 <code>npm run build</code>（<code>npm install</code> 会自动构建），然后刷新本页。</p>
<p>在此之前可使用 <a href="/api/docs">管理接口</a> 和命令行 <code>npx zhanqun --help</code>。</p></body></html>`

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
  // Ant Design injects its CSS at run time, hence 'unsafe-inline' for styles only.
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: https: http:; media-src 'self' blob: https: http:; frame-src 'self' blob: data:; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'",
}

/** Serves the back office (a single-page app) at /admin/: files from admin/dist, else index.html. */
export async function adminAppRoutes(app: FastifyInstance): Promise<void> {
  await app.register(fastifyStatic, { root: DIST, serve: false, decorateReply: true })
  const index = async (_req: unknown, reply: FastifyReply) => {
    if (!fs.existsSync(path.join(DIST, 'index.html'))) {
      return reply.type('text/html; charset=utf-8').send(NOT_BUILT)
    }
    return reply
      .headers(SECURITY_HEADERS)
      .header('cache-control', 'no-cache')
      .sendFile('index.html', DIST, { cacheControl: false })
  }
  app.get('/admin', { schema: { hide: true } }, async (_req, reply) => reply.redirect('/admin/'))
  app.get('/admin/', { schema: { hide: true } }, index)
  app.get<{ Params: { '*': string } }>(
    '/admin/*',
    { schema: { hide: true } },
    async (req, reply) => {
      const rel = req.params['*']
      const safe = /^[A-Za-z0-9_./-]+$/.test(rel) && !rel.split('/').includes('..')
      if (
        safe &&
        fs.existsSync(path.join(DIST, rel)) &&
        fs.statSync(path.join(DIST, rel)).isFile()
      ) {
        // Vite's assets/ names carry a content hash: cache them for a year.
        return rel.startsWith('assets/')
          ? reply.sendFile(rel, DIST, { maxAge: 31_536_000_000, immutable: true })
          : reply.sendFile(rel, DIST, { cacheControl: false }).header('cache-control', 'no-cache')
      }
      return index(req, reply)
    },
  )
}
