import { useMemo, type CSSProperties, type KeyboardEvent } from 'react'
import { SrOnly } from '../review/SrOnly'
import type { CalendarDay } from './calendar-api'
import { describeDay, KIND_SHORT, monthDayText, WEEKDAY_LABEL } from './calendar-labels'

/** Monday first, as Chinese calendars are printed. */
const HEADERS = ['一', '二', '三', '四', '五', '六', '日']

const cellStyle = (d: CalendarDay, isFocused: boolean): CSSProperties => ({
  position: 'relative',
  width: '100%',
  minHeight: 54,
  padding: '2px 1px',
  display: 'flex',
  flexDirection: 'column',
  alignItems: 'center',
  gap: 1,
  cursor: 'pointer',
  font: 'inherit',
  color: '#1f1f1f',
  background: d.kind === 'holiday' ? '#fff1f0' : '#ffffff',
  border: d.source === 'override' ? '2px dashed #0958d9' : '1px solid #d9d9d9',
  borderRadius: 4,
  boxShadow: isFocused ? '0 0 0 2px #91caff' : undefined,
})

const badgeStyle = (kind: CalendarDay['kind']): CSSProperties => ({
  fontSize: 12,
  lineHeight: '16px',
  padding: '0 3px',
  borderRadius: 3,
  fontWeight: 600,
  color: kind === 'holiday' ? '#a8071a' : '#10239e',
  background: kind === 'holiday' ? '#ffccc7' : '#d6e4ff',
})

const nameStyle: CSSProperties = {
  fontSize: 11,
  lineHeight: '14px',
  maxWidth: '100%',
  overflow: 'hidden',
  textOverflow: 'ellipsis',
  whiteSpace: 'nowrap',
  color: '#262626',
}

/** Keys that move the focused day: ±1 day, ±1 week, week start/end, ±1 month. */
function moved(day: string, weekday: number, key: string): string | null {
  const t = Date.parse(`${day}T00:00:00Z`)
  const shift = (days: number) => new Date(t + days * 86_400_000).toISOString().slice(0, 10)
  switch (key) {
    case 'ArrowLeft':
      return shift(-1)
    case 'ArrowRight':
      return shift(1)
    case 'ArrowUp':
      return shift(-7)
    case 'ArrowDown':
      return shift(7)
    case 'Home':
      return shift(-((weekday + 6) % 7))
    case 'End':
      return shift(6 - ((weekday + 6) % 7))
    case 'PageUp':
    case 'PageDown': {
      const d = new Date(t)
      d.setUTCMonth(d.getUTCMonth() + (key === 'PageUp' ? -1 : 1))
      return d.toISOString().slice(0, 10)
    }
    default:
      return null
  }
}

/**
 * The year as twelve month tables. One day button is in the tab order at a time; the arrow
 * keys, Home/End and PageUp/PageDown move between days, Enter or Space opens the day.
 */
export function YearGrid({
  days,
  focusDay,
  onFocusDay,
  onOpen,
}: {
  days: CalendarDay[]
  focusDay: string
  onFocusDay: (day: string) => void
  onOpen: (day: CalendarDay) => void
}) {
  const months = useMemo(() => {
    const out: CalendarDay[][] = Array.from({ length: 12 }, () => [])
    for (const d of days) out[Number(d.day.slice(5, 7)) - 1]?.push(d)
    return out
  }, [days])
  const known = useMemo(() => new Set(days.map((d) => d.day)), [days])

  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>, d: CalendarDay) => {
    const next = moved(d.day, d.weekday, e.key)
    if (!next) return
    e.preventDefault()
    if (!known.has(next)) return
    onFocusDay(next)
    document.querySelector<HTMLButtonElement>(`button[data-day="${next}"]`)?.focus()
  }

  return (
    <div
      style={{
        display: 'grid',
        gridTemplateColumns: 'repeat(auto-fill, minmax(300px, 1fr))',
        gap: 16,
      }}
    >
      {months.map((monthDays, m) => {
        const first = monthDays[0]
        if (!first) return null
        const lead = (first.weekday + 6) % 7
        const cells: (CalendarDay | null)[] = [...Array<null>(lead).fill(null), ...monthDays]
        while (cells.length % 7 !== 0) cells.push(null)
        const weeks = Array.from({ length: cells.length / 7 }, (_, w) =>
          cells.slice(w * 7, w * 7 + 7),
        )
        return (
          <table key={m} style={{ width: '100%', borderCollapse: 'separate', borderSpacing: 2 }}>
            <caption style={{ textAlign: 'left', fontWeight: 600, fontSize: 16, padding: 4 }}>
              {first.day.slice(0, 4)}年{m + 1}月
            </caption>
            <thead>
              <tr>
                {HEADERS.map((h, i) => (
                  <th
                    key={h}
                    scope="col"
                    style={{ fontWeight: i >= 5 ? 700 : 400, fontSize: 13, padding: 2 }}
                  >
                    <abbr title={`星期${h}`} style={{ textDecoration: 'none' }}>
                      {h}
                    </abbr>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {weeks.map((week, w) => (
                <tr key={w}>
                  {week.map((d, i) =>
                    d ? (
                      <td key={d.day} style={{ padding: 0, width: '14.28%' }}>
                        <button
                          type="button"
                          data-day={d.day}
                          tabIndex={d.day === focusDay ? 0 : -1}
                          style={cellStyle(d, d.day === focusDay)}
                          title={d.name || undefined}
                          onClick={() => {
                            onFocusDay(d.day)
                            onOpen(d)
                          }}
                          onKeyDown={(e) => onKeyDown(e, d)}
                        >
                          <SrOnly>
                            {monthDayText(d.day)} {WEEKDAY_LABEL[d.weekday]} {describeDay(d)}
                          </SrOnly>
                          <span
                            aria-hidden="true"
                            style={{ fontWeight: d.weekday === 0 || d.weekday === 6 ? 700 : 400 }}
                          >
                            {Number(d.day.slice(8, 10))}
                            {d.source === 'override' ? '★' : ''}
                          </span>
                          <span aria-hidden="true" style={badgeStyle(d.kind)}>
                            {KIND_SHORT[d.kind]}
                          </span>
                          <span aria-hidden="true" style={nameStyle}>
                            {d.name || '\u00a0'}
                          </span>
                        </button>
                      </td>
                    ) : (
                      <td key={`blank-${w}-${i}`} />
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )
      })}
    </div>
  )
}
