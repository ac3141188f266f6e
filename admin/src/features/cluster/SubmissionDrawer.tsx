import {
  Alert,
  App,
  Button,
  Descriptions,
  Drawer,
  Empty,
  Result,
  Space,
  Spin,
  Typography,
} from 'antd'
import { useCallback, useEffect, useState } from 'react'
import { Link } from 'react-router-dom'
import { formatDateTime } from '../../../../common/time'
import { ApiError } from '../../api'
import { clusterApi, type AdoptInput, type SubmissionDetail } from './cluster-api'
import { showsReason } from './cluster-labels'
import { AdoptModal } from './AdoptModal'
import { PublicArticleLink, SubmissionStatusTag } from './ClusterTags'
import { ReasonModal, type ReasonAsk } from './ReasonModal'

const BODY_CSS =
  'body{font:15px/1.8 "Microsoft YaHei",system-ui,sans-serif;color:#222;margin:12px 16px}' +
  'img{max-width:100%;height:auto}table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:4px 8px}'

type Decision = 'return' | 'decline'
const ASKS: Record<Decision, ReasonAsk> = {
  return: {
    title: '退回修改',
    label: '退回原因',
    okText: '退回',
    required: true,
    extra: '报送单位会收到通知，修改后可重新报送',
  },
  decline: {
    title: '不予采用',
    label: '不予采用的原因',
    okText: '不予采用',
    required: true,
    danger: true,
    extra: '报送单位会收到通知',
  },
}

/**
 * One submission as the receiving site sees it: the submitted content (read-only, the body in a
 * sandboxed frame) and the decisions 采用 / 退回修改 / 不予采用 while it is pending.
 */
export function SubmissionDrawer({
  id,
  onClose,
  onChanged,
}: {
  id: number | null
  onClose: () => void
  onChanged: () => void
}) {
  const { message } = App.useApp()
  const [detail, setDetail] = useState<SubmissionDetail | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [loading, setLoading] = useState(false)
  const [adopting, setAdopting] = useState(false)
  const [deciding, setDeciding] = useState<Decision | null>(null)
  const [draftId, setDraftId] = useState<number | null>(null)

  const load = useCallback(async (sid: number) => {
    setLoading(true)
    setError(null)
    try {
      setDetail(await clusterApi.submission(sid))
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '报送信息加载失败')
    } finally {
      setLoading(false)
    }
  }, [])

  useEffect(() => {
    setDetail(null)
    setDraftId(null)
    if (id) void load(id)
  }, [id, load])

  const adopt = async (input: AdoptInput) => {
    if (!detail) return
    try {
      const { articleId } = await clusterApi.adopt(detail.id, input)
      setAdopting(false)
      message.success(input.mode === 'draft' ? '已采用为草稿' : '已采用，按本站审核流程处理')
      if (input.mode === 'draft') setDraftId(articleId)
      onChanged()
      await load(detail.id)
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '采用失败，请稍后重试')
      throw e
    }
  }

  const decide = async (reason: string) => {
    if (!detail || !deciding) return
    try {
      if (deciding === 'return') await clusterApi.returnBack(detail.id, reason)
      else await clusterApi.decline(detail.id, reason)
      message.success(deciding === 'return' ? '已退回修改' : '已标记为不予采用')
      setDeciding(null)
      onChanged()
      await load(detail.id)
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '操作失败，请稍后重试')
    }
  }

  const a = detail?.article
  const pending = detail?.status === 'pending'

  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size={820}
      title={detail ? `报送信息：${detail.title}` : '报送信息'}
      extra={
        pending && (
          <Space>
            <Button type="primary" onClick={() => setAdopting(true)}>
              采用
            </Button>
            <Button onClick={() => setDeciding('return')}>退回修改</Button>
            <Button danger onClick={() => setDeciding('decline')}>
              不予采用
            </Button>
          </Space>
        )
      }
    >
      <Spin spinning={loading} description="加载中">
        {error && (
          <Result
            status="warning"
            title={error}
            extra={id && <Button onClick={() => void load(id)}>重试</Button>}
          />
        )}
        {draftId && (
          <Alert
            type="success"
            showIcon
            style={{ marginBottom: 16 }}
            title="已采用为本站草稿"
            description={
              <Link to={`/articles/${draftId}`}>编辑采用的信息，完成后按本站流程发布</Link>
            }
          />
        )}
        {detail && (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Descriptions
              size="small"
              bordered
              column={2}
              items={[
                { key: 'source', label: '报送单位', children: detail.sourceSiteName },
                {
                  key: 'by',
                  label: '报送人',
                  children: `${detail.submittedByName || '—'}（${formatDateTime(detail.submittedAt)}）`,
                },
                {
                  key: 'target',
                  label: '报送栏目',
                  children: `${detail.targetSiteName} · ${detail.targetColumnName || '未指定'}`,
                },
                {
                  key: 'status',
                  label: '状态',
                  children: (
                    <>
                      <SubmissionStatusTag status={detail.status} />
                      {detail.rounds > 1 && `第 ${detail.rounds} 次报送`}
                    </>
                  ),
                },
                ...(detail.note
                  ? [{ key: 'note', label: '报送说明', span: 2, children: detail.note }]
                  : []),
                ...(showsReason(detail.status) && detail.reason
                  ? [{ key: 'reason', label: '原因', span: 2, children: detail.reason }]
                  : []),
                ...(detail.decidedAt
                  ? [
                      {
                        key: 'decided',
                        label: '处理',
                        span: 2,
                        children: `${detail.decidedByName || '—'}（${formatDateTime(detail.decidedAt)}）`,
                      },
                    ]
                  : []),
                ...(detail.adoptedArticleId
                  ? [
                      {
                        key: 'adopted',
                        label: '采用的信息',
                        span: 2,
                        children: (
                          <Space>
                            <Link to={`/articles/${detail.adoptedArticleId}`}>在后台打开</Link>
                            <PublicArticleLink
                              articleId={detail.adoptedArticleId}
                              label="查看网页"
                            />
                          </Space>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
            {a ? (
              <>
                <Typography.Title level={4} style={{ margin: 0 }}>
                  {a.title}
                </Typography.Title>
                {a.subtitle && <Typography.Text>{a.subtitle}</Typography.Text>}
                <Typography.Text type="secondary">
                  来源：{a.source || '—'}
                  {a.author ? `，作者：${a.author}` : ''}
                </Typography.Text>
                {a.summary && <Typography.Paragraph>摘要：{a.summary}</Typography.Paragraph>}
                {a.attachments.length > 0 && (
                  <div>
                    附件：
                    {a.attachments.map((f, i) => (
                      <span key={`${f.name}-${i}`} style={{ marginRight: 12 }}>
                        {f.url ? (
                          <a href={f.url} target="_blank" rel="noreferrer">
                            {f.name}
                          </a>
                        ) : (
                          f.name
                        )}
                      </span>
                    ))}
                  </div>
                )}
                <iframe
                  title="报送正文"
                  sandbox=""
                  srcDoc={`<!doctype html><meta charset="utf-8"><base target="_blank"><style>${BODY_CSS}</style>${a.bodyHtml}`}
                  style={{ width: '100%', height: '55vh', border: '1px solid #f0f0f0' }}
                />
              </>
            ) : (
              <Empty description="报送的原信息已不存在" />
            )}
          </Space>
        )}
      </Spin>
      <AdoptModal
        submission={adopting ? detail : null}
        onCancel={() => setAdopting(false)}
        onAdopt={adopt}
      />
      <ReasonModal
        ask={deciding && ASKS[deciding]}
        onCancel={() => setDeciding(null)}
        onSubmit={decide}
      />
    </Drawer>
  )
}
