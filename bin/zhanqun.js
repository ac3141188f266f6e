#!/usr/bin/env node
// The CLI entry. Runs the compiled JavaScript in dist/, rebuilding it first when a source file
// changed (cluster workers inherit ZHANQUN_DIST_READY and never rebuild).
import { pathToFileURL } from 'node:url'
import { buildAdmin, buildDist, isAdminStale, isStale, OUT } from '../scripts/build.mjs'

if (!process.env.ZHANQUN_DIST_READY) {
  if (isStale()) await buildDist()
  if (process.argv[2] === 'start' && isAdminStale()) {
    // The public sites must come up even if the back office fails to build.
    await buildAdmin().catch((e) =>
      console.error(
        `管理后台构建失败（公开网站照常运行）：${e instanceof Error ? e.message.split('\n')[0] : e}`,
      ),
    )
  }
  process.env.ZHANQUN_DIST_READY = '1'
}
await import(pathToFileURL(OUT).href)
