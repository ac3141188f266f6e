import { describe, it, expect } from 'vitest'
import {
  createArticleGenerator,
  defaultArticleCount,
  demoCounty,
  type ContentTopic,
  type DemoColumn,
  type DemoSite,
  type GeneratedArticle,
} from './demo-county'
import { CONTENT_TOPICS } from './demo-units'

interface Placed {
  site: DemoSite
  column: DemoColumn
  columnPath: string[]
}

function flatten(columns: DemoColumn[]): DemoColumn[] {
  return columns.flatMap((c) => [c, ...flatten(c.children ?? [])])
}

function placedColumns(sites: DemoSite[]): Placed[] {
  const out: Placed[] = []
  const walk = (site: DemoSite, columns: DemoColumn[], path: string[]) => {
    for (const column of columns) {
      const columnPath = [...path, column.name]
      out.push({ site, column, columnPath })
      walk(site, column.children ?? [], columnPath)
    }
  }
  for (const site of sites) walk(site, site.columns, [])
  return out
}

function text(html: string): string {
  return html.replace(/<[^>]+>/g, '')
}

const sites = demoCounty()
const byCode = new Map(sites.map((s) => [s.code, s]))
const portal = sites.find((s) => s.kind === 'portal') as DemoSite
const TOPICS: readonly ContentTopic[] = CONTENT_TOPICS
const DISCLOSED = new Set<ContentTopic>([
  'policy',
  'notice',
  'plan',
  'report',
  'personnel',
  'finance',
])
const ALLOWED_TAGS = new Set(['p', 'h3', 'ul', 'li', 'table', 'thead', 'tbody', 'tr', 'th', 'td'])

describe('demoCounty', () => {
  it('has one portal, 44 department and 10 township channels and two standalone sites', () => {
    expect(sites.filter((s) => s.kind === 'portal')).toHaveLength(1)
    const channels = sites.filter((s) => s.kind === 'channel')
    expect(channels.filter((s) => s.grouping === '部门')).toHaveLength(44)
    expect(channels.filter((s) => s.grouping === '乡镇')).toHaveLength(10)
    expect(channels).toHaveLength(54)
    expect(
      sites
        .filter((s) => s.kind === 'standalone')
        .map((s) => s.code)
        .sort(),
    ).toEqual(['xnc', 'zsyz'])
  })

  it('names the portal, the standalone sites and their hosts as agreed', () => {
    expect(portal).toMatchObject({ code: 'sxx', name: '示例县人民政府', basePath: '/' })
    expect(portal.hosts).toEqual(['www.sxx.gov.cn'])
    expect(byCode.get('zsyz')).toMatchObject({
      name: '示例县招商引资网',
      hosts: ['zsyz.sxx.gov.cn'],
    })
    expect(byCode.get('xnc')).toMatchObject({
      name: '示例县新农村建设网',
      hosts: ['xnc.sxx.gov.cn'],
    })
    expect(byCode.get('bm-fgj')).toMatchObject({ name: '示例县发展和改革局', basePath: '/bm/fgj/' })
    expect(byCode.get('bm-jyj')?.name).toBe('示例县教育局')
    expect(byCode.get('xz-cgz')).toMatchObject({ name: '城关镇人民政府', basePath: '/xz/cgz/' })
  })

  it('gives channels their portal path and no host', () => {
    for (const site of sites.filter((s) => s.kind === 'channel')) {
      const prefix = site.grouping === '部门' ? 'bm' : 'xz'
      expect(site.code).toMatch(new RegExp(`^${prefix}-[a-z0-9]+$`))
      expect(site.basePath).toBe(`/${prefix}/${site.code.slice(3)}/`)
      expect(site.hosts).toEqual([])
    }
  })

  it('mixes towns and 乡 among the townships', () => {
    const townships = sites.filter((s) => s.grouping === '乡镇').map((s) => s.shortName)
    expect(townships.filter((n) => n.endsWith('镇')).length).toBeGreaterThan(0)
    expect(townships.filter((n) => n.endsWith('乡')).length).toBeGreaterThan(0)
    expect(townships).toContain('城关镇')
  })

  it('keeps codes, names, base paths and site id codes unique', () => {
    const unique = (values: string[]) => new Set(values).size === values.length
    expect(unique(sites.map((s) => s.code))).toBe(true)
    expect(unique(sites.map((s) => s.name))).toBe(true)
    expect(unique(sites.filter((s) => s.kind === 'channel').map((s) => s.basePath))).toBe(true)
    expect(unique(sites.map((s) => s.siteIdCode))).toBe(true)
    expect(unique(sites.flatMap((s) => s.hosts))).toBe(true)
  })

  it('fills every site with its furniture', () => {
    for (const site of sites) {
      expect(site.siteIdCode).toMatch(/^\d{10}$/)
      expect(site.icp).toMatch(/^示ICP备\d{8}号-\d+$/)
      expect(site.psb).toMatch(/^示公网安备 \d{14}号$/)
      expect(site.sponsor.length).toBeGreaterThan(0)
      expect(site.organizer.length).toBeGreaterThan(0)
      expect(site.contact.phone).toMatch(/^0399-\d{7}$/)
      expect(site.contact.email).toMatch(/^[a-z0-9]+@sxx\.gov\.cn$/)
      expect(site.contact.address).toContain('示例县')
      expect(site.responsible.length).toBeGreaterThan(0)
      for (const person of site.responsible) {
        expect(person.name).toMatch(/^[\u4e00-\u9fa5]{2,3}$/)
        expect(person.role.length).toBeGreaterThan(0)
      }
      expect(site.description.length).toBeGreaterThan(0)
      expect(site.keywords.length).toBeGreaterThan(0)
    }
  })

  it('gives the portal at least 53 columns with the navigation groups and home blocks', () => {
    const all = flatten(portal.columns)
    expect(all.length).toBeGreaterThanOrEqual(53)
    const top = portal.columns.map((c) => c.name)
    for (const name of ['政务要闻', '政务公开', '政务服务', '互动交流', '走进县情']) {
      expect(top).toContain(name)
    }
    const blocks = all.filter((c) => c.homeBlock).map((c) => c.name)
    for (const name of ['政务要闻', '通知公告', '政策文件', '部门动态', '乡镇动态']) {
      expect(blocks).toContain(name)
    }
    expect(all.find((c) => c.isHeadline)?.name).toBe('政务要闻')
  })

  it('keeps department channels at 8 to 15 columns with some nesting', () => {
    for (const site of sites.filter((s) => s.grouping === '部门')) {
      const count = flatten(site.columns).length
      expect(count, site.code).toBeGreaterThanOrEqual(8)
      expect(count, site.code).toBeLessThanOrEqual(15)
      expect(site.columns.some((c) => (c.children ?? []).length > 0)).toBe(true)
    }
  })

  it('keeps column trees well formed', () => {
    for (const site of sites) {
      const walk = (columns: DemoColumn[]) => {
        const slugs = columns.map((c) => c.slug)
        expect(new Set(slugs).size, site.code).toBe(slugs.length)
        for (const column of columns) {
          expect(column.slug).toMatch(/^[a-z0-9-]+$/)
          expect(column.name.length).toBeGreaterThan(0)
          expect(TOPICS).toContain(column.topic)
          if (column.type === 'link') expect(column.linkUrl, column.name).toBeTruthy()
          walk(column.children ?? [])
        }
      }
      walk(site.columns)
      const all = flatten(site.columns)
      expect(
        all.some((c) => c.homeBlock && c.type === 'list'),
        site.code,
      ).toBe(true)
      expect(all.filter((c) => c.isHeadline).length, site.code).toBeLessThanOrEqual(1)
    }
  })

  it('returns fresh objects on every call', () => {
    const first = demoCounty()
    const firstPortal = first[0] as DemoSite
    firstPortal.columns.length = 0
    expect((demoCounty()[0] as DemoSite).columns.length).toBeGreaterThan(0)
    expect(demoCounty()).toEqual(sites)
  })
})

describe('defaultArticleCount', () => {
  it('gives links nothing, pages one and lists a few by update class', () => {
    const ranges: Record<string, [number, number]> = {
      news: [8, 12],
      notice: [4, 6],
      plan: [2, 3],
      asNeeded: [2, 4],
    }
    for (const column of sites.flatMap((s) => flatten(s.columns))) {
      const n = defaultArticleCount(column)
      if (column.type === 'link' || column.type === 'aggregate') expect(n).toBe(0)
      else if (column.type === 'page') expect(n).toBe(1)
      else {
        const [min, max] = ranges[column.updateClass] ?? [0, 0]
        expect(n).toBeGreaterThanOrEqual(min)
        expect(n).toBeLessThanOrEqual(max)
      }
      expect(defaultArticleCount(column)).toBe(n)
    }
  })
})

describe('createArticleGenerator', () => {
  const placed = placedColumns(sites).filter((p) => p.column.type !== 'link')
  const dateFor = (i: number) => new Date(Date.UTC(2015, 0, 1, 1, 30) + i * 37_000_000)

  it('is deterministic for a seed and varies with it', () => {
    const run = (seed: number) => {
      const generate = createArticleGenerator(seed)
      return placed.slice(0, 120).map((p, i) => generate({ ...p, date: dateFor(i) }))
    }
    expect(run(11)).toEqual(run(11))
    expect(run(12).map((a) => a.title)).not.toEqual(run(11).map((a) => a.title))
  })

  it('writes well-formed articles for every column of every site', () => {
    const generate = createArticleGenerator(2024)
    const lengths: number[] = []
    placed.forEach((p, i) => {
      for (let k = 0; k < 3; k++) {
        const date = dateFor(i * 3 + k)
        const a: GeneratedArticle = generate({ ...p, date })
        const where = `${p.site.code} ${p.columnPath.join('/')}`
        expect(a.publishedAt, where).toBe(date.toISOString())
        for (const field of [a.title, a.source, a.author, a.summary, a.keywords, a.bodyHtml]) {
          expect(field.trim().length, where).toBeGreaterThan(0)
          expect(field, where).not.toMatch(/[{}]|undefined|NaN/)
        }
        expect(a.bodyHtml).not.toContain('<script')
        expect(a.bodyHtml).not.toMatch(/\s(class|style|on\w+)=/)
        const tags = [...a.bodyHtml.matchAll(/<\/?([a-z0-9]+)/g)].map((m) => m[1] ?? '')
        for (const tag of tags) expect(ALLOWED_TAGS, where).toContain(tag)
        expect(a.summary.length).toBeLessThanOrEqual(120)
        if (p.column.type === 'list') lengths.push(text(a.bodyHtml).length)
        const d = a.disclosure
        if (p.column.type === 'list' && DISCLOSED.has(p.column.topic)) {
          expect(d, where).toBeDefined()
        }
        if (!d) continue
        expect(d.indexNo, where).toMatch(/^\d{9}\/\d{4}-\d{5}$/)
        expect(d.writtenAt).toMatch(/^\d{4}-\d{2}-\d{2}$/)
        expect(d.writtenAt <= new Date(date.getTime() + 8 * 3600_000).toISOString()).toBe(true)
        expect(d.issuer.length).toBeGreaterThan(0)
        expect(d.subjectCategory.length).toBeGreaterThan(0)
        if (d.docNo) expect(d.docNo, where).toMatch(/^[\u4e00-\u9fa5]+〔\d{4}〕\d{1,3}号$/)
        if (d.validity) expect(['有效', '失效', '废止']).toContain(d.validity)
      }
    })
    lengths.sort((x, y) => x - y)
    expect(lengths[0]).toBeGreaterThanOrEqual(150)
    expect(lengths[lengths.length - 1]).toBeLessThanOrEqual(1500)
    expect(lengths[Math.floor(lengths.length / 2)]).toBeGreaterThanOrEqual(300)
  })

  it('gives policy files a 文号 in the year they were issued, most of the time', () => {
    const generate = createArticleGenerator(5)
    const column = flatten(portal.columns).find((c) => c.name === '县政府文件') as DemoColumn
    const articles = Array.from({ length: 50 }, (_, i) =>
      generate({
        site: portal,
        column,
        columnPath: ['政务公开', '政策文件', '县政府文件'],
        date: dateFor(i * 40),
      }),
    )
    const withDocNo = articles.filter((a) => a.disclosure?.docNo)
    expect(withDocNo.length).toBeGreaterThan(35)
    for (const a of withDocNo) {
      expect(a.disclosure?.docNo).toMatch(/^示政(办)?[发函]〔\d{4}〕\d+号$/)
      expect(a.disclosure?.docNo).toContain(`〔${a.publishedAt.slice(0, 4)}〕`)
    }
  })

  it('rarely repeats a title within a column', () => {
    const generate = createArticleGenerator(7)
    const cases: [DemoSite, string[]][] = [
      [portal, ['政务要闻']],
      [byCode.get('bm-fgj') as DemoSite, ['工作动态']],
      [byCode.get('xz-cgz') as DemoSite, ['通知公告']],
      [portal, ['政务公开', '政策文件']],
    ]
    for (const [site, columnPath] of cases) {
      const column = flatten(site.columns).find((c) => c.name === columnPath.at(-1)) as DemoColumn
      const titles = new Set(
        Array.from(
          { length: 200 },
          (_, i) => generate({ site, column, columnPath, date: dateFor(i) }).title,
        ),
      )
      expect(titles.size, columnPath.join('/')).toBeGreaterThanOrEqual(180)
    }
  })

  it('uses the column to decide what it writes', () => {
    const generate = createArticleGenerator(3)
    const date = new Date('2023-05-17T02:30:00.000Z')
    const intro = generate({
      site: portal,
      column: flatten(portal.columns).find((c) => c.name === '县情概况') as DemoColumn,
      columnPath: ['走进县情', '县情概况'],
      date,
    })
    expect(intro.title).toBe('县情概况')
    expect(intro.disclosure).toBeUndefined()
    const town = byCode.get('xz-cgz') as DemoSite
    const village = flatten(town.columns).find((c) => c.name === '东关社区') as DemoColumn
    const disclosure = generate({
      site: town,
      column: village,
      columnPath: ['村务公开', '东关社区'],
      date,
    })
    expect(disclosure.title).toContain('东关社区')
    const dept = byCode.get('bm-jyj') as DemoSite
    const news = generate({
      site: dept,
      column: dept.columns[1] as DemoColumn,
      columnPath: ['工作动态'],
      date,
    })
    expect(news.source).toBe('县教育局')
  })

  it('generates 20,000 articles quickly', () => {
    const generate = createArticleGenerator(1)
    const lists = placed.filter((p) => p.column.type === 'list')
    const started = performance.now()
    for (let i = 0; i < 20_000; i++) {
      const p = lists[i % lists.length] as Placed
      generate({ ...p, date: dateFor(i) })
    }
    // 200,000 take about 5 s on the reference machine; this leaves ample headroom.
    expect(performance.now() - started).toBeLessThan(8_000)
  })
})
