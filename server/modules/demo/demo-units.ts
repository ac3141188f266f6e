/**
 * The fictional units of 示例县: departments, townships and villages, county leaders, plus the
 * fictional-name and hashing helpers shared by the site builder and the article generator.
 * Everything is invented; no real person or place is named.
 */

export const COUNTY = '示例县'
/** 6-digit fictional division code used in 网站标识码 and 索引号. */
export const DIVISION_CODE = '139999'
export const AREA_CODE = '0399'

/** What kind of content a column holds; drives the title/body generator. */
export const CONTENT_TOPICS = [
  'news',
  'notice',
  'policy',
  'interpretation',
  'plan',
  'personnel',
  'finance',
  'report',
  'guide',
  'intro',
  'leader',
  'statistics',
  'investment',
  'rural',
  'convenience',
] as const
export type DeptTopic = (typeof CONTENT_TOPICS)[number]

export interface ExtraColumn {
  slug: string
  name: string
  topic: DeptTopic
  updateClass: 'news' | 'notice' | 'plan' | 'asNeeded'
}

export interface DeptSpec {
  slug: string
  name: string
  /** How county texts name the unit, e.g. '县发展和改革局'. */
  local: string
  short: string
  /** 文号 prefix, e.g. '示发改' → 示发改发〔2023〕12号. */
  doc: string
  subject: string
  hasInterpretation: boolean
  focus: string[]
  services: string[]
  extras: ExtraColumn[]
}

export interface TownSpec {
  slug: string
  name: string
  industry: string
  villages: { slug: string; name: string }[]
}

const TOPICS: readonly string[] = CONTENT_TOPICS
const CLASSES: readonly string[] = ['news', 'notice', 'plan', 'asNeeded']

/** Splits a whitespace-separated word list. */
export function words(text: string): string[] {
  return text.split(/\s+/).filter((w) => w.length > 0)
}

/** Splits a block into its non-empty trimmed lines. */
export function lines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
}

/*
 * One department per block: a header `slug|official name|short|doc prefix|主题分类|flags`
 * (flag i: keeps a 政策解读 column; l=… overrides the local name), then lines starting with
 * f (focus work), s (service items), x (extra columns: `slug 名称 topic updateClass`, comma-separated).
 */
const DEPT_TABLE = `
fgj|示例县发展和改革局|发改局|示发改|国民经济管理、国有资产监管|i
f 重点项目建设 项目谋划储备 价格监测 以工代赈 节能降耗 社会信用体系建设 专项债券项目申报
f 中央预算内投资项目 营商环境优化 重要民生商品保供稳价
s 企业投资项目备案 企业投资项目核准 固定资产投资项目节能审查 政府投资项目可行性研究报告审批
x zdxm 重点项目 plan notice, jgjc 价格监测 statistics notice

jyj|示例县教育局|教育局|示教|科技、教育|i
f 义务教育优质均衡发展 学前教育普惠发展 校园安全 “双减”工作 教师队伍建设 学生资助 控辍保学
f 学生营养改善计划 校园食品安全 中小学招生入学 防溺水安全教育
s 教师资格认定 民办学校设立审批 学生资助申请 义务教育阶段学生转学 中小学教师资格定期注册
x zsks 招生考试 notice notice, xszz 学生资助 finance notice

gaj|示例县公安局|公安局|示公|公安、安全、司法|
f 电信网络诈骗防范 道路交通安全 禁毒宣传 扫黑除恶常态化 社会治安防控 户籍管理
f 夏夜治安巡查 校园周边治安整治 反诈宣传进社区
s 居民身份证办理 户口迁移 出生登记 机动车驾驶证换证 无犯罪记录证明
x jwgk 警务公开 notice notice, jtaq 交通安全 news news

mzj|示例县民政局|民政局|示民|民政、扶贫、救灾|i
f 最低生活保障 特困人员供养 养老服务体系建设 困境儿童关爱 婚姻登记 殡葬改革 社会组织管理
f 临时救助 城乡社区治理 地名管理
s 结婚登记 离婚登记 最低生活保障审批 特困人员救助供养审批 临时救助申请 社会团体成立登记
x shjz 社会救助 finance notice, ylfw 养老服务 news news

sfj|示例县司法局|司法局|示司|公安、安全、司法|
f 普法宣传 人民调解 法律援助 社区矫正 公共法律服务体系建设 “八五”普法 行政执法监督
f 法治政府建设 安置帮教
s 法律援助申请 人民调解申请 公证事项咨询 基层法律服务工作者执业核准
x pfxc 普法宣传 news news

czj|示例县财政局|财政局|示财|财政、金融、审计|i
f 预算管理 国库集中支付 政府采购 惠民惠农“一卡通” 直达资金监管 国有资产管理 财会监督
f 政府债务风险防控 会计管理
s 政府采购投诉处理 会计人员信息采集 惠民惠农财政补贴资金查询
x zfcg 政府采购 notice notice

rsj|示例县人力资源和社会保障局|人社局|示人社|劳动、人事、监察|i
f 稳就业 根治欠薪 城乡居民养老保险 工伤保险 职业技能培训 高校毕业生就业 返乡创业
f 劳动保障监察 事业单位公开招聘 人才引进
s 失业登记 就业创业证申领 城乡居民养老保险参保登记 工伤认定 劳动人事争议仲裁申请
s 职业技能等级认定
x jycy 就业创业 news news, shbz 社会保障 notice notice

zrzy|示例县自然资源和规划局|自然资源局|示自然资|国土资源、能源|i
f 耕地保护 国土空间规划 不动产登记 土地执法 地质灾害防治 矿产资源管理 土地综合整治
f 农村乱占耕地建房整治 耕地“进出平衡”
s 不动产登记 建设用地规划许可 乡村建设规划许可 国有建设用地使用权出让 采矿权登记
x tdcr 土地出让 notice notice, ghgs 规划公示 notice notice

sthj|示例市生态环境局示例县分局|生态环境分局|示环|城乡建设、环境保护|l=市生态环境局示例县分局
f 大气污染防治 水污染防治 土壤污染防治 中央生态环境保护督察整改 生态环境执法
f 饮用水水源地保护 排污许可管理 秸秆禁烧 噪声污染治理
s 建设项目环境影响评价文件审批 排污许可证核发 危险废物转移审批
x hjzl 环境质量 statistics notice, hpgs 环评公示 notice notice

zjj|示例县住房和城乡建设局|住建局|示建|城乡建设、环境保护|i
f 老旧小区改造 保障性住房建设 建筑施工安全 城镇燃气安全 农村危房改造 房地产市场监管
f 建筑市场整治 自建房安全排查 城市更新
s 建筑工程施工许可 商品房预售许可 公共租赁住房申请 建筑业企业资质审批
x cxjs 城乡建设 news news, zfbz 住房保障 notice notice

jtj|示例县交通运输局|交通运输局|示交|工业、交通|
f “四好农村路”建设 公路养护 道路运输安全 农村客运 治超治限 交通建设项目 城乡公交一体化
f 县乡村三级物流体系建设
s 道路运输经营许可 出租汽车驾驶员从业资格证核发 超限运输车辆行驶公路许可
x jtjs 交通建设 news news

slj|示例县水利局|水利局|示水|农业、林业、水利|
f 防汛抗旱 河湖长制 农村饮水安全 水土保持 小型水库安全运行 水资源管理 河道采砂管理
f 冬春水利建设 灌区续建配套改造
s 取水许可 河道管理范围内建设项目审批 生产建设项目水土保持方案审批
x hhzz 河湖长制 news news, fxkh 防汛抗旱 notice notice

nyj|示例县农业农村局|农业农村局|示农|农业、林业、水利|i
f 春耕生产 高标准农田建设 粮食生产 动物疫病防控 农产品质量安全 农村人居环境整治
f 农民专业合作社发展 耕地地力保护补贴发放 农机购置补贴 特色产业发展 农村宅基地管理
s 农机购置补贴申请 农药经营许可 兽药经营许可 种子生产经营许可 农村宅基地审批
x hnzc 惠农政策 policy notice, nyjs 农业技术 rural asNeeded

swj|示例县商务局|商务局|示商|商贸、海关、旅游|
f 消费促进 电子商务进农村 外贸稳增长 家电以旧换新 成品油市场整治 县域商业体系建设
f 单用途预付卡管理 商贸流通
s 对外贸易经营者备案 成品油零售经营资格审批 单用途商业预付卡备案
x dzsw 电子商务 news news

wlj|示例县文化和旅游局|文旅局|示文旅|文化、广电、新闻出版|
f 全域旅游 非物质文化遗产保护 公共文化服务 文物保护 文化市场综合执法 送戏下乡 全民阅读
f A级景区创建 乡村旅游
s 营业性演出审批 娱乐场所经营许可 旅行社设立许可 互联网上网服务营业场所经营许可
x lyzx 旅游资讯 news news, fybh 非遗保护 news asNeeded

wjj|示例县卫生健康局|卫健局|示卫健|卫生、体育|i
f 家庭医生签约服务 基本公共卫生服务 紧密型县域医共体建设 传染病防控 爱国卫生运动
f 妇幼健康 医疗质量安全 健康县城建设 老年健康服务
s 医疗机构执业登记 医师执业注册 出生医学证明办理 公共场所卫生许可
x jkkp 健康科普 news news, ggws 公共卫生 notice notice

tyjr|示例县退役军人事务局|退役军人局|示退役军人|民政、扶贫、救灾|
f 退役军人就业创业 优抚对象帮扶 光荣牌悬挂 双拥共建 烈士纪念设施保护 退役士兵安置
f 退役军人走访慰问
s 退役军人优待证申领 退役士兵自主就业一次性经济补助 伤残抚恤 烈士褒扬金发放
x sygz 双拥工作 news news

yjj|示例县应急管理局|应急管理局|示应急|市场监管、安全生产监管|
f 安全生产 森林防灭火 防灾减灾 危险化学品监管 非煤矿山安全 应急演练 自然灾害救助
f “安全生产月”活动 安全隐患排查整治
s 危险化学品经营许可 烟花爆竹经营（零售）许可 主要负责人安全生产知识考核
x aqsc 安全生产 news news, yjya 应急预案 plan plan

sjj|示例县审计局|审计局|示审|财政、金融、审计|
f 经济责任审计 政府投资项目审计 预算执行审计 专项资金审计 审计整改 自然资源资产离任审计
x sjgg 审计公告 report notice

scjg|示例县市场监督管理局|市场监管局|示市监|市场监管、安全生产监管|i
f 食品安全 药品安全 特种设备安全 消费者权益保护 “双随机、一公开”监管 知识产权保护
f 计量监督 经营主体培育 产品质量抽检
s 个体工商户设立登记 食品经营许可 企业设立登记 特种设备使用登记 药品零售企业许可
x cjgg 抽检公告 notice notice, xfwq 消费维权 news news

tjj|示例县统计局|统计局|示统|国民经济管理、国有资产监管|
f 统计调查 经济普查 统计执法检查 统计数据质量 人口抽样调查 统计法治宣传
s 统计数据查询
x tjsj 统计数据 statistics notice, tjgb 统计公报 statistics plan

ybj|示例县医疗保障局|医保局|示医保|卫生、体育|i
f 城乡居民医保参保 医保基金监管 异地就医直接结算 医保支付方式改革 药品集中带量采购
f 门诊慢特病管理 医疗救助 医保电子凭证推广
s 城乡居民基本医疗保险参保登记 异地就医备案 门诊慢特病待遇认定 医疗费用手工报销
x ybzc 医保政策 policy notice

lyj|示例县林业局|林业局|示林|农业、林业、水利|
f 森林防火 国土绿化 林长制 松材线虫病防治 野生动植物保护 天然林保护 林下经济 古树名木保护
s 林木采伐许可 使用林地审核 野生动物人工繁育许可
x lzz 林长制 news news

xczx|示例县乡村振兴局|乡村振兴局|示乡振|民政、扶贫、救灾|i
f 防止返贫动态监测 衔接资金项目管理 脱贫人口稳岗就业 驻村帮扶 脱贫人口小额信贷
f 消费帮扶 和美乡村建设 帮扶车间建设
s 脱贫人口小额信贷申请
x xjzj 衔接资金 finance notice, zcbf 驻村帮扶 news news

xzsp|示例县行政审批局|行政审批局|示审批|综合政务|
f “一网通办” 相对集中行政许可权改革 “高效办成一件事” 政务服务“好差评” 帮办代办服务
f “跨省通办” 12345政务服务便民热线 政务服务标准化建设
s 企业开办“一件事” 新生儿出生“一件事” 退休“一件事” 工程建设项目审批
x spgs 审批公示 notice notice, zwfw 政务服务 news news

xfj|示例县信访局|信访局|示信访|综合政务|
f 信访积案化解 领导干部接访下访 网上信访 新时代“枫桥经验” 信访工作法治化 矛盾纠纷排查化解
s 信访事项受理 信访事项复查
x xfzs 信访知识 policy asNeeded

cgj|示例县城市管理综合执法局|城管局|示城管|城乡建设、环境保护|
f 市容环境整治 违法建设治理 生活垃圾分类 占道经营整治 城区绿化 户外广告管理 市政设施维护
f 渣土车辆管理
s 城市建筑垃圾处置核准 临时占用城市道路审批 户外广告设施设置审批 城市绿地占用审批
x zfgs 执法公示 notice notice

sj|国家税务总局示例县税务局|税务局|示税|财政、金融、审计|il=县税务局
f 税费优惠政策落实 “便民办税春风行动” 个人所得税汇算 社保费征缴 纳税信用评价
f 非接触式办税 税收宣传月 全面数字化电子发票推广
s 个人所得税综合所得汇算清缴 发票领用 纳税信用补评 新办纳税人套餐
x sszc 税收政策 policy notice

dag|示例县档案馆|档案馆|示档|综合政务|
f 档案收集 档案数字化 “6·9”国际档案日宣传 档案利用服务 地方志编纂 档案安全检查
s 档案查阅利用 婚姻档案查询
x dabj 档案编研 news asNeeded

qxj|示例县气象局|气象局|示气|农业、林业、水利|
f 气象预警服务 人工影响天气 气象防灾减灾 农业气象服务 “3·23”世界气象日 雷电防护安全
s 雷电防护装置设计审核 升放气球活动许可
x tqyb 天气预报 convenience news

kjj|示例县科学技术和经济信息化局|科经局|示科经|工业、交通|
f 工业经济运行 科技创新 高新技术企业培育 “专精特新”企业培育 规上工业企业培育 技术改造
f 工业用电保障 科技特派员
s 科技型中小企业评价 高新技术企业认定推荐
x kjcx 科技创新 news news

rmt|示例县融媒体中心|融媒体中心|示融媒|文化、广电、新闻出版|
f 新闻宣传 媒体融合 网络文明传播 主题宣传 新闻采编业务
x spxw 视频新闻 news news

gsl|示例县工商业联合会|工商联|示工商联|商贸、海关、旅游|
f 民营经济发展 “万企兴万村”行动 商会建设 非公有制经济人士理想信念教育 助企纾困
x shdt 商会动态 news news

zgh|示例县总工会|总工会|示工|劳动、人事、监察|
f 职工维权 困难职工帮扶 “金秋助学” 劳动和技能竞赛 “夏送清凉”活动 劳模评选 职工书屋建设
f 户外劳动者服务站点建设
s 困难职工帮扶申请
x zgzj 职工之家 news news

txw|共青团示例县委员会|团县委|示团|科技、教育|l=团县委
f 青年志愿服务 “希望工程”助学 青少年思想引领 “青马工程” 少先队工作 青年创业就业
x zyfw 志愿服务 news news

fl|示例县妇女联合会|妇联|示妇|人口与计划生育、妇女儿童工作|
f 巾帼建功 “两癌”筛查 家庭教育 “最美家庭”评选 妇女儿童权益维护 巾帼志愿服务 留守儿童关爱
x jtjy 家庭教育 news news

cl|示例县残疾人联合会|残联|示残联|民政、扶贫、救灾|
f 残疾人就业 残疾儿童康复救助 残疾人两项补贴 无障碍环境建设 全国助残日活动 辅助器具适配
s 残疾人证办理 残疾儿童康复救助申请
x zcfw 助残服务 notice news

gjj|示例市住房公积金中心示例县管理部|公积金中心|示公积金|城乡建设、环境保护|l=市住房公积金中心示例县管理部
f 住房公积金归集 住房公积金贷款 灵活就业人员缴存 住房公积金提取 “住房公积金服务月”
s 住房公积金缴存登记 住房公积金提取 住房公积金个人住房贷款
x jctq 缴存提取 guide asNeeded

lsj|示例县粮食和物资储备局|粮储局|示粮|国民经济管理、国有资产监管|
f 粮食收购 储备粮管理 粮食安全宣传周 粮食流通监管 应急物资储备 粮库安全生产
s 粮食收购企业备案
x lysc 粮油市场 statistics news

jgsw|示例县机关事务服务中心|机关事务中心|示机关事务|综合政务|
f 公共机构节能 公务用车管理 办公用房管理 节约型机关建设 机关食堂反食品浪费
x jngl 节能管理 news asNeeded

tcj|示例县投资促进中心|投促中心|示投促|商贸、海关、旅游|
f 招商引资 项目签约落地 驻外招商 产业链招商 重点客商对接 招商项目储备
x zsxm 招商项目 investment notice

zfb|示例县人民政府办公室|政府办|示政办|综合政务|
f 政务督查 政务公开 电子政务 应急值守 公文办理 政务信息报送 建议提案办理
x jyta 建议提案 report plan, zwdc 政务督查 news news

mzzj|示例县民族宗教事务局|民宗局|示民宗|民族、宗教|
f 民族团结进步创建 宗教活动场所管理 铸牢中华民族共同体意识 宗教政策法规宣传
x mztj 民族团结 news news

sjju|示例县数据局|数据局|示数据|综合政务|
f 数字政府建设 政务数据共享 公共数据开放 数字经济发展 政务云运维 网络安全防护
x szzf 数字政府 news news
`

function parseDepartments(table: string): DeptSpec[] {
  const blocks = table
    .split(/\n\s*\n/)
    .map(lines)
    .filter((b) => b.length > 0)
  return blocks.map((block) => {
    const [header = '', ...rest] = block
    const [slug = '', name = '', short = '', doc = '', subject = '', flags = ''] = header.split('|')
    const localOverride = /l=(.+)$/.exec(flags)?.[1]
    const spec: DeptSpec = {
      slug,
      name,
      local: localOverride ?? name.replace(/^示例县/, '县'),
      short,
      doc,
      subject,
      hasInterpretation: flags.startsWith('i'),
      focus: [],
      services: [],
      extras: [],
    }
    for (const line of rest) {
      const body = line.slice(2)
      if (line.startsWith('f ')) spec.focus.push(...words(body))
      else if (line.startsWith('s ')) spec.services.push(...words(body))
      else if (line.startsWith('x ')) spec.extras.push(...body.split(',').map(parseExtra))
      else throw new Error(`demo department ${slug}: bad line "${line}"`)
    }
    return spec
  })
}

function parseExtra(text: string): ExtraColumn {
  const [slug = '', name = '', topic = '', updateClass = ''] = words(text)
  if (!TOPICS.includes(topic) || !CLASSES.includes(updateClass)) {
    throw new Error(`demo column "${text}": unknown topic or update class`)
  }
  return {
    slug,
    name,
    topic: topic as DeptTopic,
    updateClass: updateClass as ExtraColumn['updateClass'],
  }
}

/** The 44 departments that keep a channel on the portal, in 站群导航 order. */
export const DEPARTMENTS: readonly DeptSpec[] = parseDepartments(DEPT_TABLE)

// slug name industry | villages as slug:name
const TOWN_TABLE = `
cgz 城关镇 城郊蔬菜 | dgsq:东关社区 xjsq:西街社区 npc:南坪村 bsc:北山村
hkz 河口镇 茶叶 | hkc:河口村 swc:沙湾村 lspc:柳树坪村
lqz 龙泉镇 香菇 | lqc:龙泉村 smc:石门村 gytc:观音堂村
sqz 石桥镇 柑橘 | sqc:石桥村 yjpc:杨家坪村 thc:桃花村
mpz 马坪镇 高山蔬菜 | mpc:马坪村 hlc:黄龙村 gfc:高峰村
bsz 白水镇 魔芋 | bsc:白水村 qxc:清溪村 slc:双龙村
qsz 青山镇 中药材 | qsc:青山村 cyc:茶园村 jlc:九里村
tyx 桃园乡 水蜜桃 | tyc:桃园村 ljwc:李家湾村 xhc:新华村
llx 柳林乡 核桃 | llc:柳林村 hyc:红岩村 jzc:金竹村
shx 双河乡 烟叶 | shc:双河村 clc:长岭村 tjpc:田家坪村
`

/** The 10 townships (7 镇, 3 乡) with their villages and leading industry. */
export const TOWNSHIPS: readonly TownSpec[] = lines(TOWN_TABLE).map((line) => {
  const [head = '', tail = ''] = line.split('|')
  const [slug = '', name = '', industry = ''] = words(head)
  const villages = words(tail).map((pair) => {
    const [vslug = '', vname = ''] = pair.split(':')
    return { slug: vslug, name: vname }
  })
  return { slug, name, industry, villages }
})

export interface CountyLeader {
  name: string
  role: string
  duties: string
}

/** The county government's leaders (fictional), shown in 领导之窗 and quoted in 政务要闻. */
export const COUNTY_LEADERS: readonly CountyLeader[] = [
  {
    name: '林振华',
    role: '县委副书记、县长',
    duties: '主持县人民政府全面工作，负责审计、机构编制方面工作。分管县审计局。',
  },
  {
    name: '贺志强',
    role: '县委常委、常务副县长',
    duties:
      '负责县人民政府常务工作，负责发展改革、财政、税务、统计、政务服务方面工作。分管县发展和改革局、' +
      '县财政局、县统计局、县行政审批局、县数据局，联系县税务局。',
  },
  {
    name: '孟凡宇',
    role: '县委常委、副县长',
    duties:
      '负责自然资源、住房城乡建设、交通运输、城市管理、生态环境方面工作。分管县自然资源和规划局、' +
      '县住房和城乡建设局、县交通运输局、县城市管理综合执法局，联系市生态环境局示例县分局。',
  },
  {
    name: '苏晓燕',
    role: '副县长',
    duties:
      '负责教育、卫生健康、医疗保障、民政、文化旅游、妇女儿童方面工作。分管县教育局、县卫生健康局、' +
      '县医疗保障局、县民政局、县文化和旅游局。',
  },
  {
    name: '郝建军',
    role: '副县长',
    duties:
      '负责农业农村、乡村振兴、水利、林业、粮食和物资储备方面工作。分管县农业农村局、县乡村振兴局、' +
      '县水利局、县林业局、县粮食和物资储备局。',
  },
  {
    name: '汪海峰',
    role: '副县长、县公安局局长',
    duties:
      '负责公安、司法、信访、应急管理、退役军人事务方面工作。分管县公安局、县司法局、县信访局、' +
      '县应急管理局、县退役军人事务局。',
  },
  {
    name: '程立新',
    role: '副县长',
    duties:
      '负责工业、科技、商务、招商引资、市场监管方面工作。分管县科学技术和经济信息化局、县商务局、' +
      '县投资促进中心、县市场监督管理局。',
  },
]

const SURNAMES = words(`
  王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 高 林 罗 郑 梁 谢 宋 唐 许 韩 冯 邓 曹
  彭 曾 肖 田 董 袁 潘 于 蒋 蔡 余 杜 叶 程 苏 魏 吕 丁 任 沈 姚 卢 姜 崔 钟 谭 陆 汪 范 金 石
  廖 贾 夏 韦 付 方 白 邹 孟 熊 秦 邱 江 尹 薛 闫 段 雷 侯 龙 史 陶 黎 贺 顾 毛 郝 龚 邵 万
`)
const GIVEN_FIRST = words(`
  建 国 志 文 明 永 晓 海 红 立 振 德 春 秀 玉 俊 新 宏 家 子 宇 浩 思 雨 静 丽 欣 佳 雪 梦 天
  世 兴 长 学 光 卫 小 金 云 少 英 利 庆 树 敏 慧 婷 晨 泽 鹏 博 嘉 亚 凤 桂
`)
const GIVEN_SECOND = words(`
  华 军 平 强 伟 勇 杰 涛 斌 超 波 辉 刚 健 峰 磊 洋 鑫 林 明 琳 芳 娟 霞 燕 玲 萍 莉 艳 红
  宁 东 飞 成 荣 江 山 兵 龙 凯 昊 然 轩 彤 怡 蕾 琴 梅 丹 倩 阳 文 武 民 忠 森 亮 刚 洁 源
`)

/** A fictional Chinese personal name (two or three characters). */
export function personName(random: () => number): string {
  const surname = SURNAMES[Math.floor(random() * SURNAMES.length)] ?? '王'
  const second = GIVEN_SECOND[Math.floor(random() * GIVEN_SECOND.length)] ?? '华'
  if (random() < 0.25) return surname + second
  const first = GIVEN_FIRST[Math.floor(random() * GIVEN_FIRST.length)] ?? '建'
  return surname + first + second
}

/** mulberry32: a tiny, fast, seeded PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** FNV-1a hash of a string, for stable per-unit choices that do not depend on call order. */
export function hashString(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

export interface UnitLeader {
  name: string
  role: string
  duties: string
}

const leaderCache = new Map<string, UnitLeader[]>()

/** The (fictional, stable) leadership of a department or township, derived from its name. */
export function unitLeaders(unitName: string, focus: readonly string[]): UnitLeader[] {
  const cached = leaderCache.get(unitName)
  if (cached) return cached
  const random = mulberry32(hashString(unitName))
  const [head, second, deputy] = leaderTitles(unitName)
  const parts = [...focus]
  const count = 2 + Math.floor(random() * 2)
  const leaders: UnitLeader[] = [
    { name: personName(random), role: head, duties: '主持全面工作，分管办公室、财务和党建工作。' },
  ]
  if (second) {
    leaders.push({
      name: personName(random),
      role: second,
      duties: '主持政府日常工作，负责经济发展和财政工作。',
    })
  }
  for (let i = 0; i < count; i++) {
    const share = parts.slice(i * 2, i * 2 + 2)
    const duties = share.length > 0 ? `负责${share.join('、')}等方面工作。` : '协助做好日常工作。'
    leaders.push({ name: personName(random), role: deputy, duties })
  }
  leaderCache.set(unitName, leaders)
  return leaders
}

function leaderTitles(unitName: string): [string, string | null, string] {
  if (unitName.endsWith('镇人民政府')) return ['党委书记', '党委副书记、镇长', '副镇长']
  if (unitName.endsWith('乡人民政府')) return ['党委书记', '党委副书记、乡长', '副乡长']
  if (unitName.endsWith('局')) return ['党组书记、局长', null, '副局长']
  if (unitName.endsWith('馆')) return ['馆长', null, '副馆长']
  if (unitName.includes('委员会')) return ['书记', null, '副书记']
  if (unitName.endsWith('联合会') || unitName.endsWith('总工会')) return ['主席', null, '副主席']
  return ['主任', null, '副主任']
}
