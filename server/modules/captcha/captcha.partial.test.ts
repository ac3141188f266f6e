import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { Renderer } from '../../public/renderer'
import { THEMES_DIR, ThemeFs } from '../../public/theme-fs'
import { presentCaptchaView } from './captcha.presenter'

const engine = Renderer.createEngine(new ThemeFs(path.join(THEMES_DIR, 'default')), true)
const render = (vars: object): string =>
  engine.parseAndRenderSync("<form>{% include 'captcha' %}</form>", vars) as string
const site = (phone: string) => ({ contact: { phone, email: '', address: '' } })

describe('partials/captcha.liquid', () => {
  it('renders the widget with its challenge URL, field name, script and styles', () => {
    const captcha = presentCaptchaView(true, 'letter')
    const html = render({ captcha, site: site('0399-1234567') })
    expect(html).toContain(
      '<altcha-widget challenge="/api/v1/captcha/challenge?form=letter" name="altcha" language="zh-cn"',
    )
    expect(html).toContain(`<script src="${captcha.scriptUrl}" defer></script>`)
    expect(html).toContain(`<link rel="stylesheet" href="${captcha.styleUrl}">`)
    // Without JavaScript there is no proof of work: say so, and how else to reach the office.
    expect(html).toMatch(/<noscript>[\s\S]*启用 JavaScript[\s\S]*拨打 0399-1234567/)
  })

  it('leaves the phone out of the noscript text when the site has none', () => {
    const html = render({ captcha: presentCaptchaView(true), site: site('') })
    expect(html).toContain('启用 JavaScript')
    expect(html).not.toContain('拨打')
  })

  it('renders nothing when CAPTCHA=off', () => {
    expect(render({ captcha: presentCaptchaView(false), site: site('0399-1') })).toBe(
      '<form></form>',
    )
  })
})
