import { Tag, Tooltip } from 'antd'
import { UNPUBLISH_KIND_LABELS } from '../../../../common/enums'
import { formatDateTime } from '../../../../common/time'
import { levelText } from '../review/review-labels'
import { STATUS_COLORS, statusLabel, type ArticleRow, type OpenReview } from './article-api'

type Tagged = Pick<
  ArticleRow,
  | 'status'
  | 'unreviewed'
  | 'inReview'
  | 'hasWorkingCopy'
  | 'publishAt'
  | 'unpublishAt'
  | 'unpublishKind'
  | 'unpublishReason'
> & { review?: OpenReview | null }

/**
 * An article's status and what it waits for: the review level (when known: the editor has it,
 * list rows only say "in review"), 未审先发 (emergency-published, awaiting its post-review),
 * scheduled publishing/unpublishing, a working copy.
 */
export function ArticleStatusTags({ a }: { a: Tagged }) {
  const r = a.review?.state === 'pending' ? a.review : null
  const level = r ? ` ${levelText(r.level, r.levelCount, r.levelName)}` : ''
  const live = a.status === 'published' || a.status === 'scheduled'
  return (
    <>
      {a.status === 'scheduled' && a.publishAt ? (
        <Tag color={STATUS_COLORS.scheduled}>待定时发布 {formatDateTime(a.publishAt)}</Tag>
      ) : a.status === 'unpublished' && a.unpublishKind ? (
        <Tooltip title={a.unpublishReason || undefined}>
          <Tag color={STATUS_COLORS.unpublished}>
            已撤销（{UNPUBLISH_KIND_LABELS[a.unpublishKind]}）
          </Tag>
        </Tooltip>
      ) : (
        <Tag color={STATUS_COLORS[a.status] ?? 'default'}>
          {statusLabel(a.status)}
          {a.status === 'pending' ? level : ''}
        </Tag>
      )}
      {a.unreviewed && <Tag color="#a8071a">未审先发，待补审</Tag>}
      {live && a.inReview && !a.unreviewed && (
        <Tag color={STATUS_COLORS.pending}>修改稿审核中{level}</Tag>
      )}
      {live && a.hasWorkingCopy && !a.inReview && <Tag>有未提交的修改稿</Tag>}
      {a.status === 'pending' && a.publishAt && <Tag>定时 {formatDateTime(a.publishAt)}</Tag>}
      {a.unpublishAt && a.status !== 'unpublished' && (
        <Tag>定时下线 {formatDateTime(a.unpublishAt)}</Tag>
      )}
    </>
  )
}
