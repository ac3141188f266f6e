import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Column } from '../modules/columns/column.repository'
import type { Site } from '../modules/sites/site.repository'
import { buildTestApp, TEST_DIALECT, type TestApp } from '../test/build-test-app'
import { makeArticle, makeChannel, makeColumn, makePortal, systemCtx } from '../test/factories'
import { withoutSuggestScript } from '../test/suggest-script'

const HOST = 'www.pages.gov.cn'

/** Every `<meta name="…" content="…">` of a page, attribute values unescaped. */
function metaOf(html: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const m of html.matchAll(/<meta name="([^"]+)" content="([^"]*)">/g)) {
    out[m[1] ?? ''] = (m[2] ?? '')
      .replace(/&quot;|&#34;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&')
  }
  return out
}

interface Furniture {
  siteIdCode: string
  icp: string
  psb: string
  sponsor: string
  phone: string
  sitemapUrl: string
}

/** The footer furniture inspections require (inspection-rules §2). */
function expectFurniture(html: string, f: Furniture, label: string): void {
  expect(html, label).toContain(`网站标识码：${f.siteIdCode}`)
  expect(html, label).toContain(`ICP备案号：<a href="https://beian.miit.gov.cn/">${f.icp}</a>`)
  expect(html, label).toContain(`公安机关备案号：${f.psb}`)
  expect(html, label).toContain(`主办单位：${f.sponsor}`)
  expect(html, label).toContain(`联系电话：${f.phone}`)
  expect(html, label).toContain(`<a href="${f.sitemapUrl}">网站地图</a>`)
  expect(html, label).toMatch(
    new RegExp(
      `<a class="badge-jiucuo" href="https://zfwzgl\\.www\\.gov\\.cn/exposure/jiucuo\\.html\\?site_code=${f.siteIdCode}">.*政府网站找错`,
    ),
  )
}

describe(`public pages (${TEST_DIALECT})`, () => {
  let t: TestApp
  let portal: Site
  let channel: Site
  let news: Column
  let notices: Column
  let about: Column
  const get = (url: string, host = HOST) => t.app.inject({ url, headers: { host } })

  beforeAll(async () => {
    t = await buildTestApp()
    portal = await makePortal(t.core, {
      name: '页面测试县人民政府',
      hosts: [HOST],
      siteIdCode: '1399990011',
      sponsor: '页面测试县人民政府办公室',
      icp: '测ICP备12340011号',
      psb: '测公网安备 13999900000011号',
      contact: { phone: '0399-7654321', email: 'zfb@pages.gov.cn', address: '测试县府前街1号' },
    })
    channel = await makeChannel(t.core, portal, {
      name: '页面测试县教育局',
      shortName: '教育局',
      sponsor: '页面测试县教育局',
      contact: { phone: '0399-7650000', email: '', address: '' },
    })
    news = await makeColumn(t.core, portal, {
      name: '政务要闻',
      slug: 'zwyw',
      homeBlock: true,
      description: '本县政务要闻',
      keywords: '要闻,政务',
      updateClass: 'news',
    })
    notices = await makeColumn(t.core, portal, {
      name: '通知公告',
      slug: 'tzgg',
      homeBlock: true,
      updateClass: 'notice',
    })
    about = await makeColumn(t.core, portal, {
      name: '县情简介',
      slug: 'xqjj',
      type: 'page',
      updateClass: 'asNeeded',
    })
    await makeArticle(t.core, portal, about, {
      title: '县情简介正文',
      bodyHtml: '<p>本县位于示例省中部。</p>',
    })
  })
  afterAll(async () => {
    await t.close()
  })

  it('shows the footer furniture and site meta tags on every kind of page', async () => {
    const article = await makeArticle(t.core, portal, news, { title: '家具检查用的信息' })
    const gone = await makeArticle(t.core, portal, news, { title: '将被撤销的信息' })
    await t.core.articles.unpublish(systemCtx, gone.id)
    const portalFurniture: Furniture = {
      siteIdCode: '1399990011',
      icp: '测ICP备12340011号',
      psb: '测公网安备 13999900000011号',
      sponsor: '页面测试县人民政府办公室',
      phone: '0399-7654321',
      sitemapUrl: '/sitemap.html',
    }
    const pages: [string, number][] = [
      ['/', 200],
      ['/zwyw/', 200],
      [`/zwyw/content_${article.id}.html`, 200],
      ['/xqjj/', 200],
      ['/sitemap.html', 200],
      ['/search.html?q=信息', 200],
      ['/search.html', 200],
      ['/no-such-page/', 404],
      [`/zwyw/content_${gone.id}.html`, 410],
    ]
    for (const [url, status] of pages) {
      const res = await get(url)
      expect(res.statusCode, url).toBe(status)
      expectFurniture(res.body, portalFurniture, url)
      const meta = metaOf(res.body)
      expect(meta.SiteName, url).toBe('页面测试县人民政府')
      expect(meta.SiteDomain, url).toBe(HOST)
      expect(meta.SiteIDCode, url).toBe('1399990011')
    }
  })

  it('gives channel pages the portal’s identifiers when the channel has none of its own', async () => {
    // Channels publish through the portal (国办发〔2017〕47号): they share its 网站标识码 and 备案号.
    const col = await makeColumn(t.core, channel, { name: '教育动态', slug: 'jydt' })
    const article = await makeArticle(t.core, channel, col)
    for (const url of [
      channel.basePath,
      `${channel.basePath}jydt/`,
      `${channel.basePath}jydt/content_${article.id}.html`,
    ]) {
      const res = await get(url)
      expect(res.statusCode, url).toBe(200)
      expectFurniture(
        res.body,
        {
          siteIdCode: '1399990011',
          icp: '测ICP备12340011号',
          psb: '测公网安备 13999900000011号',
          sponsor: '页面测试县教育局',
          phone: '0399-7650000',
          sitemapUrl: `${channel.basePath}sitemap.html`,
        },
        url,
      )
      const meta = metaOf(res.body)
      expect(meta.SiteName, url).toBe('页面测试县教育局')
      expect(meta.SiteDomain, url).toBe(HOST)
      expect(meta.SiteIDCode, url).toBe('1399990011')
    }
  })

  it('adds column meta tags on column pages and article meta tags on article pages', async () => {
    // 2024-03-04 17:30 UTC is 2024-03-05 01:30 in Beijing: the date must not be the UTC one.
    const article = await makeArticle(t.core, portal, news, {
      title: '元数据测试信息',
      source: '县发展和改革局',
      publishedAt: '2024-03-04T17:30:00.000Z',
    })
    const column = metaOf((await get('/zwyw/')).body)
    expect(column).toMatchObject({
      ColumnName: '政务要闻',
      ColumnDescription: '本县政务要闻',
      ColumnKeywords: '要闻,政务',
      ColumnType: '工作动态',
    })
    expect(column.ArticleTitle).toBeUndefined()
    const page = await get(`/zwyw/content_${article.id}.html`)
    const meta = metaOf(page.body)
    expect(meta).toMatchObject({
      SiteName: '页面测试县人民政府',
      ColumnName: '政务要闻',
      ColumnDescription: '本县政务要闻',
      ColumnKeywords: '要闻,政务',
      ColumnType: '工作动态',
      ArticleTitle: '元数据测试信息',
      PubDate: '2024-03-05 01:30',
      ContentSource: '县发展和改革局',
    })
    expect(page.body).toContain(
      '发布时间：<time datetime="2024-03-05 01:30">2024-03-05 01:30</time>',
    )
    const noticeMeta = metaOf((await get('/tzgg/')).body)
    expect(noticeMeta.ColumnName).toBe('通知公告')
    expect(noticeMeta.ColumnType).toBe('通知公告')
    // Without a source, ContentSource names the publishing site.
    const plain = await makeArticle(t.core, portal, notices, { title: '无来源的通知' })
    expect(metaOf((await get(`/tzgg/content_${plain.id}.html`)).body).ContentSource).toBe(
      '页面测试县人民政府',
    )
    // The home page is not a column page.
    expect(metaOf((await get('/')).body).ColumnName).toBeUndefined()
  })

  it('shows the home blocks’ latest items and the 站群导航 listing every channel', async () => {
    const inNews = await makeArticle(t.core, portal, news, { title: '首页要闻区块里的信息' })
    const inNotices = await makeArticle(t.core, portal, notices, { title: '首页公告区块里的信息' })
    const second = await makeChannel(t.core, portal, {
      name: '页面测试县某某镇人民政府',
      shortName: '某某镇',
      grouping: '乡镇',
    })
    const res = await get('/')
    expect(res.statusCode).toBe(200)
    const block = (name: string) => {
      const start = res.body.indexOf(`>${name}</a></h2>`)
      expect(start, name).toBeGreaterThan(0)
      return res.body.slice(start, res.body.indexOf('</section>', start))
    }
    expect(block('政务要闻')).toContain(
      `<a class="news-list__title" href="/zwyw/content_${inNews.id}.html">首页要闻区块里的信息</a>`,
    )
    expect(block('政务要闻')).not.toContain('首页公告区块里的信息')
    expect(block('通知公告')).toContain(
      `href="/tzgg/content_${inNotices.id}.html">首页公告区块里的信息</a>`,
    )
    const nav = res.body.slice(res.body.indexOf('id="cluster-nav-title">站群导航</h2>'))
    expect(nav.length).toBeLessThan(res.body.length)
    expect(nav).toContain(`<a href="${channel.basePath}">教育局</a>`)
    expect(nav).toContain(`<a href="${second.basePath}">某某镇</a>`)
    expect(nav).toContain('<h3 class="cluster-nav__name">乡镇频道</h3>')
    expect(nav).toContain('<h3 class="cluster-nav__name">部门频道</h3>')
  })

  it('paginates a column list by 20 and answers 404 past the last page', async () => {
    const col = await makeColumn(t.core, portal, { name: '分页测试', slug: 'fycs' })
    const base = Date.parse('2023-01-01T02:00:00.000Z')
    const titles: string[] = []
    for (let i = 0; i < 23; i++) {
      const title = `分页信息第${String(i).padStart(2, '0')}号`
      titles.push(title)
      await makeArticle(t.core, portal, col, {
        title,
        publishedAt: new Date(base + i * 86400_000).toISOString(),
      })
    }
    const newestFirst = [...titles].reverse()
    const first = await get('/fycs/')
    expect(first.statusCode).toBe(200)
    const listed = (html: string) =>
      [...html.matchAll(/class="item__title" href="[^"]+">([^<]+)<\/a>/g)].map((m) => m[1])
    expect(listed(first.body)).toEqual(newestFirst.slice(0, 20))
    expect(first.body).toContain('共 23 条，第 1/2 页')
    expect(first.body).toContain(
      '<a class="pagination__step" href="/fycs/?page=2" rel="next">下一页</a>',
    )
    const second = await get('/fycs/?page=2')
    expect(second.statusCode).toBe(200)
    expect(listed(second.body)).toEqual(newestFirst.slice(20))
    expect(second.body).toContain('<a class="pagination__step" href="/fycs/" rel="prev">上一页</a>')
    expect(metaOf(second.body).ColumnName).toBe('分页测试')
    const far = await get('/fycs/?page=999')
    expect(far.statusCode).toBe(404)
    expect(far.body).toContain('页面不存在')
  })

  it('shows 阅读次数, attachments and the 信息公开 table on an article page', async () => {
    const file = await t.core.files.upload(systemCtx, {
      siteId: portal.id,
      name: '实施方案.txt',
      bytes: Buffer.from('附件正文：实施方案全文。\n'.repeat(50)),
    })
    const article = await makeArticle(t.core, portal, notices, {
      title: '关于印发实施方案的通知',
      attachments: [{ fileId: file.id, name: '实施方案（全文）.txt' }],
      disclosure: {
        indexNo: '001399990011/2024-00042',
        docNo: '测政办发〔2024〕7号',
        issuer: '页面测试县人民政府办公室',
        writtenAt: '2024-02-28',
        subjectCategory: '综合政务',
        validity: '有效',
      },
    })
    const res = await get(`/tzgg/content_${article.id}.html`)
    expect(res.statusCode).toBe(200)
    expect(res.body).toMatch(/阅读次数：\d+/)
    expect(res.body).toContain(`<a href="/files/${file.sha256}.txt">实施方案（全文）.txt</a>`)
    expect(res.body).toContain('<caption class="visually-hidden">信息公开属性</caption>')
    for (const [label, value] of [
      ['索引号', '001399990011/2024-00042'],
      ['文号', '测政办发〔2024〕7号'],
      ['发文机关', '页面测试县人民政府办公室'],
      ['成文日期', '2024-02-28'],
      ['主题分类', '综合政务'],
      ['有效性', '有效'],
    ]) {
      expect(res.body).toMatch(
        new RegExp(`<th scope="row">${label}</th><td(?: colspan="3")?>${value}</td>`),
      )
    }
    const download = await get(`/files/${file.sha256}.txt`)
    expect(download.statusCode).toBe(200)
    expect(download.body).toContain('实施方案全文')
    // No disclosure fields, no table.
    const plain = await makeArticle(t.core, portal, notices, { title: '无公开属性的信息' })
    const plainPage = await get(`/tzgg/content_${plain.id}.html`)
    expect(plainPage.body).not.toContain('信息公开属性')
    expect(plainPage.body).not.toContain('附件：')
  })

  it('escapes user text everywhere it appears', async () => {
    const evil = '<script>alert(1)</script>'
    const article = await makeArticle(t.core, portal, news, {
      title: evil,
      source: '"><img src=x onerror=alert(2)>',
      bodyHtml: `<p>含有特殊字符的正文 xss检查词</p><script>alert(3)</script><img src="x" onerror="alert(4)">`,
    })
    const urls = [
      '/',
      '/zwyw/',
      `/zwyw/content_${article.id}.html`,
      '/zwyw/rss.xml',
      '/search.html?q=xss检查词',
      `/search.html?q=${encodeURIComponent(evil)}`,
    ]
    await t.core.search.refresh()
    for (const url of urls) {
      const res = await get(url)
      expect(res.statusCode, url).toBe(200)
      expect(withoutSuggestScript(res.body), url).not.toContain('<script')
      expect(res.body, url).not.toContain('<img src=x')
      expect(res.body, url).not.toMatch(/<img[^>]*onerror/)
      expect(res.body, url).not.toContain('"><img')
    }
    const page = await get(`/zwyw/content_${article.id}.html`)
    expect(page.body).toContain(
      '<h1 class="article__title" id="article-title">&lt;script&gt;alert(1)&lt;/script&gt;</h1>',
    )
    expect(metaOf(page.body).ArticleTitle).toBe(evil)
    expect(metaOf(page.body).ContentSource).toBe('"><img src=x onerror=alert(2)>')
    const search = await get('/search.html?q=xss检查词')
    expect(search.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;</a>')
  })

  it('answers 410 with the theme’s page for an unpublished article', async () => {
    const article = await makeArticle(t.core, portal, news, { title: '已撤销的信息标题' })
    expect((await get(`/zwyw/content_${article.id}.html`)).statusCode).toBe(200)
    await t.core.articles.unpublish(systemCtx, article.id)
    const res = await get(`/zwyw/content_${article.id}.html`)
    expect(res.statusCode).toBe(410)
    expect(res.headers['content-type']).toContain('text/html')
    expect(res.body).toContain('该信息已撤销')
    expect(res.body).toContain('<footer class="site-footer">')
    expect(res.body).not.toContain('已撤销的信息标题')
    // A draft is simply not there.
    const draft = await makeArticle(t.core, portal, news, { title: '草稿信息', publish: false })
    expect((await get(`/zwyw/content_${draft.id}.html`)).statusCode).toBe(404)
  })

  it('serves RSS 2.0 of the column’s published items, escaped', async () => {
    const col = await makeColumn(t.core, portal, {
      name: 'RSS栏目',
      slug: 'rsslm',
      description: '订阅 & 测试',
    })
    const a = await makeArticle(t.core, portal, col, {
      title: '甲 & 乙 <丙>',
      publishedAt: '2024-05-01T00:00:00.000Z',
    })
    const b = await makeArticle(t.core, portal, col, {
      title: 'RSS第二条',
      publishedAt: '2024-05-02T00:00:00.000Z',
    })
    await makeArticle(t.core, portal, col, { title: 'RSS里的草稿', publish: false })
    await makeArticle(t.core, portal, news, { title: '别的栏目的信息RSS' })
    const res = await get('/rsslm/rss.xml')
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toContain('application/rss+xml')
    const xml = res.body
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true)
    expect(xml).toContain('<rss version="2.0"><channel>')
    expect(xml.trimEnd().endsWith('</channel></rss>')).toBe(true)
    // Every ampersand is an entity, every tag closes.
    expect(xml).not.toMatch(/&(?!(amp|lt|gt|quot|#39);)/)
    const items = [...xml.matchAll(/<item>([\s\S]*?)<\/item>/g)].map((m) => m[1] ?? '')
    expect(items).toHaveLength(2)
    expect(items[0]).toContain('<title>RSS第二条</title>')
    expect(items[0]).toContain(`<link>http://${HOST}/rsslm/content_${b.id}.html</link>`)
    expect(items[1]).toContain('<title>甲 &amp; 乙 &lt;丙&gt;</title>')
    expect(items[1]).toContain(`<link>http://${HOST}/rsslm/content_${a.id}.html</link>`)
    expect(items[1]).toContain('<pubDate>Wed, 01 May 2024 00:00:00 GMT</pubDate>')
    expect(xml).toContain('<description>订阅 &amp; 测试</description>')
    expect(xml).not.toContain('RSS里的草稿')
    expect(xml).not.toContain('别的栏目的信息RSS')
  })

  it('lists published article URLs in sitemap.xml, not drafts nor hidden columns', async () => {
    const col = await makeColumn(t.core, portal, { name: '站点地图栏目', slug: 'zddt' })
    const hidden = await makeColumn(t.core, portal, {
      name: '隐藏栏目',
      slug: 'ycll',
      visible: false,
    })
    const a = await makeArticle(t.core, portal, col)
    const draft = await makeArticle(t.core, portal, col, { publish: false })
    const inHidden = await makeArticle(t.core, portal, hidden)
    const chCol = await makeColumn(t.core, channel, { slug: 'smcol' })
    const inChannel = await makeArticle(t.core, channel, chCol)
    const res = await get('/sitemap.xml')
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toContain('application/xml')
    expect(res.body).toContain('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">')
    const locs = [...res.body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1])
    expect(locs).toContain(`http://${HOST}/`)
    expect(locs).toContain(`http://${HOST}/zddt/`)
    expect(locs).toContain(`http://${HOST}/zddt/content_${a.id}.html`)
    expect(locs.some((l) => l?.includes(`content_${draft.id}.html`))).toBe(false)
    expect(locs.some((l) => l?.includes(`content_${inHidden.id}.html`))).toBe(false)
    expect(locs).not.toContain(`http://${HOST}/ycll/`)
    // Every listed URL answers.
    for (const loc of locs.filter((l) => l?.includes('content_'))) {
      expect((await get(new URL(loc ?? '').pathname)).statusCode, loc).toBe(200)
    }
    const channelMap = await get(`${channel.basePath}sitemap.xml`)
    expect(channelMap.body).toContain(
      `<loc>http://${HOST}${channel.basePath}smcol/content_${inChannel.id}.html</loc>`,
    )
  })

  it('keeps articles of hidden columns off the home page and out of search results', async () => {
    const hidden = await makeColumn(t.core, portal, {
      name: '未开放栏目',
      slug: 'wkf',
      visible: false,
    })
    const secret = await makeArticle(t.core, portal, hidden, {
      title: '未开放栏目里的信息',
      bodyHtml: '<p>隐藏栏目专用检索词甲乙</p>',
    })
    // Its own page answers 404, so no public page may link to it.
    expect((await get(`/wkf/content_${secret.id}.html`)).statusCode).toBe(404)
    const home = await get('/')
    expect(home.body).not.toContain('未开放栏目里的信息')
    expect(home.body).not.toContain(`content_${secret.id}.html`)
    await t.core.search.refresh()
    const search = await get(`/search.html?q=${encodeURIComponent('隐藏栏目专用检索词')}`)
    expect(search.body).not.toContain('未开放栏目里的信息')
    expect(search.body).toContain('共找到 <strong>0</strong> 条')
  })

  it('finds a published article by a substring of its body on search.html, never a draft', async () => {
    const col = await makeColumn(t.core, portal, { slug: 'sscs' })
    const found = await makeArticle(t.core, portal, col, {
      title: '关于秸秆综合利用的通知',
      bodyHtml: '<p>全县推进秸秆综合利用，禁止露天焚烧秸秆，违者依法处理。</p>',
    })
    await makeArticle(t.core, portal, col, {
      title: '草稿：焚烧秸秆整治方案',
      bodyHtml: '<p>禁止露天焚烧秸秆的草稿。</p>',
      publish: false,
    })
    await t.core.search.refresh()
    const res = await get(`/search.html?q=${encodeURIComponent('露天焚烧')}`)
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain(
      `<a href="/sscs/content_${found.id}.html">关于秸秆综合利用的通知</a>`,
    )
    expect(res.body).toContain('<mark>露天焚烧</mark>')
    expect(res.body).toContain('共找到 <strong>1</strong> 条')
    expect(res.body).not.toContain('草稿：焚烧秸秆整治方案')
    const none = await get(`/search.html?q=${encodeURIComponent('整治方案')}`)
    expect(none.body).toContain('共找到 <strong>0</strong> 条')
    expect(none.body).toContain('没有找到相关信息')
  })
})
