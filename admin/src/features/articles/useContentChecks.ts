import type { Editor } from '@tiptap/react'
import { App, type FormInstance } from 'antd'
import { useState, type RefObject } from 'react'
import { ApiError } from '../../api'
import { findingsFromError, runChecks, type CheckInput, type Finding } from '../review/review-api'
import type { ArticleDetail } from './article-api'
import type { EditorValues } from './article-form'
import type { FindingsSource } from './ChecksPanel'
import { locateFinding, replaceFinding } from './finding-actions'

/** Replaces the occurrence of `excerpt` in `text` nearest to `hint` (null when it is gone). */
function replaceNearest(text: string, excerpt: string, hint: number, by: string): string | null {
  let best = -1
  for (let i = text.indexOf(excerpt); i !== -1; i = text.indexOf(excerpt, i + 1))
    if (best === -1 || Math.abs(i - hint) < Math.abs(best - hint)) best = i
  return best === -1 ? null : text.slice(0, best) + by + text.slice(best + excerpt.length)
}

/**
 * The editor's content checks: findings from a manual run, from a save, or from a refusal
 * (422 checks_blocked); locating an excerpt in the title or body and replacing a wrong word.
 */
export function useContentChecks(
  form: FormInstance<EditorValues>,
  editorRef: RefObject<Editor | null>,
  inputOf: (v: EditorValues) => CheckInput,
) {
  const { message } = App.useApp()
  const [findings, setFindings] = useState<Finding[] | null>(null)
  const [source, setSource] = useState<FindingsSource>(null)
  const [running, setRunning] = useState(false)
  const values = () => form.getFieldsValue(true) as EditorValues

  const run = async () => {
    setRunning(true)
    try {
      const found = await runChecks(inputOf(values()))
      setFindings(found)
      setSource('manual')
      message.info(found.length ? `发现 ${found.length} 个问题` : '未发现问题')
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '检查失败，请稍后重试')
    } finally {
      setRunning(false)
    }
  }

  /** A refusal: show what blocked it (from the error, else by running the checks). */
  const showBlocked = async (e: ApiError) => {
    message.error(e.message)
    const found = findingsFromError(e) ?? (await runChecks(inputOf(values())).catch(() => null))
    if (!found) return
    setFindings(found)
    setSource('blocked')
    const backdated = found.find((f) => f.field === 'publishedAt')
    if (backdated)
      form.setFields([{ name: 'backdateReason', errors: [backdated.message || '请填写补录原因'] }])
  }

  /** The findings the server reported for what was just saved; returns the blocking count. */
  const showSaved = (a: ArticleDetail): number => {
    if (a.findings.length > 0 || findings) {
      setFindings(a.findings)
      setSource('saved')
    }
    return a.findings.filter((f) => f.severity === 'blocking').length
  }

  const locate = (f: Finding) => {
    if (!locateFinding(f, editorRef.current)) message.warning('未能定位该内容，可能已被修改')
  }

  const replace = (f: Finding, by: string) => {
    let done = false
    if (f.field === 'title') {
      const next = replaceNearest(values().title ?? '', f.excerpt, f.offset, by)
      if (next !== null) form.setFieldsValue({ title: next })
      done = next !== null
    } else done = replaceFinding(f, by, editorRef.current)
    if (!done) {
      message.warning('未能找到该内容，可能已被修改')
      return
    }
    setFindings((list) => list?.filter((x) => x !== f) ?? null)
    message.success(`已替换为“${by}”，保存后生效`)
  }

  return { findings, source, running, run, showBlocked, showSaved, locate, replace }
}
