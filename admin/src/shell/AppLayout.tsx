import {
  AuditOutlined,
  IdcardOutlined,
  BarChartOutlined,
  CalendarOutlined,
  ClusterOutlined,
  CarryOutOutlined,
  DashboardOutlined,
  DatabaseOutlined,
  FileImageOutlined,
  FileSearchOutlined,
  FileTextOutlined,
  FormatPainterOutlined,
  InboxOutlined,
  MailOutlined,
  NodeIndexOutlined,
  PartitionOutlined,
  QuestionCircleOutlined,
  SafetyCertificateOutlined,
  SearchOutlined,
  SettingOutlined,
  ShareAltOutlined,
  TeamOutlined,
} from '@ant-design/icons'
import { Badge, Button, Dropdown, Layout, Menu, Space, Tag, TreeSelect, Typography } from 'antd'
import type { ReactNode } from 'react'
import { Link, useLocation, useNavigate } from 'react-router-dom'
import { NotificationBell } from '../features/notifications/NotificationBell'
import { useNotificationSummary } from '../features/notifications/notification-api'
import { useLetterCounts } from '../features/letters/letter-api'
import { inboxTotal } from '../features/letters/letter-labels'
import { CountBadge } from '../features/letters/CountBadge'
import { useSession, type AdminSite } from './session'

const KIND_LABEL: Record<AdminSite['kind'], string> = {
  portal: '门户',
  channel: '频道',
  standalone: '独立网站',
}

/** Sites grouped portal → channels (by 部门/乡镇) → standalone, for the site switcher. */
export function siteTree(sites: AdminSite[]) {
  const node = (s: AdminSite) => ({
    value: s.id,
    title: `${s.name}${s.status !== 'open' ? '（已关停）' : ''}`,
  })
  const portals = sites.filter((s) => s.kind === 'portal')
  const standalone = sites.filter((s) => s.kind === 'standalone')
  const orphanChannels = sites.filter(
    (s) => s.kind === 'channel' && !portals.some((p) => p.id === s.parentId),
  )
  return [
    ...portals.map((p) => {
      const channels = sites.filter((s) => s.parentId === p.id)
      const groups = [...new Set(channels.map((c) => c.grouping || '频道'))]
      return {
        ...node(p),
        children: groups.map((g) => ({
          value: `group:${p.id}:${g}`,
          title: `${g}（${channels.filter((c) => (c.grouping || '频道') === g).length}）`,
          selectable: false,
          children: channels.filter((c) => (c.grouping || '频道') === g).map(node),
        })),
      }
    }),
    ...orphanChannels.map(node),
    ...(standalone.length
      ? [
          {
            value: 'group:standalone',
            title: '独立网站',
            selectable: false,
            children: standalone.map(node),
          },
        ]
      : []),
  ]
}

/** A site's address on this server (the local /sites/<code>/ alias works on any host). */
export function publicPath(site: AdminSite, sites: AdminSite[]): string {
  if (site.kind !== 'channel') return `/sites/${site.code}/`
  const parent = sites.find((s) => s.id === site.parentId)
  return parent ? `/sites/${parent.code}${site.basePath}` : site.basePath
}

export function AppLayout({ children }: { children: ReactNode }) {
  const { session, sites, site, role, setSiteId, signOut } = useSession()
  const location = useLocation()
  const navigate = useNavigate()
  const summary = useNotificationSummary()
  const isClusterAdmin = Boolean(session?.isClusterAdmin)
  const letterWork = inboxTotal(useLetterCounts().counts)
  const isAnySiteAdmin = isClusterAdmin || Boolean(session?.grants.some((g) => g.role === 'admin'))
  const items = [
    { key: '/', icon: <DashboardOutlined />, label: <Link to="/">工作台</Link> },
    { key: '/articles', icon: <FileTextOutlined />, label: <Link to="/articles">信息管理</Link> },
    {
      key: '/reviews',
      icon: <SafetyCertificateOutlined />,
      label: (
        <Link
          to="/reviews"
          aria-label={summary.waitingReview ? `待我审核（${summary.waitingReview} 条）` : undefined}
        >
          待我审核 <Badge count={summary.waitingReview} size="small" overflowCount={99} />
        </Link>
      ),
    },
    {
      key: 'cluster',
      icon: <ShareAltOutlined />,
      label: '站群协同',
      children: [
        { key: '/submissions', label: <Link to="/submissions">报送信息</Link> },
        { key: '/submissions/inbox', label: <Link to="/submissions/inbox">报送收件箱</Link> },
        {
          key: '/submissions/statistics',
          label: <Link to="/submissions/statistics">报送统计</Link>,
        },
        { key: '/pushes/inbox', label: <Link to="/pushes/inbox">推送接收</Link> },
        ...(role === 'admin'
          ? [{ key: '/sharing', label: <Link to="/sharing">共享设置</Link> }]
          : []),
      ],
    },
    {
      key: 'letters',
      icon: <MailOutlined />,
      label: '来信办理',
      children: [
        {
          key: '/letters',
          icon: <InboxOutlined />,
          label: (
            <Link to="/letters">
              来信办理
              <CountBadge count={letterWork} />
            </Link>
          ),
        },
        {
          key: '/letters/statistics',
          icon: <BarChartOutlined />,
          label: <Link to="/letters/statistics">来信统计</Link>,
        },
        ...(isAnySiteAdmin
          ? [
              {
                key: '/mailboxes',
                icon: <SettingOutlined />,
                label: <Link to="/mailboxes">信箱管理</Link>,
              },
            ]
          : []),
      ],
    },
    {
      key: 'services',
      icon: <CarryOutOutlined />,
      label: '办事服务',
      children: [
        { key: '/services', label: <Link to="/services">办事事项</Link> },
        { key: '/services/checks', label: <Link to="/services/checks">办事指南检查</Link> },
      ],
    },
    {
      key: '/questions',
      icon: <QuestionCircleOutlined />,
      label: <Link to="/questions">热点解答</Link>,
    },
    {
      key: '/datasets',
      icon: <DatabaseOutlined />,
      label: <Link to="/datasets">便民数据库</Link>,
    },
    ...(isAnySiteAdmin
      ? [
          {
            key: 'records',
            icon: <IdcardOutlined />,
            label: '个人查询',
            children: [
              { key: '/records', label: <Link to="/records">查询项目</Link> },
              { key: '/records/queries', label: <Link to="/records/queries">查询日志</Link> },
            ],
          },
        ]
      : []),
    { key: '/columns', icon: <PartitionOutlined />, label: <Link to="/columns">栏目管理</Link> },
    ...(role === 'admin'
      ? [
          {
            key: '/workflow',
            icon: <NodeIndexOutlined />,
            label: <Link to="/workflow">审核流程</Link>,
          },
        ]
      : []),
    { key: '/media', icon: <FileImageOutlined />, label: <Link to="/media">媒体库</Link> },
    ...(role === 'admin'
      ? [
          {
            key: '/templates',
            icon: <FormatPainterOutlined />,
            label: <Link to="/templates">模板管理</Link>,
          },
        ]
      : []),
    { key: '/stats', icon: <BarChartOutlined />, label: <Link to="/stats">统计分析</Link> },
    ...(isClusterAdmin || session?.grants.some((g) => g.role !== 'reviewer')
      ? [{ key: '/search', icon: <SearchOutlined />, label: <Link to="/search">搜索统计</Link> }]
      : []),
    ...(isClusterAdmin
      ? [{ key: '/sites', icon: <ClusterOutlined />, label: <Link to="/sites">站点管理</Link> }]
      : []),
    ...(isClusterAdmin
      ? [
          {
            key: '/checks',
            icon: <FileSearchOutlined />,
            label: <Link to="/checks">内容检查</Link>,
          },
        ]
      : []),
    ...(isClusterAdmin
      ? [
          {
            key: '/calendar',
            icon: <CalendarOutlined />,
            label: <Link to="/calendar">工作日历</Link>,
          },
        ]
      : []),
    ...(role === 'admin'
      ? [{ key: '/users', icon: <TeamOutlined />, label: <Link to="/users">用户与角色</Link> }]
      : []),
    ...(role === 'admin'
      ? [{ key: '/audit', icon: <AuditOutlined />, label: <Link to="/audit">操作日志</Link> }]
      : []),
  ]
  // The most specific entry wins (/letters/statistics over /letters); submenu entries count.
  const selected = items
    .flatMap((i) => ('children' in i && i.children ? i.children.map((c) => c.key) : [i.key]))
    .filter((k) => (k === '/' ? location.pathname === '/' : location.pathname.startsWith(k)))
    .sort((a, b) => b.length - a.length)
    .slice(0, 1)
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        breakpoint="lg"
        collapsedWidth={0}
        width={200}
        theme="light"
        style={{ borderRight: '1px solid #eee' }}
      >
        <div style={{ padding: '16px', fontWeight: 700, color: '#b4000f', fontSize: 18 }}>
          站群管理后台
        </div>
        <nav aria-label="主菜单">
          <Menu mode="inline" selectedKeys={selected} defaultOpenKeys={['letters']} items={items} />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            padding: '0 16px',
            display: 'flex',
            alignItems: 'center',
            gap: 16,
            borderBottom: '1px solid #eee',
          }}
        >
          <label htmlFor="site-switcher" style={{ whiteSpace: 'nowrap' }}>
            当前站点：
          </label>
          <TreeSelect
            id="site-switcher"
            aria-label="切换站点"
            style={{ minWidth: 320 }}
            value={site?.id}
            treeData={siteTree(sites)}
            treeDefaultExpandedKeys={site?.parentId ? [site.parentId] : []}
            showSearch
            treeNodeFilterProp="title"
            onChange={(v) => typeof v === 'number' && setSiteId(v)}
            placeholder="选择站点"
          />
          {site && <Tag>{KIND_LABEL[site.kind]}</Tag>}
          {site && (
            <a href={publicPath(site, sites)} target="_blank" rel="noreferrer">
              访问网站
            </a>
          )}
          <div style={{ flex: 1 }} />
          <Space>
            <NotificationBell summary={summary} onChanged={summary.refresh} />
            <Typography.Text>{session?.user.displayName || session?.user.username}</Typography.Text>
            <Dropdown
              menu={{
                items: [
                  { key: 'password', label: '修改密码', onClick: () => navigate('/password') },
                  { key: 'logout', label: '退出登录', onClick: () => void signOut() },
                ],
              }}
            >
              <Button aria-label="账号菜单">账号</Button>
            </Dropdown>
          </Space>
        </Layout.Header>
        {/* Layout.Content renders the page's one <main> landmark. */}
        <Layout.Content id="main" style={{ padding: 24 }}>
          {children}
        </Layout.Content>
      </Layout>
    </Layout>
  )
}
