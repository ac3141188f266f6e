import { Alert, Empty, List, Space, Tag, Typography } from 'antd'
import { formatDate } from '../../../../common/time'
import type { AggregateItem, AggregateSource } from './cluster-api'

export interface PreviewResult {
  sources: AggregateSource[]
  items: AggregateItem[]
}

/** What a rule matches now: the source columns and the latest items (or why it was refused). */
export function AggregatePreview({
  result,
  error,
}: {
  result: PreviewResult | null
  error: string | null
}) {
  if (error)
    return <Alert type="error" showIcon title="规则有误" description={error} role="alert" />
  if (!result) return null
  return (
    <Space orientation="vertical" style={{ width: '100%' }} aria-live="polite">
      <Typography.Text strong>匹配的来源栏目（{result.sources.length} 个）</Typography.Text>
      {result.sources.length === 0 ? (
        <Typography.Text type="secondary">没有匹配的栏目，请调整规则</Typography.Text>
      ) : (
        <div>
          {result.sources.slice(0, 60).map((s) => (
            <Tag key={`${s.siteId}-${s.columnId ?? 'all'}`} style={{ marginBottom: 4 }}>
              {s.siteName} · {s.columnName || '全部栏目'}
            </Tag>
          ))}
          {result.sources.length > 60 && (
            <Typography.Text type="secondary">等 {result.sources.length} 个</Typography.Text>
          )}
        </div>
      )}
      <Typography.Text strong>最新信息</Typography.Text>
      {result.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无匹配的已发布信息" />
      ) : (
        <List
          size="small"
          bordered
          dataSource={result.items.slice(0, 10)}
          renderItem={(i) => (
            <List.Item
              extra={
                <Typography.Text type="secondary">{formatDate(i.publishedAt)}</Typography.Text>
              }
            >
              <span>
                <a href={i.url} target="_blank" rel="noreferrer">
                  {i.title}
                </a>
                <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
                  {i.siteName} · {i.columnName}
                </Typography.Text>
              </span>
            </List.Item>
          )}
        />
      )}
    </Space>
  )
}
