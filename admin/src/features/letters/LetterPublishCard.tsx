import { Alert, App, Button, Card, Form, Input, Space, Tag, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { LETTER_LIMITS } from '../../../../common/letters'
import { formatDateTime } from '../../../../common/time'
import { formErrors } from '../../api'
import { letterApi, type LetterAction, type LetterDetail, type PublicationText } from './letter-api'
import { ACTION_LABELS } from './letter-actions'

const REPLY_MAX = LETTER_LIMITS.replyMax

/**
 * 公开: the redacted subject, body and reply that go on the public site, pre-filled with the
 * server's auto-masked suggestion (or what is published now); and unpublish.
 */
export function LetterPublishCard({
  letter,
  onDone,
  onUnpublish,
}: {
  letter: LetterDetail
  onDone: (detail: LetterDetail, action: LetterAction) => void
  onUnpublish: () => void
}) {
  const { message } = App.useApp()
  const [form] = Form.useForm<PublicationText>()
  const [busy, setBusy] = useState(false)
  const canPublish = letter.actions.includes('publish')
  const canUnpublish = letter.actions.includes('unpublish')
  const pub = letter.publication

  useEffect(() => {
    if (!canPublish) return
    const from = pub.published ? pub : letter.suggestedPublication
    form.setFieldsValue({ subject: from.subject, body: from.body, reply: from.reply })
  }, [form, canPublish, pub, letter.suggestedPublication])

  if (!canPublish && !canUnpublish && !pub.published) return null

  const publish = async () => {
    let values: PublicationText
    try {
      values = await form.validateFields()
    } catch {
      return
    }
    setBusy(true)
    try {
      onDone(
        await letterApi.act(letter.id, 'publish', {
          subject: values.subject.trim(),
          body: values.body.trim(),
          reply: values.reply.trim(),
        }),
        'publish',
      )
    } catch (e) {
      const { message: text, fields } = formErrors(e)
      form.setFields(fields)
      message.error(text)
    } finally {
      setBusy(false)
    }
  }

  const required = (label: string) => [
    { required: true, whitespace: true, message: `请填写${label}` },
  ]

  return (
    <Card
      size="small"
      title={
        <Space>
          公开
          {pub.published ? <Tag color="#237804">已公开</Tag> : <Tag>未公开</Tag>}
        </Space>
      }
    >
      {pub.published && pub.publishedAt && (
        <Typography.Paragraph type="secondary">
          公开于 {formatDateTime(pub.publishedAt)}
        </Typography.Paragraph>
      )}
      {!letter.wantsPublic && (
        <Alert type="warning" showIcon title="来信人不同意公开" style={{ marginBottom: 12 }} />
      )}
      {canPublish ? (
        <Form form={form} layout="vertical" name="letter-publication">
          <Typography.Paragraph type="secondary">
            以下内容已自动遮盖姓名、电话、证件号等个人信息，请核对后再公开。
          </Typography.Paragraph>
          <Form.Item name="subject" label="公开标题" rules={required('公开标题')}>
            <Input.TextArea autoSize maxLength={LETTER_LIMITS.subjectMax} showCount />
          </Form.Item>
          <Form.Item name="body" label="公开的来信内容" rules={required('公开的来信内容')}>
            <Input.TextArea rows={6} maxLength={LETTER_LIMITS.bodyMax} showCount />
          </Form.Item>
          <Form.Item name="reply" label="公开的答复内容" rules={required('公开的答复内容')}>
            <Input.TextArea rows={6} maxLength={REPLY_MAX} showCount />
          </Form.Item>
          <Space wrap>
            <Button type="primary" loading={busy} onClick={() => void publish()}>
              {pub.published ? '更新公开内容' : ACTION_LABELS.publish}
            </Button>
            {canUnpublish && (
              <Button danger onClick={onUnpublish}>
                {ACTION_LABELS.unpublish}
              </Button>
            )}
          </Space>
        </Form>
      ) : (
        <>
          {pub.published && (
            <section aria-label="公开内容">
              <Typography.Title level={5}>{pub.subject}</Typography.Title>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
                {pub.body}
              </Typography.Paragraph>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
                答复：{pub.reply}
              </Typography.Paragraph>
            </section>
          )}
          {canUnpublish && (
            <Button danger onClick={onUnpublish}>
              {ACTION_LABELS.unpublish}
            </Button>
          )}
        </>
      )}
    </Card>
  )
}
