import fs from 'node:fs'
import { createRequire } from 'node:module'
import { chromium, type Browser, type Page } from 'playwright-core'
import type { TestApp } from './build-test-app'

/** Debian's chromium (CI installs it); browser tests skip with a message where it is absent. */
export const CHROMIUM = '/usr/bin/chromium'
export const hasChromium = fs.existsSync(CHROMIUM)

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  })
}

/** Makes the test app listen on a free local port; returns its base URL. */
export async function listenLocally(t: TestApp): Promise<string> {
  await t.app.listen({ port: 0, host: '127.0.0.1' })
  const addr = t.app.server.address()
  return `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`
}

let axeSource: string | null = null

/** Runs axe-core's WCAG 2.1 A/AA rules on the page; one `rule ×count` line per violation. */
export async function axeViolations(page: Page): Promise<string[]> {
  axeSource ??= fs.readFileSync(
    createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
    'utf8',
  )
  await page.addScriptTag({ content: axeSource })
  return page.evaluate(async () => {
    const w = window as unknown as {
      axe: {
        run: (d: Document, o: object) => Promise<{ violations: { id: string; nodes: unknown[] }[] }>
      }
    }
    const r = await w.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] })
    return r.violations.map((v) => `${v.id} ×${v.nodes.length}`)
  })
}
