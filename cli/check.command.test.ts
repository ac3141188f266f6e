import fs from 'node:fs'
import path from 'node:path'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../server/app'
import { openDatabase } from '../server/db/database'
import { loadConfig } from '../server/env'
import { TEST_DIALECT } from '../server/test/build-test-app'
import { cli, freshEnv, type CliEnv as Env } from './test-env'
import { makeArticle, makeColumn, makePortal } from '../server/test/factories'

describe(`zhanqun check (${TEST_DIALECT})`, () => {
  let env: Env
  let siteCode = ''
  let flaggedId = 0
  let columnPath = ''
  const file = (name: string, content: string) => {
    const p = path.join(env.dataDir, name)
    fs.writeFileSync(p, content)
    return p
  }

  beforeAll(async () => {
    env = await freshEnv('zq-check')
    const config = loadConfig(
      {},
      { dataDir: env.dataDir, databaseUrl: env.databaseUrl, seedDemo: false, logLevel: 'silent' },
    )
    const database = openDatabase({
      dataDir: env.dataDir,
      databaseUrl: env.databaseUrl,
      poolSize: 2,
    })
    const built = await buildApp(config, { database, logger: pino({ level: 'silent' }) })
    try {
      const portal = await makePortal(built.core)
      const column = await makeColumn(built.core, portal)
      await makeArticle(built.core, portal, column, { bodyHtml: '<p>正常内容。</p>' })
      // Saved before the checks existed (or imported): the sweep finds what is already online.
      const flagged = await makeArticle(built.core, portal, column, {
        bodyHtml: '<p>予以撤消。</p>',
      })
      await built.core.deps.db
        .updateTable('article')
        .set({ body_html: '<p>联系人手机 13812345678，予以撤消。</p>' })
        .where('id', '=', flagged.id)
        .execute()
      siteCode = portal.code
      flaggedId = flagged.id
      columnPath = column.path
    } finally {
      await built.app.close()
      await database.close()
    }
  })
  afterAll(async () => {
    await env?.dispose()
  })

  it('checks a text file and exits 1 on a blocking finding', async () => {
    const res = await cli(env, [
      'check',
      '--file',
      file('a.txt', '秘密★1年\n联系人：13812345678\n'),
    ])
    expect(res.code, res.stderr).toBe(1)
    expect(res.stdout).toContain('发现 2 个问题（阻止发布 2 项，提醒 0 项）')
    expect(res.stdout).toContain('阻止发布 · 涉密标志 · 正文第 1 字：「秘密★1年」')
    expect(res.stdout).toContain('阻止发布 · 手机号码 · 正文第 11 字：「13812345678」')
  })

  it('checks an HTML file as HTML and exits 0 on warnings only, with --json', async () => {
    const html = file(
      'b.html',
      '<p>房屋<b>座落</b>于城区。</p><p><img src="/files/x.png" alt="图"></p>',
    )
    const res = await cli(env, ['check', '--file', html, '--json'])
    expect(res.code, res.stderr).toBe(0)
    expect(JSON.parse(res.stdout)).toEqual([
      { rule: 'wrong_word', severity: 'warning', excerpt: '座落', offset: 2, suggestion: '坐落' },
      {
        rule: 'broken_image',
        severity: 'warning',
        excerpt: '/files/x.png',
        offset: 8,
        suggestion: '重新上传图片，或删除该图片',
      },
    ])
    const clean = await cli(env, ['check', '--file', file('c.txt', '正常内容。')])
    expect(clean.code).toBe(0)
    expect(clean.stdout).toContain('未发现问题')
  })

  it('sweeps a site: grouped per article with its address, or as JSON', async () => {
    const res = await cli(env, ['check', '--site', siteCode])
    expect(res.code, res.stderr).toBe(1)
    expect(res.stdout).toContain('已发布信息 2 篇，1 篇发现问题（阻止发布 1 项，提醒 1 项）')
    expect(res.stdout).toContain(`【信息 ${flaggedId}】`)
    expect(res.stdout).toContain(`地址：/sites/${siteCode}/${columnPath}/content_${flaggedId}.html`)
    const json = await cli(env, ['check', '--site', siteCode, '--json'])
    expect(json.code).toBe(1)
    const items = JSON.parse(json.stdout) as Record<string, unknown>[]
    expect(items.map((i) => [i.rule, i.articleId])).toEqual([
      ['mobile', flaggedId],
      ['wrong_word', flaggedId],
    ])
    expect(Object.keys(items[0] ?? {}).sort()).toEqual(
      ['articleId', 'excerpt', 'offset', 'rule', 'severity', 'suggestion', 'url'].sort(),
    )
  })

  it('exits 2 on bad usage', async () => {
    expect((await cli(env, ['check'])).code).toBe(2)
    expect((await cli(env, ['check', '--site', 'x', '--file', 'y'])).code).toBe(2)
    const missing = await cli(env, ['check', '--file', path.join(env.dataDir, 'nope.txt')])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('找不到文件')
    const site = await cli(env, ['check', '--site', 'nosuchsite'])
    expect(site.code).toBe(2)
    expect(site.stderr).toContain('站点代码「nosuchsite」不存在')
    expect((await cli(env, ['check', '--bogus'])).code).toBe(2)
  })
})
