import { Alert } from 'antd'
import type { ArticleDetail } from './article-api'

const STYLE = { marginBottom: 16 }

/** Notices above the form: editing a working copy, read-only while in review, take-down reason. */
export function EditorBanners({ article }: { article: ArticleDetail | null }) {
  if (!article) return null
  const live = article.status === 'published' || article.status === 'scheduled'
  const reviewed = article.workflow.levels.length > 0
  return (
    <>
      {article.workingCopy ? (
        <Alert
          type="warning"
          showIcon
          style={STYLE}
          title="您正在编辑线上信息的修改稿，修改稿审核通过后替换线上版本"
        />
      ) : (
        live &&
        reviewed &&
        article.can.edit && (
          <Alert
            type="info"
            showIcon
            style={STYLE}
            title="该信息已发布：保存的修改将成为修改稿，线上版本保持不变，修改稿审核通过后替换线上版本"
          />
        )
      )}
      {!article.can.edit && (
        <Alert
          type="info"
          showIcon
          style={STYLE}
          title={
            article.review?.emergency
              ? '信息已紧急发布（未审先发），正在补审，补审完成前不能修改。'
              : article.review?.state === 'pending'
                ? '信息正在审核中，暂不能修改；如需修改请先撤回。'
                : '您没有修改该信息的权限。'
          }
        />
      )}
      {article.status === 'unpublished' && article.unpublishReason && (
        <Alert
          type="warning"
          showIcon
          style={STYLE}
          title={`撤销原因：${article.unpublishReason}`}
        />
      )}
    </>
  )
}
