import fs from 'node:fs'
import path from 'node:path'
import type { FS } from 'liquidjs'
import { PROJECT_ROOT } from '../paths'

/** Where the bundled themes live. */
export const THEMES_DIR = path.join(PROJECT_ROOT, 'themes')

const SECTIONS = new Set(['templates', 'partials', 'layouts'])

/**
 * A sandboxed, virtual file system for LiquidJS: names resolve only inside one theme's
 * `templates/`, `partials/` and `layouts/` (plus the site's own overrides from the database).
 * `include`/`render`/`layout` with `..`, absolute paths or anything else never reach the disk.
 */
export class ThemeFs implements FS {
  readonly sep = '/'
  private readonly disk = new Map<string, string | null>()

  constructor(
    private readonly themeDir: string,
    private readonly overrides: ReadonlyMap<string, string> = new Map(),
  ) {}

  /** `/partials/footer.liquid` style virtual names only. */
  resolve(dir: string, file: string, ext: string): string {
    const name = file.endsWith(ext) ? file : `${file}${ext}`
    return `${dir.replace(/\/+$/, '')}/${name}`
  }

  private check(filepath: string): string | null {
    const m =
      /^\/(templates|partials|layouts)\/([A-Za-z0-9_-]+(?:\/[A-Za-z0-9_-]+)*\.liquid)$/.exec(
        filepath,
      )
    if (!m || !SECTIONS.has(m[1] ?? '')) return null
    return `${m[1]}/${m[2]}`
  }

  private load(filepath: string): string | null {
    const rel = this.check(filepath)
    if (!rel) return null
    const override = this.overrides.get(rel)
    if (override !== undefined) return override
    if (this.disk.has(rel)) return this.disk.get(rel) ?? null
    let source: string | null = null
    try {
      source = fs.readFileSync(path.join(this.themeDir, rel), 'utf8')
    } catch {
      source = null
    }
    this.disk.set(rel, source)
    return source
  }

  existsSync(filepath: string): boolean {
    return this.load(filepath) !== null
  }

  async exists(filepath: string): Promise<boolean> {
    return this.existsSync(filepath)
  }

  readFileSync(filepath: string): string {
    const s = this.load(filepath)
    if (s === null) throw new Error(`模板不存在：${filepath}`)
    return s
  }

  async readFile(filepath: string): Promise<string> {
    return this.readFileSync(filepath)
  }

  containsSync(_root: string, file: string): boolean {
    return this.check(file) !== null
  }

  async contains(root: string, file: string): Promise<boolean> {
    return this.containsSync(root, file)
  }

  dirname(file: string): string {
    return file.slice(0, file.lastIndexOf('/')) || '/'
  }
}

/** Lists the names (e.g. `templates/home.liquid`) of a theme's files on disk. */
export function listThemeFiles(theme: string): string[] {
  const dir = path.join(THEMES_DIR, theme)
  const out: string[] = []
  for (const section of SECTIONS) {
    const d = path.join(dir, section)
    if (!fs.existsSync(d)) continue
    for (const f of fs.readdirSync(d, { recursive: true }) as string[]) {
      if (f.endsWith('.liquid')) out.push(`${section}/${f.split(path.sep).join('/')}`)
    }
  }
  return out.sort()
}

export function themeExists(theme: string): boolean {
  return /^[a-z0-9-]+$/.test(theme) && fs.existsSync(path.join(THEMES_DIR, theme, 'templates'))
}
