import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, TEST_DIALECT, type TestApp } from '../../test/build-test-app'
import { makeColumn, makePortal, makeUser, login, systemCtx } from '../../test/factories'

describe(`site templates (${TEST_DIALECT})`, () => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp()
  })
  afterAll(async () => {
    await t.close()
  })

  it('refuses a template with a syntax error and names the line', async () => {
    const portal = await makePortal(t.core)
    const source =
      '{% layout "base" %}\n{% block content %}\n{% if x %}\n<p>未闭合</p>\n{% endblock %}\n'
    await expect(
      t.core.templates.save(systemCtx, portal.id, 'templates/page.liquid', source),
    ).rejects.toMatchObject({
      status: 400,
      message: expect.stringMatching(/第 \d+ 行/),
    })
    const list = await t.core.templates.list(systemCtx, portal.id)
    expect(list.find((f) => f.name === 'templates/page.liquid')?.overridden).toBe(false)
  })

  it('an override changes only its own site; reset brings the theme back', async () => {
    const a = await makePortal(t.core, { hosts: ['tpl-a.example.gov.cn'] })
    await makePortal(t.core, { hosts: ['tpl-b.example.gov.cn'], isDefault: false })
    const original = await t.core.templates.get(systemCtx, a.id, 'partials/footer.liquid')
    await t.core.templates.save(
      systemCtx,
      a.id,
      'partials/footer.liquid',
      `<p>本站定制页脚</p>\n${original.source}`,
    )
    const pageA = await t.app.inject({ url: '/', headers: { host: 'tpl-a.example.gov.cn' } })
    const pageB = await t.app.inject({ url: '/', headers: { host: 'tpl-b.example.gov.cn' } })
    expect(pageA.body).toContain('本站定制页脚')
    expect(pageB.body).not.toContain('本站定制页脚')
    await t.core.templates.reset(systemCtx, a.id, 'partials/footer.liquid')
    const again = await t.app.inject({ url: '/', headers: { host: 'tpl-a.example.gov.cn' } })
    expect(again.body).not.toContain('本站定制页脚')
  })

  it('an include that climbs out of the theme never reaches the file system', async () => {
    const portal = await makePortal(t.core, { hosts: ['tpl-c.example.gov.cn'] })
    await makeColumn(t.core, portal)
    await t.core.templates.save(
      systemCtx,
      portal.id,
      'templates/sitemap.liquid',
      "{% include '../../../../../etc/passwd' %}",
    )
    const res = await t.app.inject({
      url: '/sitemap.html',
      headers: { host: 'tpl-c.example.gov.cn' },
    })
    expect(res.statusCode).toBe(500)
    expect(res.body).not.toContain('root:')
  })

  it('rejects names outside templates/, partials/ and layouts/', async () => {
    const portal = await makePortal(t.core)
    await expect(
      t.core.templates.save(systemCtx, portal.id, '../theme.json', 'x'),
    ).rejects.toMatchObject({ status: 400 })
  })

  it('editors cannot change templates (403 over HTTP)', async () => {
    const portal = await makePortal(t.core)
    const editor = await makeUser(t.core, [{ siteId: portal.id, role: 'editor' }])
    const s = await login(t, editor.username, editor.password)
    const res = await t.app.inject({
      method: 'PUT',
      url: `/api/admin/sites/${portal.id}/template`,
      headers: s.headers,
      payload: { name: 'partials/footer.liquid', source: '<p>x</p>' },
    })
    expect(res.statusCode).toBe(403)
  })
})
