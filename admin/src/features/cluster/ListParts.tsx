import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons'
import type { TableColumnsType } from 'antd'
import { Button, Empty, Space, Table, Typography } from 'antd'
import { LoadError } from '../../shell/LoadError'

// Parts shared by the cluster list pages (报送收件箱, 报送信息, 推送接收).

/** The list's 刷新 and 导出 Excel buttons. */
export function ListButtons({
  onReload,
  exporting,
  onExport,
}: {
  onReload: () => void
  exporting: boolean
  onExport: () => void
}) {
  return (
    <Space>
      <Button icon={<ReloadOutlined />} onClick={onReload}>
        刷新
      </Button>
      <Button icon={<DownloadOutlined />} loading={exporting} onClick={onExport}>
        导出 Excel
      </Button>
    </Space>
  )
}

/** The page's title with the list buttons on the right. */
export function ListHeader({
  title,
  ...buttons
}: { title: string } & Parameters<typeof ListButtons>[0]) {
  return (
    <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {title}
      </Typography.Title>
      <ListButtons {...buttons} />
    </Space>
  )
}

/** A list as `usePagedList` loads it. */
interface PagedRows<T> {
  rows: T[]
  total: number
  loading: boolean
  error: string | null
  load: () => Promise<void>
}

/**
 * The load error (with retry) and the server-paged table; a new page size starts again at
 * page 1.
 */
export function PagedTable<T extends { id: number }>({
  list,
  columns,
  emptyText,
  page,
  pageSize,
  setPage,
  setPageSize,
}: {
  list: PagedRows<T>
  columns: TableColumnsType<T>
  emptyText: string
  page: number
  pageSize: number
  setPage: (p: number) => void
  setPageSize: (s: number) => void
}) {
  return (
    <>
      <LoadError error={list.error} onRetry={() => void list.load()} />
      <Table<T>
        rowKey="id"
        size="middle"
        loading={list.loading}
        columns={columns}
        dataSource={list.rows}
        locale={{ emptyText: <Empty description={emptyText} /> }}
        pagination={{
          current: page,
          pageSize,
          total: list.total,
          showSizeChanger: true,
          showTotal: (n) => `共 ${n} 条`,
          onChange: (p, s) => {
            setPage(s !== pageSize ? 1 : p)
            setPageSize(s)
          },
        }}
      />
    </>
  )
}
