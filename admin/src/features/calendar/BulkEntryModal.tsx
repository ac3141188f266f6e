import { Alert, Input, Modal, Typography } from 'antd'
import { useMemo, useState } from 'react'
import { ApiError } from '../../api'
import { calendarApi, type CalendarYear, type OverrideEntry } from './calendar-api'
import { formatNotice, parseNotice, type NoticeProblem } from './calendar-parse'

/**
 * 批量录入: the year's holidays and make-up working days pasted from the State Council notice,
 * one `YYYY-MM-DD 休|班 名称` per line. Saving replaces every setting the year already has.
 */
export function BulkEntryModal({
  year,
  current,
  onClose,
  onSaved,
}: {
  year: number
  /** The year's overrides as they are (pre-filled, since saving replaces them). */
  current: OverrideEntry[]
  onClose: () => void
  onSaved: (view: CalendarYear) => void
}) {
  const [text, setText] = useState(() => formatNotice(current))
  const [touched, setTouched] = useState(false)
  const [saving, setSaving] = useState(false)
  const [serverProblems, setServerProblems] = useState<NoticeProblem[]>([])
  const [serverMessage, setServerMessage] = useState<string | null>(null)
  const parsed = useMemo(() => parseNotice(text, year), [text, year])
  const problems = [...parsed.problems, ...serverProblems]
  const off = parsed.entries.filter((e) => e.kind === 'holiday').length
  const on = parsed.entries.length - off

  const submit = async () => {
    setTouched(true)
    setServerProblems([])
    setServerMessage(null)
    if (parsed.problems.length > 0) return
    setSaving(true)
    try {
      onSaved(await calendarApi.replaceYear(year, parsed.entries))
    } catch (e) {
      if (e instanceof ApiError) {
        // `days.<i>.<field>` → the line entry i came from.
        const lines = Object.entries(e.fields).map(([key, msg]) => {
          const i = Number(key.split('.')[1])
          const line = parsed.lines[i]
          return { line: line ?? 0, message: line ? `第 ${line} 行：${msg}` : msg }
        })
        setServerProblems(lines)
        setServerMessage(e.message)
      } else setServerMessage('保存失败，请稍后重试')
    } finally {
      setSaving(false)
    }
  }

  return (
    <Modal
      open
      width={680}
      title={`批量录入 ${year} 年节假日`}
      okText="保存"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => void submit()}
      okButtonProps={{ loading: saving }}
    >
      <Typography.Paragraph>
        按国务院办公厅关于 {year} 年部分节假日安排的通知，每行填写一天：日期、“休”或“班”、名称，
        用空格分隔；连续放假可写成范围，如{' '}
        <Typography.Text code>
          {year}-10-01~{year}-10-07 休 国庆节
        </Typography.Text>
        。 周末放假不必填写，周末调休上班须填“班”。以 # 开头的行为注释。
      </Typography.Paragraph>
      <label htmlFor="calendar-bulk-text" style={{ display: 'block', marginBottom: 4 }}>
        {year} 年节假日安排（每行一项）
      </label>
      <Input.TextArea
        id="calendar-bulk-text"
        value={text}
        onChange={(e) => {
          setText(e.target.value)
          setServerProblems([])
          setServerMessage(null)
        }}
        autoSize={{ minRows: 10, maxRows: 20 }}
        placeholder={`${year}-01-01 休 元旦\n${year}-02-06~${year}-02-12 休 春节\n${year}-02-14 班 春节`}
        aria-describedby="calendar-bulk-summary"
        aria-invalid={touched && problems.length > 0}
        spellCheck={false}
        style={{ fontFamily: 'monospace' }}
      />
      <p id="calendar-bulk-summary" style={{ margin: '8px 0' }}>
        共 {parsed.entries.length} 天：休 {off} 天，班 {on} 天。保存后将替换 {year} 年已有的{' '}
        {current.length} 项设置{parsed.entries.length === 0 ? '（即清空该年的设置）' : ''}。
      </p>
      {touched && (problems.length > 0 || serverMessage) && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={serverMessage ?? `有 ${problems.length} 处需要修改，未保存`}
          description={
            problems.length > 0 && (
              <ul style={{ margin: 0, paddingLeft: 20, maxHeight: 160, overflow: 'auto' }}>
                {problems.slice(0, 50).map((p, i) => (
                  <li key={i}>{p.message}</li>
                ))}
              </ul>
            )
          }
        />
      )}
    </Modal>
  )
}
