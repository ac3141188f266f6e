import { Col, Form, Input, InputNumber, Modal, Row, Switch, Typography } from 'antd'
import { useEffect, useState } from 'react'
import {
  LETTER_LIMIT_KEYS,
  LETTER_LIMIT_LABELS,
  LETTER_LIMIT_MAX,
} from '../../../../common/letters'
import { formErrors } from '../../api'
import { letterApi, type MailboxView } from './letter-api'
import { limitPlaceholder, mailboxInput, mailboxValues, type MailboxValues } from './mailbox-form'

/**
 * Create or edit a mailbox. Limits left blank follow the cluster default (shown as the
 * placeholder); only the ones filled in are sent as the mailbox's overrides.
 */
export function MailboxFormModal({
  siteId,
  mailbox,
  onClose,
  onSaved,
}: {
  siteId: number
  /** null: a new mailbox. */
  mailbox: MailboxView | null
  onClose: () => void
  onSaved: (m: MailboxView, isNew: boolean) => void
}) {
  const [form] = Form.useForm<MailboxValues>()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    form.setFieldsValue(mailboxValues(mailbox))
  }, [form, mailbox])

  const ok = async () => {
    let values: MailboxValues
    try {
      values = await form.validateFields()
    } catch {
      return
    }
    setBusy(true)
    setError(null)
    try {
      const saved = mailbox
        ? await letterApi.updateMailbox(mailbox.id, mailboxInput(values))
        : await letterApi.createMailbox(mailboxInput(values, siteId))
      onSaved(saved, !mailbox)
    } catch (e) {
      const { message, fields } = formErrors(e)
      form.setFields(fields)
      setError(message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Modal
      open
      title={mailbox ? `编辑信箱：${mailbox.name}` : '新建信箱'}
      okText="保存"
      cancelText="取消"
      okButtonProps={{ loading: busy }}
      onOk={() => void ok()}
      onCancel={onClose}
      width={640}
      destroyOnHidden
    >
      {error && (
        <Typography.Paragraph type="danger" role="alert">
          {error}
        </Typography.Paragraph>
      )}
      <Form form={form} layout="vertical" name="mailbox-form">
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="code"
              label="代码"
              extra="英文字母、数字、下划线或连字符，全站群唯一，如 xzxx"
              rules={[
                { required: true, whitespace: true, message: '请填写代码' },
                { pattern: /^[A-Za-z0-9_-]+$/, message: '代码只能含字母、数字、下划线和连字符' },
              ]}
            >
              <Input maxLength={40} autoFocus />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="name"
              label="名称"
              rules={[{ required: true, whitespace: true, message: '请填写名称' }]}
            >
              <Input maxLength={50} placeholder="如：县长信箱" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="description" label="说明（可选）">
          <Input.TextArea rows={2} maxLength={500} showCount />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={12}>
            <Form.Item name="sort" label="排序" extra="数字小的排在前面">
              <InputNumber min={0} max={9999} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item name="enabled" label="启用" valuePropName="checked">
              <Switch checkedChildren="启用" unCheckedChildren="停用" />
            </Form.Item>
          </Col>
        </Row>
        <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
          <legend style={{ fontSize: 14, fontWeight: 600, marginBottom: 4 }}>
            办理时限（工作日，0–{LETTER_LIMIT_MAX}）
          </legend>
          <Typography.Paragraph type="secondary">
            留空则使用默认时限；0 表示当天办结。
          </Typography.Paragraph>
          <Row gutter={16}>
            {LETTER_LIMIT_KEYS.map((key) => (
              <Col xs={12} sm={8} key={key}>
                <Form.Item name={['limits', key]} label={LETTER_LIMIT_LABELS[key]}>
                  <InputNumber
                    min={0}
                    max={LETTER_LIMIT_MAX}
                    precision={0}
                    placeholder={limitPlaceholder(key)}
                    style={{ width: '100%' }}
                  />
                </Form.Item>
              </Col>
            ))}
          </Row>
        </fieldset>
      </Form>
    </Modal>
  )
}
