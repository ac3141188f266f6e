import type { Core } from '../../core'
import type { Column } from '../columns/column.repository'
import { systemContext } from '../users/actor'

/**
 * Demo 热点解答 (written for the demo county 示例县; every figure, phone number and place is
 * fictional): the questions people most often ask the units, on the portal's 热点解答 column
 * (互动交流 › 热点解答) and on the channels of the units that answer them. One closed letter of
 * the 县长信箱 is turned into an entry the way staff do it, by 转为热点解答.
 */
interface DemoQuestion {
  /** The unit's slug in the demo county (its site is `bm-<slug>`). */
  unit: string
  question: string
  answer: string
  topics: string[]
  isHot?: boolean
}

const Q: DemoQuestion[] = [
  {
    unit: 'rsj',
    question: '城乡居民养老保险每年什么时候缴费？缴费档次有哪些？',
    answer:
      '城乡居民养老保险按年缴费，每年 1 月 1 日至 12 月 20 日均可缴纳当年保费。\n缴费档次分为每年 200 元至 5000 元共 14 个档次，多缴多得。可通过“示例县人社”公众号、银行网点或村（社区）代办员缴费。\n咨询电话：0399-6210001。',
    topics: ['社会保障', '养老保险'],
    isHot: true,
  },
  {
    unit: 'rsj',
    question: '失业后如何申领失业保险金？',
    answer:
      '失业前参加失业保险并累计缴费满 1 年、非本人意愿中断就业、已办理失业登记并有求职要求的，可申领失业保险金。\n请携带身份证到县政务服务中心人社窗口办理，或通过省人社网上服务大厅线上申请。',
    topics: ['就业创业', '社会保障'],
    isHot: true,
  },
  {
    unit: 'rsj',
    question: '高校毕业生回乡创业可以享受哪些扶持政策？',
    answer:
      '毕业 5 年内的高校毕业生在本县创业的，可申请最高 20 万元的创业担保贷款（个人），并按规定享受财政贴息；首次创业且正常经营 1 年以上的，可申请一次性创业补贴 5000 元。\n具体条件以当年度政策文件为准，可到县就业局创业服务窗口咨询。',
    topics: ['就业创业'],
  },
  {
    unit: 'rsj',
    question: '单位拖欠工资，应该向哪里投诉？',
    answer:
      '可向县劳动保障监察大队投诉，投诉时请提供本人身份证明、用人单位名称和地址、欠薪期间和金额等材料。\n投诉电话：0399-6210012（工作日），也可通过全国根治欠薪线索反映平台提交。',
    topics: ['劳动维权'],
  },
  {
    unit: 'ybj',
    question: '新生儿如何参加城乡居民医保？',
    answer:
      '新生儿可凭出生医学证明、户口簿在户籍所在地乡镇便民服务中心或县医保服务大厅办理参保登记，也可通过“医保服务”小程序线上办理。\n出生后 90 天内参保缴费的，自出生之日起享受医保待遇。',
    topics: ['医疗保障', '参保缴费'],
    isHot: true,
  },
  {
    unit: 'ybj',
    question: '异地就医需要办理备案吗？怎么办理？',
    answer:
      '跨省、跨市异地就医需先办理备案，备案后可在就医地定点医疗机构直接结算。\n可通过国家医保服务平台 App、“医保服务”小程序或县医保服务大厅办理，急诊抢救人员可先就医后补办。',
    topics: ['医疗保障', '异地就医'],
    isHot: true,
  },
  {
    unit: 'ybj',
    question: '门诊慢特病待遇怎么申请？',
    answer:
      '患有高血压、糖尿病等门诊慢特病的参保人员，可携带身份证、二级及以上医院近一年的病历和检查报告，到县医保服务大厅或定点医院医保办申请鉴定。\n鉴定通过后，在定点医疗机构门诊治疗相关疾病的费用按规定报销。',
    topics: ['医疗保障'],
  },
  {
    unit: 'gjj',
    question: '住房公积金贷款最高可以贷多少？',
    answer:
      '目前双职工缴存家庭最高可贷 60 万元，单职工缴存家庭最高可贷 45 万元；购买首套住房且属多子女家庭的，最高额度可上浮 10 万元。\n实际可贷额度还与缴存余额、还款能力和房屋价格有关，以审批结果为准。',
    topics: ['住房公积金'],
    isHot: true,
  },
  {
    unit: 'gjj',
    question: '租房可以提取住房公积金吗？',
    answer:
      '职工本人及配偶在本县无自有住房且租赁住房的，可申请提取住房公积金支付房租，每年可提取一次。\n可通过公积金中心网上服务大厅、手机公积金 App 或管理部服务窗口办理。',
    topics: ['住房公积金'],
  },
  {
    unit: 'gaj',
    question: '身份证丢了在哪里补办？需要多长时间？',
    answer:
      '可到县公安局户政服务大厅或各派出所户籍窗口补领居民身份证，省内户籍人员可跨市办理。\n一般 15 个工作日内可领取新证；急需用证的可同时申请办理临时居民身份证，当场领取。',
    topics: ['户籍证件'],
    isHot: true,
  },
  {
    unit: 'gaj',
    question: '孩子出生后多久要办理户口登记？',
    answer:
      '婴儿出生后一个月以内，由户主、亲属、抚养人或邻居凭出生医学证明、父母双方户口簿和居民身份证、结婚证，到户籍所在地派出所申报出生登记。\n已开通“出生一件事”的，可在医院或线上一并办理。',
    topics: ['户籍证件'],
  },
  {
    unit: 'jyj',
    question: '义务教育阶段学校招生划片范围在哪里查询？',
    answer:
      '每年 6 月，县教育局在本网站“招生考试”栏目公布城区义务教育学校招生划片范围和报名时间，各学校同步在校门口张贴公告。\n对划片范围有疑问的，可拨打县教育局招生咨询电话 0399-6220031。',
    topics: ['教育入学'],
    isHot: true,
  },
  {
    unit: 'jyj',
    question: '家庭经济困难学生可以申请哪些资助？',
    answer:
      '学前教育、义务教育、普通高中和中职阶段的家庭经济困难学生，可按规定享受保育教育费减免、生活补助、国家助学金和免学费等资助。\n请在每学期开学后向就读学校提出申请，由学校认定后按程序发放。',
    topics: ['教育入学', '社会救助'],
  },
  {
    unit: 'mzj',
    question: '申请最低生活保障需要什么条件？',
    answer:
      '共同生活的家庭成员人均收入低于本县最低生活保障标准，且家庭财产状况符合规定的，可以申请最低生活保障。\n申请人向户籍所在地乡镇人民政府（街道办事处）提出书面申请，也可委托村（居）民委员会代为提出。',
    topics: ['社会救助'],
  },
  {
    unit: 'mzj',
    question: '办理结婚登记需要带哪些材料？可以预约吗？',
    answer:
      '双方需共同到婚姻登记处，携带本人户口簿、身份证和 3 张 2 寸双人近期半身免冠合影照片办理。\n全省已实行结婚登记“跨省通办”试点，可通过“示例县民政”公众号预约。',
    topics: ['婚姻登记'],
  },
  {
    unit: 'sj',
    question: '个人所得税综合所得年度汇算什么时候办理？',
    answer:
      '每年 3 月 1 日至 6 月 30 日办理上一年度综合所得年度汇算，可通过个人所得税 App 自行办理，也可委托扣缴单位或涉税专业服务机构办理。\n年度综合所得收入不超过 12 万元且需要补税的，或补税金额不超过 400 元的，无需办理补税。',
    topics: ['税费缴纳'],
    isHot: true,
  },
  {
    unit: 'zrzy',
    question: '农村村民建房需要办理哪些手续？',
    answer:
      '农村村民建住宅，应向村集体经济组织或村民委员会提出申请，经村民会议或村民代表会议讨论通过并公示后，报乡镇人民政府审核批准，取得乡村建设规划许可证后方可开工。\n严禁占用永久基本农田建房。',
    topics: ['不动产登记', '农村建房'],
  },
  {
    unit: 'zrzy',
    question: '新房办理不动产权证需要多长时间？',
    answer:
      '开发企业完成首次登记后，购房人可申请转移登记。资料齐全的，一般登记 5 个工作日内办结；已开通“交房即交证”的项目，交房时即可领证。',
    topics: ['不动产登记'],
  },
  {
    unit: 'xzsp',
    question: '个体工商户营业执照可以网上办理吗？',
    answer:
      '可以。登录省政务服务网或“示例县政务服务”小程序，进入“个体工商户登记”在线填报，审核通过后可选择邮寄或到县政务服务中心自取营业执照，也可下载电子营业执照。',
    topics: ['开办企业'],
  },
  {
    unit: 'wjj',
    question: '如何为孩子办理出生医学证明？',
    answer:
      '婴儿在医疗机构出生的，由出生医院签发出生医学证明，父母双方携带身份证、结婚证到医院产科或出生证明办理窗口申领。\n在医疗机构外出生的，需经县卫生健康局指定机构进行亲子鉴定后申领。',
    topics: ['生育收养'],
  },
]

/** Creates the portal's 热点解答 column (under 互动交流) when the county has none. */
async function portalFaqColumn(core: Core, portalId: number): Promise<void> {
  const ctx = systemContext('seed')
  const columns = await core.columns.listBySite(ctx, portalId)
  if (columns.some((c) => c.type === 'faq')) return
  const parent: Column | undefined = columns.find((c) => c.slug === 'hdjl')
  await core.columns.create(ctx, portalId, {
    name: '热点解答',
    slug: 'rdjd',
    type: 'faq',
    updateClass: 'asNeeded',
    parentId: parent?.id ?? null,
    description: '各部门对群众和企业普遍关心问题的权威解答，可按主题浏览或搜索。',
  })
}

export async function seedDemoQuestions(core: Core, siteIds: Map<string, number>): Promise<number> {
  const ctx = systemContext('seed')
  const portalId = siteIds.get('sxx')
  if (portalId) await portalFaqColumn(core, portalId)
  const units = new Set<number>()
  let n = 0
  for (const [i, q] of Q.entries()) {
    const unitSiteId = siteIds.get(`bm-${q.unit}`)
    if (!unitSiteId) continue
    await core.questions.create(ctx, {
      unitSiteId,
      question: q.question,
      answer: q.answer,
      topics: q.topics,
      status: 'published',
      isHot: q.isHot ?? false,
      sort: Q.length - i,
    })
    units.add(unitSiteId)
    n++
  }
  // A channel shows its own unit's entries: give the answering units a 热点解答 column.
  for (const unitSiteId of units) {
    const columns = await core.columns.listBySite(ctx, unitSiteId)
    if (columns.some((c) => c.type === 'faq' || c.slug === 'rdjd')) continue
    await core.columns.create(ctx, unitSiteId, {
      name: '热点解答',
      slug: 'rdjd',
      type: 'faq',
      updateClass: 'asNeeded',
    })
  }
  // 转为热点解答: the first closed letter becomes an entry, published after a light edit.
  const closed = await core.deps.db
    .selectFrom('letter')
    .select('id')
    .where('state', '=', 'closed')
    .orderBy('id')
    .executeTakeFirst()
  if (closed) {
    const draft = await core.questions.fromLetter(ctx, closed.id)
    await core.questions.update(ctx, draft.id, {
      unitSiteId: draft.unitSiteId,
      question: draft.question,
      detail: draft.detail,
      answer: draft.answer,
      status: 'published',
      topics: ['来信选登'],
    })
    n++
  }
  return n
}
