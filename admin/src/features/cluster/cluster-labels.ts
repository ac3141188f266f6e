import {
  PUSH_STATE_LABELS,
  SUBMISSION_STATUS_LABELS,
  type PushState,
  type SubmissionStatRow,
  type SubmissionStatus,
} from '../../../../common/cluster'

export const SUBMISSION_STATUS_COLORS: Record<SubmissionStatus, string> = {
  pending: '#0050b3',
  adopted: '#237804',
  returned: '#ad4e00',
  declined: '#a8071a',
  withdrawn: 'default',
}

export const PUSH_STATE_COLORS: Record<PushState, string> = {
  pending: '#0050b3',
  accepted: '#237804',
  rejected: '#a8071a',
  withdrawn: 'default',
}

export const submissionStatusOptions = () =>
  (Object.keys(SUBMISSION_STATUS_LABELS) as SubmissionStatus[]).map((s) => ({
    value: s,
    label: SUBMISSION_STATUS_LABELS[s],
  }))

export const pushStateOptions = () =>
  (Object.keys(PUSH_STATE_LABELS) as PushState[]).map((s) => ({
    value: s,
    label: PUSH_STATE_LABELS[s],
  }))

/** Statuses whose decision carries a reason worth showing (退回修改, 不予采用). */
export function showsReason(status: SubmissionStatus): boolean {
  return status === 'returned' || status === 'declined'
}

/** 0.6667 → "66.7%"; "—" when nothing was submitted (the rate means nothing then). */
export function formatRate(rate: number, submitted: number): string {
  if (submitted <= 0 || !Number.isFinite(rate)) return '—'
  const pct = Math.round(Math.min(Math.max(rate, 0), 1) * 1000) / 10
  return `${pct}%`
}

/** A score with at most two decimals and no trailing zeros (2.5, 3, 12.25). */
export function formatScore(score: number): string {
  return String(Math.round(score * 100) / 100)
}

export type ChartMetric = 'score' | 'adopted'

/** The units the bar chart shows: the best `limit` by the metric (ties by name), best first. */
export function chartRows(
  rows: SubmissionStatRow[],
  metric: ChartMetric,
  limit = 15,
): SubmissionStatRow[] {
  return rows
    .filter((r) => r.submitted > 0 || r[metric] > 0)
    .slice()
    .sort((a, b) => b[metric] - a[metric] || a.siteName.localeCompare(b.siteName, 'zh-CN'))
    .slice(0, limit)
}
