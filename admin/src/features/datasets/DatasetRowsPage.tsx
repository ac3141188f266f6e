import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons'
import type { TableColumnsType } from 'antd'
import {
  App,
  Breadcrumb,
  Button,
  Card,
  Form,
  Input,
  Popconfirm,
  Result,
  Select,
  Space,
  Table,
  Typography,
} from 'antd'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { Link, useParams } from 'react-router-dom'
import { ApiError } from '../../api'
import { downloadFile } from '../../download'
import { LoadError } from '../../shell/LoadError'
import { usePagedList } from '../../shell/usePagedList'
import { datasetApi, type DatasetRowView, type DatasetView } from './dataset-api'
import { rowQuery } from './dataset-form'
import { DatasetImportModal } from './DatasetImportModal'
import { RowFormModal } from './RowFormModal'

/** The rows of one dataset: filter, page, add, edit, delete, import and export. */
export default function DatasetRowsPage() {
  const id = Number(useParams().id)
  const [dataset, setDataset] = useState<DatasetView | null>(null)
  const [error, setError] = useState<string | null>(null)
  const load = useCallback(async () => {
    setError(null)
    try {
      setDataset(await datasetApi.get(id))
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '数据库加载失败')
    }
  }, [id])
  useEffect(() => {
    void load()
  }, [load])
  if (!Number.isInteger(id) || id < 1) return <Result status="404" title="数据库不存在" />
  if (error) return <LoadError error={error} onRetry={load} />
  if (!dataset) return null
  return <Rows dataset={dataset} reload={load} />
}

function Rows({ dataset, reload }: { dataset: DatasetView; reload: () => Promise<void> }) {
  const { message } = App.useApp()
  const [filters, setFilters] = useState<Record<string, string>>({})
  const [page, setPage] = useState(1)
  const [pageSize, setPageSize] = useState(20)
  const [editing, setEditing] = useState<DatasetRowView | 'new' | null>(null)
  const [importing, setImporting] = useState(false)
  const query = useMemo(() => rowQuery(filters), [filters])
  const { rows, total, loading, error, load } = usePagedList<DatasetRowView>(
    `/datasets/${dataset.id}/rows`,
    query,
    page,
    pageSize,
    '数据加载失败',
  )
  const refresh = async () => {
    await Promise.all([load(), reload()])
  }
  const remove = async (r: DatasetRowView) => {
    try {
      await datasetApi.removeRow(dataset.id, r.id)
      message.success('已删除')
      await refresh()
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '删除失败，请稍后重试')
    }
  }
  const filterable = dataset.fields.filter((f) => f.isFilterable)
  const columns: TableColumnsType<DatasetRowView> = [
    ...dataset.fields.map((f) => ({
      title: f.label,
      key: f.key,
      render: (_: unknown, r: DatasetRowView) => r.values[f.key] ?? '',
    })),
    ...(dataset.canEditRows
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 120,
            fixed: 'right' as const,
            render: (_: unknown, r: DatasetRowView) => (
              <Space>
                <Button
                  type="link"
                  size="small"
                  onClick={() => setEditing(r)}
                  aria-label={`修改第 ${r.id} 条`}
                >
                  修改
                </Button>
                <Popconfirm
                  title="删除这条数据？"
                  okText="删除"
                  cancelText="取消"
                  okButtonProps={{ danger: true }}
                  onConfirm={() => remove(r)}
                >
                  <Button type="link" size="small" danger aria-label={`删除第 ${r.id} 条`}>
                    删除
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ]

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb
        items={[{ title: <Link to="/datasets">便民数据库</Link> }, { title: dataset.name }]}
      />
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {dataset.name}（{dataset.rowCount} 条）
        </Typography.Title>
        <Space wrap>
          {dataset.canEditRows && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              新增
            </Button>
          )}
          {dataset.canEditRows && (
            <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
              导入
            </Button>
          )}
          <Button
            icon={<DownloadOutlined />}
            onClick={() =>
              downloadFile(`/datasets/${dataset.id}/export.xlsx`).catch((e: unknown) =>
                message.error(e instanceof ApiError ? e.message : '导出失败'),
              )
            }
          >
            导出
          </Button>
        </Space>
      </Space>
      <Card size="small">
        <Form
          layout="inline"
          name="dataset-filters"
          onFinish={(v: Record<string, string>) => {
            setPage(1)
            setFilters(v)
          }}
        >
          <Form.Item name="q" label="关键词">
            <Input allowClear maxLength={100} style={{ width: 200 }} />
          </Form.Item>
          {filterable.map((f) =>
            f.type === 'number' || f.type === 'date' ? (
              <Space key={f.key}>
                <Form.Item name={`${f.key}_from`} label={`${f.label}从`}>
                  <Input allowClear style={{ width: 120 }} />
                </Form.Item>
                <Form.Item name={`${f.key}_to`} label="到">
                  <Input allowClear style={{ width: 120 }} />
                </Form.Item>
              </Space>
            ) : (
              <Form.Item key={f.key} name={f.key} label={f.label}>
                {f.type === 'choice' ? (
                  <Select
                    allowClear
                    style={{ width: 160 }}
                    options={f.options.map((o) => ({ value: o, label: o }))}
                  />
                ) : (
                  <Input allowClear style={{ width: 160 }} />
                )}
              </Form.Item>
            ),
          )}
          <Form.Item>
            <Button htmlType="submit">查询</Button>
          </Form.Item>
        </Form>
      </Card>
      {error ? (
        <LoadError error={error} onRetry={load} />
      ) : (
        <Table
          rowKey="id"
          size="small"
          loading={loading}
          columns={columns}
          dataSource={rows}
          scroll={{ x: 'max-content' }}
          pagination={{
            current: page,
            pageSize,
            total,
            showSizeChanger: true,
            showTotal: (n) => `共 ${n} 条`,
            onChange: (p, s) => {
              setPage(p)
              setPageSize(s)
            },
          }}
        />
      )}
      {editing && (
        <RowFormModal
          dataset={dataset}
          row={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null)
            message.success('已保存')
            void refresh()
          }}
        />
      )}
      {importing && (
        <DatasetImportModal
          dataset={dataset}
          onClose={() => setImporting(false)}
          onDone={(r) => {
            setImporting(false)
            message.success(
              `已导入 ${r.imported} 条${r.skipped ? `，跳过空行 ${r.skipped} 行` : ''}，现有 ${r.total} 条`,
            )
            void refresh()
          }}
        />
      )}
    </Space>
  )
}
