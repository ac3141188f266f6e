// Compiles the TypeScript server and CLI into dist/ with esbuild (about a tenth of a second), so
// production processes run plain JavaScript: faster start and ~40 MB less memory per process
// than compiling on the fly. `npm install` (prepare) and `npm start` run it; bin/zhanqun.js
// rebuilds when a source file is newer than the build.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const OUT = path.join(ROOT, 'dist', 'cli.js')
const SOURCES = ['server', 'cli', 'common'].map((d) => path.join(ROOT, d))

function newestSource(dir) {
  let newest = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name)
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(p))
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
      newest = Math.max(newest, fs.statSync(p).mtimeMs)
  }
  return newest
}

export function isStale() {
  if (!fs.existsSync(OUT)) return true
  const built = fs.statSync(OUT).mtimeMs
  return SOURCES.some((d) => newestSource(d) > built)
}

export async function buildDist() {
  fs.rmSync(path.join(ROOT, 'dist'), { recursive: true, force: true })
  await build({
    entryPoints: { cli: path.join(ROOT, 'cli/main.ts') },
    outdir: path.join(ROOT, 'dist'),
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
  })
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildDist()
