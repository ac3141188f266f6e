import fs from 'node:fs'
import path from 'node:path'

/** The project folder (holding `themes/`), whether running from TypeScript sources or dist/. */
function findRoot(start: string): string {
  let dir = start
  for (let i = 0; i < 6; i++) {
    if (fs.existsSync(path.join(dir, 'themes', 'default', 'theme.json'))) return dir
    dir = path.dirname(dir)
  }
  return path.resolve(start, '../..')
}

export const PROJECT_ROOT = findRoot(import.meta.dirname)
