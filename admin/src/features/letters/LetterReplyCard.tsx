import { Alert, App, Button, Card, Form, Input, Space, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { formatDateTime } from '../../../../common/time'
import { formErrors } from '../../api'
import { letterApi, type LetterAction, type LetterDetail } from './letter-api'
import { ACTION_LABELS } from './letter-actions'
import { LETTER_LIMITS } from '../../../../common/letters'

const REPLY_MAX = LETTER_LIMITS.replyMax

/**
 * The reply: the one sent to the writer, and the draft — editable by the unit (save / submit
 * for review), read-only for everyone else.
 */
export function LetterReplyCard({
  letter,
  onDone,
}: {
  letter: LetterDetail
  onDone: (detail: LetterDetail, action: LetterAction) => void
}) {
  const { message } = App.useApp()
  const canSave = letter.actions.includes('save_reply')
  const canSubmit = letter.actions.includes('submit_reply')
  const canEdit = canSave || canSubmit
  const [draft, setDraft] = useState(letter.replyDraft)
  const [busy, setBusy] = useState<LetterAction | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    setDraft(letter.replyDraft)
    setError(null)
  }, [letter.id, letter.replyDraft])

  const send = async (action: 'save_reply' | 'submit_reply') => {
    if (!draft.trim()) {
      setError('请填写答复内容')
      return
    }
    setBusy(action)
    setError(null)
    try {
      onDone(await letterApi.act(letter.id, action, { reply: draft.trim() }), action)
    } catch (e) {
      const { message: text } = formErrors(e)
      setError(text)
      message.error(text)
    } finally {
      setBusy(null)
    }
  }

  if (!letter.reply && !letter.replyDraft && !canEdit) return null
  const isDirty = draft !== letter.replyDraft

  return (
    <Card size="small" title="答复">
      {letter.reply && (
        <section aria-label="已发送的答复" style={{ marginBottom: canEdit ? 16 : 0 }}>
          <Typography.Text type="secondary">
            {letter.replyByName || '—'} · {letter.repliedAt ? formatDateTime(letter.repliedAt) : ''}
            {letter.reopened && '（来信人不满意，重新办理中）'}
          </Typography.Text>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 8 }}>
            {letter.reply}
          </Typography.Paragraph>
        </section>
      )}
      {canEdit ? (
        <Form layout="vertical" name="letter-reply">
          <Form.Item
            label={letter.reply ? '新的答复' : '答复内容'}
            htmlFor="letter-reply-draft"
            extra="提交后由受理台审核，审核通过即发送给来信人。"
            validateStatus={error ? 'error' : undefined}
            help={error ?? undefined}
          >
            <Input.TextArea
              id="letter-reply-draft"
              rows={10}
              maxLength={REPLY_MAX}
              showCount
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
            />
          </Form.Item>
          <Space wrap>
            {canSave && (
              <Button
                loading={busy === 'save_reply'}
                disabled={busy !== null}
                onClick={() => void send('save_reply')}
              >
                {ACTION_LABELS.save_reply}
              </Button>
            )}
            {canSubmit && (
              <Button
                type="primary"
                loading={busy === 'submit_reply'}
                disabled={busy !== null}
                onClick={() => void send('submit_reply')}
              >
                {ACTION_LABELS.submit_reply}
              </Button>
            )}
            {isDirty && <Typography.Text type="secondary">有未保存的修改</Typography.Text>}
          </Space>
        </Form>
      ) : (
        letter.replyDraft &&
        letter.replyDraft !== letter.reply && (
          <section aria-label="答复草稿">
            <Alert
              type="info"
              showIcon
              title={letter.state === 'reply_drafted' ? '待审核的答复' : '答复草稿'}
              style={{ marginBottom: 8 }}
            />
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
              {letter.replyDraft}
            </Typography.Paragraph>
          </section>
        )
      )}
    </Card>
  )
}
