/**
 * The demo county 示例县: one portal, 44 department channels, 10 township channels and two
 * standalone thematic sites, with the column trees such units really keep. Pure data, no I/O;
 * the content generator lives in demo-articles.ts and is re-exported here.
 */
import {
  AREA_CODE,
  COUNTY,
  DEPARTMENTS,
  DIVISION_CODE,
  TOWNSHIPS,
  hashString,
  mulberry32,
  personName,
  type DeptSpec,
  type DeptTopic,
  type TownSpec,
} from './demo-units'

export { createArticleGenerator } from './demo-articles'

export type ColumnType = 'list' | 'page' | 'link' | 'aggregate'
export type UpdateClass = 'news' | 'notice' | 'plan' | 'asNeeded'
/** What kind of content a column holds; drives the title/body generator. */
export type ContentTopic = DeptTopic

export interface DemoColumn {
  slug: string
  name: string
  type: ColumnType
  updateClass: UpdateClass
  topic: ContentTopic
  homeBlock?: boolean
  isHeadline?: boolean
  linkUrl?: string
  description?: string
  keywords?: string
  /** An aggregate column's rule: these columns of every channel of these groupings. */
  aggregate?: { groupings: string[]; columnSlugs: string[] }
  children?: DemoColumn[]
}

export interface DemoSite {
  code: string
  name: string
  shortName: string
  kind: 'portal' | 'channel' | 'standalone'
  basePath: string
  hosts: string[]
  grouping?: '部门' | '乡镇' | '专题'
  siteIdCode: string
  sponsor: string
  organizer: string
  icp: string
  psb: string
  contact: { phone: string; email: string; address: string }
  responsible: { name: string; role: string; phone: string }[]
  description: string
  keywords: string
  columns: DemoColumn[]
}

export interface GeneratedArticle {
  title: string
  subtitle?: string
  source: string
  author: string
  bodyHtml: string
  summary: string
  keywords: string
  publishedAt: string
  disclosure?: {
    indexNo: string
    docNo?: string
    issuer: string
    writtenAt: string
    subjectCategory: string
    validity?: '有效' | '失效' | '废止'
  }
}

type Extra = Partial<Omit<DemoColumn, 'slug' | 'name' | 'type' | 'updateClass' | 'topic'>>

function list(
  slug: string,
  name: string,
  updateClass: UpdateClass,
  topic: ContentTopic,
  extra: Extra = {},
): DemoColumn {
  return { slug, name, type: 'list', updateClass, topic, ...extra }
}

function page(slug: string, name: string, topic: ContentTopic = 'intro', extra: Extra = {}) {
  const column: DemoColumn = { slug, name, type: 'page', updateClass: 'asNeeded', topic }
  return { ...column, ...extra }
}

function link(slug: string, name: string, linkUrl: string, topic: ContentTopic): DemoColumn {
  return { slug, name, type: 'link', updateClass: 'asNeeded', topic, linkUrl }
}

/** An aggregate column (栏目共建): lists the channels' own columns, holds nothing itself. */
function aggregate(
  slug: string,
  name: string,
  rule: NonNullable<DemoColumn['aggregate']>,
  extra: Extra = {},
): DemoColumn {
  return {
    slug,
    name,
    type: 'aggregate',
    updateClass: 'news',
    topic: 'news',
    aggregate: rule,
    ...extra,
  }
}

const home = { homeBlock: true }

function portalColumns(): DemoColumn[] {
  return [
    list('zwyw', '政务要闻', 'news', 'news', {
      homeBlock: true,
      isHeadline: true,
      description: '示例县政务要闻，县委县政府重要会议、重大活动和重点工作报道',
      keywords: '示例县,政务要闻,县委县政府',
    }),
    list('zwgk', '政务公开', 'asNeeded', 'policy', {
      description: '示例县人民政府政府信息公开专栏',
      keywords: '政务公开,政府信息公开,示例县',
      children: [
        list('zcwj', '政策文件', 'notice', 'policy', {
          ...home,
          children: [
            list('xzfwj', '县政府文件', 'notice', 'policy'),
            list('xzfbwj', '县政府办文件', 'notice', 'policy'),
            list('bmwj', '部门文件', 'notice', 'policy'),
            list('gfxwj', '规范性文件', 'asNeeded', 'policy'),
          ],
        }),
        list('zcjd', '政策解读', 'notice', 'interpretation'),
        list('tzgg', '通知公告', 'notice', 'notice', home),
        list('ghjh', '规划计划', 'plan', 'plan'),
        list('rsxx', '人事信息', 'notice', 'personnel'),
        list('czzj', '财政资金', 'plan', 'finance', {
          children: [
            list('yjs', '财政预决算', 'plan', 'finance'),
            list('sgjf', '“三公”经费', 'plan', 'finance'),
            list('zxzj', '专项资金', 'notice', 'finance'),
          ],
        }),
        list('tjxx', '统计信息', 'notice', 'statistics'),
        list('zdly', '重点领域信息公开', 'asNeeded', 'notice', {
          children: [
            list('xczx', '乡村振兴', 'notice', 'rural'),
            list('sthj', '生态环境', 'notice', 'notice'),
            list('aqsc', '安全生产', 'notice', 'notice'),
            list('spyp', '食品药品', 'notice', 'notice'),
            list('jyly', '教育领域', 'notice', 'notice'),
            list('ylws', '医疗卫生', 'notice', 'notice'),
            list('shjz', '社会救助', 'notice', 'finance'),
            list('zdxm', '重大建设项目', 'notice', 'plan'),
          ],
        }),
        list('ndbg', '政府信息公开年报', 'plan', 'report'),
        list('jyta', '建议提案办理', 'plan', 'report'),
        page('xxgkzn', '政府信息公开指南', 'guide'),
        list('xxgkzd', '政府信息公开制度', 'asNeeded', 'policy'),
        page('jgzn', '机构职能'),
      ],
    }),
    list('zwfw', '政务服务', 'asNeeded', 'guide', {
      children: [
        list('bszn', '办事指南', 'asNeeded', 'guide'),
        list('grbs', '个人办事', 'asNeeded', 'guide'),
        list('frbs', '法人办事', 'asNeeded', 'guide'),
        list('bgxz', '表格下载', 'asNeeded', 'guide'),
        link('wsbsdt', '网上办事大厅', '/services/', 'guide'),
      ],
    }),
    list('hdjl', '互动交流', 'asNeeded', 'notice', {
      children: [
        link('xzxx', '县长信箱', '/letters/', 'convenience'),
        list('zxft', '在线访谈', 'notice', 'news'),
        list('yjzj', '意见征集', 'notice', 'notice'),
        list('rdhy', '热点回应', 'notice', 'interpretation'),
        link('wsdc', '网上调查', '/surveys/', 'convenience'),
      ],
    }),
    page('zjxq', '走进县情', 'intro', {
      children: [
        page('xqgk', '县情概况'),
        page('lsyg', '历史沿革'),
        page('xzqh', '行政区划'),
        page('zrzy', '自然资源'),
        page('rkmz', '人口民族'),
        page('jjfz', '经济发展'),
        page('lyzy', '旅游资源'),
        list('jrxq', '今日县情', 'news', 'news'),
      ],
    }),
    page('ldzc', '领导之窗', 'leader', {
      children: [page('ldfg', '领导分工', 'leader'), list('ldhd', '领导活动', 'news', 'news')],
    }),
    list('zcfg', '政策法规', 'asNeeded', 'policy', {
      children: [
        list('sszc', '省市政策', 'asNeeded', 'policy'),
        list('xjzc', '县级政策', 'notice', 'policy'),
        list('fgxc', '法规宣传', 'news', 'news'),
      ],
    }),
    list('gsgg', '公示公告', 'notice', 'notice', {
      children: [
        list('zbgg', '招标公告', 'notice', 'notice'),
        list('zbgs', '中标公示', 'notice', 'notice'),
        list('zdgg', '征地公告', 'notice', 'notice'),
        list('qtgs', '其他公示', 'notice', 'notice'),
      ],
    }),
    // Every department's / township's 工作动态, read where it is published, never copied.
    aggregate('bmdt', '部门动态', { groupings: ['部门'], columnSlugs: ['gzdt'] }, home),
    aggregate('xzdt', '乡镇动态', { groupings: ['乡镇'], columnSlugs: ['gzdt'] }, home),
    list('zwyj', '政务研究', 'asNeeded', 'report', {
      children: [
        list('dybg', '调研报告', 'asNeeded', 'report'),
        list('llyt', '理论研讨', 'asNeeded', 'report'),
      ],
    }),
    list('gwgg', '公文公告', 'notice', 'policy', {
      children: [
        list('cwhy', '常务会议', 'news', 'news'),
        list('rsrm', '人事任免', 'notice', 'personnel'),
        list('xzfgb', '县政府公报', 'plan', 'report'),
      ],
    }),
    list('bmxx', '便民信息', 'asNeeded', 'convenience', {
      children: [
        list('jtcx', '交通出行', 'notice', 'convenience'),
        list('jyks', '教育考试', 'notice', 'convenience'),
        list('yljk', '医疗健康', 'notice', 'convenience'),
        list('sdqn', '水电气暖', 'notice', 'convenience'),
        page('cydh', '常用电话', 'convenience'),
      ],
    }),
    list('ztzl', '专题专栏', 'asNeeded', 'news', {
      children: [
        list('xczx', '乡村振兴', 'news', 'rural'),
        list('yshj', '优化营商环境', 'news', 'news'),
        list('wmcj', '文明城市创建', 'news', 'news'),
      ],
    }),
    link('zsyz', '招商引资', 'http://zsyz.sxx.gov.cn/', 'investment'),
  ]
}

function departmentColumns(dept: DeptSpec): DemoColumn[] {
  const profile = [page('jgzn', '机构职能'), page('ldxx', '领导信息', 'leader')]
  // Keep channels at 15 columns or fewer: units with 政策解读 drop the 内设机构 page.
  if (!dept.hasInterpretation) profile.push(page('nsjg', '内设机构'))
  const disclosure = [
    list('zcwj', '政策文件', 'notice', 'policy'),
    ...(dept.hasInterpretation ? [list('zcjd', '政策解读', 'notice', 'interpretation')] : []),
    list('ghjh', '规划计划', 'plan', 'plan'),
    list('czzj', '财政资金', 'plan', 'finance'),
    list('rsxx', '人事信息', 'asNeeded', 'personnel'),
    list('ndbg', '政府信息公开年报', 'plan', 'report'),
  ]
  return [
    page('jggk', '机构概况', 'intro', { children: profile }),
    list('gzdt', '工作动态', 'news', 'news', { homeBlock: true, isHeadline: true }),
    list('tzgg', '通知公告', 'notice', 'notice', home),
    list('xxgk', '信息公开', 'asNeeded', 'policy', { children: disclosure }),
    ...(dept.services.length > 0 ? [link('bszn', '办事指南', '/services/', 'guide')] : []),
    ...dept.extras.map((x) => list(x.slug, x.name, x.updateClass, x.topic)),
  ]
}

function townshipColumns(town: TownSpec): DemoColumn[] {
  return [
    page('xzgk', `${town.name.endsWith('乡') ? '乡' : '镇'}情概况`, 'intro', {
      children: [page('ldfg', '领导分工', 'leader'), page('nsjg', '内设机构')],
    }),
    list('gzdt', '工作动态', 'news', 'news', { homeBlock: true, isHeadline: true }),
    list('tzgg', '通知公告', 'notice', 'notice', home),
    list('zwgk', '政务公开', 'asNeeded', 'policy', {
      children: [
        list('zcwj', '政策文件', 'notice', 'policy'),
        list('czxx', '财政信息', 'plan', 'finance'),
        list('ghjh', '规划计划', 'plan', 'plan'),
        list('ndbg', '政府信息公开年报', 'plan', 'report'),
      ],
    }),
    list('snxx', '三农信息', 'news', 'rural', {
      children: [
        list('hnbt', '惠农补贴', 'notice', 'finance'),
        list('tdzs', '土地征收', 'notice', 'notice'),
        list('shjz', '社会救助', 'notice', 'finance'),
      ],
    }),
    list('cwgk', '村务公开', 'notice', 'rural', {
      children: town.villages.map((v) => list(v.slug, v.name, 'notice', 'rural')),
    }),
  ]
}

function investmentColumns(): DemoColumn[] {
  return [
    list('zsdt', '招商动态', 'news', 'news', { homeBlock: true, isHeadline: true }),
    page('tzhj', '投资环境', 'intro', {
      children: [page('qwjt', '区位交通'), page('zybf', '资源禀赋'), page('cyjc', '产业基础')],
    }),
    list('zsxm', '招商项目', 'notice', 'investment', home),
    list('yhzc', '优惠政策', 'asNeeded', 'policy', home),
    page('yqjs', '园区介绍'),
    list('tzzn', '投资指南', 'asNeeded', 'guide'),
    page('lxwm', '联系我们'),
  ]
}

function ruralColumns(): DemoColumn[] {
  return [
    list('xwdt', '新闻动态', 'news', 'news', { homeBlock: true, isHeadline: true }),
    list('mlxc', '美丽乡村', 'news', 'rural', home),
    list('cyfz', '产业发展', 'news', 'rural', home),
    list('hnzc', '惠农政策', 'notice', 'policy', home),
    list('xczx', '乡村振兴', 'news', 'rural'),
    list('nyjs', '农业技术', 'asNeeded', 'rural'),
    list('xfwm', '乡风文明', 'news', 'rural'),
    list('tzgg', '通知公告', 'notice', 'notice'),
  ]
}

const ROADS = ['人民路', '解放路', '建设路', '文化路', '振兴大道', '新华街', '滨河路', '府前街']

interface SiteSeed {
  code: string
  name: string
  shortName: string
  kind: DemoSite['kind']
  basePath: string
  hosts: string[]
  grouping?: DemoSite['grouping']
  sponsor: string
  organizer: string
  email: string
  address: string
  description: string
  keywords: string
  columns: DemoColumn[]
}

function finishSite(seed: SiteSeed, sequence: number): DemoSite {
  const random = mulberry32(hashString(seed.code))
  const seq = String(sequence).padStart(4, '0')
  const phone = () => `${AREA_CODE}-${6200000 + Math.floor(random() * 99999)}`
  const standaloneIndex = seed.kind === 'standalone' ? sequence - 54 : 1
  const site: DemoSite = {
    code: seed.code,
    name: seed.name,
    shortName: seed.shortName,
    kind: seed.kind,
    basePath: seed.basePath,
    hosts: seed.hosts,
    siteIdCode: `${DIVISION_CODE}${seq}`,
    sponsor: seed.sponsor,
    organizer: seed.organizer,
    icp: `示ICP备12345678号-${standaloneIndex}`,
    psb: `示公网安备 ${DIVISION_CODE}020001${String(standaloneIndex).padStart(2, '0')}号`,
    contact: { phone: phone(), email: seed.email, address: seed.address },
    responsible: [
      { name: personName(random), role: '网站负责人', phone: phone() },
      { name: personName(random), role: '信息员', phone: phone() },
    ],
    description: seed.description,
    keywords: seed.keywords,
    columns: seed.columns,
  }
  if (seed.grouping) site.grouping = seed.grouping
  return site
}

function departmentSite(dept: DeptSpec, index: number): SiteSeed {
  const road = ROADS[index % ROADS.length] ?? '人民路'
  return {
    code: `bm-${dept.slug}`,
    name: dept.name,
    shortName: dept.short,
    kind: 'channel',
    basePath: `/bm/${dept.slug}/`,
    hosts: [],
    grouping: '部门',
    sponsor: dept.name,
    organizer: `${dept.name}办公室`,
    email: `${dept.slug}@sxx.gov.cn`,
    address: `示例省示例市示例县城关镇${road}${10 + index * 7}号`,
    description: `${dept.name}门户频道，发布${dept.short}工作动态、通知公告、政府信息公开和办事指南。`,
    keywords: [dept.short, ...dept.focus.slice(0, 3).map(plain)].join(','),
    columns: departmentColumns(dept),
  }
}

function townshipSite(town: TownSpec, index: number): SiteSeed {
  const name = `${town.name}人民政府`
  return {
    code: `xz-${town.slug}`,
    name,
    shortName: town.name,
    kind: 'channel',
    basePath: `/xz/${town.slug}/`,
    hosts: [],
    grouping: '乡镇',
    sponsor: name,
    organizer: `${town.name}党政综合办公室`,
    email: `${town.slug}@sxx.gov.cn`,
    address: `示例省示例市示例县${town.name}${ROADS[index % ROADS.length] ?? '人民路'}${index + 1}号`,
    description: `${name}门户频道，公开${town.name}政务信息、三农信息和村务信息。`,
    keywords: [town.name, town.industry, '乡村振兴', '村务公开'].join(','),
    columns: townshipColumns(town),
  }
}

/** "“双减”工作" → "双减工作", for keyword lists. */
function plain(text: string): string {
  return text.replace(/[“”]/g, '')
}

/** The whole demo cluster: 1 portal, 44 department channels, 10 township channels, 2 standalone sites. */
export function demoCounty(): DemoSite[] {
  const seeds: SiteSeed[] = [
    {
      code: 'sxx',
      name: `${COUNTY}人民政府`,
      shortName: '示例县政府',
      kind: 'portal',
      basePath: '/',
      hosts: ['www.sxx.gov.cn'],
      sponsor: `${COUNTY}人民政府`,
      organizer: `${COUNTY}人民政府办公室`,
      email: 'sxxzfb@sxx.gov.cn',
      address: '示例省示例市示例县城关镇府前街1号',
      description: '示例县人民政府门户网站，发布政务要闻、政府信息公开、政务服务和互动交流信息。',
      keywords: '示例县,示例县人民政府,政务公开,政务服务,互动交流',
      columns: portalColumns(),
    },
    ...DEPARTMENTS.map(departmentSite),
    ...TOWNSHIPS.map(townshipSite),
    {
      code: 'zsyz',
      name: `${COUNTY}招商引资网`,
      shortName: '招商引资网',
      kind: 'standalone',
      basePath: '/',
      hosts: ['zsyz.sxx.gov.cn'],
      grouping: '专题',
      sponsor: `${COUNTY}人民政府`,
      organizer: `${COUNTY}投资促进中心`,
      email: 'zsyz@sxx.gov.cn',
      address: '示例省示例市示例县经济开发区创业大道8号',
      description: '示例县招商引资网，介绍投资环境、招商项目、优惠政策和园区情况。',
      keywords: '示例县,招商引资,投资环境,招商项目,经济开发区',
      columns: investmentColumns(),
    },
    {
      code: 'xnc',
      name: `${COUNTY}新农村建设网`,
      shortName: '新农村建设网',
      kind: 'standalone',
      basePath: '/',
      hosts: ['xnc.sxx.gov.cn'],
      grouping: '专题',
      sponsor: `${COUNTY}人民政府`,
      organizer: `${COUNTY}农业农村局`,
      email: 'xnc@sxx.gov.cn',
      address: '示例省示例市示例县城关镇建设路66号',
      description: '示例县新农村建设网，展示美丽乡村建设、产业发展和惠农政策。',
      keywords: '示例县,新农村,乡村振兴,美丽乡村,惠农政策',
      columns: ruralColumns(),
    },
  ]
  return seeds.map((seed, i) => finishSite(seed, i + 1))
}

/**
 * How many articles a column gets in the default first-start seed: none for links, one for a
 * page, otherwise a small number by update class, stable per column.
 */
export function defaultArticleCount(column: DemoColumn): number {
  if (column.type === 'link' || column.type === 'aggregate') return 0
  if (column.type === 'page') return 1
  const jitter = hashString(`${column.slug}:${column.name}`)
  switch (column.updateClass) {
    case 'news':
      return 8 + (jitter % 5)
    case 'notice':
      return 4 + (jitter % 3)
    case 'plan':
      return 2 + (jitter % 2)
    case 'asNeeded':
      return 2 + (jitter % 3)
  }
}
