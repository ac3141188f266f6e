import { PlusOutlined } from '@ant-design/icons'
import type { TableColumnsType } from 'antd'
import { App, Button, Card, Popconfirm, Space, Table, Tag, Typography } from 'antd'
import { useCallback, useEffect, useState } from 'react'
import { Link } from 'react-router-dom'
import { formatDate } from '../../../../common/time'
import { ApiError } from '../../api'
import { LoadError } from '../../shell/LoadError'
import { useSession } from '../../shell/session'
import { datasetApi, type DatasetView } from './dataset-api'
import { DatasetFormModal } from './DatasetFormModal'

/** 便民数据库: the cluster-wide datasets and those of the sites the user works on. */
export default function DatasetsPage() {
  const { message } = App.useApp()
  const { session, site } = useSession()
  const [list, setList] = useState<DatasetView[]>([])
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<string | null>(null)
  const [editing, setEditing] = useState<DatasetView | 'new' | null>(null)
  const isSiteAdmin = Boolean(
    site && session?.grants.some((g) => g.siteId === site.id && g.role === 'admin'),
  )
  const canCreate = Boolean(session?.isClusterAdmin || isSiteAdmin)

  const load = useCallback(async () => {
    setLoading(true)
    setError(null)
    try {
      setList(await datasetApi.list())
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '数据库列表加载失败')
    } finally {
      setLoading(false)
    }
  }, [])
  useEffect(() => {
    void load()
  }, [load])

  const remove = async (d: DatasetView) => {
    try {
      await datasetApi.remove(d.id)
      message.success(`已删除“${d.name}”`)
      await load()
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '删除失败，请稍后重试')
    }
  }

  const columns: TableColumnsType<DatasetView> = [
    {
      title: '名称',
      dataIndex: 'name',
      render: (name: string, d) => (
        <>
          <Link to={`/datasets/${d.id}`}>{name}</Link>
          {!d.isPublic && <Tag style={{ marginLeft: 8 }}>未公开</Tag>}
          {d.description && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {d.description}
            </Typography.Text>
          )}
        </>
      ),
    },
    { title: '代码', dataIndex: 'code', width: 120 },
    { title: '范围', dataIndex: 'siteName', width: 160 },
    { title: '维护单位', dataIndex: 'ownerUnit', width: 160 },
    { title: '字段', key: 'fields', width: 70, render: (_: unknown, d) => d.fields.length },
    { title: '数据条数', dataIndex: 'rowCount', width: 100 },
    { title: '更新日期', dataIndex: 'updatedAt', width: 120, render: (v: string) => formatDate(v) },
    {
      title: '操作',
      key: 'actions',
      width: 200,
      render: (_: unknown, d) => (
        <Space>
          <Link to={`/datasets/${d.id}`} aria-label={`管理${d.name}的数据`}>
            数据
          </Link>
          {d.canDefine && (
            <Button
              type="link"
              size="small"
              onClick={() => setEditing(d)}
              aria-label={`修改${d.name}的定义`}
            >
              定义
            </Button>
          )}
          {d.canDefine && (
            <Popconfirm
              title={`删除“${d.name}”及其全部 ${d.rowCount} 条数据？`}
              okText="删除"
              okButtonProps={{ danger: true }}
              cancelText="取消"
              onConfirm={() => remove(d)}
            >
              <Button type="link" size="small" danger aria-label={`删除${d.name}`}>
                删除
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ]

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          便民数据库
        </Typography.Title>
        {canCreate && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            新建数据库
          </Button>
        )}
      </Space>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        在任一站点新建“便民数据库”类型的栏目即可公开查询：栏目设置 datasetCode
        时显示该数据库，否则列出本站和全站群共用的数据库。
      </Typography.Paragraph>
      {error ? (
        <LoadError error={error} onRetry={load} />
      ) : (
        <Card size="small">
          <Table
            rowKey="id"
            loading={loading}
            columns={columns}
            dataSource={list}
            pagination={false}
          />
        </Card>
      )}
      {editing && (
        <DatasetFormModal
          dataset={editing === 'new' ? null : editing}
          siteId={site?.id}
          canCluster={Boolean(session?.isClusterAdmin)}
          canSite={isSiteAdmin || Boolean(session?.isClusterAdmin)}
          onClose={() => setEditing(null)}
          onSaved={(d, isNew) => {
            setEditing(null)
            message.success(isNew ? `已建立“${d.name}”` : `已保存“${d.name}”`)
            void load()
          }}
        />
      )}
    </Space>
  )
}
