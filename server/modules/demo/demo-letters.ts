import type { LetterType } from '../../../common/letters'
import type { Core } from '../../core'
import { LetterIntakeService } from '../letters/letter.intake'
import { systemContext } from '../users/actor'

/**
 * Demo letters (synthetic, written for the demo — never real people's letters): a handful in
 * every stage on the portal's 县长信箱 and a unit's mailbox, so the handling screens, the
 * published list and the statistics show something on the first start.
 */
interface DemoLetter {
  type: LetterType
  subject: string
  body: string
  reply: string
  /** The unit's slug in the demo county (its site is `bm-<slug>`). */
  unit: string
  category: string
}

const LETTERS: DemoLetter[] = [
  {
    type: 'consult',
    subject: '新生儿医保参保需要哪些材料',
    body: '孩子上个月出生，想给孩子办理城乡居民医保，请问需要准备哪些材料，在哪里办理？',
    reply:
      '您好！新生儿参保可携带户口簿、出生医学证明到户籍所在地乡镇便民服务中心办理，也可通过“医保服务”小程序线上办理。感谢您的来信。',
    unit: 'ybj',
    category: '社会保障/医疗保险',
  },
  {
    type: 'complaint',
    subject: '夜间施工噪音扰民',
    body: '城东新区某工地连续多日夜间十一点后仍在施工，噪音很大，严重影响周边居民休息，希望有关部门管一管。',
    reply:
      '您好！经现场核查，该工地确有夜间施工行为，已责令施工单位停止夜间作业，并依法处理。如再发现类似情况，请拨打 12345 反映。',
    unit: 'zjj',
    category: '城乡建设/建筑施工',
  },
  {
    type: 'suggestion',
    subject: '建议在县图书馆增设自习座位',
    body: '每到周末和假期县图书馆自习区一座难求，建议增加自习座位并延长开放时间。',
    reply:
      '您好！感谢您的建议。县图书馆将于明年调整二楼阅览区布局，增设自习座位 60 个，假期开放时间延长至晚上九点。',
    unit: 'wlj',
    category: '教育文化/公共文化',
  },
  {
    type: 'help',
    subject: '村里路灯损坏一个多月无人修',
    body: '我们村主干道的路灯已经坏了一个多月，晚上出行很不安全，请帮忙联系维修。',
    reply: '您好！已安排维修人员更换损坏灯具，目前路灯已恢复照明。',
    unit: 'zjj',
    category: '城乡建设/市政设施',
  },
  {
    type: 'consult',
    subject: '灵活就业人员如何缴纳养老保险',
    body: '我目前是灵活就业，想自己缴纳城镇职工养老保险，请问缴费基数怎么选，在哪里办理？',
    reply:
      '您好！灵活就业人员可在社保经办窗口或线上平台登记，缴费基数可在规定的上下限之间自主选择，按月或按年缴纳。',
    unit: 'rsj',
    category: '社会保障/养老保险',
  },
  {
    type: 'complaint',
    subject: '农贸市场缺斤短两',
    body: '在农贸市场买菜多次遇到缺斤短两的情况，希望加强监管。',
    reply: '您好！市场监管部门已对该市场开展专项检查，校验公平秤并处理违规商户，欢迎继续监督。',
    unit: 'scjg',
    category: '市场监管/计量',
  },
]

/** Which stage each demo letter is left in (in order): a little of everything. */
const STAGES = ['closed', 'answered', 'in_progress', 'assigned', 'submitted', 'closed'] as const

export async function seedDemoLetters(
  core: Core,
  siteIds: Map<string, number>,
  mailboxCode: string,
): Promise<number> {
  const ctx = systemContext('seed')
  const intake = new LetterIntakeService(core.deps, { verify: async () => {} }, core.calendar)
  let n = 0
  for (const [i, l] of LETTERS.entries()) {
    const unitSiteId = siteIds.get(`bm-${l.unit}`)
    if (!unitSiteId) continue
    const { letterId } = await intake.submit({
      mailbox: mailboxCode,
      type: l.type,
      subject: l.subject,
      body: l.body,
      name: '示例来信人',
      mobile: `1390000${String(1000 + i).padStart(4, '0')}`,
      public: true,
    })
    n++
    const stage = STAGES[i % STAGES.length]
    if (stage === 'submitted') continue
    const act = (action: Parameters<Core['letters']['act']>[2], body = {}) =>
      core.letters.act(ctx, letterId, action, body)
    await act('accept', { unitSiteId, category: l.category })
    if (stage === 'assigned') continue
    await act('sign')
    if (stage === 'in_progress') {
      await act('save_reply', { reply: l.reply })
      continue
    }
    await act('submit_reply', { reply: l.reply })
    await act('approve_reply', { comment: '同意答复' })
    if (stage === 'closed') {
      const detail = await core.letterRead.detail(ctx, letterId)
      await act('publish', detail.suggestedPublication)
      await act('close', { note: '示例：办结' })
    }
  }
  return n
}
