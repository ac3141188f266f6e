import { FileOutlined } from '@ant-design/icons'
import {
  Alert,
  Card,
  Empty,
  Input,
  List,
  Modal,
  Pagination,
  Select,
  Space,
  Spin,
  Typography,
} from 'antd'
import { useCallback, useEffect, useState } from 'react'
import { ApiError } from '../../api'
import { useSession } from '../../shell/session'
import { listMedia, MEDIA_TYPE_LABELS, sizeText, type MediaFile, type MediaType } from './media-api'

/** What the picker hands back to the caller (e.g. the rich-text editor). */
export interface PickedMedia {
  id: number
  url: string
  name: string
  mime: string
}

export interface MediaPickerProps {
  open: boolean
  onClose: () => void
  onPick: (file: PickedMedia) => void
  /** Restrict to one kind, e.g. 'image' for inserting pictures or choosing a cover. */
  type?: MediaType
  /** Defaults to the current site. */
  siteId?: number
  title?: string
}

const PAGE_SIZE = 18

/** A modal listing the site's media (search, type filter, pages); picking returns the file. */
export function MediaPicker({ open, onClose, onPick, type, siteId, title }: MediaPickerProps) {
  const { site } = useSession()
  const target = siteId ?? site?.id
  const [keyword, setKeyword] = useState('')
  const [kind, setKind] = useState<MediaType | undefined>(type)
  const [page, setPage] = useState(1)
  const [rows, setRows] = useState<MediaFile[]>([])
  const [total, setTotal] = useState(0)
  const [loading, setLoading] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const load = useCallback(async () => {
    if (!target) return
    setLoading(true)
    setError(null)
    try {
      const res = await listMedia(target, { keyword, type: kind, page, pageSize: PAGE_SIZE })
      setRows(res.data)
      setTotal(res.total)
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '加载媒体库失败')
    } finally {
      setLoading(false)
    }
  }, [target, keyword, kind, page])

  useEffect(() => {
    if (open) void load()
  }, [open, load])

  useEffect(() => setKind(type), [type])

  const pick = (f: MediaFile) => {
    onPick({ id: f.id, url: f.url, name: f.name, mime: f.mime })
    onClose()
  }

  return (
    <Modal
      open={open}
      onCancel={onClose}
      footer={null}
      width={880}
      title={title ?? '从媒体库选择'}
      destroyOnHidden
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          id="media-picker-keyword"
          aria-label="按文件名搜索"
          placeholder="按文件名搜索"
          allowClear
          onSearch={(v) => {
            setKeyword(v.trim())
            setPage(1)
          }}
          style={{ width: 260 }}
        />
        {!type && (
          <Select
            id="media-picker-type"
            aria-label="文件类型"
            placeholder="全部类型"
            allowClear
            value={kind}
            onChange={(v: MediaType | undefined) => {
              setKind(v)
              setPage(1)
            }}
            style={{ width: 140 }}
            options={Object.entries(MEDIA_TYPE_LABELS).map(([value, label]) => ({ value, label }))}
          />
        )}
      </Space>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Spin spinning={loading}>
        {rows.length === 0 && !loading ? (
          <Empty description="没有找到文件，可在“媒体库”中上传" />
        ) : (
          <List
            grid={{ gutter: 12, column: 6 }}
            dataSource={rows}
            renderItem={(f) => (
              <List.Item>
                <Card
                  size="small"
                  hoverable
                  role="button"
                  tabIndex={0}
                  aria-label={`选择 ${f.name}`}
                  onClick={() => pick(f)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' || e.key === ' ') {
                      e.preventDefault()
                      pick(f)
                    }
                  }}
                  cover={
                    f.isImage ? (
                      <img
                        src={f.url}
                        alt={f.name}
                        style={{ height: 90, objectFit: 'cover' }}
                        loading="lazy"
                      />
                    ) : (
                      <div
                        style={{
                          height: 90,
                          display: 'grid',
                          placeItems: 'center',
                          fontSize: 36,
                          color: '#999',
                        }}
                      >
                        <FileOutlined />
                      </div>
                    )
                  }
                >
                  <Typography.Text ellipsis={{ tooltip: f.name }} style={{ fontSize: 12 }}>
                    {f.name}
                  </Typography.Text>
                  <div style={{ fontSize: 11, color: '#999' }}>{sizeText(f.size)}</div>
                </Card>
              </List.Item>
            )}
          />
        )}
      </Spin>
      <Pagination
        style={{ marginTop: 12, textAlign: 'right' }}
        current={page}
        pageSize={PAGE_SIZE}
        total={total}
        showSizeChanger={false}
        showTotal={(n) => `共 ${n} 个文件`}
        onChange={setPage}
      />
    </Modal>
  )
}

export default MediaPicker
