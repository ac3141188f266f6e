import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons'
import type { TableColumnsType } from 'antd'
import {
  App,
  Button,
  Card,
  Empty,
  Form,
  Popconfirm,
  Select,
  Space,
  Table,
  Tabs,
  Typography,
} from 'antd'
import { useMemo, useState } from 'react'
import { Link, useSearchParams } from 'react-router-dom'
import type { PushKind, PushState } from '../../../../common/cluster'
import { formatDateTime } from '../../../../common/time'
import { ApiError } from '../../api'
import { downloadFile } from '../../download'
import { LoadError } from '../../shell/LoadError'
import { usePagedList } from '../../shell/usePagedList'
import { SiteTreeSelect } from '../letters/LetterTags'
import { AcceptPushModal } from './AcceptPushModal'
import { clusterApi, type Push } from './cluster-api'
import { pushStateOptions } from './cluster-labels'
import { PushStateTag } from './ClusterTags'
import { ReasonModal } from './ReasonModal'

type Box = 'inbox' | 'outbox'
const KIND_SHORT: Record<PushKind, string> = { linked: '链接引用', copy: '复制' }

/**
 * 推送接收 (一稿多发): pushes to my sites — 接收 (optionally into another column), 拒收 with a
 * reason, 移除 an accepted linked item — and, on the second tab, what my sites pushed (撤回).
 */
export default function PushInboxPage() {
  // The tab is in the address, so a notification can open the outbox (?box=outbox).
  const [params, setParams] = useSearchParams()
  const box: Box = params.get('box') === 'outbox' ? 'outbox' : 'inbox'
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        推送接收
      </Typography.Title>
      <Tabs
        activeKey={box}
        onChange={(k) => setParams(k === 'outbox' ? { box: 'outbox' } : {}, { replace: true })}
        items={[
          { key: 'inbox', label: '推送给本站的' },
          { key: 'outbox', label: '本站推送的' },
        ]}
      />
      <PushTable key={box} box={box} />
    </Space>
  )
}

function PushTable({ box }: { box: Box }) {
  const { message } = App.useApp()
  const isInbox = box === 'inbox'
  const [siteId, setSiteId] = useState<number | undefined>()
  const [state, setState] = useState<PushState | undefined>(isInbox ? 'pending' : undefined)
  const [page, setPage] = useState(1)
  const [pageSize, setPageSize] = useState(20)
  const [accepting, setAccepting] = useState<Push | null>(null)
  const [rejecting, setRejecting] = useState<Push | null>(null)
  const query = useMemo(() => ({ box, siteId, state }), [box, siteId, state])
  const list = usePagedList<Push>('/pushes', query, page, pageSize, '推送列表加载失败')
  const [exporting, setExporting] = useState(false)
  const exportXlsx = async () => {
    setExporting(true)
    try {
      await downloadFile('/pushes.xlsx', query)
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '导出失败，请稍后重试')
    } finally {
      setExporting(false)
    }
  }

  const run = async (work: () => Promise<unknown>, done: string): Promise<boolean> => {
    try {
      await work()
      message.success(done)
      await list.load()
      return true
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '操作失败，请稍后重试')
      return false
    }
  }

  const columns: TableColumnsType<Push> = [
    {
      title: '标题',
      dataIndex: 'title',
      render: (title: string, p) =>
        !isInbox && p.articleId ? (
          <Link to={`/articles/${p.articleId}`}>{title}</Link>
        ) : p.copyArticleId ? (
          <Link to={`/articles/${p.copyArticleId}`}>{title}</Link>
        ) : (
          title
        ),
    },
    isInbox
      ? { title: '来源站点', dataIndex: 'sourceSiteName', width: 140 }
      : { title: '推送至', dataIndex: 'targetSiteName', width: 140 },
    { title: '栏目', dataIndex: 'targetColumnName', width: 140, render: (v: string) => v || '—' },
    { title: '方式', dataIndex: 'kind', width: 90, render: (k: PushKind) => KIND_SHORT[k] },
    {
      title: '状态',
      dataIndex: 'state',
      width: 90,
      render: (_v, p) => <PushStateTag state={p.state} reason={p.reason} />,
    },
    {
      title: '推送人 / 时间',
      key: 'pushed',
      width: 160,
      render: (_v, p) => (
        <>
          {p.pushedByName || '—'}
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {formatDateTime(p.pushedAt)}
          </Typography.Text>
        </>
      ),
    },
    {
      title: '处理人',
      key: 'decided',
      width: 120,
      render: (_v, p) => (p.decidedAt ? p.decidedByName || '—' : '—'),
    },
    {
      title: '操作',
      key: 'actions',
      width: 130,
      render: (_v, p) => (
        <Space size={4} wrap>
          {isInbox && p.state === 'pending' && (
            <>
              <Button
                type="link"
                size="small"
                aria-label={`接收：${p.title}`}
                onClick={() => setAccepting(p)}
              >
                接收
              </Button>
              <Button
                type="link"
                size="small"
                danger
                aria-label={`拒收：${p.title}`}
                onClick={() => setRejecting(p)}
              >
                拒收
              </Button>
            </>
          )}
          {isInbox && p.state === 'accepted' && p.kind === 'linked' && (
            <Popconfirm
              title="从本站栏目移除？"
              description="原文不受影响，只是不再显示在本站栏目中。"
              okText="移除"
              cancelText="取消"
              onConfirm={() => void run(() => clusterApi.removePush(p.id), '已从本站栏目移除')}
            >
              <Button type="link" size="small" danger aria-label={`移除：${p.title}`}>
                移除
              </Button>
            </Popconfirm>
          )}
          {!isInbox && (p.state === 'pending' || p.state === 'accepted') && (
            <Popconfirm
              title="撤回这次推送？"
              description={
                p.kind === 'linked' ? '本文将从对方栏目中移除。' : '对方已接收的副本将被撤销发布。'
              }
              okText="撤回"
              cancelText="取消"
              onConfirm={() => void run(() => clusterApi.withdrawPush(p.id), '已撤回推送')}
            >
              <Button type="link" size="small" aria-label={`撤回推送：${p.title}`}>
                撤回
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ]

  return (
    <>
      <Card size="small">
        <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
          <Form layout="inline" name={`push-${box}-filters`}>
            <Form.Item label={isInbox ? '接收站点' : '推送站点'} htmlFor={`push-${box}-site`}>
              <SiteTreeSelect
                id={`push-${box}-site`}
                placeholder="我的全部站点"
                value={siteId}
                onChange={(v) => {
                  setPage(1)
                  setSiteId(v)
                }}
              />
            </Form.Item>
            <Form.Item label="状态" htmlFor={`push-${box}-state`}>
              <Select
                id={`push-${box}-state`}
                allowClear
                style={{ width: 120 }}
                placeholder="全部状态"
                options={pushStateOptions()}
                value={state}
                onChange={(v?: PushState) => {
                  setPage(1)
                  setState(v)
                }}
              />
            </Form.Item>
          </Form>
          <Space>
            <Button icon={<ReloadOutlined />} onClick={() => void list.load()}>
              刷新
            </Button>
            <Button
              icon={<DownloadOutlined />}
              loading={exporting}
              onClick={() => void exportXlsx()}
            >
              导出 Excel
            </Button>
          </Space>
        </Space>
      </Card>
      <LoadError error={list.error} onRetry={() => void list.load()} />
      <Table<Push>
        rowKey="id"
        size="middle"
        loading={list.loading}
        columns={columns}
        dataSource={list.rows}
        locale={{
          emptyText: (
            <Empty
              description={
                isInbox && state === 'pending' ? '没有待接收的推送' : '没有符合条件的推送'
              }
            />
          ),
        }}
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
      <AcceptPushModal
        push={accepting}
        onCancel={() => setAccepting(null)}
        onAccept={async (columnId) => {
          if (
            accepting &&
            (await run(() => clusterApi.acceptPush(accepting.id, columnId), '已接收'))
          )
            setAccepting(null)
        }}
      />
      <ReasonModal
        ask={
          rejecting && {
            title: `拒收“${rejecting.title}”`,
            label: '拒收原因',
            okText: '拒收',
            required: true,
            danger: true,
            extra: '推送单位会收到通知',
          }
        }
        onCancel={() => setRejecting(null)}
        onSubmit={async (reason) => {
          if (rejecting && (await run(() => clusterApi.rejectPush(rejecting.id, reason), '已拒收')))
            setRejecting(null)
        }}
      />
    </>
  )
}
