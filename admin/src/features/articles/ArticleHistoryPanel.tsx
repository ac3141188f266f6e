import { Card, Collapse, Empty, Space, Table, Tag, Typography } from 'antd'
import type { TableColumnsType } from 'antd'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { Link } from 'react-router-dom'
import { AUDIT_ACTION_LABELS } from '../../../../common/audit-actions'
import { formatDateTime } from '../../../../common/time'
import { api, ApiError } from '../../api'
import { LoadError } from '../../shell/LoadError'
import { usePagedList } from '../../shell/usePagedList'
import type { ReviewSummary } from '../review/review-api'
import { REVIEW_STATE_COLORS, REVIEW_STATE_LABELS } from '../review/review-labels'
import { ReviewSteps } from '../review/ReviewSteps'

interface AuditEvent {
  id: number
  at: string
  actorName: string
  action: string
  diff: unknown
}

function actionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action
}

/** The reason, comment or level an audit event carries, as one line. */
function eventNote(diff: unknown): string {
  if (!diff || typeof diff !== 'object') return ''
  const d = diff as Record<string, unknown>
  const parts = ['levelName', 'reason', 'comment', 'redirectUrl', 'backdateReason']
    .map((k) => d[k])
    .filter((v): v is string => typeof v === 'string' && v !== '')
  return parts.join('；')
}

/** 审核记录: every review of the article with its steps, newest first. */
function ReviewHistory({ articleId, version }: { articleId: number; version: string }) {
  const [reviews, setReviews] = useState<ReviewSummary[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const load = useCallback(async () => {
    setError(null)
    try {
      const res = await api.get<{ data: ReviewSummary[] }>(`/articles/${articleId}/reviews`)
      setReviews(res.data)
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '审核记录加载失败')
    }
  }, [articleId])
  useEffect(() => {
    void load()
  }, [load, version])

  if (error) return <LoadError error={error} onRetry={() => void load()} />
  if (!reviews) return null
  if (reviews.length === 0) return <Empty description="尚未提交过审核" />
  return (
    <Collapse
      defaultActiveKey={reviews[0] ? [String(reviews[0].id)] : []}
      items={reviews.map((r) => ({
        key: String(r.id),
        label: (
          <Space size={4} wrap>
            <Tag color={REVIEW_STATE_COLORS[r.state]}>{REVIEW_STATE_LABELS[r.state]}</Tag>
            {r.emergency && <Tag color="#a8071a">紧急发布</Tag>}
            <span>
              {r.steps[0]?.actorName || '—'} 提交于 {formatDateTime(r.submittedAt)}
            </span>
          </Space>
        ),
        extra: r.state === 'pending' ? <Link to={`/reviews/${r.id}`}>查看</Link> : undefined,
        children: <ReviewSteps steps={r.steps} />,
      }))}
    />
  )
}

/** The article's audit events (transitions, approvals, overrides with their reasons). */
function AuditTrail({ articleId, version }: { articleId: number; version: string }) {
  const [page, setPage] = useState(1)
  const query = useMemo(() => ({}), [])
  const { rows, total, loading, error, load } = usePagedList<AuditEvent>(
    `/articles/${articleId}/history`,
    query,
    page,
    10,
    '操作记录加载失败',
  )
  // Reload after the article changed (saved, submitted …), but not on the first render.
  const seen = useRef(version)
  useEffect(() => {
    if (seen.current === version) return
    seen.current = version
    void load()
  }, [version, load])
  const columns: TableColumnsType<AuditEvent> = [
    { title: '时间', dataIndex: 'at', width: 150, render: (v: string) => formatDateTime(v) },
    { title: '操作人', dataIndex: 'actorName', width: 110, render: (n: string) => n || '系统' },
    { title: '操作', dataIndex: 'action', width: 140, render: (a: string) => actionLabel(a) },
    {
      title: '说明',
      dataIndex: 'diff',
      render: (d: unknown) => <Typography.Text>{eventNote(d) || '—'}</Typography.Text>,
    },
  ]
  return (
    <>
      <LoadError error={error} onRetry={() => void load()} />
      <Table<AuditEvent>
        rowKey="id"
        size="small"
        loading={loading}
        columns={columns}
        dataSource={rows}
        locale={{ emptyText: <Empty description="暂无操作记录" /> }}
        pagination={{
          current: page,
          pageSize: 10,
          total,
          onChange: setPage,
          hideOnSinglePage: true,
        }}
      />
    </>
  )
}

/** 审核与操作记录: the article's reviews and its audit trail. */
export function ArticleHistoryPanel({
  articleId,
  version,
}: {
  articleId: number
  version: string
}) {
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Card size="small" title="审核记录">
        <ReviewHistory articleId={articleId} version={version} />
      </Card>
      <Card size="small" title="操作记录">
        <AuditTrail articleId={articleId} version={version} />
      </Card>
    </Space>
  )
}
