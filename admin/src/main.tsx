import { App as AntApp, ConfigProvider } from 'antd'
import zhCN from 'antd/locale/zh_CN'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { BrowserRouter } from 'react-router-dom'
import { AppRoutes } from './routes'
import { SessionProvider } from './shell/session'

/**
 * Government red, and text greys dark enough for WCAG 2.1 AA (4.5:1) everywhere: Ant Design's
 * default secondary and placeholder greys are lighter than that.
 */
const THEME = {
  token: {
    colorPrimary: '#b4000f',
    colorLink: '#b4000f',
    colorError: '#c41d1f',
    colorLinkHover: '#8c000b',
    colorLinkActive: '#8c000b',
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
    borderRadius: 4,
  },
}

const root = document.getElementById('root')
if (root) {
  createRoot(root).render(
    <StrictMode>
      <ConfigProvider locale={zhCN} theme={THEME}>
        <AntApp>
          <BrowserRouter basename="/admin">
            <SessionProvider>
              <AppRoutes />
            </SessionProvider>
          </BrowserRouter>
        </AntApp>
      </ConfigProvider>
    </StrictMode>,
  )
}
