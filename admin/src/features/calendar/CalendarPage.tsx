import { Alert, App, Button, Card, Result, Select, Space, Spin, Typography } from 'antd'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { formatDate } from '../../../../common/time'
import { ApiError } from '../../api'
import { LoadError } from '../../shell/LoadError'
import { useSession } from '../../shell/session'
import { BulkEntryModal } from './BulkEntryModal'
import { calendarApi, type CalendarDay, type CalendarYear, type YearCoverage } from './calendar-api'
import { DayDialog } from './DayDialog'
import { YearGrid } from './YearGrid'

/** 工作日历 (cluster admins): the working days reply deadlines count in. */
export default function CalendarPage() {
  const { session } = useSession()
  if (!session?.isClusterAdmin) {
    return <Result status="403" title="只有平台管理员可以维护工作日历" />
  }
  return <CalendarScreen />
}

/** The years the server accepts. */
const MIN_YEAR = 2000
const MAX_YEAR = 2100
const thisYear = () => Number(formatDate(new Date()).slice(0, 4))

function CalendarScreen() {
  const { message } = App.useApp()
  const [year, setYear] = useState(thisYear)
  const [view, setView] = useState<CalendarYear | null>(null)
  const [coverage, setCoverage] = useState<YearCoverage[]>([])
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<string | null>(null)
  const [focusDay, setFocusDay] = useState('')
  const [openDay, setOpenDay] = useState<CalendarDay | null>(null)
  const [bulkOpen, setBulkOpen] = useState(false)

  const load = useCallback(async () => {
    setLoading(true)
    setError(null)
    try {
      const [v, c] = await Promise.all([calendarApi.year(year), calendarApi.coverage()])
      setView(v)
      setCoverage(c)
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '工作日历加载失败')
    } finally {
      setLoading(false)
    }
  }, [year])

  useEffect(() => {
    void load()
  }, [load])

  // Keep the keyboard focus on a day of the year shown: today, else 1 January.
  useEffect(() => {
    if (!view || view.year !== year) return
    if (focusDay.startsWith(`${year}-`)) return
    const today = formatDate(new Date())
    setFocusDay(today.startsWith(`${year}-`) ? today : `${year}-01-01`)
  }, [view, year, focusDay])

  const overrides = useMemo(
    () =>
      (view?.days ?? [])
        .filter((d) => d.source === 'override')
        .map((d) => ({ day: d.day, kind: d.kind, name: d.name })),
    [view],
  )
  const workingDays = view?.days.filter((d) => d.kind === 'workday').length ?? 0
  const missing = coverage.filter((c) => !c.covered)
  const now = thisYear()
  const firstOption = Math.max(MIN_YEAR, Math.min(now - 6, year))
  const lastOption = Math.min(MAX_YEAR, Math.max(now + 2, year))
  const yearOptions = Array.from({ length: lastOption - firstOption + 1 }, (_, i) => ({
    value: firstOption + i,
    label: `${firstOption + i} 年`,
  }))

  const afterChange = async (text: string) => {
    setOpenDay(null)
    message.success(text)
    await load()
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        工作日历
      </Typography.Title>
      {missing.map((c) => (
        <Alert
          key={c.year}
          type={c.year === now ? 'error' : 'warning'}
          showIcon
          title={`${c.year} 年节假日尚未录入`}
          description={
            <>
              系统内置的国务院节假日安排只到 {view?.packageYears.last ?? c.year - 1}{' '}
              年。国务院办公厅发布 {c.year} 年部分节假日安排的通知后，请及时“批量录入”；录入前，
              {c.year} 年的办理期限只扣除周六、周日，不扣除法定节假日。
            </>
          }
          action={
            <Button
              onClick={() => {
                setYear(c.year)
                setBulkOpen(true)
              }}
            >
              录入 {c.year} 年
            </Button>
          }
        />
      ))}
      <LoadError error={error} onRetry={() => void load()} />
      <Card size="small">
        <Space wrap size="middle" style={{ marginBottom: 12 }}>
          <span>
            <label htmlFor="calendar-year" style={{ marginRight: 8 }}>
              年份
            </label>
            <Select
              id="calendar-year"
              aria-label="年份"
              value={year}
              options={yearOptions}
              onChange={(y: number) => setYear(y)}
              style={{ width: 120 }}
            />
          </span>
          <Button onClick={() => setYear((y) => y - 1)} disabled={year <= MIN_YEAR}>
            上一年
          </Button>
          <Button onClick={() => setYear((y) => y + 1)} disabled={year >= MAX_YEAR}>
            下一年
          </Button>
          <Button type="primary" onClick={() => setBulkOpen(true)} disabled={!view}>
            批量录入
          </Button>
        </Space>
        <Typography.Paragraph>
          信件等事项的办理期限按工作日计算：从收到之日的下一个工作日起算，到第 N 个工作日的北京时间
          24 时止。默认采用国务院办公厅节假日安排（含周末调休上班）， 本页的设置优先于默认安排。
        </Typography.Paragraph>
        {view && view.year === year && (
          <Typography.Paragraph>
            {year} 年：
            {view.coverage.source === 'package'
              ? '已内置国务院节假日安排'
              : view.coverage.source === 'override'
                ? '按本平台录入的节假日安排'
                : '尚无节假日安排，只按周末计算'}
            ；全年工作日 {workingDays} 天；本平台设置 {overrides.length} 天。
          </Typography.Paragraph>
        )}
        <ul style={{ paddingLeft: 20, margin: '0 0 8px' }} aria-label="图例">
          <li>“班”为工作日，“休”为休息日（周末或节假日）；休息日底色为浅红。</li>
          <li>日期后带 ★ 且为虚线框的，是本平台的设置（覆盖默认安排）。</li>
          <li>
            周六、周日列的日期加粗。点击日期可设为节假日、调休上班或恢复默认；键盘可用方向键、
            Home/End、PageUp/PageDown 在日期间移动，回车打开。
          </li>
        </ul>
        <Spin spinning={loading} description="加载中">
          {view && view.year === year ? (
            <YearGrid
              days={view.days}
              focusDay={focusDay}
              onFocusDay={setFocusDay}
              onOpen={setOpenDay}
            />
          ) : (
            <div style={{ minHeight: 200 }} />
          )}
        </Spin>
      </Card>
      {openDay && (
        <DayDialog
          day={openDay}
          onClose={() => setOpenDay(null)}
          onSaved={(text) => void afterChange(text)}
        />
      )}
      {bulkOpen && view && view.year === year && (
        <BulkEntryModal
          year={year}
          current={overrides}
          onClose={() => setBulkOpen(false)}
          onSaved={(v) => {
            setBulkOpen(false)
            setView(v)
            message.success(`${v.year} 年节假日安排已保存`)
            void load()
          }}
        />
      )}
    </Space>
  )
}
