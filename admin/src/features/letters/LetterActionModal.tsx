import { Alert, Form, Input, InputNumber, Modal, Radio, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { LETTER_EXTENSION_MAX_DAYS, LETTER_RATING_WINDOW_DAYS } from '../../../../common/letters'
import { formErrors } from '../../api'
import { letterApi, type LetterAction, type LetterDetail } from './letter-api'
import {
  ACTION_FIELDS,
  ACTION_LABELS,
  actionBody,
  actionDefaults,
  isDanger,
  type ActionField,
} from './letter-actions'
import { SiteTreeSelect } from './LetterTags'

/** What an action does, said before the fields. */
const INTRO: Partial<Record<LetterAction, string>> = {
  sign: '签收后开始计算办理期限。',
  accept: '受理后进入交办环节；选择承办单位可一并交办。',
  reject: '不予受理后来信办结，来信人可以查询到处理结果。',
  merge: '合并后本信不再单独办理。',
  approve_reply: `通过后答复即发送给来信人，来信人可在 ${LETTER_RATING_WINDOW_DAYS} 日内评价。`,
  close: '办结后不再接受评价。',
  unpublish: '取消后该来信从网站的公开来信中撤下。',
}

/**
 * The dialog of one handling action: exactly the action's body fields, then
 * POST /letters/:id/actions/:action. Field errors stay in the dialog; on success the page
 * re-renders from the returned letter.
 */
export function LetterActionModal({
  letter,
  action,
  onCancel,
  onDone,
  onFailed,
}: {
  letter: LetterDetail
  action: LetterAction | null
  onCancel: () => void
  onDone: (detail: LetterDetail, action: LetterAction) => void
  onFailed: (message: string) => void
}) {
  const [form] = Form.useForm<Record<string, unknown>>()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const fields = action ? ACTION_FIELDS[action] : []

  useEffect(() => {
    setError(null)
    if (action) {
      form.resetFields()
      form.setFieldsValue(actionDefaults(action, letter))
    }
  }, [action, form, letter])

  const ok = async () => {
    if (!action) return
    let values: Record<string, unknown>
    try {
      values = await form.validateFields()
    } catch {
      return // the form shows what is missing
    }
    setBusy(true)
    setError(null)
    try {
      onDone(await letterApi.act(letter.id, action, actionBody(action, values)), action)
    } catch (e) {
      const { message, fields: errs } = formErrors(e)
      if (errs.length) {
        form.setFields(errs)
        setError(message)
      } else onFailed(message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Modal
      open={action !== null}
      title={action ? `${ACTION_LABELS[action]} · ${letter.queryCode}` : ''}
      okText={action ? ACTION_LABELS[action] : '确定'}
      okButtonProps={{ danger: action ? isDanger(action) : false, loading: busy }}
      cancelText="取消"
      onOk={() => void ok()}
      onCancel={onCancel}
      destroyOnHidden
    >
      {action && INTRO[action] && <Typography.Paragraph>{INTRO[action]}</Typography.Paragraph>}
      {action === 'decide_extension' && letter.extension && (
        <Typography.Paragraph>
          承办单位申请延期 {letter.extension.days} 个工作日，理由：{letter.extension.reason || '—'}
        </Typography.Paragraph>
      )}
      {error && (
        <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />
      )}
      <Form form={form} layout="vertical" name={`letter-action-${action ?? 'none'}`}>
        {fields.map((f, i) => (
          <ActionFormItem key={f.name} field={f} autoFocus={i === 0} />
        ))}
      </Form>
    </Modal>
  )
}

function ActionFormItem({ field, autoFocus }: { field: ActionField; autoFocus: boolean }) {
  const id = `letter-action-field-${field.name}`
  const rules = field.isRequired
    ? [
        field.kind === 'text' || field.kind === 'textarea'
          ? { required: true, whitespace: true, message: `请填写${bare(field.label)}` }
          : { required: true, message: `请选择${bare(field.label)}` },
      ]
    : []
  const common = { name: field.name, label: field.label, extra: field.extra, rules, htmlFor: id }
  switch (field.kind) {
    case 'unit':
      return (
        <Form.Item {...common}>
          <SiteTreeSelect units id={id} width="100%" placeholder="选择承办单位（站点）" />
        </Form.Item>
      )
    case 'days':
      return (
        <Form.Item
          {...common}
          rules={[
            { required: true, message: '请填写延期天数' },
            {
              type: 'integer',
              min: 1,
              max: LETTER_EXTENSION_MAX_DAYS,
              message: `延期天数为 1–${LETTER_EXTENSION_MAX_DAYS} 个工作日`,
            },
          ]}
        >
          <InputNumber
            id={id}
            min={1}
            max={LETTER_EXTENSION_MAX_DAYS}
            precision={0}
            autoFocus={autoFocus}
          />
        </Form.Item>
      )
    case 'grant':
      return (
        <Form.Item {...common} htmlFor={undefined}>
          <Radio.Group
            aria-label={field.label}
            options={[
              { value: true, label: '同意延期' },
              { value: false, label: '不同意' },
            ]}
          />
        </Form.Item>
      )
    case 'text':
      return (
        <Form.Item {...common}>
          <Input id={id} maxLength={field.max} autoFocus={autoFocus} />
        </Form.Item>
      )
    case 'textarea':
      return (
        <Form.Item {...common}>
          <Input.TextArea id={id} rows={4} maxLength={field.max} showCount autoFocus={autoFocus} />
        </Form.Item>
      )
  }
}

/** "承办单位（可选）" → "承办单位" for messages. */
function bare(label: string): string {
  return label.replace(/（[^）]*）$/, '')
}
