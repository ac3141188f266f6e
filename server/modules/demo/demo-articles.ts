/**
 * Deterministic generator of county-government articles for the demo sites. A seeded
 * mulberry32 drives every choice; templates are compiled once and filled by walking arrays, so
 * 200,000 articles take a few seconds.
 */
import type { ContentTopic, DemoColumn, DemoSite, GeneratedArticle } from './demo-county'
import {
  COUNTY_LEADERS,
  DEPARTMENTS,
  DIVISION_CODE,
  TOWNSHIPS,
  mulberry32,
  personName,
  unitLeaders,
  type DeptSpec,
} from './demo-units'
import * as T from './demo-words'
import { pageBody } from './demo-pages'
import {
  convenienceDraft,
  investmentDraft,
  newsDraft,
  ruralDraft,
  statisticsDraft,
} from './demo-news'
import {
  financeDraft,
  guideDraft,
  interpretationDraft,
  personnelDraft,
  planDraft,
  policyDraft,
  reportDraft,
} from './demo-documents'
import { noticeDraft } from './demo-notices'
import {
  COUNTY_PUB,
  TOWN_PUBS,
  chineseDate,
  chineseNumber,
  deptBySlug,
  deptPub,
  fill,
  int,
  pick,
  type Draft,
  type Publisher,
  type Rng,
  type Scene,
} from './demo-text'

const RURAL_DEPTS = ['nyj', 'xczx', 'slj', 'lyj', 'mzj', 'zrzy'].map(deptBySlug)

// Portal columns whose content belongs to one department's field.
const COLUMN_DOMAIN: Record<string, string> = {
  生态环境: 'sthj',
  安全生产: 'yjj',
  食品药品: 'scjg',
  教育领域: 'jyj',
  医疗卫生: 'wjj',
  社会救助: 'mzj',
  重大建设项目: 'fgj',
  乡村振兴: 'xczx',
  统计信息: 'tjj',
  专项资金: 'czj',
  征地公告: 'zrzy',
  交通出行: 'jtj',
  教育考试: 'jyj',
  医疗健康: 'wjj',
  水电气暖: 'zjj',
  优化营商环境: 'xzsp',
  文明城市创建: 'cgj',
  法规宣传: 'sfj',
  办事指南: 'xzsp',
  个人办事: 'rsj',
  法人办事: 'scjg',
  建议提案办理: 'zfb',
  政府信息公开制度: 'zfb',
  常务会议: 'zfb',
}
// Columns only the county government publishes in, and columns it mostly does.
const COUNTY_ONLY = ['县政府', '常务会议', '领导', '人事任免', '公报', '政府信息公开指南']
const COUNTY_LEVEL = [
  '政务要闻',
  '领导',
  '今日县情',
  '县政府',
  '规范性文件',
  '常务会议',
  '公报',
  '信息公开指南',
  '信息公开制度',
  '机构职能',
  '县情',
  '县级政策',
  '人事任免',
  '在线访谈',
  '政策文件',
  '规划计划',
]

interface SiteInfo {
  kind: 'portal' | 'dept' | 'town' | 'zsyz' | 'xnc' | 'other'
  pub: Publisher
}

function siteInfo(site: DemoSite): SiteInfo {
  if (site.kind === 'portal') return { kind: 'portal', pub: COUNTY_PUB }
  if (site.code === 'zsyz') return { kind: 'zsyz', pub: deptPub(deptBySlug('tcj')) }
  if (site.code === 'xnc') return { kind: 'xnc', pub: deptPub(deptBySlug('nyj')) }
  const dept = DEPARTMENTS.find((d) => `bm-${d.slug}` === site.code)
  if (dept) return { kind: 'dept', pub: deptPub(dept) }
  const town = TOWN_PUBS.find((t) => `xz-${t.town?.slug}` === site.code)
  if (town) return { kind: 'town', pub: town }
  const unitNo = site.siteIdCode.slice(-3)
  const local = site.name.replace(/^示例县/, '县')
  const pub: Publisher = {
    ...COUNTY_PUB,
    local,
    short: site.shortName,
    official: site.name,
    unitNo,
  }
  return { kind: 'other', pub }
}

function choosePublisher(r: Rng, info: SiteInfo, names: string[]): [Publisher, DeptSpec] {
  const randomDept = () => pick(r, DEPARTMENTS)
  switch (info.kind) {
    case 'dept':
      return [info.pub, info.pub.dept ?? randomDept()]
    case 'town':
      return [info.pub, r() < 0.7 ? pick(r, RURAL_DEPTS) : randomDept()]
    case 'zsyz': {
      const domain = deptBySlug(pick(r, ['tcj', 'tcj', 'swj', 'kjj', 'xzsp']))
      return [deptPub(domain), domain]
    }
    case 'xnc': {
      const domain = pick(r, RURAL_DEPTS)
      if (r() < 0.4) return [pick(r, TOWN_PUBS), domain]
      return [deptPub(domain), domain]
    }
    case 'other':
      return [info.pub, randomDept()]
    case 'portal':
      break
  }
  const joined = names.join('/')
  if (joined.includes('部门')) {
    const d = randomDept()
    return [deptPub(d), d]
  }
  if (joined.includes('乡镇')) return [pick(r, TOWN_PUBS), pick(r, RURAL_DEPTS)]
  let mapped: DeptSpec | undefined
  for (const name of names) {
    const slug = COLUMN_DOMAIN[name]
    if (slug) mapped = deptBySlug(slug)
  }
  const last = names[names.length - 1] ?? ''
  if (COUNTY_ONLY.some((key) => last.includes(key))) return [COUNTY_PUB, mapped ?? randomDept()]
  if (mapped) return [r() < 0.7 ? deptPub(mapped) : COUNTY_PUB, mapped]
  if (COUNTY_LEVEL.some((key) => joined.includes(key)) && r() < 0.85) {
    return [COUNTY_PUB, randomDept()]
  }
  const roll = r()
  if (roll < 0.55) {
    const d = randomDept()
    return [deptPub(d), d]
  }
  if (roll < 0.85) return [COUNTY_PUB, randomDept()]
  return [pick(r, TOWN_PUBS), pick(r, RURAL_DEPTS)]
}

function leaderOf(r: Rng, pub: Publisher): [string, string] {
  if (pub.kind === 'county') {
    const leader = pick(r, COUNTY_LEADERS)
    return [`${leader.role}${leader.name}`, leader.name]
  }
  const focus = pub.dept?.focus ?? T.TOWN_WORKS
  const leaders = unitLeaders(pub.official, focus)
  const leader = r() < 0.6 ? leaders[0] : pick(r, leaders)
  if (!leader) return [`${pub.short}负责同志`, '']
  return [`${pub.short}${leader.role}${leader.name}`, leader.name]
}

interface SceneInput {
  info: SiteInfo
  site: DemoSite
  column: DemoColumn
  names: string[]
  date: Date
  isPage: boolean
}

function buildScene(r: Rng, input: SceneInput): Scene {
  const { info, site, column, names, date } = input
  const [pub, domain] = input.isPage
    ? [info.pub, info.pub.dept ?? pick(r, DEPARTMENTS)]
    : choosePublisher(r, info, names)
  const town = pub.town ?? pick(r, TOWNSHIPS)
  const village = pick(r, town.villages).name
  const localShare = pub.kind === 'dept' ? 0.1 : 0.6
  const localWorks = pub.kind === 'town' ? T.TOWN_WORKS : T.GENERAL_WORKS
  const work = r() < localShare ? pick(r, localWorks) : pick(r, domain.focus)
  const [leader, leaderName] = leaderOf(r, pub)
  const cn = new Date(date.getTime() + 8 * 3600_000)
  const y = cn.getUTCFullYear()
  const m = cn.getUTCMonth() + 1
  const d = cn.getUTCDate()
  const planYear = m >= 11 ? y + 1 : y
  const slots: Record<string, string> = {
    U: pub.local,
    S: pub.short,
    W: work,
    T: town.name,
    V: village,
    A: pub.kind === 'town' ? town.name : '示例县',
    I: town.industry,
    IS:
      town.industry === '香菇'
        ? `香菇种植规模达到${int(r, 50, 900)}万袋`
        : `${town.industry}种植面积达到${int(r, 1000, 9999)}亩`,
    TU: town.name.slice(-1),
    L: leader,
    LN: leaderName || leader,
    Y: String(y),
    Y1: String(y - 1),
    Y2: String(y + 1),
    Y3: String(y + 2),
    PY: String(planYear),
    PY3: String(planYear + 2),
    M: String(m),
    M2: String(Math.min(12, m + int(r, 1, 3))),
    D: String(d),
    MD: `${m}月${d}日`,
    WD: String(int(r, 0, 6)),
    Q: chineseNumber(Math.ceil(m / 3)),
    C: pick(r, T.CAMPAIGNS),
    H2: pick(r, T.HOLIDAYS),
    IND: pick(r, T.INVEST_INDUSTRIES),
    GV: pick(r, T.GUIDE_VARIANTS),
    SV: pick(r, domain.services.length > 0 ? domain.services : deptBySlug('xzsp').services),
    ISS: pub.official,
    UP: pick(r, T.UPPER_ISSUERS)[0],
  }
  const sc: Scene = { r, pub, domain, town, slots, columnNames: names, site, column, cn }
  slots.ACT = fill(pick(r, T.NOTICE_ACTS), sc)
  slots.PT = fill(pick(r, T.PT_TEMPLATES), sc)
  slots.FD = chineseDate(sc, -int(r, 1, 7))
  return sc
}

function pageDraft(sc: Scene): Draft {
  return { title: sc.column.name, body: () => pageBody(sc) }
}

const DRAFTS: Record<ContentTopic, (sc: Scene) => Draft> = {
  news: newsDraft,
  rural: ruralDraft,
  notice: noticeDraft,
  policy: policyDraft,
  interpretation: interpretationDraft,
  plan: planDraft,
  personnel: personnelDraft,
  finance: financeDraft,
  report: reportDraft,
  guide: guideDraft,
  statistics: statisticsDraft,
  investment: investmentDraft,
  convenience: convenienceDraft,
  intro: pageDraft,
  leader: pageDraft,
}

const DISCLOSED: ReadonlySet<ContentTopic> = new Set([
  'policy',
  'notice',
  'plan',
  'report',
  'personnel',
  'finance',
])
const MAX_REMEMBERED = 5000

/** The first real paragraph: not a heading, list, table or salutation. */
function summaryOf(body: readonly string[]): string | undefined {
  for (const html of body) {
    if (!html.startsWith('<p>')) continue
    const text = stripTags(html)
    if (text.length >= 40 || (text.length >= 20 && !text.endsWith('：'))) return text
  }
  return undefined
}

function stripTags(html: string): string {
  return html.replace(/<[^>]+>/g, '')
}

function ymd(date: Date): string {
  return date.toISOString().slice(0, 10)
}

/** Deterministic generator (same seed → same output for the same sequence of calls). */
export function createArticleGenerator(
  seed: number,
): (ctx: {
  site: DemoSite
  column: DemoColumn
  columnPath: string[]
  date: Date
}) => GeneratedArticle {
  const r = mulberry32(seed)
  const infos = new Map<string, SiteInfo>()
  const seen = new Map<string, Set<string>>()
  const serials = new Map<string, number>()
  return ({ site, column, columnPath, date }) => {
    let info = infos.get(site.code)
    if (!info) {
      info = siteInfo(site)
      infos.set(site.code, info)
    }
    const names = columnPath.length > 0 ? columnPath : [column.name]
    const isPage = column.type === 'page' || column.topic === 'intro' || column.topic === 'leader'
    const handler = isPage ? pageDraft : DRAFTS[column.topic]
    const input: SceneInput = { info, site, column, names, date, isPage }
    const key = `${site.code}|${names.join('/')}`
    let titles = seen.get(key)
    if (!titles) {
      titles = new Set()
      seen.set(key, titles)
    }
    let sc = buildScene(r, input)
    let draft = handler(sc)
    // A column rarely repeats a title: redraw a few times when it would.
    for (let attempt = 0; !isPage && titles.has(draft.title) && attempt < 4; attempt++) {
      sc = buildScene(r, input)
      draft = handler(sc)
    }
    if (titles.size >= MAX_REMEMBERED) titles.clear()
    titles.add(draft.title)
    const topic = column.topic
    const body = draft.body()
    const bodyHtml = body.join('')
    // The summary is the first real paragraph: not a heading, list, table or salutation.
    const lead = summaryOf(body) ?? stripTags(bodyHtml).slice(0, 120)
    const article: GeneratedArticle = {
      title: draft.title,
      source: sourceOf(sc, topic),
      author: r() < 0.7 ? personName(r) : `${personName(r)} ${personName(r)}`,
      bodyHtml,
      summary: lead.length > 120 ? `${lead.slice(0, 118)}……` : lead,
      keywords: [
        ...new Set([(sc.slots.W ?? '').replace(/[“”]/g, ''), sc.pub.short, column.name]),
      ].join(','),
      publishedAt: date.toISOString(),
    }
    if (draft.subtitle) article.subtitle = draft.subtitle
    if (DISCLOSED.has(topic) && !isPage) {
      const year = sc.slots.Y ?? ''
      const serialKey = `${sc.pub.unitNo}/${year}`
      const serial = (serials.get(serialKey) ?? 0) + 1
      serials.set(serialKey, serial)
      const written = new Date(sc.cn.getTime() - Number(sc.slots.WD ?? 0) * 86_400_000)
      article.disclosure = {
        indexNo: `${DIVISION_CODE}${sc.pub.unitNo}/${year}-${String(serial).padStart(5, '0')}`,
        issuer: draft.issuer ?? sc.pub.official,
        writtenAt: ymd(written),
        subjectCategory: sc.domain.subject,
      }
      if (draft.docNo) article.disclosure.docNo = draft.docNo
      if (draft.validity) article.disclosure.validity = draft.validity
    }
    return article
  }
}

function sourceOf(sc: Scene, topic: ContentTopic): string {
  if (sc.pub.kind !== 'county') return sc.pub.local
  if (topic === 'news' || topic === 'rural') return pick(sc.r, ['县融媒体中心', '县人民政府办公室'])
  return sc.slots.ISS === '示例县人民政府办公室' ? '县人民政府办公室' : '县人民政府'
}
