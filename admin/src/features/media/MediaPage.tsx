import {
  AppstoreOutlined,
  BarsOutlined,
  CopyOutlined,
  DeleteOutlined,
  FileOutlined,
  InboxOutlined,
  LinkOutlined,
} from '@ant-design/icons'
import {
  App,
  Button,
  Card,
  Empty,
  Input,
  List,
  Modal,
  Pagination,
  Popconfirm,
  Segmented,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Tooltip,
  Typography,
  Upload,
} from 'antd'
import type { UploadProps } from 'antd'
import { useCallback, useEffect, useState } from 'react'
import { Link } from 'react-router-dom'
import { ARTICLE_STATUS_LABELS, type ArticleStatus } from '../../../../common/enums'
import { formatDateTime } from '../../../../common/time'
import { api, ApiError } from '../../api'
import { useSession } from '../../shell/session'
import {
  listMedia,
  MEDIA_TYPE_LABELS,
  sizeText,
  type MediaFile,
  type MediaType,
  type MediaUsage,
} from './media-api'

type View = 'grid' | 'list'

/** The media library of the current site: upload, search, reuse, usage, delete. */
export default function MediaPage() {
  const { site, role, session } = useSession()
  const { message, modal } = App.useApp()
  const [view, setView] = useState<View>(
    () => (localStorage.getItem('zq.mediaView') as View) || 'grid',
  )
  const [keyword, setKeyword] = useState('')
  const [type, setType] = useState<MediaType | undefined>()
  const [page, setPage] = useState(1)
  const [pageSize, setPageSize] = useState(24)
  const [rows, setRows] = useState<MediaFile[]>([])
  const [total, setTotal] = useState(0)
  const [loading, setLoading] = useState(false)
  const [usageOf, setUsageOf] = useState<MediaFile | null>(null)
  const [usage, setUsage] = useState<MediaUsage | null>(null)

  const load = useCallback(async () => {
    if (!site) return
    setLoading(true)
    try {
      const res = await listMedia(site.id, { keyword, type, page, pageSize })
      setRows(res.data)
      setTotal(res.total)
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '加载媒体库失败')
    } finally {
      setLoading(false)
    }
  }, [site, keyword, type, page, pageSize, message])

  useEffect(() => {
    void load()
  }, [load])

  const changeView = (v: View) => {
    localStorage.setItem('zq.mediaView', v)
    setView(v)
  }

  const upload: UploadProps['customRequest'] = async (options) => {
    if (!site) return
    const form = new FormData()
    // The server reads siteId before the file part.
    form.append('siteId', String(site.id))
    form.append('file', options.file as File)
    try {
      const res = await api.post<{ data: MediaFile }>('/files', form)
      options.onSuccess?.(res.data)
      message.success(`已上传：${res.data.name}`)
    } catch (e) {
      const msg = e instanceof ApiError ? e.message : '上传失败'
      message.error(`${(options.file as File).name}：${msg}`)
      options.onError?.(new Error(msg))
    }
  }

  const copyUrl = async (f: MediaFile) => {
    const url = new URL(f.url, window.location.origin).toString()
    try {
      await navigator.clipboard.writeText(url)
      message.success('已复制文件地址')
    } catch {
      modal.info({ title: '文件地址', content: <Typography.Text copyable>{url}</Typography.Text> })
    }
  }

  const showUsage = async (f: MediaFile) => {
    setUsageOf(f)
    setUsage(null)
    try {
      const res = await api.get<{ data: MediaUsage }>(`/media/${f.id}/usage`)
      setUsage(res.data)
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '加载使用情况失败')
      setUsageOf(null)
    }
  }

  const remove = async (f: MediaFile) => {
    try {
      await api.del(`/media/${f.id}`)
      message.success(`已删除：${f.name}`)
      if (rows.length === 1 && page > 1) setPage(page - 1)
      else void load()
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        modal.warning({ title: '文件正在使用，不能删除', content: e.message })
      } else {
        message.error(e instanceof ApiError ? e.message : '删除失败')
      }
    }
  }

  const canDelete = (f: MediaFile) =>
    role === 'admin' || (f.createdBy !== null && f.createdBy === session?.user.id)

  const actions = (f: MediaFile) => [
    <Tooltip title="复制地址" key="copy">
      <Button
        type="text"
        size="small"
        icon={<CopyOutlined />}
        aria-label={`复制 ${f.name} 的地址`}
        onClick={() => void copyUrl(f)}
      />
    </Tooltip>,
    <Tooltip title="查看使用情况" key="usage">
      <Button
        type="text"
        size="small"
        icon={<LinkOutlined />}
        aria-label={`${f.name} 的使用情况`}
        onClick={() => void showUsage(f)}
      />
    </Tooltip>,
    <Popconfirm
      key="delete"
      title={`删除“${f.name}”？`}
      description={f.usage > 0 ? `该文件被 ${f.usage} 篇信息使用，不能删除` : '删除后无法恢复'}
      okText="删除"
      okButtonProps={{ danger: true, disabled: f.usage > 0 }}
      cancelText="取消"
      disabled={!canDelete(f)}
      onConfirm={() => remove(f)}
    >
      <Tooltip title={canDelete(f) ? '删除' : '只有站点管理员或上传者可以删除'}>
        <Button
          type="text"
          size="small"
          danger
          icon={<DeleteOutlined />}
          aria-label={`删除 ${f.name}`}
          disabled={!canDelete(f)}
        />
      </Tooltip>
    </Popconfirm>,
  ]

  const thumb = (f: MediaFile, height: number) =>
    f.isImage ? (
      <img
        src={f.url}
        alt={f.name}
        loading="lazy"
        style={{ height, width: '100%', objectFit: 'cover', display: 'block' }}
      />
    ) : (
      <div
        style={{
          height,
          display: 'grid',
          placeItems: 'center',
          fontSize: height / 2.5,
          color: '#aaa',
          background: '#fafafa',
        }}
      >
        <FileOutlined />
        <span style={{ fontSize: 12 }}>{f.ext.toUpperCase()}</span>
      </div>
    )

  return (
    <Card
      title={`媒体库 · ${site?.name ?? ''}`}
      extra={
        <Segmented<View>
          aria-label="显示方式"
          value={view}
          onChange={changeView}
          options={[
            { value: 'grid', icon: <AppstoreOutlined />, label: '网格' },
            { value: 'list', icon: <BarsOutlined />, label: '列表' },
          ]}
        />
      }
    >
      <Upload.Dragger
        multiple
        showUploadList={{ showRemoveIcon: false }}
        customRequest={upload}
        onChange={(info) => {
          if (info.fileList.every((x) => x.status !== 'uploading')) {
            if (page !== 1) setPage(1)
            else void load()
          }
        }}
        aria-label="上传文件"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">点击或将文件拖到此处上传（可多选）</p>
        <p className="ant-upload-hint">
          支持图片、PDF、Office/WPS 文档、压缩包和音视频；文件按内容存储，同一文件只保存一份。
        </p>
      </Upload.Dragger>

      <Space wrap style={{ margin: '16px 0' }}>
        <label htmlFor="media-keyword">文件名</label>
        <Input.Search
          id="media-keyword"
          placeholder="按文件名搜索"
          allowClear
          onSearch={(v) => {
            setKeyword(v.trim())
            setPage(1)
          }}
          style={{ width: 260 }}
        />
        <label htmlFor="media-type">类型</label>
        <Select
          id="media-type"
          placeholder="全部类型"
          allowClear
          value={type}
          onChange={(v: MediaType | undefined) => {
            setType(v)
            setPage(1)
          }}
          style={{ width: 140 }}
          options={Object.entries(MEDIA_TYPE_LABELS).map(([value, label]) => ({ value, label }))}
        />
      </Space>

      <Spin spinning={loading}>
        {view === 'grid' ? (
          rows.length === 0 ? (
            <Empty
              description={
                keyword || type ? '没有符合条件的文件' : '媒体库还是空的，上传第一个文件吧'
              }
            />
          ) : (
            <List
              grid={{ gutter: 16, xs: 2, sm: 3, md: 4, lg: 6, xl: 6, xxl: 8 }}
              dataSource={rows}
              renderItem={(f) => (
                <List.Item>
                  <Card
                    size="small"
                    cover={thumb(f, 120)}
                    actions={actions(f)}
                    styles={{ body: { padding: 8 } }}
                  >
                    <Typography.Text ellipsis={{ tooltip: f.name }} strong style={{ fontSize: 13 }}>
                      {f.name}
                    </Typography.Text>
                    <div style={{ fontSize: 12, color: '#888' }}>
                      {sizeText(f.size)} ·{' '}
                      {f.usage > 0 ? <Tag color="#0050b3">使用 {f.usage}</Tag> : <Tag>未使用</Tag>}
                    </div>
                  </Card>
                </List.Item>
              )}
            />
          )
        ) : (
          <Table<MediaFile>
            rowKey="id"
            dataSource={rows}
            pagination={false}
            size="middle"
            locale={{ emptyText: '没有文件' }}
            columns={[
              {
                title: '预览',
                key: 'thumb',
                width: 80,
                render: (_, f) => <div style={{ width: 56 }}>{thumb(f, 40)}</div>,
              },
              {
                title: '文件名',
                dataIndex: 'name',
                render: (name: string, f) => (
                  <a href={f.url} target="_blank" rel="noreferrer">
                    {name}
                  </a>
                ),
              },
              {
                title: '类型',
                dataIndex: 'mime',
                width: 150,
                render: (_, f) => f.ext.toUpperCase(),
              },
              { title: '大小', dataIndex: 'size', width: 100, render: (n: number) => sizeText(n) },
              {
                title: '上传时间',
                dataIndex: 'createdAt',
                width: 160,
                render: (d: string) => formatDateTime(d),
              },
              {
                title: '使用',
                dataIndex: 'usage',
                width: 90,
                render: (n: number, f) =>
                  n > 0 ? (
                    <Button type="link" size="small" onClick={() => void showUsage(f)}>
                      {n} 篇
                    </Button>
                  ) : (
                    <Tag>未使用</Tag>
                  ),
              },
              {
                title: '操作',
                key: 'actions',
                width: 140,
                render: (_, f) => <Space size={0}>{actions(f)}</Space>,
              },
            ]}
          />
        )}
      </Spin>
      <Pagination
        style={{ marginTop: 16, textAlign: 'right' }}
        current={page}
        pageSize={pageSize}
        total={total}
        showSizeChanger
        pageSizeOptions={[12, 24, 48, 96]}
        showTotal={(n) => `共 ${n} 个文件`}
        onChange={(p, s) => {
          setPage(s !== pageSize ? 1 : p)
          setPageSize(s)
        }}
      />

      <Modal
        open={usageOf !== null}
        title={`使用情况：${usageOf?.name ?? ''}`}
        onCancel={() => setUsageOf(null)}
        footer={<Button onClick={() => setUsageOf(null)}>关闭</Button>}
      >
        {!usage ? (
          <Spin />
        ) : usage.uses.length === 0 && usage.hiddenCount === 0 ? (
          <Empty description="该文件没有被任何信息使用，可以删除" />
        ) : (
          <>
            <List
              dataSource={usage.uses}
              renderItem={(u) => (
                <List.Item>
                  <List.Item.Meta
                    title={<Link to={`/articles/${u.articleId}`}>{u.title}</Link>}
                    description={
                      <Space size={4}>
                        {u.roleLabels.map((r) => (
                          <Tag key={r}>{r}</Tag>
                        ))}
                        <Tag color={u.status === 'published' ? '#237804' : 'default'}>
                          {ARTICLE_STATUS_LABELS[u.status as ArticleStatus] ?? u.status}
                        </Tag>
                      </Space>
                    }
                  />
                </List.Item>
              )}
            />
            {usage.hiddenCount > 0 && (
              <Typography.Paragraph type="secondary">
                另有其他站点的 {usage.hiddenCount} 篇信息使用该文件。
              </Typography.Paragraph>
            )}
          </>
        )}
      </Modal>
    </Card>
  )
}
