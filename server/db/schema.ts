import type { SearchTables } from '../modules/search/search.table'
import type { ClusterTables } from '../modules/cluster/cluster.table'
import type {
  ArticleFileTable,
  ArticleRevisionTable,
  ArticleTable,
  PlacementTable,
} from '../modules/articles/article.table'
import type { AuditEventTable } from '../modules/audit/audit.table'
import type { CalendarDayTable } from '../modules/calendar/calendar.table'
import type { CaptchaUsedTable } from '../modules/captcha/captcha.table'
import type { ColumnTable } from '../modules/columns/column.table'
import type { FileTable } from '../modules/files/file.table'
import type { JobTable } from '../modules/jobs/job.table'
import type {
  LetterEventTable,
  LetterFileTable,
  LetterRouteTable,
  LetterStageTable,
  LetterTable,
  MailboxTable,
} from '../modules/letters/letter.table'
import type { LexiconEntryTable } from '../modules/checks/lexicon.table'
import type { NotificationTable } from '../modules/notifications/notification.table'
import type { ReviewStepTable, ReviewTable, WorkflowTable } from '../modules/review/review.table'
import type { SettingTable } from '../modules/settings/setting.table'
import type { SiteHostTable, SiteTable } from '../modules/sites/site.table'
import type { ServiceTables } from '../modules/services/service.table'
import type { DatasetTables } from '../modules/datasets/dataset.table'
import type { RecordsTables } from '../modules/records/records.table'
import type { QuestionTables } from '../modules/questions/question.table'
import type { VisitDailyTable } from '../modules/statistics/visit.table'
import type { ThemeTemplateTable } from '../modules/themes/template.table'
import type { RoleGrantTable, SessionTable, UserTable } from '../modules/users/user.table'

/** The whole database as Kysely sees it; one table type per module file. */
export interface DB
  extends ServiceTables, DatasetTables, RecordsTables, QuestionTables, SearchTables, ClusterTables {
  site: SiteTable
  site_host: SiteHostTable
  site_column: ColumnTable
  article: ArticleTable
  placement: PlacementTable
  article_file: ArticleFileTable
  file: FileTable
  app_user: UserTable
  role_grant: RoleGrantTable
  session: SessionTable
  audit_event: AuditEventTable
  visit_daily: VisitDailyTable
  job: JobTable
  theme_template: ThemeTemplateTable
  setting: SettingTable
  article_revision: ArticleRevisionTable
  workflow: WorkflowTable
  review: ReviewTable
  review_step: ReviewStepTable
  lexicon_entry: LexiconEntryTable
  notification: NotificationTable
  mailbox: MailboxTable
  letter: LetterTable
  letter_event: LetterEventTable
  letter_stage: LetterStageTable
  letter_file: LetterFileTable
  letter_route: LetterRouteTable
  calendar_day: CalendarDayTable
  captcha_used: CaptchaUsedTable
}
