import type { Core } from '../../core'
import { buildXlsx } from '../../plugins/xlsx'
import type { ServiceInput } from '../services/service.schema'
import { systemContext } from '../users/actor'

/**
 * Demo service items: real 政务服务事项 names (a subset of the 1,135 items of 广安区, Apache-2.0,
 * v-luobo/zwfw; embedded because ../shared is absent on fresh machines) under the demo
 * county's departments, with generated guides. Most are complete; a few lack elements or have
 * a broken form so that the 检查 report shows something on the first start.
 */
const NAMES: Record<string, string[]> = {
  mzj: ['离婚登记预约', '补领结婚证', '最低生活保障', '城市生活无着流浪乞讨人员救助', '残疾人证挂失补办'],
  rsj: ['企业职工基本养老保险退休待遇重核申请', '遗属待遇申领', '电子社会保障卡签发', '一次性工伤医疗补助金申请', '失业保险金申领', '伤残待遇申领（一次性伤残补助金，伤残津贴和生活护理费）'],
  gaj: ['居民身份证办理（包括临时）', '居民身份证省内异地办理', '第二类、第三类易制毒化学品购买备案证明', '被拐儿童身份证明', '旧货业备案'],
  ybj: ['单位参保登记', '职工参保信息变更登记', '参保单位参保信息查询', '符合资助条件的救助对象参加城乡居民基本医疗保险个人缴费补贴'],
  jyj: ['义务教育家庭经济困难学生生活补助查询', '三级社会体育指导员技术等级称号认定', '科技政策咨询服务'],
  wjj: ['《预防接种证》办理', '放射源诊疗技术和医用辐射机构许可校验（县级）', '麻醉药品和第一类精神药品购用许可延续'],
  zjj: ['公共租赁住房申请资格审核认定', '住宅专项维修资金分户账更名', '历史建筑实施原址保护审批新办'],
  jtj: ['货物运输车辆道路运输证办理（变更）', '普通公路建设项目施工许可', '驾驶培训机构招生站点设置情况备案'],
  scjg: ['医疗用毒性药品购用审批', '企业经营异常名录信息核查', '食品小作坊备案注销'],
  sfj: ['学位公证（指引）', '司法鉴定咨询', '基层法律服务工作者执业注销'],
  zrzy: ['建设用地（含临时用地）规划许可证核发（出让用地）', '草原等级评定(县级)'],
  nyj: ['农村机电提灌站产权登记', '非政府投资或补助的农村能源工程初步设计方案的备案'],
  tyjr: ['伤残证件换发、补发', '伤残抚恤关系接收、转移办理(县级)'],
  cl: ['残疾儿童康复训练申请', '残疾人证挂失补办'],
  xzsp: ['县级文物保护单位原址保护措施审批', '证照遗失补领、换发申请', '企业登记档案资料查询', '拖拉机/联合收割机注册登记', '娱乐场所变更《娱乐经营许可证》载明事项审批（含中外合资）', '设立文艺表演团体《营业性演出许可证》核发'],
  sj: ['发票票种核定（县级行使）', '自然人自主报告身份信息（县级行使）', '纳税人涉税信息查询（县级行使）'],
  wlj: ['文物定级', '个体演员备案证明补证备案'],
  lyj: ['猎捕非国家重点保护陆生野生动物新办审批（县级权限）'],
  yjj: ['金属非金属矿产资源地质勘探坑探工程项目'],
} // prettier-ignore

/** The law each department's guides cite (article numbers vary per item). */
const LAWS: Record<string, string> = {
  mzj: '《社会救助暂行办法》', rsj: '《中华人民共和国社会保险法》', gaj: '《中华人民共和国居民身份证法》',
  ybj: '《医疗保障基金使用监督管理条例》', jyj: '《中华人民共和国教育法》', wjj: '《中华人民共和国基本医疗卫生与健康促进法》',
  zjj: '《公共租赁住房管理办法》', jtj: '《中华人民共和国道路运输条例》', scjg: '《中华人民共和国药品管理法》',
  sfj: '《中华人民共和国公证法》', zrzy: '《中华人民共和国城乡规划法》', nyj: '《中华人民共和国农业法》',
  tyjr: '《伤残抚恤管理办法》', cl: '《中华人民共和国残疾人保障法》', xzsp: '《中华人民共和国行政许可法》',
  sj: '《中华人民共和国税收征收管理法》', wlj: '《中华人民共和国文物保护法》', lyj: '《中华人民共和国野生动物保护法》',
  yjj: '《中华人民共和国安全生产法》',
} // prettier-ignore

const PERSON_THEME: Record<string, string> = {
  mzj: 'p16', rsj: 'p16', gaj: 'p17', ybj: 'p16', jyj: 'p04', wjj: 'p28', zjj: 'p15', jtj: 'p18',
  sfj: 'p23', zrzy: 'p14', tyjr: 'p13', cl: 'p16', sj: 'p11', wlj: 'p26', xzsp: 'p17',
} // prettier-ignore
const LEGAL_THEME: Record<string, string> = {
  rsj: 'l07', gaj: 'l29', ybj: 'l07', wjj: 'l21', zjj: 'l16', jtj: 'l17', scjg: 'l02', zrzy: 'l16',
  nyj: 'l15', xzsp: 'l02', sj: 'l05', wlj: 'l33', lyj: 'l15', yjj: 'l28', jyj: 'l23', sfj: 'l30',
} // prettier-ignore

const LEGAL_RE =
  /企业|单位|机构|公司|经营|项目|场所|团体|建设|施工|站点|易制毒|发票|药品|工程|纳税人|旧货|小作坊|提灌站/
const PERSON_RE =
  /居民|个人|儿童|学生|退休|结婚|离婚|伤残|残疾|自然人|遗属|失业|工伤|演员|身份|接种|住房|救助|生活/

function kindOf(name: string): ServiceInput['kind'] {
  if (/许可|审批|核发|核准/.test(name)) return 'licence'
  if (/登记|认定|确认|备案|定级|评定/.test(name)) return 'confirmation'
  if (/申请|申领|补贴|咨询|查询|救助|保障|签发|办理/.test(name)) return 'public_service'
  return 'other'
}

function audienceOf(name: string): ServiceInput['audience'] {
  const legal = LEGAL_RE.test(name)
  const person = PERSON_RE.test(name)
  return legal && person ? 'both' : legal ? 'legal' : 'person'
}

async function form(core: Core, siteId: number, formTitle: string, filled: boolean) {
  // Sheet and file names may not hold / : * ? [ ].
  const title = formTitle.replace(/[*?:\\/[\]]/g, '、')
  const rows = [
    ['申请人（单位）名称', filled ? '张示例（示例数据）' : ''],
    ['证件号码', filled ? '139999********0000' : ''],
    ['联系电话', filled ? '0399-0000000' : ''],
    ['申请事项', title],
    ['申请日期', filled ? '2026-01-05' : ''],
  ]
  const bytes = await buildXlsx(
    title,
    [
      { header: '项目', width: 24, value: (r: string[]) => r[0] },
      { header: '填写内容', width: 40, value: (r: string[]) => r[1] },
    ],
    rows,
  )
  const name = `${title}${filled ? '（示例样表）' : '（空白表格）'}.xlsx`
  return core.files.upload(systemContext('seed'), { siteId, name, bytes })
}

/** Creates the demo county's service items; `siteIds` maps site codes (`bm-<slug>`) to ids. */
export async function seedDemoServices(core: Core, siteIds: Map<string, number>): Promise<number> {
  const ctx = systemContext('seed')
  let n = 0
  for (const [slug, names] of Object.entries(NAMES)) {
    const unitSiteId = siteIds.get(`bm-${slug}`)
    if (unitSiteId === undefined) continue
    for (const name of names) {
      n++
      const audience = audienceOf(name)
      const themes = [
        ...(audience !== 'legal' && PERSON_THEME[slug] ? [PERSON_THEME[slug]] : []),
        ...(audience !== 'person' && LEGAL_THEME[slug] ? [LEGAL_THEME[slug]] : []),
      ]
      const kind = kindOf(name)
      const isLicence = kind === 'licence'
      const formTitle = `${name.replace(/[（(].*$/, '')}申请表`
      const template = await form(core, unitSiteId, formTitle, false)
      const sample = await form(core, unitSiteId, formTitle, true)
      const input: ServiceInput = {
        name,
        unitSiteId,
        kind,
        audience,
        themes,
        basis: `${LAWS[slug] ?? '《中华人民共和国行政许可法》'}第${(n % 40) + 3}条`,
        conditions: `符合${LAWS[slug] ?? '有关法律法规'}规定条件的${audience === 'legal' ? '法人或其他组织' : '申请人'}，提交的材料齐全、符合法定形式。`,
        location: `示例县政务服务中心${(n % 30) + 1}号窗口（示例县人民大道 1 号）`,
        hours: '工作日上午 9:00—12:00，下午 13:30—17:30（法定节假日除外）',
        phone: `0399-66${String(10000 + n * 37).slice(-5)}`,
        process:
          '申请：申请人到窗口或通过网上办事大厅提交申请\n受理：窗口工作人员当场核对材料，材料齐全的予以受理\n审查：承办科室对申请材料进行审查\n办结：作出决定并送达申请人',
        feeFree: n % 7 !== 0,
        feeStandard: n % 7 === 0 ? '按物价部门核定标准收取工本费 10 元/件' : '',
        feeBasis: n % 7 === 0 ? '《示例省行政事业性收费目录清单》' : '',
        legalLimit: isLicence ? '20个工作日' : '15个工作日',
        promisedLimit: isLicence ? '5个工作日' : '即办',
        onlineUrl: `https://zwfw.example.gov.cn/sxx/item/${n}`,
        faq: [
          {
            question: `办理“${name}”可以委托他人吗？`,
            answer: '可以。受托人须携带委托书及双方有效身份证件原件。',
          },
        ],
        materials: [
          {
            name: formTitle,
            copies: '原件 1 份',
            templateFileId: template.id,
            sampleFileId: sample.id,
          },
          { name: '申请人有效身份证件', copies: '原件核验，复印件 1 份' },
        ],
      }
      // A few guides are deliberately incomplete or have a broken form (the 检查 report shows them).
      if (n % 9 === 0) Object.assign(input, { basis: '', phone: '', process: '' })
      if (n % 13 === 0) input.materials = []
      if (n % 11 === 0 && input.materials?.[0]) {
        input.materials[0] = {
          ...input.materials[0],
          templateFileId: null,
          templateUrl: `/files/${'0'.repeat(64)}.docx`,
          templateType: 'docx',
        }
      }
      if (n % 17 === 0 && input.materials?.[0]) input.materials[0].sampleType = 'pdf'
      await core.services.create(ctx, input)
    }
  }
  return n
}
