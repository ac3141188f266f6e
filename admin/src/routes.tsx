import { Result, Spin } from 'antd'
import { lazy, Suspense, type ReactNode } from 'react'
import { Navigate, Route, Routes } from 'react-router-dom'
import { AppLayout } from './shell/AppLayout'
import { LoginPage } from './shell/LoginPage'
import { PasswordPage } from './shell/PasswordPage'
import { useSession } from './shell/session'

const DashboardPage = lazy(() => import('./features/dashboard/DashboardPage'))
const StatsPage = lazy(() => import('./features/statistics/StatsPage'))
const SitesPage = lazy(() => import('./features/sites/SitesPage'))
const UsersPage = lazy(() => import('./features/users/UsersPage'))
const AuditPage = lazy(() => import('./features/audit/AuditPage'))
const ColumnsPage = lazy(() => import('./features/columns/ColumnsPage'))
const TemplatesPage = lazy(() => import('./features/templates/TemplatesPage'))
const MediaPage = lazy(() => import('./features/media/MediaPage'))
const ArticlesPage = lazy(() => import('./features/articles/ArticlesPage'))
const ArticleEditorPage = lazy(() => import('./features/articles/ArticleEditorPage'))
const ReviewInboxPage = lazy(() => import('./features/review/ReviewInboxPage'))
const ReviewPage = lazy(() => import('./features/review/ReviewPage'))
const WorkflowPage = lazy(() => import('./features/review/WorkflowPage'))
const NotificationsPage = lazy(() => import('./features/notifications/NotificationsPage'))
const ChecksPage = lazy(() => import('./features/checks/ChecksPage'))
const CalendarPage = lazy(() => import('./features/calendar/CalendarPage'))
const LetterInboxPage = lazy(() => import('./features/letters/LetterInboxPage'))
const LetterDetailPage = lazy(() => import('./features/letters/LetterDetailPage'))
const LetterStatsPage = lazy(() => import('./features/letters/LetterStatsPage'))
const MailboxesPage = lazy(() => import('./features/letters/MailboxesPage'))
const RecordsPage = lazy(() => import('./features/records/RecordsPage'))
const RecordQueriesPage = lazy(() => import('./features/records/RecordQueriesPage'))
const DatasetsPage = lazy(() => import('./features/datasets/DatasetsPage'))
const DatasetRowsPage = lazy(() => import('./features/datasets/DatasetRowsPage'))
const ServicesPage = lazy(() => import('./features/services/ServicesPage'))
const ServiceChecksPage = lazy(() => import('./features/services/ServiceChecksPage'))
const QuestionsPage = lazy(() => import('./features/questions/QuestionsPage'))
const QuestionEditorPage = lazy(() => import('./features/questions/QuestionEditorPage'))
const SearchStatsPage = lazy(() => import('./features/search/SearchStatsPage'))
const SubmissionOutboxPage = lazy(() => import('./features/cluster/SubmissionOutboxPage'))
const SubmissionInboxPage = lazy(() => import('./features/cluster/SubmissionInboxPage'))
const SubmissionStatsPage = lazy(() => import('./features/cluster/SubmissionStatsPage'))
const PushInboxPage = lazy(() => import('./features/cluster/PushInboxPage'))
const SharingPage = lazy(() => import('./features/cluster/SharingPage'))

function Page({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Spin description="加载中" />}>{children}</Suspense>
}

export function AppRoutes() {
  const { loading, session, site } = useSession()
  if (loading) return <Spin fullscreen description="加载中" />
  if (!session) return <LoginPage />
  if (session.mustChangePassword) return <PasswordPage forced />
  if (!site) {
    return (
      <Result
        status="info"
        title="您还没有任何站点的权限"
        subTitle="请联系平台管理员为您分配站点角色。"
      />
    )
  }
  return (
    <AppLayout>
      <Routes>
        <Route
          path="/"
          element={
            <Page>
              <DashboardPage />
            </Page>
          }
        />
        <Route
          path="/articles"
          element={
            <Page>
              <ArticlesPage />
            </Page>
          }
        />
        <Route
          path="/articles/new"
          element={
            <Page>
              <ArticleEditorPage />
            </Page>
          }
        />
        <Route
          path="/articles/:id"
          element={
            <Page>
              <ArticleEditorPage />
            </Page>
          }
        />
        <Route
          path="/columns"
          element={
            <Page>
              <ColumnsPage />
            </Page>
          }
        />
        <Route
          path="/media"
          element={
            <Page>
              <MediaPage />
            </Page>
          }
        />
        <Route
          path="/templates"
          element={
            <Page>
              <TemplatesPage />
            </Page>
          }
        />
        <Route
          path="/stats"
          element={
            <Page>
              <StatsPage />
            </Page>
          }
        />
        <Route
          path="/sites"
          element={
            <Page>
              <SitesPage />
            </Page>
          }
        />
        <Route
          path="/users"
          element={
            <Page>
              <UsersPage />
            </Page>
          }
        />
        <Route
          path="/audit"
          element={
            <Page>
              <AuditPage />
            </Page>
          }
        />
        <Route
          path="/reviews"
          element={
            <Page>
              <ReviewInboxPage />
            </Page>
          }
        />
        <Route
          path="/reviews/:id"
          element={
            <Page>
              <ReviewPage />
            </Page>
          }
        />
        <Route
          path="/workflow"
          element={
            <Page>
              <WorkflowPage />
            </Page>
          }
        />
        <Route
          path="/notifications"
          element={
            <Page>
              <NotificationsPage />
            </Page>
          }
        />
        <Route path="/password" element={<PasswordPage />} />
        <Route
          path="/checks"
          element={
            <Page>
              <ChecksPage />
            </Page>
          }
        />
        <Route
          path="/calendar"
          element={
            <Page>
              <CalendarPage />
            </Page>
          }
        />
        <Route
          path="/letters"
          element={
            <Page>
              <LetterInboxPage />
            </Page>
          }
        />
        <Route
          path="/letters/statistics"
          element={
            <Page>
              <LetterStatsPage />
            </Page>
          }
        />
        <Route
          path="/letters/:id"
          element={
            <Page>
              <LetterDetailPage />
            </Page>
          }
        />
        <Route
          path="/mailboxes"
          element={
            <Page>
              <MailboxesPage />
            </Page>
          }
        />
        <Route
          path="/records"
          element={
            <Page>
              <RecordsPage />
            </Page>
          }
        />
        <Route
          path="/records/queries"
          element={
            <Page>
              <RecordQueriesPage />
            </Page>
          }
        />
        <Route
          path="/datasets"
          element={
            <Page>
              <DatasetsPage />
            </Page>
          }
        />
        <Route
          path="/datasets/:id"
          element={
            <Page>
              <DatasetRowsPage />
            </Page>
          }
        />
        <Route
          path="/questions"
          element={
            <Page>
              <QuestionsPage />
            </Page>
          }
        />
        <Route
          path="/questions/new"
          element={
            <Page>
              <QuestionEditorPage />
            </Page>
          }
        />
        <Route
          path="/questions/:id"
          element={
            <Page>
              <QuestionEditorPage />
            </Page>
          }
        />
        <Route
          path="/services"
          element={
            <Page>
              <ServicesPage />
            </Page>
          }
        />
        <Route
          path="/services/checks"
          element={
            <Page>
              <ServiceChecksPage />
            </Page>
          }
        />
        <Route
          path="/search"
          element={
            <Page>
              <SearchStatsPage />
            </Page>
          }
        />
        <Route
          path="/submissions"
          element={
            <Page>
              <SubmissionOutboxPage />
            </Page>
          }
        />
        <Route
          path="/submissions/inbox"
          element={
            <Page>
              <SubmissionInboxPage />
            </Page>
          }
        />
        <Route
          path="/submissions/statistics"
          element={
            <Page>
              <SubmissionStatsPage />
            </Page>
          }
        />
        <Route
          path="/pushes/inbox"
          element={
            <Page>
              <PushInboxPage />
            </Page>
          }
        />
        <Route
          path="/sharing"
          element={
            <Page>
              <SharingPage />
            </Page>
          }
        />
        <Route path="*" element={<Navigate to="/" replace />} />
      </Routes>
    </AppLayout>
  )
}
