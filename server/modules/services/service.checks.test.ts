import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, TEST_DIALECT, type TestApp } from '../../test/build-test-app'
import { login, makeChannel, makePortal, makeUser, systemCtx } from '../../test/factories'
import type { Site } from '../sites/site.repository'
import type { ServiceCheckReport } from './service.checks'
import { completeInput, PDF, uploadForm, xlsxBytes } from './service.test-helpers'

let t: TestApp
let portal: Site
let unitA: Site
let unitB: Site
let server: http.Server
let origin = ''

/** A local stand-in for department websites: no request leaves the machine. */
function startFormServer(): Promise<void> {
  server = http.createServer((req, res) => {
    if (req.url === '/ok.pdf')
      return res.writeHead(200, { 'content-type': 'application/pdf' }).end(PDF)
    if (req.url === '/redirect.pdf') return res.writeHead(302, { location: '/ok.pdf' }).end()
    if (req.url === '/login.pdf')
      return res
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<!DOCTYPE html><title>登录</title>')
    if (req.url === '/empty.pdf')
      return res.writeHead(200, { 'content-type': 'application/pdf' }).end()
    if (req.url === '/slow.pdf') return void setTimeout(() => res.writeHead(200).end(PDF), 2000)
    res.writeHead(404).end('not found')
  })
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
      resolve()
    }),
  )
}

beforeAll(async () => {
  t = await buildTestApp()
  await startFormServer()
  portal = await makePortal(t.core)
  unitA = await makeChannel(t.core, portal)
  unitB = await makeChannel(t.core, portal)
})
afterAll(async () => {
  server.closeAllConnections()
  server.close()
  await t.close()
})

describe(`service checks (${TEST_DIALECT})`, () => {
  it('reports missing elements, forms that don’t download and overlapping items', async () => {
    const goodFile = await uploadForm(t.core, unitA.id, '申请表.pdf', PDF)
    const xlsx = await uploadForm(t.core, unitA.id, '样表.xlsx', await xlsxBytes())
    const gone = await uploadForm(
      t.core,
      unitA.id,
      '已删除.pdf',
      Buffer.concat([PDF, Buffer.from('gone')]),
    )
    fs.rmSync(t.core.deps.files.pathOf(gone.sha256))
    const url = (p: string) => `${origin}${p}`
    await t.core.services.create(
      systemCtx,
      completeInput(unitA.id, {
        code: 'F-1',
        name: '居民身份证办理',
        materials: [
          { name: '好表格', templateFileId: goodFile.id, sampleUrl: url('/redirect.pdf') },
          { name: '类型不符', templateFileId: xlsx.id, templateType: 'docx' },
          { name: '文件丢失', templateFileId: gone.id },
          { name: '链接好', templateUrl: url('/ok.pdf'), sampleUrl: url('/missing.pdf') },
          { name: '登录页', templateUrl: url('/login.pdf'), sampleUrl: url('/empty.pdf') },
          { name: '太慢', templateUrl: url('/slow.pdf') },
        ],
      }),
    )
    await t.core.services.create(
      systemCtx,
      completeInput(unitB.id, { code: 'F-2', name: '居民身份证办理' }),
    )
    await t.core.services.create(
      systemCtx,
      completeInput(unitB.id, { code: 'F-3', name: '居民身份证换领办理' }),
    )
    await t.core.services.create(systemCtx, {
      code: 'F-4',
      name: '临时救助',
      unitSiteId: unitB.id,
      kind: 'other',
      audience: 'person',
      phone: '0399-1',
    })

    const run = await t.core.serviceChecks.runNow(systemCtx, { timeoutMs: 500 })
    expect(run).toMatchObject({ status: 'done', total: 9, done: 9 })
    const report = run.report as ServiceCheckReport
    expect(report.missing).toEqual([
      expect.objectContaining({
        code: 'F-4',
        missing: ['设定依据', '申请条件', '办理材料', '办理地点', '办理时间', '办理流程'],
        deduction: 12,
      }),
    ])
    const failed = Object.fromEntries(
      report.forms.failed.map((f) => [`${f.material}/${f.role}`, f.problem]),
    )
    expect(failed).toEqual({
      '类型不符/template': 'type_mismatch',
      '文件丢失/template': 'missing_file',
      '链接好/sample': 'http_status',
      '登录页/template': 'html_page',
      '登录页/sample': 'empty',
      '太慢/template': 'timeout',
    })
    expect(report.forms).toMatchObject({ total: 9, ok: 3 })
    expect(report.forms.rate).toBeCloseTo(1 / 3)
    const overlap = report.overlaps.find((g) => g.items.some((i) => i.code === 'F-1'))
    expect(overlap?.items.map((i) => i.code).sort()).toEqual(['F-1', 'F-2', 'F-3'])
    expect(overlap?.reasons).toContain('名称相同')
  })

  it('runs in the background over HTTP and reports progress; editors see their unit only', async () => {
    const u = await makeUser(t.core, [{ siteId: unitB.id, role: 'editor' }])
    const s = await login(t, u.username, u.password, '10.32.0.1')
    const started = await t.app.inject({
      method: 'POST',
      url: '/api/admin/services/checks',
      headers: s.headers,
      payload: {},
    })
    expect(started.statusCode).toBe(202)
    const id = started.json().data.id
    let data = started.json().data
    for (let i = 0; i < 100 && data.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50))
      data = (
        await t.app.inject({
          method: 'GET',
          url: `/api/admin/services/checks/${id}`,
          headers: s.headers,
        })
      ).json().data
    }
    expect(data.status).toBe('done')
    const report = data.report as ServiceCheckReport
    expect(report.items).toBe(3)
    expect(report.missing.map((m) => m.code)).toEqual(['F-4'])
    const latest = await t.app.inject({
      method: 'GET',
      url: '/api/admin/services/checks/latest',
      headers: s.headers,
    })
    expect(latest.json().data.id).toBe(id)
    const foreign = await t.app.inject({
      method: 'POST',
      url: '/api/admin/services/checks',
      headers: s.headers,
      payload: { siteId: unitA.id },
    })
    expect(foreign.statusCode).toBe(403)
  })
})
