import { createHash } from 'node:crypto'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { promisify } from 'node:util'
import zlib from 'node:zlib'

/** Where the widget's files are served, from this origin (no CDN). */
export const CAPTCHA_ASSET_PREFIX = '/assets/altcha/'

/** Strings of the widget in the 政府网站 register; the rest come from the widget's zh-cn file. */
const ZH_CN_STRINGS = {
  label: '我不是机器人',
  verificationRequired: '请先完成人机验证',
  verifying: '正在验证，请稍候…',
  waitAlert: '正在验证，请稍候再提交',
  verified: '已通过验证',
  error: '验证失败，请稍后重试',
  expired: '验证已过期，请重新验证',
  loading: '正在加载…',
}

export interface WidgetAsset {
  name: string
  contentType: string
  body: Buffer
  /** Content hash: in the URL (`?v=`) and the ETag, so a year of caching is safe. */
  hash: string
}

export interface WidgetAssets {
  byName: ReadonlyMap<string, WidgetAsset>
  /** Versioned URLs for templates. */
  scriptUrl: string
  styleUrl: string
}

let loaded: WidgetAssets | null = null
const compressed = new Map<string, Promise<{ gzip: Buffer; br: Buffer }>>()

/** The `altcha` package's `dist/` folder, wherever npm put it. */
function widgetDist(): string {
  // `altcha/external` resolves (require condition) to dist/external/altcha.umd.cjs.
  const external = createRequire(import.meta.url).resolve('altcha/external')
  return path.resolve(path.dirname(external), '..')
}

const hashOf = (body: Buffer): string =>
  createHash('sha256').update(body).digest('hex').slice(0, 16)

const asset = (name: string, contentType: string, body: Buffer): WidgetAsset => ({
  name,
  contentType,
  body,
  hash: hashOf(body),
})

const versioned = (a: WidgetAsset): string => `${CAPTCHA_ASSET_PREFIX}${a.name}?v=${a.hash}`

/**
 * The widget as served, read once per process:
 * - `altcha.js`: the widget's *external* build (no workers or styles inlined: the default build
 *   starts its workers from `blob:` URLs, which the public pages' CSP `script-src 'self'` forbids)
 *   + its zh-cn strings + our set-up, which starts the PBKDF2 worker from this origin;
 * - `pbkdf2.js`: that worker (our challenges use PBKDF2/SHA-256 only);
 * - `altcha.css`: the widget's styles (the external build does not inject them).
 * Each part runs in its own function scope, so the concatenation declares no globals.
 */
export function widgetAssets(): WidgetAssets {
  if (loaded) return loaded
  const dist = widgetDist()
  const read = (rel: string) => fs.readFileSync(path.join(dist, rel))
  const worker = asset('pbkdf2.js', 'text/javascript; charset=utf-8', read('workers/pbkdf2.js'))
  const style = asset('altcha.css', 'text/css; charset=utf-8', read('external/altcha.css'))
  const setup = `var a = globalThis.$altcha
var workerUrl = ${JSON.stringify(versioned(worker))}
;['PBKDF2/SHA-256', 'PBKDF2/SHA-384', 'PBKDF2/SHA-512'].forEach(function (name) {
  a.algorithms.set(name, function () { return new Worker(workerUrl) })
})
a.i18n.set('zh-cn', Object.assign({}, a.i18n.get('zh-cn'), ${JSON.stringify(ZH_CN_STRINGS)}))`
  const scope = (source: string) => `;(function () {\n${source}\n})();\n`
  const script = [
    '/*! ALTCHA widget (MIT licence, https://altcha.org), served by Zhanqun with zh-cn strings */',
    scope(
      [
        '"use strict";',
        // Included twice on one page: the second copy does nothing.
        "if (window.customElements && customElements.get('altcha-widget')) return;",
        scope(read('external/altcha.min.js').toString('utf8')),
        scope(read('i18n/zh-cn.js').toString('utf8')),
        scope(setup),
      ].join('\n'),
    ),
  ].join('\n')
  const main = asset('altcha.js', 'text/javascript; charset=utf-8', Buffer.from(script))
  loaded = {
    byName: new Map([main, worker, style].map((a) => [a.name, a])),
    scriptUrl: versioned(main),
    styleUrl: versioned(style),
  }
  return loaded
}

const gzip = promisify(zlib.gzip)
const brotli = promisify(zlib.brotliCompress)

/** gzip and Brotli variants, compressed once off the event loop. */
export function compressedAsset(a: WidgetAsset): Promise<{ gzip: Buffer; br: Buffer }> {
  let p = compressed.get(a.name)
  if (!p) {
    p = Promise.all([
      gzip(a.body, { level: 9 }),
      brotli(a.body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }),
    ]).then(([gz, br]) => ({ gzip: gz, br }))
    compressed.set(a.name, p)
  }
  return p
}
