import { Card, Result, Typography } from 'antd'
import { useSession } from '../../shell/session'
import { SharingForm } from './SharingForm'

/** 共享设置 of the current site, for its administrators (cluster admins also use 站点管理). */
export default function SharingPage() {
  const { site, role } = useSession()
  if (!site) return null
  if (role !== 'admin') {
    return <Result status="403" title="只有站点管理员可以修改共享设置" />
  }
  return (
    <Card title={<h1 style={{ fontSize: 18, margin: 0 }}>共享设置 · {site.name}</h1>}>
      <Typography.Paragraph type="secondary">
        设置本站是否接收其他站点的信息报送和推送（一稿多发）。
      </Typography.Paragraph>
      <SharingForm key={site.id} siteId={site.id} />
    </Card>
  )
}
