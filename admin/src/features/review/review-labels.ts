import { CHECK_RULE_LABELS } from '../../../../common/checks'
import type {
  Finding,
  Level,
  LevelRole,
  ReviewDecision,
  ReviewKind,
  ReviewState,
  Severity,
  WorkflowSource,
} from './review-api'

export { FINDING_FIELD_LABELS, SEVERITY_LABELS } from '../../../../common/checks'
export {
  REVIEW_DECISION_LABELS as DECISION_LABELS,
  REVIEW_STATE_LABELS,
} from '../../../../common/enums'

export const REVIEW_STATE_COLORS: Record<ReviewState, string> = {
  pending: '#0050b3',
  approved: '#237804',
  returned: '#a8071a',
  withdrawn: 'default',
}

export const REVIEW_KIND_LABELS: Record<ReviewKind, string> = {
  new: '新信息',
  revision: '修改稿',
}

export const DECISION_COLORS: Record<ReviewDecision, string> = {
  submit: 'blue',
  approve: 'green',
  return: 'red',
  withdraw: 'gray',
  emergency: 'red',
}

export const LEVEL_ROLE_LABELS: Record<LevelRole, string> = {
  reviewer: '审核人',
  admin: '站点管理员',
}

export const WORKFLOW_SOURCE_LABELS: Record<WorkflowSource, string> = {
  column: '本栏目单独设置',
  ancestor: '继承上级栏目的设置',
  site: '使用站点默认流程',
  none: '未设置审核流程',
}

/** The Chinese label of a content-check rule. */
export function ruleLabel(rule: string): string {
  return (CHECK_RULE_LABELS as Record<string, string>)[rule] ?? rule
}

/** Findings split by severity, blocking first; each group keeps the server's order. */
export function groupFindings(findings: Finding[]): { severity: Severity; items: Finding[] }[] {
  return (['blocking', 'warning'] as const)
    .map((severity) => ({ severity, items: findings.filter((f) => f.severity === severity) }))
    .filter((g) => g.items.length > 0)
}

/** "第 2 级/共 3 级" with the level's name when it has one. */
export function levelText(level: number, levelCount: number, levelName?: string): string {
  const base = `第 ${level} 级/共 ${levelCount} 级`
  return levelName ? `${base} ${levelName}` : base
}

/** Who holds a level, in words: "审核人 + 张三、李四". */
export function levelHolders(level: Level, userName: (id: number) => string): string {
  const parts: string[] = []
  if (level.role) parts.push(LEVEL_ROLE_LABELS[level.role])
  if (level.userIds.length > 0) parts.push(level.userIds.map(userName).join('、'))
  return parts.join(' + ') || '（未指定）'
}

/** A replacement word offered by the finding, when its suggestion is a bare term to substitute. */
export function replacementOf(f: Finding): string | null {
  const s = f.suggestion.trim()
  const quoted = /^(?:建议)?(?:改为|替换为|应为|更正为)[“"「]?([^”"」\s]{1,30})[”"」]?[。.]?$/.exec(
    s,
  )
  if (quoted?.[1]) return quoted[1]
  if (s && s.length <= 30 && !/[，。,.\s：:；;]/.test(s) && s !== f.excerpt) return s
  return null
}
