import {
  LETTER_DUE_LABELS,
  LETTER_EVENT_LABELS,
  LETTER_RED_FLAG_MONTHS,
  LETTER_STAGE_LABELS,
  LETTER_STATE_LABELS,
  type LetterDueStatus,
  type LetterStage,
  type LetterState,
} from '../../../../common/letters'
import type { LetterCounts } from './letter-api'

/** The inbox tabs (`box` of GET /letters), in the order they are shown. */
export const LETTER_BOXES = ['screening', 'unit', 'review', 'extension', 'all'] as const
export type LetterBox = (typeof LETTER_BOXES)[number]
export const LETTER_BOX_LABELS: Record<LetterBox, string> = {
  screening: '待受理',
  unit: '待办理',
  review: '待审核答复',
  extension: '待审批延期',
  all: '全部',
}

export function isLetterBox(v: unknown): v is LetterBox {
  return typeof v === 'string' && (LETTER_BOXES as readonly string[]).includes(v)
}

/** How many letters wait for me in a box (none for 全部). */
export function boxCount(counts: LetterCounts | null, box: LetterBox): number {
  if (!counts || box === 'all') return 0
  return counts[box]
}

/** The menu badge: everything waiting for me (to screen, handle, review or decide). */
export function inboxTotal(counts: LetterCounts | null): number {
  if (!counts) return 0
  return counts.screening + counts.unit + counts.review + counts.extension
}

/** The tab opened when none is asked for: the first box with work in it, else 全部. */
export function defaultBox(counts: LetterCounts | null): LetterBox {
  return LETTER_BOXES.find((b) => b !== 'all' && boxCount(counts, b) > 0) ?? 'all'
}

/** The `due` filter: the deadline statuses plus the 3-month red flag. */
export const DUE_FILTERS = ['due_soon', 'overdue', 'escalated', 'red'] as const
export type DueFilter = (typeof DUE_FILTERS)[number]
export const RED_FLAG_LABEL = `超${LETTER_RED_FLAG_MONTHS}个月未办结`
export const DUE_FILTER_LABELS: Record<DueFilter, string> = {
  due_soon: LETTER_DUE_LABELS.due_soon,
  overdue: LETTER_DUE_LABELS.overdue,
  escalated: LETTER_DUE_LABELS.escalated,
  red: RED_FLAG_LABEL,
}

/** Dark enough for white text on a solid tag (WCAG AA). */
export const RED_FLAG_COLOR = '#a8071a'

/** The coloured tag of a deadline status, or null when the status needs no attention. */
export function dueTag(status: LetterDueStatus): { label: string; color: string } | null {
  switch (status) {
    case 'due_soon':
      return { label: LETTER_DUE_LABELS.due_soon, color: '#ad4e00' }
    case 'overdue':
      return { label: LETTER_DUE_LABELS.overdue, color: '#c41d1f' }
    case 'escalated':
      return { label: LETTER_DUE_LABELS.escalated, color: '#5c0011' }
    default:
      return null
  }
}

const STATE_COLORS: Record<LetterState, string> = {
  submitted: '#0050b3',
  needs_info: '#ad4e00',
  rejected: 'default',
  merged: 'default',
  withdrawn: 'default',
  accepted: '#0050b3',
  assigned: '#0050b3',
  signed: '#0050b3',
  in_progress: '#0050b3',
  reply_drafted: '#531dab',
  answered: '#237804',
  closed: '#237804',
}

export function stateColor(state: LetterState): string {
  return STATE_COLORS[state] ?? 'default'
}

export function stateLabel(state: LetterState | null | undefined): string {
  if (!state) return ''
  return LETTER_STATE_LABELS[state] ?? state
}

export function stageLabel(stage: LetterStage, label?: string): string {
  return label || LETTER_STAGE_LABELS[stage] || stage
}

/** The timeline label of an event: the server's, else the shared one, else the action code. */
export function eventLabel(action: string, label?: string): string {
  return label || LETTER_EVENT_LABELS[action] || action
}

/** A 0–1 rate as a percentage with one decimal, "—" when there was nothing to measure. */
export function formatRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—'
  return `${(Math.round(rate * 1000) / 10).toFixed(1)}%`
}

/** A number of working days with one decimal at most, "—" when unknown. */
export function formatDays(days: number | null | undefined): string {
  if (days === null || days === undefined || !Number.isFinite(days)) return '—'
  return String(Math.round(days * 10) / 10)
}

/** 按时 / 超期 for a finished stage, — for one still open. */
export function onTimeText(onTime: boolean | null | undefined): string {
  if (onTime === null || onTime === undefined) return '—'
  return onTime ? '按时' : '超期'
}
