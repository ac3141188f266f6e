import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Site } from '../sites/site.repository'
import { buildTestApp, TEST_DIALECT, type TestApp } from '../../test/build-test-app'
import {
  login,
  makeArticle,
  makeChannel,
  makeColumn,
  makePortal,
  makeUser,
  systemCtx,
} from '../../test/factories'

// Sign-in is rate limited per address: each sign-in of this file comes from its own.
let lastIp = 0

type ColumnJson = {
  id: number
  parentId: number | null
  slug: string
  path: string
  name: string
  type: string
  sort: number
}

describe(`columns (${TEST_DIALECT})`, () => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp()
  })
  afterAll(async () => {
    await t.close()
  })

  /** A fresh portal and a signed-in admin of it, with helpers over its column API. */
  async function siteWithAdmin(site?: Site) {
    const portal = site ?? (await makePortal(t.core))
    const admin = await makeUser(t.core, [{ siteId: portal.id, role: 'admin' }])
    const s = await login(t, admin.username, admin.password, `10.3.0.${++lastIp}`)
    const create = (payload: Record<string, unknown>) =>
      t.app.inject({
        method: 'POST',
        url: `/api/admin/sites/${portal.id}/columns`,
        headers: s.headers,
        payload,
      })
    const add = async (
      slug: string,
      parentId: number | null = null,
      extra: Record<string, unknown> = {},
    ) => {
      const res = await create({ name: `栏目${slug}`, slug, parentId, ...extra })
      expect(res.statusCode, res.body).toBe(201)
      return res.json().data as ColumnJson
    }
    const patch = (id: number, payload: Record<string, unknown>) =>
      t.app.inject({
        method: 'PATCH',
        url: `/api/admin/columns/${id}`,
        headers: s.headers,
        payload,
      })
    const remove = (id: number, moveTo?: number) =>
      t.app.inject({
        method: 'DELETE',
        url: `/api/admin/columns/${id}${moveTo ? `?moveTo=${moveTo}` : ''}`,
        headers: s.headers,
      })
    const list = async () => {
      const res = await t.app.inject({
        url: `/api/admin/sites/${portal.id}/columns`,
        headers: s.headers,
      })
      expect(res.statusCode).toBe(200)
      return res.json().data as ColumnJson[]
    }
    const paths = async () => Object.fromEntries((await list()).map((c) => [c.slug, c.path]))
    return { portal, admin, s, create, add, patch, remove, list, paths }
  }

  it('builds a tree of any depth with materialised paths', async () => {
    const { portal, add, list } = await siteWithAdmin()
    let parentId: number | null = null
    const slugs = ['zwgk', 'zfxxgk', 'fdzdgknr', 'czxx', 'yjs', 'bmyjs', 'ndbg', 'fj']
    for (const slug of slugs) parentId = (await add(slug, parentId)).id
    const columns = await list()
    expect(columns.map((c) => c.path)).toEqual(slugs.map((_, i) => slugs.slice(0, i + 1).join('/')))
    for (const [i, c] of columns.entries())
      expect(c.parentId).toBe(i === 0 ? null : columns[i - 1]?.id)
    // The same slug may be used under another parent and in another site.
    const other = await add('fj', columns[0]?.id ?? null)
    expect(other.path).toBe('zwgk/fj')
    const channel = await makeChannel(t.core, portal)
    const elsewhere = await makeColumn(t.core, channel, { slug: 'zwgk' })
    expect(elsewhere.path).toBe('zwgk')
    const audit = await t.core.audit.list(systemCtx, {
      entity: 'column',
      entityId: String(other.id),
    })
    expect(audit.rows.map((e) => e.action)).toEqual(['column.create'])
  })

  it('rewrites the paths of every descendant when a column moves or is renamed', async () => {
    const { add, patch, paths } = await siteWithAdmin()
    const news = await add('news')
    await add('local', news.id)
    const county = await add('county', news.id)
    const town = await add('town', county.id)
    await add('village', town.id)
    const about = await add('about')

    const moved = await patch(county.id, { parentId: about.id })
    expect(moved.statusCode).toBe(200)
    expect(moved.json().data).toMatchObject({ parentId: about.id, path: 'about/county' })
    expect(await paths()).toEqual({
      news: 'news',
      local: 'news/local',
      county: 'about/county',
      town: 'about/county/town',
      village: 'about/county/town/village',
      about: 'about',
    })

    expect((await patch(about.id, { slug: 'intro' })).statusCode).toBe(200)
    expect(await paths()).toMatchObject({
      intro: 'intro',
      county: 'intro/county',
      village: 'intro/county/town/village',
    })

    expect((await patch(town.id, { parentId: null })).statusCode).toBe(200)
    expect(await paths()).toMatchObject({
      county: 'intro/county',
      town: 'town',
      village: 'town/village',
    })
    const audit = await t.core.audit.list(systemCtx, {
      entity: 'column',
      entityId: String(county.id),
    })
    expect(audit.rows.map((e) => e.action)).toContain('column.move')
  })

  it('refuses to move a column under itself or its own descendant', async () => {
    const { add, patch, paths } = await siteWithAdmin()
    const a = await add('a')
    const b = await add('b', a.id)
    const c = await add('c', b.id)
    for (const parentId of [a.id, b.id, c.id]) {
      const res = await patch(a.id, { parentId })
      expect(res.statusCode).toBe(400)
      expect(res.json().error).toMatchObject({
        code: 'invalid',
        fields: { parentId: '上级栏目无效' },
      })
    }
    const foreign = await makeColumn(t.core, await makePortal(t.core))
    const res = await patch(b.id, { parentId: foreign.id })
    expect(res.statusCode).toBe(400)
    expect(res.json().error.fields.parentId).toBe('上级栏目不存在')
    expect(await paths()).toEqual({ a: 'a', b: 'a/b', c: 'a/b/c' })
  })

  it('checks slugs: characters, length, reserved top-level names and channel paths', async () => {
    const portal = await makePortal(t.core)
    const channel = await makeChannel(t.core, portal)
    const channelTop = channel.basePath.split('/')[1] ?? ''
    const { create, add, patch } = await siteWithAdmin(portal)
    for (const slug of [
      'Bad Slug',
      'UPPER',
      '-lead',
      '中文栏目',
      'a/b',
      'a_b',
      'x'.repeat(65),
      '../x',
    ]) {
      const res = await create({ name: '栏目', slug })
      expect(res.statusCode, slug).toBe(400)
      expect(res.json().error.fields.slug, slug).toBeTruthy()
    }
    for (const slug of ['api', 'admin', 'files', 'search', 'sites', 'healthz']) {
      const res = await create({ name: '栏目', slug })
      expect(res.statusCode, slug).toBe(400)
      expect(res.json().error.fields.slug).toBe(`“${slug}”为系统保留路径`)
    }
    const taken = await create({ name: '栏目', slug: channelTop })
    expect(taken.statusCode).toBe(400)
    expect(taken.json().error.fields.slug).toContain('频道路径')

    // Reserved names are fine below the top level; the channel path binds the portal only.
    const parent = await add('zwgk')
    expect((await add('api', parent.id)).path).toBe('zwgk/api')
    expect((await makeColumn(t.core, channel, { slug: channelTop })).path).toBe(channelTop)
    const renamed = await patch(parent.id, { slug: 'Admin' })
    expect(renamed.statusCode).toBe(400)
    expect(renamed.json().error.fields.slug).toBeTruthy()
    expect((await patch(parent.id, { slug: 'admin' })).statusCode).toBe(400)
    expect((await t.core.columns.get(systemCtx, parent.id)).path).toBe('zwgk')
  })

  it('answers a duplicate sibling slug with 409, on create and on move', async () => {
    const { create, add, patch } = await siteWithAdmin()
    const a = await add('a')
    const b = await add('b')
    await add('same', a.id)
    const other = await add('same', b.id)
    const dup = await create({ name: '重复', slug: 'same', parentId: a.id })
    expect(dup.statusCode).toBe(409)
    expect(dup.json().error).toMatchObject({
      code: 'conflict',
      fields: { slug: '同一级栏目中已有相同标识' },
    })
    const dupTop = await create({ name: '重复', slug: 'a' })
    expect(dupTop.statusCode).toBe(409)
    const move = await patch(other.id, { parentId: a.id })
    expect(move.statusCode).toBe(409)
    const rename = await patch(b.id, { slug: 'a' })
    expect(rename.statusCode).toBe(409)
    expect((await t.core.columns.get(systemCtx, other.id)).path).toBe('b/same')
  })

  it('reorders the children of one parent, and only with exactly those children', async () => {
    const { portal, s, add, list } = await siteWithAdmin()
    const parent = await add('p')
    const [a, b, c] = [
      await add('a', parent.id),
      await add('b', parent.id),
      await add('c', parent.id),
    ]
    const top = await add('top')
    const reorder = (parentId: number | null, orderedIds: number[]) =>
      t.app.inject({
        method: 'POST',
        url: `/api/admin/sites/${portal.id}/columns/reorder`,
        headers: s.headers,
        payload: { parentId, orderedIds },
      })
    const children = async () =>
      (await list()).filter((x) => x.parentId === parent.id).map((x) => x.slug)
    expect(await children()).toEqual(['a', 'b', 'c'])
    expect((await reorder(parent.id, [c.id, a.id, b.id])).statusCode).toBe(200)
    expect(await children()).toEqual(['c', 'a', 'b'])

    for (const ids of [
      [a.id, b.id],
      [a.id, b.id, c.id, top.id],
      [a.id, b.id, top.id],
      [a.id, a.id, b.id],
    ]) {
      const res = await reorder(parent.id, ids)
      expect(res.statusCode, JSON.stringify(ids)).toBe(400)
      expect(res.json().error.fields.orderedIds).toBeTruthy()
    }
    expect(await children()).toEqual(['c', 'a', 'b'])
    expect((await reorder(null, [top.id, parent.id])).statusCode).toBe(200)
    expect((await list()).filter((x) => x.parentId === null).map((x) => x.slug)).toEqual([
      'top',
      'p',
    ])
  })

  it('refuses to delete a column that has sub-columns', async () => {
    const { add, remove } = await siteWithAdmin()
    const parent = await add('parent')
    const child = await add('child', parent.id)
    const res = await remove(parent.id)
    expect(res.statusCode).toBe(409)
    expect(res.json().error).toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('子栏目'),
    })
    expect((await remove(child.id)).statusCode).toBe(200)
    expect((await remove(parent.id)).statusCode).toBe(200)
    await expect(t.core.columns.get(systemCtx, parent.id)).rejects.toMatchObject({ status: 404 })
    const audit = await t.core.audit.list(systemCtx, {
      entity: 'column',
      entityId: String(parent.id),
    })
    expect(audit.rows.map((e) => e.action)).toContain('column.delete')
  })

  it('deletes a column holding articles only with moveTo, and moves them there', async () => {
    const { portal, s, add, remove } = await siteWithAdmin()
    const from = await add('old')
    const to = await add('new')
    const fromColumn = await t.core.columns.get(systemCtx, from.id)
    const articles = [
      await makeArticle(t.core, portal, fromColumn),
      await makeArticle(t.core, portal, fromColumn, { publish: false }),
      await makeArticle(t.core, portal, fromColumn),
    ]
    const refused = await remove(from.id)
    expect(refused.statusCode).toBe(409)
    expect(refused.json().error).toMatchObject({
      code: 'conflict',
      fields: { moveTo: expect.any(String) },
    })
    expect(refused.json().error.message).toContain('3 篇')
    expect((await t.core.columns.get(systemCtx, from.id)).id).toBe(from.id)

    expect((await remove(from.id, from.id)).statusCode).toBe(400)
    expect((await remove(from.id, to.id)).statusCode).toBe(200)
    const listed = await t.app.inject({
      url: `/api/admin/articles?columnId=${to.id}`,
      headers: s.headers,
    })
    expect((listed.json().data as { id: number }[]).map((a) => a.id).sort()).toEqual(
      articles.map((a) => a.id).sort(),
    )
    for (const a of articles) {
      const after = await t.core.articles.get(systemCtx, a.id)
      expect(after.placements).toMatchObject([
        { columnId: to.id, siteId: portal.id, kind: 'primary' },
      ])
      expect(after.status).toBe(a.status)
    }
    // The published ones show in the target's public list.
    const pub = await t.app.inject({ url: `/api/v1/articles?site=${portal.code}&column=${to.id}` })
    expect(pub.statusCode).toBe(200)
    expect((pub.json().data as { id: number }[]).map((a) => a.id).sort()).toEqual(
      [articles[0]?.id, articles[2]?.id].sort(),
    )
  })

  it('keeps an article’s primary placement when its column is merged into one it was also linked to', async () => {
    const { portal, add, remove } = await siteWithAdmin()
    const from = await add('from')
    const to = await add('to')
    const article = await t.core.articles.create(systemCtx, {
      siteId: portal.id,
      columnIds: [from.id, to.id],
      title: '同时发布在两个栏目的信息',
      bodyHtml: '<p>正文</p>',
      publish: true,
    })
    expect((await remove(from.id, to.id)).statusCode).toBe(200)
    const after = await t.core.articles.get(systemCtx, article.id)
    expect(after.placements).toMatchObject([{ columnId: to.id, kind: 'primary' }])
    expect(after.placements).toHaveLength(1)
  })

  it('moves articles only into an existing list column the admin manages', async () => {
    const { portal, add, remove } = await siteWithAdmin()
    const from = await add('from')
    const link = await add('link', null, { type: 'link', linkUrl: 'https://www.gov.cn/' })
    const article = await makeArticle(t.core, portal, await t.core.columns.get(systemCtx, from.id))
    const foreign = await makeColumn(t.core, await makePortal(t.core))
    const cases: [number, number, string][] = [
      [link.id, 400, '目标栏目不是列表栏目'],
      [999999, 400, '目标栏目无效'],
      [foreign.id, 403, ''],
    ]
    for (const [target, status, field] of cases) {
      const res = await remove(from.id, target)
      expect(res.statusCode, String(target)).toBe(status)
      if (field) expect(res.json().error.fields.moveTo).toBe(field)
    }
    expect((await t.core.articles.get(systemCtx, article.id)).placements).toMatchObject([
      { columnId: from.id },
    ])
  })

  it('lets a cluster admin move articles only within the article’s own site', async () => {
    const portal = await makePortal(t.core)
    const other = await makePortal(t.core)
    const from = await makeColumn(t.core, portal)
    const foreign = await makeColumn(t.core, other)
    const article = await makeArticle(t.core, portal, from)
    await expect(
      t.core.columns.remove(systemCtx, from.id, { moveTo: foreign.id }),
    ).rejects.toMatchObject({
      status: 400,
      fields: { moveTo: expect.any(String) },
    })
    const after = await t.core.articles.get(systemCtx, article.id)
    expect(after.placements).toMatchObject([
      { columnId: from.id, siteId: portal.id, kind: 'primary' },
    ])
  })

  it('lets editors read columns but not manage them; strangers get nothing', async () => {
    const { portal, add } = await siteWithAdmin()
    const column = await add('col')
    const editor = await makeUser(t.core, [{ siteId: portal.id, role: 'editor' }])
    const stranger = await makeUser(t.core, [
      { siteId: (await makePortal(t.core)).id, role: 'admin' },
    ])
    const e = await login(t, editor.username, editor.password, `10.3.1.${++lastIp}`)
    const x = await login(t, stranger.username, stranger.password, `10.3.1.${++lastIp}`)

    expect(
      (await t.app.inject({ url: `/api/admin/sites/${portal.id}/columns`, headers: e.headers }))
        .statusCode,
    ).toBe(200)
    expect(
      (await t.app.inject({ url: `/api/admin/columns/${column.id}`, headers: e.headers }))
        .statusCode,
    ).toBe(200)
    const writes = [
      {
        method: 'POST' as const,
        url: `/api/admin/sites/${portal.id}/columns`,
        payload: { name: '新', slug: 'new' },
      },
      {
        method: 'POST' as const,
        url: `/api/admin/sites/${portal.id}/columns/reorder`,
        payload: { parentId: null, orderedIds: [column.id] },
      },
      {
        method: 'PATCH' as const,
        url: `/api/admin/columns/${column.id}`,
        payload: { name: '改名' },
      },
      { method: 'DELETE' as const, url: `/api/admin/columns/${column.id}` },
    ]
    for (const headers of [e.headers, x.headers]) {
      for (const w of writes) {
        const res = await t.app.inject({ ...w, headers })
        expect(res.statusCode, `${w.method} ${w.url}`).toBe(403)
        expect(res.json().error).toEqual({ code: 'forbidden', message: '您没有权限执行此操作' })
      }
    }
    expect(
      (await t.app.inject({ url: `/api/admin/sites/${portal.id}/columns`, headers: x.headers }))
        .statusCode,
    ).toBe(403)
    expect(
      (await t.app.inject({ url: `/api/admin/columns/${column.id}`, headers: x.headers }))
        .statusCode,
    ).toBe(403)
    expect(await t.core.columns.get(systemCtx, column.id)).toMatchObject({
      name: '栏目col',
      slug: 'col',
    })
  })

  it('requires a link address for link columns', async () => {
    const { create, add, patch } = await siteWithAdmin()
    for (const linkUrl of [undefined, '', 'javascript:alert(1)', 'www.gov.cn', 'https://a b.cn']) {
      const res = await create({
        name: '外链',
        slug: 'ext',
        type: 'link',
        ...(linkUrl === undefined ? {} : { linkUrl }),
      })
      expect(res.statusCode, String(linkUrl)).toBe(400)
      expect(res.json().error.fields.linkUrl).toBeTruthy()
    }
    expect((await add('ext', null, { type: 'link', linkUrl: 'https://www.gov.cn/' })).type).toBe(
      'link',
    )
    expect((await add('inner', null, { type: 'link', linkUrl: '/zwgk/' })).type).toBe('link')
    const list = await add('plain')
    const res = await patch(list.id, { type: 'link' })
    expect(res.statusCode).toBe(400)
    expect(res.json().error.fields.linkUrl).toBeTruthy()
    expect(
      (await patch(list.id, { type: 'link', linkUrl: 'http://www.example.gov.cn/' })).statusCode,
    ).toBe(200)
  })
})
