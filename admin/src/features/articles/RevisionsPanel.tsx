import { DiffOutlined, HistoryOutlined } from '@ant-design/icons'
import { App, Button, Card, Form, Popconfirm, Select, Space, Table, Typography, Empty } from 'antd'
import type { TableColumnsType } from 'antd'
import { useCallback, useEffect, useState } from 'react'
import { formatDateTime } from '../../../../common/time'
import { api, ApiError } from '../../api'
import { LoadError } from '../../shell/LoadError'
import { DiffView } from '../review/DiffView'
import type { Diff } from '../review/review-api'
import { REVISION_ACTION_LABELS, type ArticleDetail, type Revision } from './article-api'

type Target = number | 'live' | 'working'

/** 修订历史: every saved version; compare any two (or with live/working copy); restore one. */
export function RevisionsPanel({
  article,
  onRestored,
}: {
  article: ArticleDetail
  onRestored: (a: ArticleDetail) => void
}) {
  const { message } = App.useApp()
  const [revisions, setRevisions] = useState<Revision[]>([])
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<string | null>(null)
  const [from, setFrom] = useState<number | undefined>()
  const [to, setTo] = useState<Target>(article.workingCopy ? 'working' : 'live')
  const [diff, setDiff] = useState<{ diff: Diff; from: string; to: string } | null>(null)
  const [comparing, setComparing] = useState(false)
  const hasLive = article.status === 'published' || Boolean(article.publishedAt)

  const load = useCallback(async () => {
    setLoading(true)
    setError(null)
    try {
      const res = await api.get<{ data: Revision[] }>(`/articles/${article.id}/revisions`)
      setRevisions(res.data)
      // By default: the last version that isn't a working copy (what is or was live).
      const base = res.data.find((r) => r.action !== 'working') ?? res.data[1] ?? res.data[0]
      setFrom((f) => f ?? base?.id)
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '修订历史加载失败')
    } finally {
      setLoading(false)
    }
  }, [article.id])

  useEffect(() => {
    void load()
  }, [load, article.updatedAt])

  const label = (t: Target) => {
    if (t === 'live') return '线上版本'
    if (t === 'working') return '修改稿'
    const r = revisions.find((x) => x.id === t)
    return r ? `第 ${r.no} 版` : `版本 ${t}`
  }

  const compare = async (a: number, b: Target) => {
    setComparing(true)
    try {
      const res = await api.get<{ data: Diff }>(`/articles/${article.id}/revisions/diff`, {
        from: a,
        to: b,
      })
      setDiff({ diff: res.data, from: label(a), to: label(b) })
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '对比失败')
    } finally {
      setComparing(false)
    }
  }

  const restore = async (r: Revision) => {
    try {
      const res = await api.post<{ data: ArticleDetail }>(
        `/articles/${article.id}/revisions/${r.id}/restore`,
      )
      message.success(
        res.data.workingCopy ? `已将第 ${r.no} 版恢复为修改稿` : `已将第 ${r.no} 版恢复为草稿`,
      )
      onRestored(res.data)
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '恢复失败')
    }
  }

  const options = revisions.map((r) => ({
    value: r.id,
    label: `第 ${r.no} 版 · ${formatDateTime(r.createdAt)} · ${r.createdByName || '—'}`,
  }))
  const targets = [
    ...(hasLive ? [{ value: 'live' as Target, label: '线上版本' }] : []),
    ...(article.workingCopy ? [{ value: 'working' as Target, label: '修改稿（未上线）' }] : []),
    ...options,
  ]

  const columns: TableColumnsType<Revision> = [
    { title: '版本', dataIndex: 'no', width: 70, render: (n: number) => `第 ${n} 版` },
    {
      title: '操作',
      dataIndex: 'action',
      width: 120,
      render: (a: Revision['action']) => REVISION_ACTION_LABELS[a] ?? a,
    },
    { title: '标题', dataIndex: 'title', ellipsis: true },
    { title: '操作人', dataIndex: 'createdByName', width: 100, render: (n: string) => n || '—' },
    {
      title: '时间',
      dataIndex: 'createdAt',
      width: 150,
      render: (v: string) => formatDateTime(v),
    },
    {
      title: '',
      key: 'actions',
      width: 200,
      render: (_: unknown, r) => (
        <Space size={0}>
          {hasLive && (
            <Button
              type="link"
              size="small"
              aria-label={`第 ${r.no} 版与线上版本对比`}
              onClick={() => void compare(r.id, 'live')}
            >
              与线上对比
            </Button>
          )}
          <Popconfirm
            title={`恢复第 ${r.no} 版？`}
            description={
              article.status === 'published'
                ? '将以该版本内容生成新的修改稿，审核通过后替换线上版本。'
                : '将以该版本内容覆盖当前草稿（当前内容仍保留在修订历史中）。'
            }
            okText="恢复"
            cancelText="取消"
            onConfirm={() => restore(r)}
          >
            <Button type="link" size="small" aria-label={`恢复第 ${r.no} 版`}>
              恢复
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ]

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <LoadError error={error} onRetry={() => void load()} />
      <Card size="small" title="版本对比">
        <Form layout="inline" name="revision-compare" style={{ rowGap: 8 }}>
          <Form.Item label="旧版本" htmlFor="revision-from">
            <Select
              id="revision-from"
              style={{ width: 300 }}
              value={from}
              options={options}
              onChange={(v: number) => setFrom(v)}
              placeholder="选择版本"
            />
          </Form.Item>
          <Form.Item label="新版本" htmlFor="revision-to">
            <Select
              id="revision-to"
              style={{ width: 300 }}
              value={to}
              options={targets}
              onChange={(v: Target) => setTo(v)}
            />
          </Form.Item>
          <Form.Item>
            <Button
              icon={<DiffOutlined />}
              loading={comparing}
              disabled={from === undefined}
              onClick={() => from !== undefined && void compare(from, to)}
            >
              对比
            </Button>
          </Form.Item>
        </Form>
        {diff && (
          <div style={{ marginTop: 12 }}>
            <DiffView diff={diff.diff} fromLabel={diff.from} toLabel={diff.to} />
          </div>
        )}
      </Card>
      <Card
        size="small"
        title={
          <>
            <HistoryOutlined /> 修订历史
          </>
        }
      >
        <Typography.Paragraph type="secondary">
          每次保存都会留下一个版本。恢复历史版本不会删除任何记录。
        </Typography.Paragraph>
        <Table<Revision>
          rowKey="id"
          size="small"
          loading={loading}
          columns={columns}
          dataSource={revisions}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty description="暂无修订记录" /> }}
        />
      </Card>
    </Space>
  )
}
