import cookie from '@fastify/cookie'
import compress from '@fastify/compress'
import helmet from '@fastify/helmet'
import multipart from '@fastify/multipart'
import rateLimit from '@fastify/rate-limit'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import http from 'node:http'
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify'
import pino, { type Logger } from 'pino'
import { createCore, type Core } from './core'
import { openDatabase, type Database } from './db/database'
import { migrateToLatest } from './db/migrate'
import type { Config } from './env'
import { notFound } from './errors'
import { EventBus, relayOverPostgres } from './events'
import { articleAdminRoutes } from './modules/articles/article.routes'
import { articleToolRoutes } from './modules/articles/article.tools.routes'
import { auditAdminRoutes } from './modules/audit/audit.routes'
import { checksAdminRoutes } from './modules/checks/checks.routes'
import { columnAdminRoutes } from './modules/columns/column.routes'
import { fileAdminRoutes } from './modules/files/file.routes'
import { FileStore } from './modules/files/file.store'
import { templateAdminRoutes } from './modules/themes/template.routes'
import { siteAdminRoutes } from './modules/sites/site.routes'
import { statisticsAdminRoutes } from './modules/statistics/statistics.routes'
import { sessionRoutes, userAdminRoutes } from './modules/users/user.routes'
import { columnStatsAdminRoutes } from './modules/columns/column-stats.routes'
import { aggregateAdminRoutes } from './modules/cluster/aggregate.routes'
import { mediaAdminRoutes } from './modules/files/media.routes'
import { templatePreviewAdminRoutes } from './modules/themes/template-preview.routes'
import { notificationAdminRoutes } from './modules/notifications/notification.routes'
import { reviewAdminRoutes } from './modules/review/review.routes'
import { calendarAdminRoutes } from './modules/calendar/calendar.routes'
import { letterStatisticsAdminRoutes } from './modules/letters/letter.statistics.routes'
import { mailboxAdminRoutes } from './modules/letters/mailbox.routes'
import { serviceAdminRoutes } from './modules/services'
import { datasetAdminRoutes } from './modules/datasets/dataset.routes'
import { registerAuth } from './plugins/auth'
import { registerErrorHandler } from './plugins/error-handler'
import { adminAppRoutes } from './public/admin-app'
import { captchaAssetRoutes } from './modules/captcha'
import { apiV1Routes } from './public/api-v1.routes'
import { AccessLog } from './plugins/access-log'
import { createFastPath } from './public/fast-path'
import { PageCache } from './public/page-cache'
import { registerPublicRoutes } from './public/public.routes'
import { letterAdminRoutes } from './modules/letters/letters.admin.routes'
import { recordsAdminRoutes } from './modules/records'
import { questionAdminRoutes } from './modules/questions/question.routes'
import { searchAdminRoutes } from './modules/search/search.routes'
import { pushAdminRoutes } from './modules/cluster/push.routes'
import { sharingAdminRoutes } from './modules/cluster/sharing.routes'
import { submissionAdminRoutes } from './modules/cluster/submission.routes'
import { Renderer } from './public/renderer'
import { SiteDirectory } from './public/site-directory'

export interface BuiltApp {
  app: FastifyInstance
  core: Core
  database: Database
  cache: PageCache
  directory: SiteDirectory
  renderer: Renderer
  bus: EventBus
}

export interface BuildOptions {
  /** Use an already open database (tests, CLI). Otherwise one is opened from config. */
  database?: Database
  logger?: Logger
  /** Strict Liquid variables (tests). */
  strictTemplates?: boolean
  /** Run migrations before building (default true). */
  migrate?: boolean
  /** Keep the search index up to date in this process (default true; CLI commands: false). */
  searchIndexer?: boolean
}

export function createLogger(config: Config): Logger {
  return pino(
    {
      level: config.logLevel,
      redact: {
        paths: [
          'req.headers.cookie',
          'req.headers.authorization',
          'password',
          '*.password',
          'req.body.password',
        ],
        censor: '[已隐藏]',
      },
    },
    // Buffered asynchronous writes: an access line per request must not cost a syscall each.
    pino.destination({ dest: 1, sync: false, minLength: 8192 }),
  )
}

/** Builds the whole application without listening (tests use `app.inject`). */
export async function buildApp(config: Config, options: BuildOptions = {}): Promise<BuiltApp> {
  const logger = options.logger ?? createLogger(config)
  const database =
    options.database ?? openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl })
  if (options.migrate !== false) await migrateToLatest(database.db)
  const bus = new EventBus()
  const core = createCore({
    db: database.db,
    dialect: database.dialect,
    bus,
    config,
    files: new FileStore(config.dataDir),
    logger,
  })
  const cache = new PageCache(config.pageCacheMaxBytes, config.pageCache)
  const directory = new SiteDirectory(
    database.db,
    config.publicUrl?.startsWith('https') ? 'https' : 'http',
  )
  const renderer = new Renderer({ db: database.db, strict: options.strictTemplates })
  bus.subscribe((event) => {
    if (event.tags.some((t) => t === 'sites' || t === 'columns' || t === '*'))
      directory.invalidate()
    if (event.tags.some((t) => t === 'cluster' || t === '*')) renderer.clearFragments()
    for (const t of event.tags) {
      if (t.startsWith('templates:')) renderer.invalidate(Number(t.slice('templates:'.length)))
      if (t === '*') renderer.invalidate()
    }
    cache.invalidate(event.tags)
  })
  let stopRelay: (() => Promise<void>) | null = null
  if (database.pool) {
    stopRelay = await relayOverPostgres(bus, database.pool, (e) =>
      logger.error({ err: e }, 'event relay failed'),
    )
  }

  const accessLog = config.accessLog ? new AccessLog() : null
  const fastPath = createFastPath({
    cache,
    visits: core.visits,
    accessLog,
    trustProxy: config.trustProxy,
  })
  const app = Fastify({
    serverFactory: (handler) =>
      http.createServer((req, res) => {
        if (!fastPath(req, res)) handler(req, res)
      }),
    loggerInstance: logger as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy:
      typeof config.trustProxy === 'number'
        ? (
            (hops: number) => (_addr: string, i: number) =>
              i < hops
          )(config.trustProxy)
        : config.trustProxy,
    bodyLimit: 4 * 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: false, maxParamLength: 500 },
    ajv: {
      customOptions: {
        allErrors: true,
        verbose: true,
        coerceTypes: 'array',
        useDefaults: true,
        removeAdditional: false,
      },
    },
  })
  registerErrorHandler(app)
  await app.register(cookie)
  await app.register(rateLimit, { global: false })
  if (accessLog) {
    app.addHook('onResponse', async (request, reply) => {
      accessLog.write({
        method: request.method,
        url: request.url,
        status: reply.statusCode,
        ip: request.ip,
        ms: Math.round(reply.elapsedTime),
      })
    })
  }

  await app.register(swagger, {
    openapi: {
      info: {
        title: '站群 Zhanqun API',
        version: '1',
        description: '公开接口（/api/v1）与管理接口（/api/admin）',
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'zq_session' } },
      },
    },
  })
  await app.register(swaggerUi, { routePrefix: '/api/docs' })

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }))

  // JSON APIs: helmet and compression only here; public pages set their own headers.
  await app.register(async (api) => {
    await api.register(helmet, { contentSecurityPolicy: false })
    await api.register(compress, { global: true, threshold: 1024 })
    await api.register(apiV1Routes, { prefix: '/api/v1', core, directory })
    await api.register(
      async (admin) => {
        await admin.register(multipart, {
          limits: { fileSize: config.uploadMaxBytes, files: 1, fields: 10 },
        })
        registerAuth(admin, core.auth, {
          public: [
            'POST /api/admin/session',
            'GET /api/admin/session',
            'DELETE /api/admin/session',
          ],
        })
        await admin.register(sessionRoutes, { core })
        await admin.register(siteAdminRoutes, { core })
        await admin.register(columnAdminRoutes, { core })
        await admin.register(articleAdminRoutes, { core })
        await admin.register(articleToolRoutes, { core, renderer, directory })
        await admin.register(fileAdminRoutes, { core })
        await admin.register(userAdminRoutes, { core })
        await admin.register(auditAdminRoutes, { core })
        await admin.register(statisticsAdminRoutes, { core })
        await admin.register(templateAdminRoutes, { core })
        await admin.register(columnStatsAdminRoutes, { core })
        await admin.register(aggregateAdminRoutes, { core, directory })
        await admin.register(mediaAdminRoutes, { core })
        await admin.register(templatePreviewAdminRoutes, { core })
        await admin.register(reviewAdminRoutes, { core })
        await admin.register(calendarAdminRoutes, { core })
        await admin.register(mailboxAdminRoutes, { core })
        await admin.register(datasetAdminRoutes, { core })
        // Before the letter routes: `/letters/statistics` must never reach `/letters/:id`.
        await admin.register(letterStatisticsAdminRoutes, { core })
        await admin.register(notificationAdminRoutes, { core })
        await admin.register(checksAdminRoutes, { core })
        await admin.register(letterAdminRoutes, { core })
        await admin.register(serviceAdminRoutes, { core })
        await admin.register(recordsAdminRoutes, { core })
        await admin.register(questionAdminRoutes, { core })
        await admin.register(searchAdminRoutes, { core })
        await admin.register(sharingAdminRoutes, { core })
        await admin.register(pushAdminRoutes, { core })
        await admin.register(submissionAdminRoutes, { core })
      },
      { prefix: '/api/admin' },
    )
    // The public sites own GET /*: unknown API paths must still get a JSON 404, not an HTML page.
    api.all('/api/*', async () => {
      throw notFound('接口不存在')
    })
  })

  await app.register(adminAppRoutes)
  // The captcha widget's script, worker and styles, for the public forms (same origin, no CDN).
  await app.register(captchaAssetRoutes)
  await registerPublicRoutes(app, { core, directory, renderer, cache, publicUrl: config.publicUrl })

  core.visits.start(config.visitFlushMs)
  if (options.searchIndexer !== false) core.search.start()
  app.addHook('onClose', async () => {
    logger.flush()
    accessLog?.flush()
    await core.visits.stop()
    await core.search.stop()
    await core.jobs.stop()
    if (stopRelay) await stopRelay()
    if (!options.database) await database.close()
  })
  return { app, core, database, cache, directory, renderer, bus }
}
