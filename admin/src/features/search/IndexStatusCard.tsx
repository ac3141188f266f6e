import { ReloadOutlined } from '@ant-design/icons'
import { App, Button, Card, Descriptions, Popconfirm, Space, Tag } from 'antd'
import { useCallback, useEffect, useState } from 'react'
import { SEARCH_TYPE_LABELS, SEARCH_TYPES } from '../../../../common/search'
import { ApiError } from '../../api'
import { LoadError } from '../../shell/LoadError'
import { ENGINE_LABELS, formatBytes, searchApi, type IndexStatus } from './search-api'

const POLL_MS = 3000

/** 索引状态 (cluster admins): engine, documents by type, queue, size, and 重建索引. */
export function IndexStatusCard() {
  const { message } = App.useApp()
  const [status, setStatus] = useState<IndexStatus | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [loading, setLoading] = useState(false)
  const [starting, setStarting] = useState(false)

  const load = useCallback(async () => {
    setLoading(true)
    setError(null)
    try {
      setStatus(await searchApi.status())
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '索引状态加载失败')
    } finally {
      setLoading(false)
    }
  }, [])
  useEffect(() => {
    void load()
  }, [load])
  // While the queue drains, follow it.
  const busy = (status?.pending ?? 0) > 0
  useEffect(() => {
    if (!busy) return
    const timer = setInterval(() => void load(), POLL_MS)
    return () => clearInterval(timer)
  }, [busy, load])

  const reindex = async () => {
    setStarting(true)
    try {
      await searchApi.reindex()
      message.success('已开始重建索引，服务器将在后台完成，期间搜索照常可用')
      await load()
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '重建索引失败，请稍后重试')
    } finally {
      setStarting(false)
    }
  }

  return (
    <Card
      size="small"
      title="索引状态"
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} loading={loading} onClick={() => void load()}>
            刷新
          </Button>
          <Popconfirm
            title="重建搜索索引？"
            description="全部内容将重新索引，服务器在后台完成，期间搜索照常可用。"
            okText="重建"
            cancelText="取消"
            onConfirm={() => void reindex()}
          >
            <Button danger loading={starting}>
              重建索引
            </Button>
          </Popconfirm>
        </Space>
      }
    >
      <LoadError error={error} onRetry={() => void load()} />
      {status && (
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }}>
          <Descriptions.Item label="检索引擎">
            {ENGINE_LABELS[status.engine] ?? status.engine}
          </Descriptions.Item>
          <Descriptions.Item label="已索引文档">{status.documents} 篇</Descriptions.Item>
          <Descriptions.Item label="待索引队列">
            {status.pending} 项 {busy && <Tag color="processing">索引中</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label="索引大小">{formatBytes(status.indexBytes)}</Descriptions.Item>
          {SEARCH_TYPES.map((t) => (
            <Descriptions.Item key={t} label={SEARCH_TYPE_LABELS[t]}>
              {status.byType[t] ?? 0} 篇
            </Descriptions.Item>
          ))}
        </Descriptions>
      )}
    </Card>
  )
}
