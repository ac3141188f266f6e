/**
 * Drafts for notices and announcements: 通知, 通告/公告, 通报, 公示, holiday duty rosters,
 * tenders and awards, land acquisition notices and calls for public comment.
 */
import { TOWNSHIPS, personName } from './demo-units'
import * as T from './demo-words'
import {
  COUNTY_PUB,
  chineseNumber,
  deptBySlug,
  deptPub,
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
  type Draft,
  type Scene,
  fillOne,
  fillSome,
  contactLine,
} from './demo-text'

const f = fillOne
const fs = fillSome
const contact = contactLine

export function noticeDraft(sc: Scene): Draft {
  const names = sc.columnNames.join('/')
  if (names.includes('招标')) return tenderDraft(sc, T.TENDER_TITLES, false)
  if (names.includes('中标')) return tenderDraft(sc, T.AWARD_TITLES, true)
  if (names.includes('征地') || names.includes('土地征收')) return landDraft(sc)
  if (names.includes('意见征集')) return consultationDraft(sc)
  const title = f(sc, T.NOTICE_TITLES)
  const r = sc.r
  if (title.includes('放假')) return { title, body: () => holidayBody(sc) }
  if (title.includes('公示')) {
    return {
      title,
      body: () => {
        const rows = some(r, TOWNSHIPS, int(r, 3, 6)).map((t, i) => [
          String(i + 1),
          t.name,
          fill(pick(r, ['{W}示范点', '{W}项目', '{W}先进单位']), sc),
          (int(r, 600, 999) / 10).toFixed(1),
        ])
        return [
          p(
            fill(
              '根据{W}工作有关要求，经单位申报、实地核查、综合评审，{U}研究，现将有关情况予以公示，公示期为{MD}起{n}个工作日。',
              sc,
            ),
          ),
          table(['序号', '乡镇', '项目（单位）', '综合得分'], rows),
          p('以上名单按乡镇排序，评审过程严格执行回避制度，评审结果已经集体研究确定。'),
          p(
            '公示期间，如有异议，请以书面形式向我单位反映，反映问题须实事求是，并署真实姓名和联系方式。',
          ),
          contact(sc),
          ...signature(sc, sc.pub.official),
        ]
      },
    }
  }
  if (/公告|通告/.test(title)) {
    return {
      title,
      body: () => [
        p(
          fill(
            '为进一步做好{W}工作，根据有关法律法规和上级文件精神，{U}决定{ACT}。现将有关事项公告如下：',
            sc,
          ),
        ),
        ...some(r, T.NOTICE_SECTIONS, int(r, 3, 5)).map(([head, bank], i) =>
          p(`${chineseNumber(i + 1)}、${head}。${fs(sc, bank, 2).join('')}`),
        ),
        p('特此公告。'),
        ...signature(sc, sc.pub.official),
      ],
    }
  }
  if (title.includes('通报')) {
    return {
      title,
      body: () => [
        p(salutation(sc)),
        p(f(sc, T.PROGRESS_LEADS)),
        h3('一、基本情况'),
        p(fs(sc, T.MEASURES, 2).join('') + fs(sc, T.RESULTS, 2).join('')),
        h3('二、存在的问题'),
        p(fill('从检查情况看，个别单位对{W}工作重视不够，工作台账不规范，问题整改不及时。', sc)),
        h3('三、下一步要求'),
        p(fs(sc, T.DEMANDS, 2).join('')),
        ...signature(sc, sc.pub.official),
      ],
    }
  }
  return {
    title,
    body: () => [
      p(salutation(sc)),
      p(`${f(sc, T.NOTICE_PURPOSES)}现将有关事项通知如下：`),
      ...some(r, T.NOTICE_SECTIONS, int(r, 3, 5)).flatMap(([head, bank], i) => [
        h3(`${chineseNumber(i + 1)}、${head}`),
        p(fs(sc, bank, 2).join('')),
      ]),
      contact(sc),
      ...signature(sc, sc.pub.official),
    ],
  }
}

function holidayBody(sc: Scene): string[] {
  const r = sc.r
  const rows = Array.from({ length: int(r, 3, 5) }, (_, i) => [
    `第${chineseNumber(i + 1)}天`,
    personName(r),
    `${personName(r)}、${personName(r)}`,
    fill('{tel}', sc),
  ])
  return [
    p(salutation(sc)),
    p(
      fill(
        '根据上级关于{Y}年部分节假日安排的通知精神，结合工作实际，现将{H2}放假及值班安排通知如下：',
        sc,
      ),
    ),
    h3('一、放假时间'),
    p(fill('{H2}放假时间按照国家统一规定执行，节前节后调休上班的，请各单位做好工作衔接。', sc)),
    h3('二、值班安排'),
    table(['日期', '带班领导', '值班人员', '值班电话'], rows),
    h3('三、工作要求'),
    p(
      fill(
        '各单位要严格落实24小时值班和领导带班制度，做好{W}等工作，遇有重大突发事件须第一时间报告，不得迟报、漏报、瞒报。',
        sc,
      ),
    ),
    ...signature(sc, sc.pub.official),
  ]
}

// Units that tender roads, farmland, water, schools and clinics.
const TENDERING = ['jtj', 'nyj', 'zjj', 'slj', 'jyj', 'wjj'].map(deptBySlug)

function tenderDraft(sc: Scene, titles: readonly string[], isAward: boolean): Draft {
  const r = sc.r
  if (sc.pub.kind === 'dept' && !TENDERING.includes(sc.domain)) {
    sc.domain = pick(r, TENDERING)
    sc.slots.W = pick(r, sc.domain.focus)
    speakAs(sc, deptPub(sc.domain))
  }
  const budget = (int(r, 50, 3000) / 10).toFixed(1)
  const company = () =>
    `示例${pick(r, ['建工', '路桥', '水利', '园林', '信息'])}${pick(r, ['工程', '建设', '科技'])}有限公司`
  return {
    title: f(sc, titles),
    body: () =>
      isAward
        ? [
            p(
              fill(
                '示例县公共资源交易中心受{U}委托，对本项目进行公开招标，经评标委员会评审，现将中标候选人公示如下：',
                sc,
              ),
            ),
            table(
              ['排序', '中标候选人', '投标报价（万元）', '工期（日历天）'],
              [1, 2, 3].map((i) => [String(i), company(), budget, String(int(r, 60, 240))]),
            ),
            p(
              '本项目评标委员会由招标人代表和从专家库中随机抽取的专家组成，评标工作全程录音录像，接受行政监督部门监督。',
            ),
            p(
              fill(
                '公示期为{MD}起3日。投标人或者其他利害关系人对评标结果有异议的，应当在公示期内以书面形式向招标人提出；对异议答复不满意的，可向县公共资源交易监督管理部门投诉。',
                sc,
              ),
            ),
            contact(sc),
          ]
        : [
            p(
              fill(
                '本项目已由有关部门批准建设，建设资金已落实，招标人为{U}。项目已具备招标条件，现对该项目进行公开招标。',
                sc,
              ),
            ),
            h3('一、项目概况与招标范围'),
            p(
              fill(
                `建设地点：示例县{T}；最高投标限价：${budget}万元；计划工期：{N}0日历天；招标范围：施工图及工程量清单范围内的全部内容。`,
                sc,
              ),
            ),
            h3('二、投标人资格要求'),
            p(
              '投标人须具备独立法人资格，具有相应施工总承包资质，近三年内无重大质量安全事故，本次招标不接受联合体投标。',
            ),
            h3('三、招标文件的获取'),
            p(fill('凡有意参加投标者，请于{FD}前登录示例县公共资源交易网下载电子招标文件。', sc)),
            contact(sc),
          ],
  }
}

function landDraft(sc: Scene): Draft {
  speakAs(sc, COUNTY_PUB)
  return {
    title: f(sc, T.LAND_TITLES),
    body: () => [
      p(
        fill(
          '根据《中华人民共和国土地管理法》《中华人民共和国土地管理法实施条例》等规定，为了公共利益的需要，示例县人民政府拟征收{T}{V}部分集体土地，现将有关事项公告如下：',
          sc,
        ),
      ),
      p(fill('一、征收范围：{T}{V}，拟征收土地面积{N}.{n}公顷，具体以勘测定界成果为准。', sc)),
      p('二、征收目的：用于城镇建设及公共基础设施建设，符合国土空间规划和年度计划。'),
      p(
        '三、开展土地现状调查：自公告之日起，县自然资源和规划局将会同乡镇人民政府开展土地现状调查，请被征收土地的所有权人、使用权人予以配合。',
      ),
      p('四、自本公告发布之日起，在拟征收范围内抢栽抢建的，对抢栽抢建部分不予补偿。'),
      ...signature(sc, '示例县人民政府'),
    ],
  }
}

function consultationDraft(sc: Scene): Draft {
  return {
    title: fill('关于征求《{PT}（征求意见稿）》意见的公告', sc),
    body: () => [
      p(
        fill(
          '为进一步推进{W}工作，{U}起草了《{PT}（征求意见稿）》，为提高决策的科学性和透明度，现向社会公开征求意见。',
          sc,
        ),
      ),
      p(fill('一、征求意见时间：{MD}至{M2}月{D}日。', sc)),
      p(
        fill(
          '二、意见反馈方式：社会各界可通过电子邮件、信函或在本网站“意见征集”栏目留言等方式提出意见建议。联系电话：{tel}。',
          sc,
        ),
      ),
      p(
        '三、请在意见建议中注明真实姓名和联系方式，以便进一步沟通联系。我们将认真研究采纳合理意见，并在征集结束后反馈采纳情况。',
      ),
      ...signature(sc, sc.pub.official),
    ],
  }
}
