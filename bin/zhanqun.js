#!/usr/bin/env node
// The CLI entry. Runs the compiled JavaScript in dist/, rebuilding it first when a source file
// changed (cluster workers inherit ZHANQUN_DIST_READY and never rebuild).
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { buildDist, isAdminStale, isStale, OUT } from '../scripts/build.mjs'

if (!process.env.ZHANQUN_DIST_READY) {
  if (isStale()) await buildDist()
  if (process.argv[2] === 'start' && isAdminStale()) {
    // In a child process, so the server does not keep the bundler's memory. The public sites
    // must come up even if the back office fails to build.
    const script = path.join(path.dirname(fileURLToPath(import.meta.url)), '../scripts/build.mjs')
    const built = spawnSync(process.execPath, [script, '--admin-only'], { stdio: 'inherit' })
    if (built.status !== 0) console.error('管理后台构建失败（公开网站照常运行）')
  }
  process.env.ZHANQUN_DIST_READY = '1'
}
await import(pathToFileURL(OUT).href)
