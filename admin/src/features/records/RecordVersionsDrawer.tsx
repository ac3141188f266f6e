import { DownloadOutlined, InboxOutlined } from '@ant-design/icons'
import type { TableColumnsType } from 'antd'
import {
  Alert,
  App,
  Button,
  Drawer,
  List,
  Popconfirm,
  Progress,
  Space,
  Table,
  Tag,
  Upload,
} from 'antd'
import { useCallback, useEffect, useState } from 'react'
import { ApiError, formErrors } from '../../api'
import { downloadFile } from '../../download'
import { useSession } from '../../shell/session'
import { formatDateTime } from '../../../../common/time'
import {
  importErrorLines,
  recordsApi,
  uploadVersion,
  VERSION_STATE_LABELS,
  type RecordsSetView,
  type RecordsVersionView,
} from './records-api'

type Stage = { kind: 'idle' } | { kind: 'sending'; percent: number } | { kind: 'checking' }

/** A set's versions: upload a new one (with progress), restore an earlier one. */
export function RecordVersionsDrawer({
  set,
  onClose,
  onChanged,
}: {
  set: RecordsSetView
  onClose: () => void
  onChanged: () => void
}) {
  const { message } = App.useApp()
  const { session } = useSession()
  const [versions, setVersions] = useState<RecordsVersionView[]>([])
  const [loading, setLoading] = useState(true)
  const [stage, setStage] = useState<Stage>({ kind: 'idle' })
  const [refused, setRefused] = useState<{ message: string; lines: string[] } | null>(null)
  const [notes, setNotes] = useState<string[]>([])

  const load = useCallback(async () => {
    setLoading(true)
    try {
      setVersions((await recordsApi.versions(set.id)).data)
    } catch (e) {
      message.error(formErrors(e).message)
    } finally {
      setLoading(false)
    }
  }, [set.id, message])
  useEffect(() => {
    void load()
  }, [load])

  const upload = async (file: File) => {
    setRefused(null)
    setNotes([])
    setStage({ kind: 'sending', percent: 0 })
    try {
      const r = await uploadVersion(set.id, file, session?.csrfToken ?? '', (percent) =>
        setStage(percent >= 100 ? { kind: 'checking' } : { kind: 'sending', percent }),
      )
      message.success(`已导入 ${r.version.people} 人、${r.version.lines} 行，并替换为当前版本`)
      setNotes(r.warnings)
      await load()
      onChanged()
    } catch (e) {
      if (e instanceof ApiError) setRefused({ message: e.message, lines: importErrorLines(e) })
      else setRefused({ message: '上传失败，请稍后重试', lines: [] })
    } finally {
      setStage({ kind: 'idle' })
    }
  }

  const restore = async (v: RecordsVersionView) => {
    try {
      await recordsApi.activate(set.id, v.id)
      message.success('已恢复该版本')
      await load()
      onChanged()
    } catch (e) {
      message.error(formErrors(e).message)
    }
  }

  const columns: TableColumnsType<RecordsVersionView> = [
    { title: '版本', dataIndex: 'id', width: 70 },
    { title: '文件', dataIndex: 'fileName', ellipsis: true },
    { title: '人数', dataIndex: 'people', width: 90 },
    { title: '行数', dataIndex: 'lines', width: 90 },
    { title: '上传人', dataIndex: 'uploadedBy', width: 100 },
    {
      title: '上传时间',
      dataIndex: 'createdAt',
      width: 160,
      render: (v: string) => formatDateTime(v),
    },
    {
      title: '状态',
      key: 'state',
      width: 100,
      render: (_: unknown, v) =>
        v.isCurrent ? (
          <Tag color="#237804">当前版本</Tag>
        ) : (
          <Tag>{VERSION_STATE_LABELS[v.state]}</Tag>
        ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 90,
      render: (_: unknown, v) =>
        !v.isCurrent && v.state === 'ready' ? (
          <Popconfirm
            title="恢复此版本？"
            description="公众查询将立即改为此版本的数据。"
            onConfirm={() => void restore(v)}
          >
            <Button type="link" size="small">
              恢复
            </Button>
          </Popconfirm>
        ) : null,
    },
  ]

  const busy = stage.kind !== 'idle'
  return (
    <Drawer open title={`数据版本：${set.name}`} size="large" width={960} onClose={onClose}>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Button
          icon={<DownloadOutlined />}
          onClick={() =>
            void downloadFile(`/records/sets/${set.id}/template.xlsx`).catch((e: unknown) =>
              message.error(formErrors(e).message),
            )
          }
        >
          下载导入模板
        </Button>
        <Upload.Dragger
          accept=".xlsx,.csv"
          maxCount={1}
          disabled={busy || set.adapter !== 'file'}
          showUploadList={false}
          beforeUpload={(f) => {
            void upload(f)
            return false
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">点击或将 xlsx / CSV 文件拖到此处，上传为新版本</p>
          <p className="ant-upload-hint">
            每行一人一个月：身份证号、姓名、{set.secondFactor === 'mobile' ? '手机号' : '查询密码'}
            及各项数据。全部通过检查才导入，任何一行有误都不导入。
          </p>
        </Upload.Dragger>
        {stage.kind === 'sending' && (
          <Progress percent={stage.percent} status="active" aria-label="上传进度" />
        )}
        {stage.kind === 'checking' && (
          <Alert
            type="info"
            showIcon
            role="status"
            title="文件已上传，正在逐行检查并写入，百万行约需一分钟……"
          />
        )}
        {refused && (
          <Alert
            type="error"
            showIcon
            role="alert"
            title={refused.message}
            description={
              refused.lines.length > 0 ? (
                <List
                  size="small"
                  style={{ maxHeight: 260, overflow: 'auto' }}
                  dataSource={refused.lines}
                  renderItem={(l) => <List.Item style={{ padding: '2px 0' }}>{l}</List.Item>}
                />
              ) : undefined
            }
          />
        )}
        {notes.length > 0 && (
          <Alert
            type="warning"
            showIcon
            title={`已跳过 ${notes.length} 个空行`}
            description={notes.slice(0, 20).join('；')}
          />
        )}
        <Table
          rowKey="id"
          size="small"
          loading={loading}
          columns={columns}
          dataSource={versions}
          pagination={false}
        />
      </Space>
    </Drawer>
  )
}
