import { Tag, Tooltip, Typography } from 'antd'
import { useEffect, useState } from 'react'
import {
  PUSH_STATE_LABELS,
  SUBMISSION_STATUS_LABELS,
  type PushState,
  type SubmissionStatus,
} from '../../../../common/cluster'
import { publicArticleUrl } from './cluster-api'
import { PUSH_STATE_COLORS, SUBMISSION_STATUS_COLORS } from './cluster-labels'

export function SubmissionStatusTag({ status }: { status: SubmissionStatus }) {
  return <Tag color={SUBMISSION_STATUS_COLORS[status]}>{SUBMISSION_STATUS_LABELS[status]}</Tag>
}

export function PushStateTag({ state, reason }: { state: PushState; reason?: string }) {
  const tag = <Tag color={PUSH_STATE_COLORS[state]}>{PUSH_STATE_LABELS[state]}</Tag>
  return reason ? <Tooltip title={`原因：${reason}`}>{tag}</Tooltip> : tag
}

/** The reason of a return or refusal, under the status tag. */
export function ReasonText({ reason }: { reason: string }) {
  if (!reason) return null
  return (
    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
      原因：{reason}
    </Typography.Text>
  )
}

/** A link to an article's public page once it is published; "尚未发布" before. */
export function PublicArticleLink({
  articleId,
  label = '查看',
}: {
  articleId: number
  label?: string
}) {
  const [url, setUrl] = useState<string | null | undefined>(undefined)
  useEffect(() => {
    let live = true
    void publicArticleUrl(articleId).then((u) => live && setUrl(u))
    return () => {
      live = false
    }
  }, [articleId])
  if (url === undefined) return null
  if (!url) return <Typography.Text type="secondary">（尚未发布）</Typography.Text>
  return (
    <a href={url} target="_blank" rel="noreferrer">
      {label}
    </a>
  )
}
