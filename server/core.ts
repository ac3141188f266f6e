import type { Deps } from './core-deps'
import { ArticleHistoryService } from './modules/articles/article.history'
import { ArticleService } from './modules/articles/article.service'
import { AuditService } from './modules/audit/audit.service'
import { CalendarService } from './modules/calendar/calendar.service'
import { CaptchaService } from './modules/captcha/captcha.service'
import { CheckService } from './modules/checks/check.service'
import { ColumnService } from './modules/columns/column.service'
import { FileService } from './modules/files/file.service'
import { JobRunner } from './modules/jobs/job.runner'
import { SearchService } from './modules/search/search.service'
import { LetterHandlingService } from './modules/letters/letter.handling'
import { LetterIntakeService } from './modules/letters/letter.intake'
import { LetterRouteService } from './modules/letters/letter-route.service'
import { LetterStatisticsService } from './modules/letters/letter.statistics'
import { MailboxService } from './modules/letters/mailbox.service'
import { DatasetService } from './modules/datasets/dataset.service'
import { DatasetRowService } from './modules/datasets/dataset.rows'
import { DatasetPublicService } from './modules/datasets/dataset.public'
import { LetterReadService } from './modules/letters/letter.read'
import { LetterWriterService } from './modules/letters/letter.writer'
import {
  ServiceCatalogService,
  ServiceCheckService,
  ServiceTransferService,
} from './modules/services'
import { QuestionService } from './modules/questions/question.service'
import { registerArticleJobs } from './modules/articles/article.jobs'
import { registerLetterDeadlines } from './modules/letters/letter.deadlines'
import { NotificationService } from './modules/notifications/notification.service'
import { ReviewService } from './modules/review/review.service'
import { WorkflowService } from './modules/review/workflow.service'
import { SiteService } from './modules/sites/site.service'
import { DashboardService } from './modules/statistics/dashboard.service'
import { TemplateService } from './modules/themes/template.service'
import { StatisticsService } from './modules/statistics/statistics.service'
import { VisitBuffer } from './modules/statistics/visit.buffer'
import { AuthService } from './modules/users/auth.service'
import { UserService } from './modules/users/user.service'
import { RecordsQueryService, RecordsService } from './modules/records'
import { PushService } from './modules/cluster/push.service'
import { SharingService } from './modules/cluster/sharing.service'
import { SubmissionService } from './modules/cluster/submission.service'

/** One core for HTTP, CLI and jobs: every service, built once over the same dependencies. */
export interface Core {
  deps: Deps
  sites: SiteService
  columns: ColumnService
  articles: ArticleService
  articleHistory: ArticleHistoryService
  files: FileService
  auth: AuthService
  users: UserService
  audit: AuditService
  visits: VisitBuffer
  statistics: StatisticsService
  templates: TemplateService
  dashboard: DashboardService
  checks: CheckService
  notifications: NotificationService
  workflows: WorkflowService
  reviews: ReviewService
  jobs: JobRunner
  calendar: CalendarService
  captcha: CaptchaService
  letterIntake: LetterIntakeService
  mailboxes: MailboxService
  letterRoutes: LetterRouteService
  letterStats: LetterStatisticsService
  search: SearchService
  letters: LetterHandlingService
  letterRead: LetterReadService
  letterWriter: LetterWriterService
  services: ServiceCatalogService
  serviceTransfer: ServiceTransferService
  serviceChecks: ServiceCheckService
  records: RecordsService
  recordsQuery: RecordsQueryService
  datasets: DatasetService
  datasetRows: DatasetRowService
  datasetPublic: DatasetPublicService
  questions: QuestionService
  sharing: SharingService
  pushes: PushService
  submissions: SubmissionService
}

export function createCore(deps: Deps): Core {
  const visits = new VisitBuffer(deps.db, (e) =>
    deps.logger.error({ err: e }, 'visit flush failed'),
  )
  const checks = new CheckService(deps)
  const notifications = new NotificationService(deps)
  const workflows = new WorkflowService(deps)
  const reviews = new ReviewService(deps, workflows, checks, notifications)
  const articles = new ArticleService(deps, workflows, reviews, checks)
  const jobs = new JobRunner(deps)
  const captcha = new CaptchaService(deps)
  const calendar = new CalendarService(deps)
  const letters = new LetterHandlingService(deps, calendar, notifications)
  const datasets = new DatasetService(deps)
  const records = new RecordsService(deps)
  const services = new ServiceCatalogService(deps)
  registerArticleJobs(jobs, notifications)
  registerLetterDeadlines(deps, jobs, calendar, notifications)
  return {
    deps,
    sites: new SiteService(deps),
    columns: new ColumnService(deps),
    articles,
    articleHistory: new ArticleHistoryService(deps, articles),
    files: new FileService(deps),
    auth: new AuthService(deps),
    users: new UserService(deps),
    audit: new AuditService(deps),
    visits,
    statistics: new StatisticsService(deps, visits),
    templates: new TemplateService(deps),
    dashboard: new DashboardService(deps, visits),
    checks,
    notifications,
    workflows,
    reviews,
    jobs,
    calendar,
    captcha,
    letterIntake: new LetterIntakeService(deps, captcha, calendar),
    mailboxes: new MailboxService(deps),
    letterRoutes: new LetterRouteService(deps),
    letterStats: new LetterStatisticsService(deps),
    search: new SearchService(deps),
    letters,
    letterRead: new LetterReadService(deps, calendar, letters),
    letterWriter: new LetterWriterService(deps, calendar, notifications),
    services,
    serviceTransfer: new ServiceTransferService(deps, services),
    serviceChecks: new ServiceCheckService(deps),
    records,
    recordsQuery: new RecordsQueryService(deps, captcha, records),
    datasets,
    datasetRows: new DatasetRowService(deps, datasets),
    datasetPublic: new DatasetPublicService(deps),
    questions: new QuestionService(deps),
    sharing: new SharingService(deps),
    pushes: new PushService(deps, articles, notifications),
    submissions: new SubmissionService(deps, articles, notifications),
  }
}
