/**
 * Drafts for reported content: news (meetings, inspections, progress, activities, interviews),
 * rural stories and 村务公开, convenience notices, investment projects and statistics.
 */
import { TOWNSHIPS } from './demo-units'
import * as T from './demo-words'
import {
  chineseNumber,
  deptPub,
  fill,
  h3,
  int,
  p,
  pick,
  signature,
  some,
  table,
  type Draft,
  type Scene,
  fillOne,
  fillSome,
} from './demo-text'

const f = fillOne
const fs = fillSome

export function newsDraft(sc: Scene): Draft {
  const names = sc.columnNames.join('/')
  if (names.includes('访谈')) return interviewDraft(sc)
  if (names.includes('常务会议')) return executiveMeetingDraft(sc)
  const templates = names.includes('领导')
    ? T.NEWS_TITLES.filter((t) => t.startsWith('m') || t.startsWith('i'))
    : T.NEWS_TITLES
  const tpl = pick(sc.r, templates)
  if (tpl.startsWith('i') && sc.pub.town) {
    // A township inspects its own villages.
    const [first, second] = some(sc.r, sc.pub.town.villages, 2)
    sc.slots.T = first?.name ?? sc.slots.T ?? ''
    sc.slots.V = second?.name ?? sc.slots.V ?? ''
  }
  const draft: Draft = { title: fill(tpl.slice(2), sc), body: () => [] }
  switch (tpl.charAt(0)) {
    case 'm':
      draft.body = () =>
        [
          f(sc, T.MEETING_LEADS),
          f(sc, T.MEETING_REPORTS),
          `会议指出，${fs(sc, T.VIEWS, int(sc.r, 2, 3)).join('')}`,
          `会议强调，${fs(sc, T.DEMANDS, int(sc.r, 3, 5)).join('')}`,
          `会议要求，${fs(sc, T.REQUIREMENTS, int(sc.r, 2, 3)).join('')}`,
          f(sc, T.MEETING_CLOSINGS),
        ].map(p)
      break
    case 'i':
      draft.body = () =>
        [
          f(sc, T.INSPECTION_LEADS),
          ...fs(sc, T.SITE_VISITS, int(sc.r, 2, 3)),
          f(sc, T.INSPECTION_TALKS),
          `${sc.slots.LN}指出，${fs(sc, T.VIEWS, 2).join('')}`,
          `${sc.slots.LN}强调，${fs(sc, T.DEMANDS, int(sc.r, 3, 5)).join('')}`,
          fill('{h}、{T}主要负责同志陪同调研。', sc),
        ].map(p)
      break
    case 'p': {
      const heads = some(sc.r, T.MEASURE_HEADS, int(sc.r, 3, 4))
      draft.body = () =>
        [
          f(sc, T.PROGRESS_LEADS),
          ...heads.map(
            (head, i) =>
              `${chineseNumber(i + 1)}是${head}。${fs(sc, T.MEASURES, 2).join('')}${f(sc, T.RESULTS)}`,
          ),
          f(sc, T.NEXT_STEPS),
        ].map(p)
      if (sc.r() < 0.25) draft.subtitle = fill('——{S}推进{W}工作综述', sc)
      break
    }
    default:
      draft.body = () =>
        [
          f(sc, T.ACTIVITY_LEADS),
          ...fs(sc, T.ACTIVITY_DETAILS, int(sc.r, 3, 4)),
          ...(sc.r() < 0.6 ? [f(sc, T.QUOTES)] : []),
          f(sc, T.ACTIVITY_CLOSINGS),
        ].map(p)
  }
  return draft
}

function interviewDraft(sc: Scene): Draft {
  const guest = sc.slots.L ?? ''
  return {
    title: f(sc, T.INTERVIEW_TITLES),
    body: () => [
      p(fill(`{MD}，${guest}做客示例县人民政府网“在线访谈”栏目，围绕{W}工作与网友在线交流。`, sc)),
      p(fill('主持人：请您介绍一下今年我县{W}工作的总体情况。', sc)),
      p(`${sc.slots.LN}：${f(sc, T.PROGRESS_LEADS)}${f(sc, T.RESULTS)}`),
      p(fill('主持人：群众比较关心的问题有哪些？下一步有什么打算？', sc)),
      p(`${sc.slots.LN}：${f(sc, T.MEASURES)}${f(sc, T.NEXT_STEPS)}`),
      p(
        fill(
          '访谈期间，网友共提出问题{N}个，现场解答{n}个，其余问题将在5个工作日内通过网站答复。',
          sc,
        ),
      ),
    ],
  }
}

function executiveMeetingDraft(sc: Scene): Draft {
  return {
    title: f(sc, T.EXEC_MEETING_TITLES),
    body: () => [
      p(
        fill('{MD}，县委副书记、县长林振华主持召开县政府第{N}次常务会议，研究{W}、{w}等工作。', sc),
      ),
      p(fill('会议传达学习了上级有关会议和文件精神，听取了{h}关于{W}工作情况的汇报。', sc)),
      p(
        fill(
          '会议审议并原则通过了《{PT}》，要求相关部门根据会议意见修改完善后按程序印发实施。',
          sc,
        ),
      ),
      p(`会议强调，${fs(sc, T.DEMANDS, 2).join('')}`),
      p('会议还研究了其他事项。县政府领导班子成员出席会议，县直有关单位主要负责同志列席会议。'),
    ],
  }
}

const VILLAGE_NAMES = new Set(TOWNSHIPS.flatMap((t) => t.villages.map((v) => v.name)))

export function ruralDraft(sc: Scene): Draft {
  const isVillage = VILLAGE_NAMES.has(sc.column.name)
  if (isVillage || sc.columnNames.includes('村务公开')) {
    if (isVillage) sc.slots.V = sc.column.name
    return { title: f(sc, T.VILLAGE_TITLES), body: () => villageBody(sc) }
  }
  return {
    title: f(sc, T.RURAL_TITLES),
    body: () => {
      const paras = fs(sc, T.RURAL_PARAS, int(sc.r, 5, 7))
      if (sc.r() < 0.5) paras.splice(2, 0, f(sc, T.QUOTES))
      return paras.map(p)
    },
  }
}

function villageBody(sc: Scene): string[] {
  const r = sc.r
  const items = ['村干部报酬', '办公经费', '道路维护', '环境卫生保洁', '水电费', '公益事业支出']
  const rows = some(r, items, 4).map((item) => [item, (int(r, 5, 300) / 10).toFixed(2), '已公开'])
  return [
    p(
      fill(
        '根据《中华人民共和国村民委员会组织法》和村务公开有关规定，经村“两委”研究、村务监督委员会审核，现将{V}有关事项公开如下：',
        sc,
      ),
    ),
    table(['项目', '金额（万元）', '备注'], rows),
    p(
      fill(
        '以上内容已经村民代表会议审议通过，相关票据和资料存放于村委会，村民可随时查阅。公开期间，村民如有异议，可向村务监督委员会或{T}人民政府反映。',
        sc,
      ),
    ),
    p(
      fill(
        '本次公开内容由村会计编制、村务监督委员会逐项审核，村“两委”集体研究后在村务公开栏和“{T}发布”微信群同步公开，公开时间不少于{n}天。',
        sc,
      ),
    ),
    p(fill('村务监督委员会主任：{p}；监督电话：{tel}。', sc)),
    ...signature(sc, `${sc.slots.V}村民委员会`),
  ]
}

export function convenienceDraft(sc: Scene): Draft {
  const name = sc.column.name
  if (name.includes('天气')) return weatherDraft(sc)
  const tag = /交通/.test(name)
    ? 't'
    : /教育|考试/.test(name)
      ? 'e'
      : /医疗|健康/.test(name)
        ? 'm'
        : /水电|气暖/.test(name)
          ? 'u'
          : ''
  const bank = tag ? T.CONVENIENCE_TITLES.filter((t) => t.startsWith(tag)) : T.CONVENIENCE_TITLES
  const tpl = pick(sc.r, bank)
  const details = T.CONVENIENCE_DETAILS[tpl.charAt(0)] ?? []
  const issuer = sc.pub.kind === 'county' ? deptPub(sc.domain).official : sc.pub.official
  return {
    title: fill(tpl.slice(2), sc),
    body: () => [
      p('为方便广大群众合理安排工作和生活，现将有关事项公告如下：'),
      p(fill('一、时间安排：自{FD}起执行，如有变化另行通知。', sc)),
      ...fs(sc, details, 3).map((t, i) => p(`${chineseNumber(i + 2)}、${t}`)),
      p(
        '请广大市民相互转告，提前做好安排。如遇特殊情况需要调整，将通过示例县人民政府网、“示例发布”微信公众号等渠道及时发布。',
      ),
      p(fill('咨询服务电话：{tel}（工作日）；24小时服务热线：12345。', sc)),
      p('特此公告。'),
      ...signature(sc, issuer),
    ],
  }
}

export function investmentDraft(sc: Scene): Draft {
  const r = sc.r
  return {
    title: f(sc, T.INVESTMENT_TITLES),
    body: () => [
      h3('一、项目背景'),
      p(
        fill(
          '示例县位于示例省西北部，交通便利、资源富集，是全省重要的{I}生产基地和{IND}产业承接地。',
          sc,
        ),
      ),
      p(
        fill(
          '示例县{I}、{i}等资源丰富，{IND}产业基础较好，县委县政府将其列为重点培育的主导产业，出台了一系列扶持政策。',
          sc,
        ),
      ),
      h3('二、建设内容及规模'),
      p(
        fill(
          '项目拟选址于示例县经济开发区（或{T}），规划用地{N}0亩，新建标准化厂房{N}000平方米及配套设施，年产能{KK}吨。',
          sc,
        ),
      ),
      h3('三、投资估算'),
      p(fill('项目总投资约{X}亿元，其中固定资产投资占比约70%，建设期{n}年。', sc)),
      h3('四、效益分析'),
      p(fill('项目建成达产后，预计年销售收入{X}亿元，利税{K}0万元，带动就业{K}人。', sc)),
      h3('五、合作方式'),
      p(
        pick(r, [
          '独资、合资、合作均可。',
          '独资或合资，具体面议。',
          '可采取合资合作、股权投资等方式。',
        ]),
      ),
      h3('六、联系方式'),
      p(fill('联系单位：县投资促进中心；联系人：{p}；联系电话：{tel}。', sc)),
    ],
  }
}

export function statisticsDraft(sc: Scene): Draft {
  const r = sc.r
  const name = sc.columnNames.join('/')
  const tag = /价格|粮油/.test(name) ? 'p' : /环境/.test(name) ? 'a' : /统计/.test(name) ? 'e' : ''
  const tpl = pick(
    r,
    tag ? T.STATISTICS_TITLES.filter((t) => t.startsWith(tag)) : T.STATISTICS_TITLES,
  )
  const title = fill(tpl.slice(2), sc)
  const share = Number(sc.slots.M) / 12
  const growth = () => (r() * 9 - 1).toFixed(1)
  const scaled = (annual: number, digits = 1) =>
    (annual * share * (0.9 + r() * 0.3)).toFixed(digits)
  const rows = tpl.startsWith('a')
    ? ['优良天数比例（%）', 'PM2.5平均浓度（微克/立方米）', '地表水国控断面达标率（%）'].map(
        (k) => [k, (r() * 60 + 20).toFixed(1), growth()],
      )
    : tpl.startsWith('p')
      ? ['大米（元/公斤）', '猪肉（元/公斤）', '鸡蛋（元/公斤）', '食用油（元/升）'].map((k) => [
          k,
          (r() * 30 + 2).toFixed(2),
          growth(),
        ])
      : [
          ['地区生产总值（亿元）', scaled(186)],
          ['规模以上工业增加值（亿元）', scaled(52)],
          ['固定资产投资（亿元）', scaled(95)],
          ['社会消费品零售总额（亿元）', scaled(68)],
          ['一般公共预算收入（亿元）', scaled(9.6, 2)],
          ['农村常住居民人均可支配收入（元）', scaled(16800, 0)],
        ].map(([k = '', v = '']) => [k, v, growth()])
  return {
    title,
    body: () => [
      p(
        fill(
          '{Y}年以来，全县上下坚持稳中求进工作总基调，{W}等各项工作扎实推进，主要指标运行总体平稳。',
          sc,
        ),
      ),
      table(['指标', '数值', '同比增长（%）'], rows),
      ...fs(sc, T.STAT_ANALYSES, 2).map(p),
      p(
        fill(
          '总体来看，全县经济运行稳中有进，但部分指标增速回落，需进一步加大{W}等工作力度，确保完成全年目标任务。',
          sc,
        ),
      ),
      p(
        '注：本表数据为初步统计数，部分指标因四舍五入存在总计与分项合计不等的情况，最终以统计年鉴公布数据为准。',
      ),
    ],
  }
}

function weatherDraft(sc: Scene): Draft {
  const r = sc.r
  const low = int(r, -5, 24)
  const sky = () => pick(r, ['晴', '多云', '阴', '小雨', '阵雨', '中雨', '晴间多云'])
  const wind = () =>
    `${pick(r, ['东北', '东南', '西北', '偏南', '偏北'])}风${int(r, 1, 3)}～${int(r, 3, 4)}级`
  const day = (label: string) =>
    p(
      `${label}：${sky()}转${sky()}，${wind()}，气温${low + int(r, -2, 2)}～${low + int(r, 6, 12)}℃。`,
    )
  return {
    title: f(sc, T.WEATHER_TITLES),
    body: () => [
      p(
        fill(
          '示例县气象台{MD}发布：受冷暖空气共同影响，未来三天我县天气多变，请广大群众关注最新天气预报预警信息。',
          sc,
        ),
      ),
      day('今天夜里到明天白天'),
      day('明天夜里到后天白天'),
      day('后天夜里到大后天白天'),
      p(
        '农事建议：晴好天气要抓紧开展田间管理，降雨前做好沟渠清理和农作物防渍工作；山区群众注意防范强降雨可能引发的山洪和地质灾害。',
      ),
      p(
        '出行提示：雨天路面湿滑，驾驶员朋友请减速慢行；早晚温差较大，请注意适时增减衣物，预防感冒。',
      ),
      p(fill('发布单位：示例县气象台；服务电话：{tel}、12121。', sc)),
    ],
  }
}
