import { EyeOutlined } from '@ant-design/icons'
import { App, Button, Descriptions, Space, Typography } from 'antd'
import { useState } from 'react'
import { api, ApiError } from '../../api'
import { PreviewDrawer } from '../articles/PreviewDrawer'
import type { ReviewContent } from './review-api'

const BODY_CSS =
  'body{font:15px/1.8 "Microsoft YaHei",system-ui,sans-serif;color:#222;margin:12px 16px}' +
  'img{max-width:100%;height:auto}table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:4px 8px}'

/** The body as sanitised by the server, in a frame with scripts, forms and navigation off. */
function BodyFrame({ html }: { html: string }) {
  return (
    <iframe
      title="正文内容"
      sandbox=""
      srcDoc={`<!doctype html><meta charset="utf-8"><base target="_blank"><style>${BODY_CSS}</style>${html}`}
      style={{ width: '100%', height: '60vh', border: '1px solid #f0f0f0', borderRadius: 4 }}
    />
  )
}

/** The content under review: its fields, attachments and body, plus the site-themed preview. */
export function ContentPreview({
  content,
  siteId,
  columnName,
}: {
  content: ReviewContent
  siteId: number
  columnName?: string
}) {
  const { message } = App.useApp()
  const [html, setHtml] = useState<string | null>(null)
  const [loading, setLoading] = useState(false)
  const columnId = content.columnIds[0]

  const themed = async () => {
    if (!columnId) return
    setLoading(true)
    try {
      const res = await api.post<{ data: { html: string } }>('/articles/preview', {
        siteId,
        columnId,
        title: content.title,
        subtitle: content.subtitle,
        source: content.source,
        author: content.author,
        bodyHtml: content.bodyHtml,
        summary: content.summary,
        keywords: content.keywords,
        linkUrl: content.linkUrl,
        coverFileId: content.coverFileId,
        coverAlt: content.coverAlt,
        attachments: content.attachments,
      })
      setHtml(res.data.html)
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '预览失败')
    } finally {
      setLoading(false)
    }
  }

  const d = content.disclosure
  const meta = [
    { key: 'subtitle', label: '副标题', children: content.subtitle },
    { key: 'column', label: '主栏目', children: columnName ?? '' },
    { key: 'source', label: '来源', children: content.source },
    { key: 'author', label: '作者', children: content.author },
    { key: 'summary', label: '摘要', children: content.summary },
    { key: 'keywords', label: '关键词', children: content.keywords },
    { key: 'link', label: '外链地址', children: content.linkUrl },
    { key: 'docNo', label: '文号', children: d?.docNo ?? '' },
    { key: 'issuer', label: '发文机关', children: d?.issuer ?? '' },
    {
      key: 'attachments',
      label: '附件',
      children: content.attachments.map((a) => a.name).join('、'),
    },
  ].filter((i) => i.children)

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {content.title || '（无标题）'}
        </Typography.Title>
        <Button
          icon={<EyeOutlined />}
          loading={loading}
          disabled={!columnId}
          onClick={() => void themed()}
        >
          按网站样式预览
        </Button>
      </Space>
      {meta.length > 0 && <Descriptions size="small" bordered column={1} items={meta} />}
      <BodyFrame html={content.bodyHtml || '<p style="color:#888">（正文为空）</p>'} />
      <PreviewDrawer html={html} title="预览（按站点主题渲染）" onClose={() => setHtml(null)} />
    </Space>
  )
}
