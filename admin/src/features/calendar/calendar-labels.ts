import type { CalendarDay, DayKind, DaySource } from './calendar-api'

export const KIND_SHORT: Record<DayKind, string> = { holiday: '休', workday: '班' }
export const KIND_LABEL: Record<DayKind, string> = { holiday: '节假日', workday: '调休上班' }
export const SOURCE_LABEL: Record<DaySource, string> = {
  override: '本平台设置',
  package: '国务院通知',
  'weekend-default': '默认',
}
export const WEEKDAY_LABEL = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六']

/** `10月1日` from `2025-10-01`. */
export function monthDayText(day: string): string {
  return `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`
}

/** What a day is, in words: `休，节假日（国庆节，国务院通知）`. */
export function describeDay(d: CalendarDay): string {
  const isWeekend = d.weekday === 0 || d.weekday === 6
  const what =
    d.kind === 'workday'
      ? isWeekend
        ? '调休上班'
        : '工作日'
      : d.source === 'weekend-default'
        ? '周末'
        : '节假日'
  const parts = [d.name, SOURCE_LABEL[d.source]].filter(Boolean).join('，')
  return `${KIND_SHORT[d.kind]}，${what}（${parts}）`
}
