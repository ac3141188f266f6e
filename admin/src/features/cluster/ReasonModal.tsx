import { Form, Input, Modal } from 'antd'
import { useState } from 'react'

/** What a reason dialog asks: 退回修改, 不予采用, 拒收 (required) or 重新报送 (a note, optional). */
export interface ReasonAsk {
  title: string
  label: string
  okText: string
  required: boolean
  danger?: boolean
  extra?: string
}

/** Asks for a reason or note, then runs `onSubmit`; stays open (and shows nothing) on failure. */
export function ReasonModal({
  ask,
  onCancel,
  onSubmit,
}: {
  ask: ReasonAsk | null
  onCancel: () => void
  onSubmit: (text: string) => Promise<void>
}) {
  const [form] = Form.useForm<{ text: string }>()
  const [busy, setBusy] = useState(false)

  const ok = async () => {
    let text: string | undefined
    try {
      ;({ text } = await form.validateFields())
    } catch {
      return // the form shows what is missing
    }
    setBusy(true)
    try {
      await onSubmit((text ?? '').trim())
    } finally {
      setBusy(false)
    }
  }

  return (
    <Modal
      open={ask !== null}
      title={ask?.title}
      okText={ask?.okText}
      okButtonProps={{ danger: ask?.danger, loading: busy }}
      cancelText="取消"
      onOk={() => void ok()}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" name="cluster-reason" preserve={false}>
        <Form.Item
          name="text"
          label={ask?.label}
          extra={ask?.extra}
          rules={
            ask?.required
              ? [{ required: true, whitespace: true, message: `请填写${ask.label}` }]
              : []
          }
        >
          <Input.TextArea autoFocus rows={4} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  )
}
