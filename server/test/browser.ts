import fs from 'node:fs'
import { chromium, type Browser } from 'playwright-core'
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
