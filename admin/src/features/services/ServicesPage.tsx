import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons'
import type { TableColumnsType } from 'antd'
import {
  App,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  TreeSelect,
  Typography,
} from 'antd'
import { useMemo, useState } from 'react'
import {
  SERVICE_AUDIENCE_LABELS,
  SERVICE_ELEMENT_LABELS,
  SERVICE_KIND_LABELS,
  SERVICE_LIMITS,
  type ServiceAudience,
  type ServiceElement,
  type ServiceKind,
} from '../../../../common/services'
import { ApiError } from '../../api'
import { downloadFile } from '../../download'
import { siteTree } from '../../shell/AppLayout'
import { LoadError } from '../../shell/LoadError'
import { useSession } from '../../shell/session'
import { usePagedList } from '../../shell/usePagedList'
import { useXlsxImport, XlsxUpload } from '../../shell/XlsxUpload'
import { ServiceEditor } from './ServiceEditor'
import { serviceApi, type ServiceSummary } from './service-api'
import { themeOptions } from './service-options'

/** 办事事项: the catalogue of the units the user works on, with filters, Excel and the editor. */
export default function ServicesPage() {
  const { message } = App.useApp()
  const { sites } = useSession()
  const [filters, setFilters] = useState<Record<string, string | boolean | undefined>>({})
  const [page, setPage] = useState(1)
  const [pageSize, setPageSize] = useState(20)
  const [editing, setEditing] = useState<number | 'new' | null>(null)
  const [importing, setImporting] = useState(false)
  const query = useMemo(() => ({ ...filters }), [filters])
  const list = usePagedList<ServiceSummary>('/services', query, page, pageSize, '事项加载失败')
  const tree = useMemo(() => siteTree(sites), [sites])
  const setFilter = (k: string, v: string | boolean | undefined) => {
    setPage(1)
    setFilters((f) => ({ ...f, [k]: v === '' || v === false ? undefined : v }))
  }

  const remove = async (s: ServiceSummary) => {
    try {
      await serviceApi.remove(s.id)
      message.success(`已删除“${s.name}”`)
      await list.load()
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '删除失败，请稍后重试')
    }
  }

  const columns: TableColumnsType<ServiceSummary> = [
    { title: '事项编码', dataIndex: 'code', width: 170 },
    {
      title: '事项名称',
      dataIndex: 'name',
      render: (name: string, s) => (
        <>
          {name} {!s.enabled && <Tag>未公开</Tag>}
        </>
      ),
    },
    { title: '实施主体', dataIndex: 'unitName', width: 180 },
    {
      title: '类型 / 对象',
      key: 'kind',
      width: 170,
      render: (_: unknown, s) =>
        `${SERVICE_KIND_LABELS[s.kind as ServiceKind] ?? s.kind} / ${SERVICE_AUDIENCE_LABELS[s.audience as ServiceAudience] ?? s.audience}`,
    },
    {
      title: '八要素',
      dataIndex: 'missingElements',
      width: 150,
      render: (missing: ServiceElement[]) =>
        missing.length === 0 ? (
          <Tag color="#237804">齐全</Tag>
        ) : (
          <Tooltip title={`缺少：${missing.map((e) => SERVICE_ELEMENT_LABELS[e]).join('、')}`}>
            <Tag color="#a8071a">
              缺 {missing.length} 项（−{missing.length * 2} 分）
            </Tag>
          </Tooltip>
        ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 130,
      render: (_: unknown, s) => (
        <Space>
          <Button
            type="link"
            size="small"
            onClick={() => setEditing(s.id)}
            aria-label={`编辑${s.name}`}
          >
            编辑
          </Button>
          <Popconfirm
            title={`删除事项“${s.name}”？`}
            okText="删除"
            cancelText="取消"
            okButtonProps={{ danger: true }}
            onConfirm={() => remove(s)}
          >
            <Button type="link" size="small" danger aria-label={`删除${s.name}`}>
              删除
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ]

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        办事事项
      </Typography.Title>
      <Card size="small">
        <Form layout="inline" name="service-filters">
          <Form.Item label="实施主体" htmlFor="service-site">
            <TreeSelect
              id="service-site"
              allowClear
              showSearch
              treeNodeFilterProp="title"
              style={{ width: 240 }}
              treeData={tree}
              value={filters.siteId as number | undefined}
              onChange={(v: unknown) =>
                setFilter('siteId', typeof v === 'number' ? String(v) : undefined)
              }
              placeholder="全部单位"
            />
          </Form.Item>
          <Form.Item label="服务对象" htmlFor="service-audience">
            <Select
              id="service-audience"
              allowClear
              style={{ width: 120 }}
              options={[
                { value: 'person', label: '个人' },
                { value: 'legal', label: '法人' },
              ]}
              onChange={(v?: string) => setFilter('audience', v)}
            />
          </Form.Item>
          <Form.Item label="主题" htmlFor="service-theme">
            <Select
              id="service-theme"
              allowClear
              showSearch
              optionFilterProp="label"
              style={{ width: 180 }}
              options={themeOptions}
              onChange={(v?: string) => setFilter('theme', v)}
            />
          </Form.Item>
          <Form.Item label="关键词" htmlFor="service-q">
            <Input.Search
              id="service-q"
              allowClear
              placeholder="名称或编码"
              onSearch={(v) => setFilter('q', v.trim())}
              style={{ width: 200 }}
            />
          </Form.Item>
          <Form.Item>
            <Checkbox onChange={(e) => setFilter('incomplete', e.target.checked)}>
              只看要素不全
            </Checkbox>
          </Form.Item>
        </Form>
      </Card>
      <LoadError error={list.error} onRetry={() => void list.load()} />
      <Card
        size="small"
        title={`共 ${list.total} 项`}
        extra={
          <Space>
            <Button
              icon={<DownloadOutlined />}
              onClick={() =>
                void downloadFile('/services/export.xlsx', filters as Record<string, string>).catch(
                  (e: unknown) => message.error(e instanceof ApiError ? e.message : '导出失败'),
                )
              }
            >
              导出 Excel
            </Button>
            <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
              导入 Excel
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              新建事项
            </Button>
          </Space>
        }
      >
        <Table<ServiceSummary>
          rowKey="id"
          size="middle"
          loading={list.loading}
          columns={columns}
          dataSource={list.rows}
          pagination={{
            current: page,
            pageSize,
            total: list.total,
            showSizeChanger: true,
            onChange: (p, s) => {
              setPage(p)
              setPageSize(s)
            },
          }}
        />
      </Card>
      {editing !== null && (
        <ServiceEditor
          id={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null)
            void list.load()
          }}
        />
      )}
      {importing && (
        <ImportModal
          onClose={() => setImporting(false)}
          onDone={() => {
            setImporting(false)
            void list.load()
          }}
        />
      )}
    </Space>
  )
}

function ImportModal({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const { message } = App.useApp()
  const { file, chooseFile, busy, error, submit } = useXlsxImport(async (f) => {
    const r = await serviceApi.importXlsx(f)
    message.success(`导入完成：新增 ${r.created} 项，更新 ${r.updated} 项`)
    onDone()
  })
  return (
    <Modal
      open
      title="导入办事事项"
      okText="导入"
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onClose}
      width={640}
    >
      <Typography.Paragraph type="secondary">
        第 1
        行为表头：事项编码、事项名称、实施主体（站点代码或名称）、事项类型、服务对象、主题、设定依据、申请条件、办理材料（每行一项：名称｜空白表格链接｜样表链接）、办理地点、办理时间、联系电话、办理流程、收费标准（或“不收费”）、收费依据、法定办结时限、承诺办结时限、在线办理、常见问题（每行：问题｜解答）。可先导出一份作为模板。有编码的按编码更新；任何一行有误则整个文件都不导入。
      </Typography.Paragraph>
      <XlsxUpload
        file={file}
        onFile={chooseFile}
        maxRows={SERVICE_LIMITS.importRowsMax}
        error={error}
      />
    </Modal>
  )
}
