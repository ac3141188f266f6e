import { ArrowLeftOutlined, CheckOutlined, RollbackOutlined } from '@ant-design/icons'
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Result,
  Row,
  Space,
  Spin,
  Tabs,
  Tag,
  Typography,
} from 'antd'
import { useCallback, useEffect, useState } from 'react'
import { Link, useNavigate, useParams } from 'react-router-dom'
import { formatDateTime } from '../../../../common/time'
import { api, ApiError } from '../../api'
import { useSession } from '../../shell/session'
import { ContentPreview } from './ContentPreview'
import { DiffView } from './DiffView'
import { FindingsList } from './FindingsList'
import {
  announceWorkChanged,
  findingsFromError,
  runChecks,
  type Finding,
  type ReviewDetail,
} from './review-api'
import {
  levelText,
  REVIEW_KIND_LABELS,
  REVIEW_STATE_COLORS,
  REVIEW_STATE_LABELS,
} from './review-labels'
import { ReviewDecisionModal, type DecisionMode } from './ReviewDecisionModal'
import { ReviewLevelsProgress } from './ReviewLevelsProgress'
import { ReviewSteps } from './ReviewSteps'

/** One review: the content (and what changed), check findings, steps, and approve / return. */
export default function ReviewPage() {
  const { id } = useParams()
  const reviewId = Number(id)
  const { sites } = useSession()
  const { message } = App.useApp()
  const navigate = useNavigate()
  const [review, setReview] = useState<ReviewDetail | null>(null)
  const [findings, setFindings] = useState<Finding[]>([])
  const [error, setError] = useState<string | null>(null)
  const [decision, setDecision] = useState<DecisionMode | null>(null)

  const load = useCallback(async () => {
    setError(null)
    try {
      const res = await api.get<{ data: ReviewDetail }>(`/reviews/${reviewId}`)
      setReview(res.data)
      setFindings(res.data.findings)
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '审核信息加载失败')
    }
  }, [reviewId])

  useEffect(() => {
    void load()
  }, [load])

  const decide = async (mode: DecisionMode, text: string) => {
    if (!review) return
    try {
      if (mode === 'approve')
        await api.post(`/reviews/${review.id}/approve`, text ? { comment: text } : {})
      else await api.post(`/reviews/${review.id}/return`, { reason: text })
      setDecision(null)
      announceWorkChanged()
      message.success(mode === 'approve' ? '已审核通过' : '已退回修改')
      navigate('/reviews')
    } catch (e) {
      setDecision(null)
      message.error(e instanceof ApiError ? e.message : '操作失败，请稍后重试')
      if (e instanceof ApiError && e.code === 'checks_blocked') {
        const found =
          findingsFromError(e) ??
          (await runChecks({
            siteId: review.siteId,
            articleId: review.articleId,
            title: review.content.title,
            bodyHtml: review.content.bodyHtml,
            attachments: review.content.attachments,
          }).catch(() => null))
        if (found) setFindings(found)
      } else {
        await load()
      }
    }
  }

  if (error) {
    return (
      <Result
        status="warning"
        title={error}
        extra={
          <Space>
            <Button onClick={() => void load()}>重试</Button>
            <Button onClick={() => navigate('/reviews')}>返回待我审核</Button>
          </Space>
        }
      />
    )
  }
  if (!review) return <Spin description="加载中" />

  const site = sites.find((s) => s.id === review.siteId)
  const blocking = findings.filter((f) => f.severity === 'blocking').length
  const current = review.levels[review.level - 1]
  const levelCount = review.levels.length
  const isLast = review.level >= levelCount
  const tabs = [
    {
      key: 'content',
      label: '审核内容',
      children: <ContentPreview content={review.content} siteId={review.siteId} />,
    },
    ...(review.diff
      ? [
          {
            key: 'diff',
            label: '与线上版本对比',
            children: <DiffView diff={review.diff} fromLabel="线上版本" toLabel="修改稿" />,
          },
        ]
      : []),
  ]

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Link to="/reviews">
          <ArrowLeftOutlined /> 待我审核
        </Link>
        <Typography.Title level={3} style={{ margin: 0 }}>
          审核：{review.content.title || '（无标题）'}
        </Typography.Title>
        <Tag color={REVIEW_STATE_COLORS[review.state]}>{REVIEW_STATE_LABELS[review.state]}</Tag>
        <Tag>{REVIEW_KIND_LABELS[review.kind]}</Tag>
        {review.emergency && <Tag color="#a8071a">紧急发布 · 补审</Tag>}
        {review.state === 'pending' && (
          <Tag color="#0050b3">{levelText(review.level, levelCount, current?.name)}</Tag>
        )}
        {site && <Typography.Text type="secondary">{site.name}</Typography.Text>}
      </Space>
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Card size="small">
            <Tabs items={tabs} defaultActiveKey={review.diff ? 'diff' : 'content'} />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Card size="small" title="审核操作">
              <Typography.Paragraph>
                {review.submittedByName || '—'} 于 {formatDateTime(review.submittedAt)} 提交
                {review.state === 'returned' && review.reason && (
                  <>
                    <br />
                    退回原因：{review.reason}
                  </>
                )}
              </Typography.Paragraph>
              {review.canAct ? (
                <Space wrap>
                  <Button
                    type="primary"
                    icon={<CheckOutlined />}
                    disabled={blocking > 0}
                    onClick={() => setDecision('approve')}
                  >
                    {isLast
                      ? review.kind === 'revision'
                        ? '通过并替换线上版本'
                        : '通过并发布'
                      : '通过，转下一级'}
                  </Button>
                  <Button danger icon={<RollbackOutlined />} onClick={() => setDecision('return')}>
                    退回修改
                  </Button>
                </Space>
              ) : (
                <Typography.Text type="secondary">
                  {review.state === 'pending' ? '当前级别不由您审核。' : '该审核已结束。'}
                </Typography.Text>
              )}
              {review.canAct && blocking > 0 && (
                <Alert
                  type="error"
                  showIcon
                  style={{ marginTop: 12 }}
                  title={`内容检查有 ${blocking} 个须修改的问题，不能通过；请退回修改。`}
                />
              )}
              <Typography.Paragraph style={{ marginTop: 12, marginBottom: 0 }}>
                <Link to={`/articles/${review.articleId}`}>在编辑器中打开该信息</Link>
              </Typography.Paragraph>
            </Card>
            <Card size="small" title={`内容检查（${findings.length}）`}>
              <FindingsList findings={findings} />
            </Card>
            <Card size="small" title="审核流程">
              <ReviewLevelsProgress
                levels={review.levels}
                level={review.level}
                state={review.state}
              />
            </Card>
            <Card size="small" title="审核记录">
              <ReviewSteps steps={review.steps} />
            </Card>
          </Space>
        </Col>
      </Row>
      <ReviewDecisionModal
        mode={decision}
        isLastLevel={isLast}
        onCancel={() => setDecision(null)}
        onSubmit={decide}
      />
    </Space>
  )
}
