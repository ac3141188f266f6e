/**
 * Drafts for official documents: policy files and their interpretations, plans, personnel and
 * finance disclosures, reports and service guides.
 */
import { TOWNSHIPS, personName } from './demo-units'
import * as T from './demo-words'
import {
  COUNTY_PUB,
  chineseDate,
  chineseNumber,
  deptPub,
  docNo,
  fill,
  h3,
  int,
  p,
  pick,
  salutation,
  signature,
  some,
  speakAs,
  table,
  ul,
  type Draft,
  type Scene,
  fillOne,
  fillSome,
  contactLine,
} from './demo-text'

const f = fillOne
const fs = fillSome
const contact = contactLine

function issuerFor(sc: Scene): [string, string] {
  if (sc.columnNames.some((n) => n.includes('上级') || n.includes('省市'))) {
    const [name, prefix] = pick(sc.r, T.UPPER_ISSUERS)
    const region = name.startsWith('示例省') ? '示例省' : '示例市'
    sc.slots.PT = (sc.slots.PT ?? '').replace('示例县', region)
    sc.slots.U = name.replace(/^示例/, '')
    return [name, prefix]
  }
  if (sc.pub.kind !== 'county') return [sc.pub.official, sc.pub.docPrefix]
  const last = sc.columnNames[sc.columnNames.length - 1] ?? ''
  if (last === '县政府文件') return ['示例县人民政府', '示政']
  const isOffice = last.includes('办') || sc.r() < 0.4
  return isOffice ? ['示例县人民政府办公室', '示政办'] : ['示例县人民政府', '示政']
}

export function policyDraft(sc: Scene): Draft {
  const r = sc.r
  const [issuer, prefix] = issuerFor(sc)
  sc.slots.ISS = issuer
  const title = f(sc, T.POLICY_TITLES)
  const age = Number(sc.slots.Y) < 2019 ? r() : 1
  const validity = age < 0.15 ? '废止' : age < 0.35 ? '失效' : '有效'
  const isIssuing = title.includes('印发')
  const meeting =
    sc.pub.kind === 'county'
      ? '县人民政府第{N}次常务会议'
      : sc.pub.kind === 'town'
        ? '党委会议'
        : '党组会议'
  const name = sc.slots.PT ?? ''
  const cover = isIssuing
    ? `《{PT}》已经${meeting}研究同意，现印发给你们，请结合实际认真贯彻执行。`
    : `为深入贯彻落实上级决策部署，进一步做好{W}工作，结合实际，${title.includes('意见') ? '现提出如下意见：' : '现就有关事项通知如下：'}`
  const body = () => [
    p(salutation(sc)),
    p(fill(cover, sc)),
    ...(isIssuing ? [...signature(sc, issuer), h3(name)] : []),
    ...(isIssuing && /(办法|细则|规则|（试行）)$/.test(name) ? clauses(sc) : sections(sc)),
    ...(isIssuing ? [] : signature(sc, issuer)),
  ]
  const draft: Draft = { title, body, issuer, validity }
  if (r() < 0.9) draft.docNo = docNo(sc, prefix)
  return draft
}

function clauses(sc: Scene): string[] {
  const kind = (sc.slots.PT ?? '').replace(/（试行）$/, '').slice(-2)
  const laws = T.SUBJECT_LAWS[sc.domain.subject] ?? []
  const law = laws.map((l) => `《${l}》`).join('')
  const items = [
    `为规范和加强{W}工作，根据${law}等法律法规和有关政策规定，结合本县实际，制定本${kind}。`,
    `本${kind}适用于本县行政区域内{W}相关工作。`,
    '{W}工作坚持党委领导、政府主导、部门协同、社会参与的原则，做到依法依规、公开透明、务求实效。',
    '{U}负责全县{W}工作的统筹协调、指导监督和考核评估。',
    '各乡镇人民政府负责本辖区内{W}工作的组织实施，明确分管负责同志和工作人员。',
    '{h}、{h}等部门按照各自职责，做好{W}相关工作。',
    '县财政每年安排专项经费用于{W}工作，专款专用，任何单位和个人不得截留、挤占、挪用。',
    '对在{W}工作中成绩突出的单位和个人，按照有关规定给予表扬；对工作不力、造成不良影响的，依法依规追究责任。',
    `本${kind}由{U}负责解释。`,
    `本${kind}自{Y}年{M2}月1日起施行，有效期{n}年。`,
  ]
  const chapters: Record<number, string> = { 0: '总则', 3: '职责分工', 6: '保障措施', 8: '附则' }
  const out: string[] = []
  let chapter = 0
  items.forEach((item, i) => {
    const head = chapters[i]
    if (head) out.push(h3(`第${chineseNumber(++chapter)}章\u3000${head}`))
    out.push(p(`第${chineseNumber(i + 1)}条\u3000${fill(item, sc)}`))
  })
  return out
}

function sections(sc: Scene): string[] {
  return [
    h3('一、总体要求'),
    p(
      fill(
        '坚持以人民为中心的发展思想，完整准确全面贯彻新发展理念，围绕{W}目标任务，突出重点、精准施策，推动各项工作落地见效。',
        sc,
      ),
    ),
    h3('二、主要目标'),
    p(f(sc, T.GOALS)),
    h3('三、重点任务'),
    ul(fs(sc, T.PLAN_TASKS, int(sc.r, 3, 5))),
    h3('四、保障措施'),
    ...fs(sc, T.SAFEGUARDS, 2).map(p),
  ]
}

export function interpretationDraft(sc: Scene): Draft {
  const laws = T.SUBJECT_LAWS[sc.domain.subject] ?? []
  return {
    title: f(sc, T.INTERPRETATION_TITLES),
    body: () => [
      h3('一、出台背景'),
      p(
        fill(
          '{W}是县委县政府高度重视的一项重点工作。为进一步规范{W}工作，解决工作中存在的突出问题，{U}在深入调研、广泛征求意见的基础上，起草了《{PT}》。',
          sc,
        ),
      ),
      h3('二、制定依据'),
      p(`主要依据${laws.map((l) => `《${l}》`).join('')}以及上级有关文件精神。`),
      h3('三、主要内容'),
      p(fill('《{PT}》主要包括以下内容：', sc)),
      ul(fs(sc, T.PLAN_TASKS, int(sc.r, 3, 5))),
      h3('四、实施时间'),
      p(fill('自{Y}年{M2}月1日起施行。', sc)),
      h3('五、解读机关及联系方式'),
      p(fill('解读机关：{U}；解读人：{p}；联系电话：{tel}。', sc)),
    ],
  }
}

export function planDraft(sc: Scene): Draft {
  const draft: Draft = {
    title: f(sc, T.PLAN_TITLES),
    body: () => [
      p(
        fill(
          '为深入贯彻落实县委县政府决策部署，扎实推进{W}工作，结合工作实际，制定本计划（方案）。',
          sc,
        ),
      ),
      ...sections(sc),
    ],
  }
  if (sc.r() < 0.5) draft.docNo = docNo(sc, sc.pub.docPrefix)
  return draft
}

const JOBS = ['综合管理岗', '专业技术岗', '财务会计岗', '文字综合岗', '信息技术岗']
const POSTS = ['办公室主任', '副局长', '综合股股长', '业务股副股长', '四级主任科员', '一级科员']
const DEGREES = ['大学本科', '硕士研究生', '大学专科']

export function personnelDraft(sc: Scene): Draft {
  const r = sc.r
  if (sc.columnNames.some((n) => n.includes('任免'))) speakAs(sc, COUNTY_PUB)
  const bank = sc.columnNames.some((n) => n.includes('任免'))
    ? T.PERSONNEL_TITLES.filter((t) => !t.startsWith('j'))
    : T.PERSONNEL_TITLES
  const tpl = pick(r, bank)
  const count = int(r, 2, 6)
  sc.slots.PP = personName(r)
  sc.slots.PN = String(count)
  const title = fill(tpl.slice(2), sc)
  const people = () =>
    Array.from({ length: count }, (_, i) => [
      String(i + 1),
      i === 0 ? (sc.slots.PP ?? '') : personName(r),
      r() < 0.5 ? '男' : '女',
      `${int(r, 1975, 2001)}.${String(int(r, 1, 12)).padStart(2, '0')}`,
      pick(r, DEGREES),
      pick(r, POSTS),
    ])
  if (tpl.startsWith('j')) {
    return {
      title,
      body: () => [
        p(
          fill(
            '根据《事业单位人事管理条例》和事业单位公开招聘有关规定，经研究，决定面向社会公开招聘工作人员{n}名。现将有关事项公告如下：',
            sc,
          ),
        ),
        h3('一、招聘岗位及人数'),
        table(
          ['岗位代码', '岗位名称', '招聘人数', '学历要求'],
          some(r, JOBS, int(r, 2, 4)).map((job, i) => [
            `${sc.slots.Y}0${i + 1}`,
            job,
            String(int(r, 1, 3)),
            pick(r, DEGREES),
          ]),
        ),
        h3('二、招聘条件'),
        ul([
          '具有中华人民共和国国籍，拥护中国共产党的领导',
          '遵纪守法，品行端正',
          '具有岗位所需的学历、专业和能力',
          '身体健康，年龄在35周岁以下',
        ]),
        h3('三、报名方式'),
        p(fill('报名时间为{MD}至{M2}月{D}日，采取网上报名方式进行，不收取报名费。', sc)),
        h3('四、考试、体检和考察'),
        p('考试采取笔试和面试相结合的方式进行，按考试总成绩从高到低等额确定体检、考察人选。'),
        p(fill('咨询电话：{tel}；监督电话：{tel}。', sc)),
      ],
    }
  }
  if (tpl.startsWith('g')) {
    return {
      title,
      body: () => [
        p(
          fill(
            '根据有关规定，经民主推荐、考察、研究等程序，现将有关人员情况予以公示，公示期为{n}个工作日。',
            sc,
          ),
        ),
        p('公示对象均符合相关任职（聘用）资格条件，经考察，德才表现良好，群众公认度较高。'),
        table(['序号', '姓名', '性别', '出生年月', '学历', '拟任（聘）岗位'], people()),
        p(
          '公示期间，对公示对象有异议的，可通过来电、来信、来访等方式向我单位反映。反映情况要实事求是，并提供必要的调查线索。',
        ),
        p(fill('受理电话：{tel}。', sc)),
        ...signature(sc, sc.pub.official),
      ],
    }
  }
  return {
    title,
    docNo: docNo(sc, sc.pub.docPrefix),
    body: () => [
      p(salutation(sc)),
      p(fill('根据工作需要，经{U}研究决定：', sc)),
      ...people().map((row) => p(`任命${row[1]}为${sc.slots.U}${row[5]}；`)),
      p(fill('免去{p}的{U}办公室主任职务。', sc)),
      p(
        '以上任职人员试用期一年，试用期自任职之日起计算。试用期满后，经考核胜任现职的，正式任职；不胜任的，免去试用职务，按照有关规定安排工作。',
      ),
      p('希望以上同志珍惜组织信任，认真履行职责，勤勉敬业、廉洁自律，不断开创工作新局面。'),
      ...signature(sc, sc.pub.official),
    ],
  }
}

// Columns that name what kind of money they disclose.
const ALL_FUNDS = Object.values(T.FUNDS)
const FUND_COLUMNS: [RegExp, string][] = [
  [/救助|低保/, 'mzj'],
  [/惠农|补贴/, 'nyj'],
  [/资助/, 'jyj'],
  [/衔接/, 'xczx'],
]

/** The fund a column or unit discloses; undefined when the unit disburses none. */
function fundFor(sc: Scene): string | undefined {
  const r = sc.r
  const name = sc.column.name
  const matched = FUND_COLUMNS.find(([re]) => re.test(name))?.[1]
  const own = T.FUNDS[matched ?? sc.domain.slug]
  if (own && (matched || r() < 0.8)) return pick(r, own)
  if (sc.pub.kind === 'dept' && !own) return undefined
  return pick(r, pick(r, ALL_FUNDS))
}

export function financeDraft(sc: Scene): Draft {
  const r = sc.r
  const fund = fundFor(sc)
  if (fund) sc.slots.F = fund
  const name = sc.column.name
  const bank =
    /预决算|三公/.test(name) || !fund
      ? T.FINANCE_TITLES.filter(
          (t) => t.startsWith('b') && (!name.includes('三公') || t.includes('三公')),
        )
      : /专项|补贴|救助|资助|衔接/.test(name)
        ? T.FINANCE_TITLES.filter((t) => t.startsWith('f'))
        : T.FINANCE_TITLES
  const tpl = pick(r, bank)
  if (tpl.startsWith('b') && sc.pub.kind === 'county') speakAs(sc, deptPub(sc.domain))
  const title = fill(tpl.slice(2), sc)
  const money = (min: number, max: number) => (int(r, min * 10, max * 10) / 10).toFixed(1)
  if (tpl.startsWith('b')) {
    const isFinal = title.includes('决算')
    sc.slots.FY = isFinal ? (sc.slots.Y1 ?? '') : (sc.slots.Y ?? '')
    sc.slots.FK = isFinal ? '决算' : '预算'
    return {
      title,
      body: () => {
        const rows = ['基本支出', '项目支出', '一般公共服务支出', '社会保障和就业支出'].map(
          (item) => {
            const now = Number(money(50, 1500))
            const last = now * (0.85 + r() * 0.3)
            const change = (((now - last) / last) * 100).toFixed(1)
            return [item, now.toFixed(1), last.toFixed(1), `${change}%`]
          },
        )
        const reception = Number(money(1, 9))
        const vehicles = Number(money(5, 40))
        return [
          h3('一、部门基本情况'),
          p(fill('{U}主要负责{W}等工作，内设机构{n}个，下属单位{n}个，核定编制{N}名。', sc)),
          h3(`二、收支${sc.slots.FK}情况说明`),
          p(fill('{FY}年收支总{FK}{KK}.{n}万元，较上年增长{X}%，主要是{W}等项目支出增加。', sc)),
          table(['项目', '本年数（万元）', '上年数（万元）', '增减率'], rows),
          h3('三、“三公”经费情况说明'),
          p(
            `“三公”经费${sc.slots.FK}${(reception + vehicles).toFixed(1)}万元，其中公务接待费${reception}万元、` +
              `公务用车运行维护费${vehicles}万元，因公出国（境）费0万元，较上年下降${money(1, 9)}%。`,
          ),
          h3('四、其他重要事项说明'),
          p('本部门无政府性基金预算和国有资本经营预算，相关公开表格为空表。'),
        ]
      },
    }
  }
  const draft: Draft = {
    title,
    body: () => {
      const rows = some(r, TOWNSHIPS, int(r, 4, 7)).map((t) => [
        t.name,
        String(int(r, 80, 2600)),
        money(10, 900),
      ])
      return [
        p(
          fill(
            '根据上级有关文件精神和{F}管理办法，经乡镇初审、部门复核，现将{Y}年{F}有关情况公示（公告）如下：',
            sc,
          ),
        ),
        table(['乡镇', '涉及户（人）数', '金额（万元）'], rows),
        ...fs(sc, T.FUND_NOTES, 2).map(p),
        p(
          fill(
            '资金通过惠民惠农财政补贴资金“一卡通”直接发放到户，严禁截留、挤占、挪用，公示期为{n}个工作日。',
            sc,
          ),
        ),
        p(fill('监督举报电话：{tel}。', sc)),
        ...signature(sc, sc.pub.official),
      ]
    },
  }
  if (r() < 0.3) draft.docNo = docNo(sc, sc.pub.docPrefix)
  return draft
}

export function reportDraft(sc: Scene): Draft {
  const r = sc.r
  const names = sc.columnNames.join('/')
  if (/调研|研讨|研究/.test(names)) {
    return {
      title: f(sc, T.RESEARCH_TITLES),
      body: () =>
        T.RESEARCH_PARAS.flatMap(([head, bank], i) => [
          h3(`${chineseNumber(i + 1)}、${head}`),
          ...fs(sc, bank, 2).map(p),
        ]),
    }
  }
  if (names.includes('建议提案')) {
    return {
      title: f(sc, T.REPLY_TITLES),
      body: () => [
        p(fill('{p}代表（委员）：您提出的关于{W}的建议（提案）收悉。经认真研究，现答复如下：', sc)),
        p(fill(`近年来，{U}高度重视{W}工作。${fs(sc, T.MEASURES, 2).join('')}`, sc)),
        p(f(sc, T.RESULTS) + f(sc, T.NEXT_STEPS)),
        p('感谢您对我县工作的关心和支持，欢迎继续提出宝贵意见和建议。'),
        contact(sc),
      ],
    }
  }
  if (names.includes('公报')) {
    speakAs(sc, COUNTY_PUB)
    const issue = chineseNumber(Math.floor(sc.cn.getUTCMonth() / 2) + 1)
    return {
      title: fill(`示例县人民政府公报{Y}年第${issue}期`, sc),
      body: () => [
        p(
          fill(
            `《示例县人民政府公报》{Y}年第${issue}期（总第{K}期）于${chineseDate(sc)}出版，本期目录如下：`,
            sc,
          ),
        ),
        ul(Array.from({ length: int(r, 5, 8) }, () => fill(pick(r, T.POLICY_TITLES), sc))),
        p(
          fill(
            '本期公报刊登县人民政府及县人民政府办公室文件{n}件、部门规范性文件{n}件，另附人事任免和重要会议信息。',
            sc,
          ),
        ),
        p(
          '《示例县人民政府公报》是县人民政府主办的政府出版物，刊登的规范性文件文本为标准文本，免费赠阅。',
        ),
      ],
    }
  }
  const isAnnual = names.includes('年报') || (sc.pub.dept?.slug !== 'sjj' && r() < 0.5)
  const tpl = isAnnual ? (T.REPORT_TITLES[0] ?? '') : pick(r, T.REPORT_TITLES.slice(1))
  return {
    title: fill(tpl.slice(2), sc),
    body: () => (isAnnual ? annualReport(sc) : summary(sc)),
  }
}

function annualReport(sc: Scene): string[] {
  const n = (min: number, max: number) => String(int(sc.r, min, max))
  return [
    p(
      fill(
        '本报告根据《中华人民共和国政府信息公开条例》要求编制，报告中所列数据统计期限为{Y1}年1月1日至12月31日。',
        sc,
      ),
    ),
    h3('一、总体情况'),
    p(
      fill(
        '{Y1}年，{U}认真贯彻落实政府信息公开工作要求，全年主动公开政府信息{K}条，及时回应社会关切。',
        sc,
      ),
    ),
    h3('二、主动公开政府信息情况'),
    table(
      ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'],
      [
        ['规章', '0', '0', '0'],
        ['行政规范性文件', n(0, 6), n(0, 2), n(3, 30)],
      ],
    ),
    h3('三、收到和处理政府信息公开申请情况'),
    p(fill('全年共收到政府信息公开申请{n}件，均在法定期限内予以答复。', sc)),
    h3('四、政府信息公开行政复议、行政诉讼情况'),
    p('本年度未发生因政府信息公开引起的行政复议、行政诉讼案件。'),
    h3('五、存在的主要问题及改进情况'),
    p(
      fill(
        '主要问题是部分栏目更新不够及时、政策解读形式较为单一。下一步将加强{W}等重点领域信息公开，丰富解读形式。',
        sc,
      ),
    ),
    h3('六、其他需要报告的事项'),
    p('本年度未收取信息处理费。'),
  ]
}

function summary(sc: Scene): string[] {
  return [
    h3('一、工作开展情况'),
    p(f(sc, T.PROGRESS_LEADS)),
    ...fs(sc, T.MEASURES, 2).map((t) => p(t + f(sc, T.RESULTS))),
    h3('二、存在的问题'),
    p('一是工作力量相对薄弱；二是部分工作推进不够平衡；三是长效机制有待进一步完善。'),
    h3('三、下一步工作打算'),
    ul(fs(sc, T.PLAN_TASKS, 3)),
  ]
}

export function guideDraft(sc: Scene): Draft {
  const service = sc.slots.SV ?? ''
  if (sc.column.name.includes('表格')) {
    return {
      title: `${service}申请表`,
      body: () => [
        p(`本表用于办理${service}事项，申请人可下载后如实填写，也可到示例县政务服务中心窗口领取。`),
        p(
          '填表说明：请使用黑色签字笔填写，字迹清楚；所填内容须真实有效，不得涂改；需要签字（盖章）的栏目须由申请人本人签字或加盖单位公章。',
        ),
        p('申请人应对所提交材料的真实性负责，因材料虚假造成的法律责任由申请人承担。'),
        p(
          '附件：申请表（Word格式）、填写示例。申请人填写完毕后，可通过示例县政务服务网上传扫描件，也可到窗口提交纸质材料。',
        ),
        p(fill('咨询电话：{tel}。', sc)),
      ],
    }
  }
  const laws = T.SUBJECT_LAWS[sc.domain.subject] ?? []
  return {
    title: `${service}${f(sc, T.GUIDE_SUFFIXES)}`,
    body: () => [
      p(`本指南说明${service}的实施主体、设定依据、申请材料、办理流程和办理时限。`),
      h3('一、事项名称'),
      p(service),
      h3('二、实施主体'),
      p(sc.pub.kind === 'county' ? deptPub(sc.domain).local : sc.pub.local),
      h3('三、设定依据'),
      p(laws.map((l) => `《${l}》`).join('') || '相关法律法规'),
      h3('四、受理条件'),
      p(
        `申请人符合有关法律法规规定的条件，申请材料齐全、符合法定形式的，予以受理；材料不齐全的，一次性告知需要补正的全部内容。`,
      ),
      h3('五、申请材料'),
      ul(some(sc.r, T.GUIDE_MATERIALS, int(sc.r, 3, 5))),
      h3('六、办理流程'),
      p('申请—受理—审查—决定—送达。申请人可通过示例县政务服务网在线申报，也可到窗口现场办理。'),
      h3('七、办理时限'),
      p(`法定办结时限${int(sc.r, 10, 30)}个工作日，承诺办结时限${int(sc.r, 1, 7)}个工作日。`),
      h3('八、收费标准'),
      p('不收费。'),
      h3('九、办理地点和时间'),
      p(
        fill(
          '示例县政务服务中心{n}楼综合窗口；法定工作日上午8:30—12:00，下午14:30—17:30。咨询电话：{tel}。',
          sc,
        ),
      ),
    ],
  }
}
