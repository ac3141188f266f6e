import type { TableColumnsType } from 'antd'
import { Card, Form, Select, Space, Tabs, Typography } from 'antd'
import { useMemo, useState } from 'react'
import { Link, useSearchParams } from 'react-router-dom'
import type { PushKind, PushState } from '../../../../common/cluster'
import { usePagedList } from '../../shell/usePagedList'
import { SiteTreeSelect } from '../letters/LetterTags'
import { AcceptPushModal } from './AcceptPushModal'
import { clusterApi, type Push } from './cluster-api'
import { ConfirmAction, deciderColumn, personTimeColumn, RowAction } from './cluster-columns'
import { pushStateOptions } from './cluster-labels'
import { PushStateTag } from './ClusterTags'
import { ListButtons, PagedTable } from './ListParts'
import { ReasonModal } from './ReasonModal'
import { useRowRun, useXlsxExport } from './useClusterTable'

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
  const isInbox = box === 'inbox'
  const [siteId, setSiteId] = useState<number | undefined>()
  const [state, setState] = useState<PushState | undefined>(isInbox ? 'pending' : undefined)
  const [page, setPage] = useState(1)
  const [pageSize, setPageSize] = useState(20)
  const [accepting, setAccepting] = useState<Push | null>(null)
  const [rejecting, setRejecting] = useState<Push | null>(null)
  const query = useMemo(() => ({ box, siteId, state }), [box, siteId, state])
  const list = usePagedList<Push>('/pushes', query, page, pageSize, '推送列表加载失败')
  const { exporting, exportXlsx } = useXlsxExport('/pushes.xlsx', query)
  const run = useRowRun(list.load)

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
    personTimeColumn('推送人 / 时间', 'pushed', (p) => ({ name: p.pushedByName, at: p.pushedAt })),
    deciderColumn(120),
    {
      title: '操作',
      key: 'actions',
      width: 130,
      render: (_v, p) => (
        <Space size={4} wrap>
          {isInbox && p.state === 'pending' && (
            <>
              <RowAction label="接收" subject={p.title} onClick={() => setAccepting(p)} />
              <RowAction label="拒收" subject={p.title} danger onClick={() => setRejecting(p)} />
            </>
          )}
          {isInbox && p.state === 'accepted' && p.kind === 'linked' && (
            <ConfirmAction
              label="移除"
              subject={p.title}
              danger
              title="从本站栏目移除？"
              description="原文不受影响，只是不再显示在本站栏目中。"
              onConfirm={() => void run(() => clusterApi.removePush(p.id), '已从本站栏目移除')}
            />
          )}
          {!isInbox && (p.state === 'pending' || p.state === 'accepted') && (
            <ConfirmAction
              label="撤回"
              verb="撤回推送"
              subject={p.title}
              title="撤回这次推送？"
              description={
                p.kind === 'linked' ? '本文将从对方栏目中移除。' : '对方已接收的副本将被撤销发布。'
              }
              onConfirm={() => void run(() => clusterApi.withdrawPush(p.id), '已撤回推送')}
            />
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
          <ListButtons
            onReload={() => void list.load()}
            exporting={exporting}
            onExport={() => void exportXlsx()}
          />
        </Space>
      </Card>
      <PagedTable<Push>
        list={list}
        columns={columns}
        emptyText={isInbox && state === 'pending' ? '没有待接收的推送' : '没有符合条件的推送'}
        page={page}
        pageSize={pageSize}
        setPage={setPage}
        setPageSize={setPageSize}
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
