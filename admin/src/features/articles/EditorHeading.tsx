import { ArrowLeftOutlined } from '@ant-design/icons'
import { Space, Typography } from 'antd'
import { Link } from 'react-router-dom'
import { formatDateTime } from '../../../../common/time'
import type { ArticleDetail } from './article-api'
import { ArticleStatusTags } from './ArticleStatusTags'

/** The editor's heading: back link, title, status tags, site and last change. */
export function EditorHeading({
  article,
  siteName,
  dirty,
}: {
  article: ArticleDetail | null
  siteName?: string
  dirty: boolean
}) {
  return (
    <Space wrap>
      <Link to="/articles" aria-label="返回信息列表">
        <ArrowLeftOutlined /> 信息列表
      </Link>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {article ? '编辑信息' : '新建信息'}
      </Typography.Title>
      {article && (
        <ArticleStatusTags
          a={{ ...article, hasWorkingCopy: Boolean(article.workingCopy) || article.hasWorkingCopy }}
        />
      )}
      {siteName && <Typography.Text type="secondary">{siteName}</Typography.Text>}
      {article && (
        <Typography.Text type="secondary">
          最后修改 {formatDateTime(article.updatedAt)}
          {dirty && '（有未保存的修改）'}
        </Typography.Text>
      )}
    </Space>
  )
}
