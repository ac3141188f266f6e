import { Form, Input, Modal } from 'antd'
import { useState } from 'react'

export type DecisionMode = 'approve' | 'return'

/** Asks for the reviewer's comment (approve, optional) or the reason for returning (required). */
export function ReviewDecisionModal({
  mode,
  isLastLevel,
  onCancel,
  onSubmit,
}: {
  mode: DecisionMode | null
  isLastLevel: boolean
  onCancel: () => void
  onSubmit: (mode: DecisionMode, text: string) => Promise<void>
}) {
  const [form] = Form.useForm<{ text: string }>()
  const [busy, setBusy] = useState(false)
  const isReturn = mode === 'return'

  const ok = async () => {
    if (!mode) return
    let text: string | undefined
    try {
      ;({ text } = await form.validateFields())
    } catch {
      return // the form shows what is missing
    }
    setBusy(true)
    try {
      await onSubmit(mode, (text ?? '').trim())
    } finally {
      setBusy(false)
    }
  }

  return (
    <Modal
      open={mode !== null}
      title={isReturn ? '退回修改' : isLastLevel ? '审核通过并发布' : '审核通过，转下一级'}
      okText={isReturn ? '退回' : '通过'}
      okButtonProps={{ danger: isReturn, loading: busy }}
      cancelText="取消"
      onOk={() => void ok()}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" name="review-decision" preserve={false}>
        <Form.Item
          name="text"
          label={isReturn ? '退回原因' : '审核意见（可选）'}
          extra={isReturn ? '退回原因会通知提交人，并记入审核记录' : undefined}
          rules={isReturn ? [{ required: true, whitespace: true, message: '请填写退回原因' }] : []}
        >
          <Input.TextArea autoFocus rows={4} maxLength={1000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  )
}
