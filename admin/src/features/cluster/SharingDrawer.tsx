import { Drawer } from 'antd'
import { SharingForm } from './SharingForm'

/** 共享设置 of a site, opened from 站点管理. */
export function SharingDrawer({
  site,
  onClose,
}: {
  site: { id: number; name: string } | null
  onClose: () => void
}) {
  return (
    <Drawer
      open={site !== null}
      size={560}
      title={`共享设置：${site?.name ?? ''}`}
      onClose={onClose}
      destroyOnHidden
    >
      {site && <SharingForm key={site.id} siteId={site.id} />}
    </Drawer>
  )
}
