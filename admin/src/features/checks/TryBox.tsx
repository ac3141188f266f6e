import { Alert, App, Button, Form, Input, Space } from 'antd'
import { useState } from 'react'
import { api, ApiError } from '../../api'
import { useSession } from '../../shell/session'
import { FindingsList } from '../review/FindingsList'
import { textToParagraphs, type Finding } from './checks-api'

/** 检查试用: paste a title and text, see what the checks find (nothing is saved). */
export function TryBox() {
  const { site } = useSession()
  const { message } = App.useApp()
  const [title, setTitle] = useState('')
  const [text, setText] = useState('')
  const [busy, setBusy] = useState(false)
  const [findings, setFindings] = useState<Finding[] | null>(null)

  const run = async () => {
    if (!site) return
    if (!title.trim() && !text.trim()) {
      message.warning('请先粘贴要检查的标题或正文')
      return
    }
    setBusy(true)
    try {
      const res = await api.post<{ data: Finding[] }>('/checks/run', {
        siteId: site.id,
        title: title.trim(),
        bodyHtml: textToParagraphs(text),
      })
      setFindings(res.data)
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '检查失败，请稍后重试')
    } finally {
      setBusy(false)
    }
  }

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Alert
        type="info"
        showIcon
        message="按当前词库和规则检查，不保存任何内容；站内链接按当前站点解析。"
      />
      <Form layout="vertical" onFinish={() => void run()}>
        <Form.Item label="标题" htmlFor="try-title">
          <Input
            id="try-title"
            value={title}
            maxLength={500}
            onChange={(e) => setTitle(e.target.value)}
          />
        </Form.Item>
        <Form.Item label="正文" htmlFor="try-body">
          <Input.TextArea
            id="try-body"
            value={text}
            rows={10}
            placeholder="粘贴要检查的正文（纯文本，每行一段）"
            onChange={(e) => setText(e.target.value)}
          />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy}>
            开始检查
          </Button>
          <Button
            onClick={() => {
              setTitle('')
              setText('')
              setFindings(null)
            }}
          >
            清空
          </Button>
        </Space>
      </Form>
      {findings && (
        <section aria-label="检查结果" aria-live="polite">
          <FindingsList findings={findings} />
        </section>
      )}
    </Space>
  )
}
