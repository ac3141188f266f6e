import os from 'node:os'
import path from 'node:path'

/** Runtime configuration. `env.ts` is the only module that reads `process.env`. */
export interface Config {
  port: number
  host: string
  dataDir: string
  /** `postgres://…` selects PostgreSQL; otherwise embedded SQLite at `<dataDir>/zhanqun.db`. */
  databaseUrl: string | null
  adminPassword: string | null
  captcha: 'altcha' | 'off'
  /** Fastify `trustProxy`: false, true, a hop count or a list of addresses/CIDRs. */
  trustProxy: boolean | number | string[]
  logLevel: string
  /** Keep an access log line per request (网络安全法 第二十一条: logs kept ≥ 6 months). */
  accessLog: boolean
  pageCache: boolean
  pageCacheMaxBytes: number
  uploadMaxBytes: number
  sessionTtlMs: number
  /** Seed the demo county on first start when the database is empty. */
  seedDemo: boolean
  visitFlushMs: number
  /** Public origin used in RSS, sitemap.xml and the start banner, e.g. https://www.sxx.gov.cn */
  publicUrl: string | null
  /** Worker processes sharing the port (`WORKERS`, default: one per CPU core, at most 4). */
  workers: number
  /** How often each instance looks for due scheduled jobs (`JOBS_INTERVAL_SECONDS`; 0: never). */
  jobsIntervalMs: number
  /** `SMTP_URL` (smtp://user:pass@host:port or smtps://…): notifications also go by email. */
  smtpUrl: string | null
  /** `MAIL_FROM`: the sender of notification emails. */
  mailFrom: string
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`配置有误 (configuration errors):\n  - ${problems.join('\n  - ')}`)
  }
}

type Env = Record<string, string | undefined>

/** Reads and validates configuration; throws a ConfigError naming every problem at once. */
export function loadConfig(env: Env = process.env, overrides: Partial<Config> = {}): Config {
  const problems: string[] = []
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name]
    if (raw === undefined || raw === '') return fallback
    const n = Number(raw)
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name} 应为 ${min}–${max} 之间的整数，实际为 "${raw}"`)
      return fallback
    }
    return n
  }
  const flag = (name: string, fallback: boolean): boolean => {
    const raw = env[name]?.toLowerCase()
    if (raw === undefined || raw === '') return fallback
    if (['1', 'true', 'on', 'yes'].includes(raw)) return true
    if (['0', 'false', 'off', 'no'].includes(raw)) return false
    problems.push(`${name} 应为 on 或 off，实际为 "${env[name]}"`)
    return fallback
  }

  const databaseUrl = env.DATABASE_URL?.trim() || null
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL 只支持 postgres://… ；不设置则使用内置 SQLite')
  }
  const captchaRaw = (env.CAPTCHA ?? 'altcha').toLowerCase()
  if (captchaRaw !== 'altcha' && captchaRaw !== 'off') {
    problems.push(`CAPTCHA 应为 altcha 或 off，实际为 "${env.CAPTCHA}"`)
  }
  const adminPassword = env.ZHANQUN_ADMIN_PASSWORD || null
  if (adminPassword !== null && adminPassword.length < 8) {
    problems.push('ZHANQUN_ADMIN_PASSWORD 至少 8 个字符')
  }
  const smtpUrl = env.SMTP_URL?.trim() || null
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl)) {
    problems.push('SMTP_URL 应形如 smtp://用户:密码@主机:端口 或 smtps://…')
  }
  const publicUrl = env.PUBLIC_URL?.replace(/\/+$/, '') || null
  if (publicUrl && !/^https?:\/\/[^/]+$/.test(publicUrl)) {
    problems.push('PUBLIC_URL 应形如 https://www.example.gov.cn')
  }

  const config: Config = {
    port: int('PORT', 3000, 0, 65535),
    host: env.HOST?.trim() || '::',
    dataDir: path.resolve(env.DATA_DIR?.trim() || './data'),
    databaseUrl,
    adminPassword,
    captcha: captchaRaw === 'off' ? 'off' : 'altcha',
    trustProxy: parseTrustProxy(env.TRUST_PROXY, problems),
    logLevel: env.LOG_LEVEL?.trim() || 'info',
    accessLog: flag('ACCESS_LOG', true),
    pageCache: flag('PAGE_CACHE', true),
    pageCacheMaxBytes: int('PAGE_CACHE_MAX_MB', 64, 1, 65536) * 1024 * 1024,
    uploadMaxBytes: int('UPLOAD_MAX_MB', 50, 1, 4096) * 1024 * 1024,
    sessionTtlMs: int('SESSION_TTL_HOURS', 8, 1, 24 * 30) * 3600_000,
    seedDemo: flag('SEED_DEMO', true),
    visitFlushMs: int('VISIT_FLUSH_SECONDS', 10, 1, 3600) * 1000,
    publicUrl,
    workers: parseWorkers(env.WORKERS, problems),
    jobsIntervalMs: int('JOBS_INTERVAL_SECONDS', 15, 0, 3600) * 1000,
    smtpUrl,
    mailFrom: env.MAIL_FROM?.trim() || 'zhanqun@localhost',
  }
  if (problems.length > 0) throw new ConfigError(problems)
  return { ...config, ...overrides }
}

function parseWorkers(raw: string | undefined, problems: string[]): number {
  const value = raw?.trim().toLowerCase()
  if (!value || value === 'auto') return Math.max(1, Math.min(os.availableParallelism(), 4))
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1 || n > 64) {
    problems.push(`WORKERS 应为 auto 或 1–64 之间的整数，实际为 "${raw}"`)
    return 1
  }
  return n
}

function parseTrustProxy(raw: string | undefined, problems: string[]): Config['trustProxy'] {
  const value = raw?.trim()
  if (!value || value === 'false' || value === 'off') return false
  if (value === 'true' || value === 'on') return true
  if (/^\d+$/.test(value)) return Number(value)
  const list = value.split(',').map((s) => s.trim())
  if (list.some((s) => !/^[0-9a-fA-F:.]+(\/\d+)?$/.test(s))) {
    problems.push('TRUST_PROXY 应为 true、跳数或逗号分隔的 IP/CIDR 列表')
    return false
  }
  return list
}
