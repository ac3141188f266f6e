import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  FileImageOutlined,
  PaperClipOutlined,
  UploadOutlined,
} from '@ant-design/icons'
import { App, Button, Input, List, Space, Typography, Upload } from 'antd'
import { useState } from 'react'
import { ApiError } from '../../api'
import { MediaPicker } from '../media/MediaPicker'
import { sizeText, uploadFile } from './article-api'

export interface CoverValue {
  id: number
  url: string
  name: string
}

/** Cover image: upload or pick from the media library; shows a thumbnail. A Form.Item control. */
export function CoverInput({
  id,
  value,
  onChange,
  siteId,
}: {
  id?: string
  value?: CoverValue | null
  onChange?: (v: CoverValue | null) => void
  siteId: number
}) {
  const { message } = App.useApp()
  const [uploading, setUploading] = useState(false)
  const [pickerOpen, setPickerOpen] = useState(false)
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {value && (
        <img
          src={value.url}
          alt={`封面图：${value.name}`}
          style={{
            maxWidth: '100%',
            maxHeight: 160,
            objectFit: 'contain',
            border: '1px solid #f0f0f0',
            borderRadius: 4,
          }}
        />
      )}
      <Space wrap>
        <Upload
          accept="image/png,image/jpeg,image/gif,image/webp"
          showUploadList={false}
          customRequest={async ({ file }) => {
            setUploading(true)
            try {
              const up = await uploadFile(siteId, file as File)
              onChange?.({ id: up.id, url: up.url, name: up.name })
            } catch (e) {
              message.error(e instanceof ApiError ? e.message : '封面图上传失败')
            } finally {
              setUploading(false)
            }
          }}
        >
          <Button id={id} icon={<UploadOutlined />} loading={uploading}>
            {value ? '更换封面' : '上传封面'}
          </Button>
        </Upload>
        <Button icon={<FileImageOutlined />} onClick={() => setPickerOpen(true)}>
          从媒体库选择
        </Button>
        {value && (
          <Button danger type="text" icon={<DeleteOutlined />} onClick={() => onChange?.(null)}>
            移除
          </Button>
        )}
      </Space>
      <MediaPicker
        open={pickerOpen}
        type="image"
        siteId={siteId}
        title="选择封面图"
        onClose={() => setPickerOpen(false)}
        onPick={(f) => onChange?.({ id: f.id, url: f.url, name: f.name })}
      />
    </Space>
  )
}

export interface AttachmentValue {
  fileId: number
  name: string
  url: string
  size?: number
}

/** Attachments: upload several, rename, reorder with buttons (keyboard friendly), remove. */
export function AttachmentsInput({
  id,
  value = [],
  onChange,
  siteId,
}: {
  id?: string
  value?: AttachmentValue[]
  onChange?: (v: AttachmentValue[]) => void
  siteId: number
}) {
  const { message } = App.useApp()
  const [uploading, setUploading] = useState(0)
  const [pickerOpen, setPickerOpen] = useState(false)
  const list = value
  const set = (next: AttachmentValue[]) => onChange?.(next)
  const move = (i: number, d: -1 | 1) => {
    const next = list.slice()
    const [item] = next.splice(i, 1)
    if (!item) return
    next.splice(i + d, 0, item)
    set(next)
  }
  // Uploads finish one by one; read the latest list through a functional merge.
  const added: AttachmentValue[] = []
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {list.length > 0 && (
        <List
          size="small"
          bordered
          dataSource={list}
          renderItem={(a, i) => (
            <List.Item style={{ padding: '4px 8px' }}>
              <div style={{ display: 'flex', alignItems: 'center', gap: 4, width: '100%' }}>
                <PaperClipOutlined aria-hidden />
                <Input
                  id={`${id ?? 'attachments'}_${i}_name`}
                  aria-label={`附件 ${i + 1} 的显示名称`}
                  size="small"
                  value={a.name}
                  maxLength={255}
                  title={a.size !== undefined ? sizeText(a.size) : undefined}
                  onChange={(e) =>
                    set(list.map((x, k) => (k === i ? { ...x, name: e.target.value } : x)))
                  }
                  style={{ flex: 1, minWidth: 0 }}
                />
                <Button
                  size="small"
                  type="text"
                  icon={<ArrowUpOutlined />}
                  aria-label={`上移附件“${a.name}”`}
                  disabled={i === 0}
                  onClick={() => move(i, -1)}
                />
                <Button
                  size="small"
                  type="text"
                  icon={<ArrowDownOutlined />}
                  aria-label={`下移附件“${a.name}”`}
                  disabled={i === list.length - 1}
                  onClick={() => move(i, 1)}
                />
                <Button
                  size="small"
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={`移除附件“${a.name}”`}
                  onClick={() => set(list.filter((_, k) => k !== i))}
                />
              </div>
            </List.Item>
          )}
        />
      )}
      <Space wrap>
        <Upload
          multiple
          showUploadList={false}
          customRequest={async ({ file }) => {
            setUploading((n) => n + 1)
            try {
              const up = await uploadFile(siteId, file as File)
              added.push({ fileId: up.id, name: up.name, url: up.url, size: up.size })
              set([...list, ...added])
            } catch (e) {
              message.error(
                e instanceof ApiError ? `${(file as File).name}：${e.message}` : '附件上传失败',
              )
            } finally {
              setUploading((n) => n - 1)
            }
          }}
        >
          <Button id={id} icon={<UploadOutlined />} loading={uploading > 0}>
            上传附件
          </Button>
        </Upload>
        <Button onClick={() => setPickerOpen(true)}>从媒体库选择</Button>
      </Space>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        支持 PDF、Word、Excel、压缩包等；可修改显示名称、调整顺序。
      </Typography.Text>
      <MediaPicker
        open={pickerOpen}
        siteId={siteId}
        title="选择附件"
        onClose={() => setPickerOpen(false)}
        onPick={(f) => set([...list, { fileId: f.id, name: f.name, url: f.url }])}
      />
    </Space>
  )
}
