import { App, Button } from 'antd'
import { useState } from 'react'
import { useNavigate } from 'react-router-dom'
import { ApiError } from '../../api'
import { questionApi } from './question-api'

/**
 * 转为热点解答 on an answered or closed letter: makes a draft entry from the letter's public
 * (redacted) text and opens it in the editor; a letter already converted opens its entry.
 */
export function ToQuestionButton({ letterId, state }: { letterId: number; state: string }) {
  const { message } = App.useApp()
  const navigate = useNavigate()
  const [busy, setBusy] = useState(false)
  if (state !== 'answered' && state !== 'closed') return null
  const convert = async () => {
    setBusy(true)
    try {
      const q = await questionApi.fromLetter(letterId)
      message.success('已生成热点解答草稿，请核对后发布')
      navigate(`/questions/${q.id}`)
    } catch (e) {
      const existing = e instanceof ApiError ? e.details.questionId : undefined
      if (e instanceof ApiError && e.code === 'letter_already_converted' && existing) {
        message.info(e.message)
        navigate(`/questions/${String(existing)}`)
      } else {
        message.error(e instanceof ApiError ? e.message : '转为热点解答失败，请稍后重试')
      }
    } finally {
      setBusy(false)
    }
  }
  return (
    <Button loading={busy} onClick={() => void convert()}>
      转为热点解答
    </Button>
  )
}
