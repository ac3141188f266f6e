#!/usr/bin/env node
// The CLI entry. Runs the compiled JavaScript in dist/, rebuilding it first when a source file
// changed (cluster workers inherit ZHANQUN_DIST_READY and never rebuild).
import { pathToFileURL } from 'node:url'
import { buildDist, isStale, OUT } from '../scripts/build.mjs'

if (!process.env.ZHANQUN_DIST_READY) {
  if (isStale()) await buildDist()
  process.env.ZHANQUN_DIST_READY = '1'
}
await import(pathToFileURL(OUT).href)
