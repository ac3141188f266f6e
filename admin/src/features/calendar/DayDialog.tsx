import { App, Form, Input, Modal, Radio, Typography } from 'antd'
import { useState } from 'react'
import { formErrors } from '../../api'
import { calendarApi, type CalendarDay, type DayKind } from './calendar-api'
import { describeDay, KIND_SHORT, monthDayText, WEEKDAY_LABEL } from './calendar-labels'

type Choice = DayKind | 'default'
interface Values {
  choice: Choice
  name: string
}

/** Sets one day: 节假日 (off), 调休上班 (working), or back to the notice / weekend default. */
export function DayDialog({
  day,
  onClose,
  onSaved,
}: {
  day: CalendarDay
  onClose: () => void
  onSaved: (message: string) => void
}) {
  const { message } = App.useApp()
  const [form] = Form.useForm<Values>()
  const [saving, setSaving] = useState(false)
  const choice = Form.useWatch('choice', form)
  const isOverride = day.source === 'override'
  const isWeekend = day.weekday === 0 || day.weekday === 6
  const title = `${day.day.slice(0, 4)}年${monthDayText(day.day)} ${WEEKDAY_LABEL[day.weekday]}`
  const defaultText = `${KIND_SHORT[day.defaultKind]}${day.defaultName ? ` ${day.defaultName}` : ''}`
  // Offer the change people usually make: a weekday off, a weekend at work.
  const initial: Values = isOverride
    ? { choice: day.kind, name: day.name }
    : { choice: isWeekend ? 'workday' : 'holiday', name: day.name }

  const save = async () => {
    let values: Values
    try {
      values = await form.validateFields()
    } catch {
      return
    }
    setSaving(true)
    try {
      if (values.choice === 'default') {
        const d = await calendarApi.resetDay(day.day)
        onSaved(`${monthDayText(day.day)}已恢复默认：${KIND_SHORT[d.kind]}`)
      } else {
        const d = await calendarApi.setDay(day.day, values.choice, (values.name ?? '').trim())
        onSaved(
          `${monthDayText(day.day)}已设为${KIND_SHORT[d.kind]}${d.name ? `（${d.name}）` : ''}`,
        )
      }
    } catch (e) {
      const r = formErrors(e)
      form.setFields(r.fields.filter((f) => f.name?.toString() === 'name'))
      message.error(r.message)
    } finally {
      setSaving(false)
    }
  }

  return (
    <Modal
      open
      title={title}
      okText="保存"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => void save()}
      okButtonProps={{ loading: saving }}
      destroyOnHidden
    >
      <Typography.Paragraph>
        当前：{describeDay(day)}
        {isOverride && (
          <>
            <br />
            恢复默认后：{defaultText}
          </>
        )}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={initial} onFinish={() => void save()}>
        <Form.Item name="choice" label="设置为">
          <Radio.Group
            options={[
              { value: 'holiday', label: '节假日（休）' },
              { value: 'workday', label: '调休上班（班）' },
              {
                value: 'default',
                label: `恢复默认（${defaultText}）`,
                disabled: !isOverride,
              },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="name"
          label="名称"
          extra="如“国庆节”“春节调休”，显示在日历上，可不填"
          rules={[{ max: 100, message: '名称不能超过 100 个字符' }]}
        >
          <Input maxLength={100} disabled={choice === 'default'} autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  )
}
