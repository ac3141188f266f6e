import type {
  LetterAction,
  LetterDueStatus,
  LetterRating,
  LetterStage,
  LetterState,
  LetterType,
} from './letters'

/**
 * The letters admin API's shapes (`/api/admin/letters…`), shared by the server that builds them
 * and the admin that shows them. See docs/LETTERS.md.
 */

/** A row of 来信办理 (GET /letters); the writer's name comes masked. */
export interface LetterListItem {
  id: number
  queryCode: string
  mailboxId: number
  mailboxName: string
  siteId: number
  siteName: string
  type: LetterType
  typeLabel: string
  category: string
  subject: string
  state: LetterState
  stateLabel: string
  unitSiteId: number | null
  unitName: string | null
  receivedAt: string
  dueAt: string | null
  dueStatus: LetterDueStatus
  redFlag: boolean
  repliedAt: string | null
  /** '' until the writer rates the reply. */
  rating: LetterRating | ''
  published: boolean
  source: string
  writerName: string
}

/** The writer's contact details: masked in a detail, in full from GET /letters/:id/writer. */
export interface LetterWriter {
  name: string
  mobile: string
  email: string
}

export interface LetterEvent {
  id: number
  at: string
  actorName: string
  action: string
  label: string
  /** '' when the event did not change the state. */
  fromState: LetterState | ''
  toState: LetterState | ''
  note: string
  internal: boolean
}

export interface LetterStageRow {
  id: number
  stage: LetterStage
  label: string
  unitSiteId: number | null
  unitName: string | null
  startedAt: string
  limitDays: number
  dueAt: string
  /** null while the stage is open; its figures are recorded when it ends. */
  endedAt: string | null
  workingDays: number | null
  onTime: boolean | null
}

export type ExtensionStatus = 'pending' | 'granted' | 'refused'

export interface LetterExtension {
  status: ExtensionStatus
  days: number
  reason: string
}

/** The redacted copies of subject, body and reply that go on the public site. */
export interface PublicationText {
  subject: string
  body: string
  reply: string
}

/** GET /letters/:id, and what every action returns. */
export interface LetterDetail extends LetterListItem {
  body: string
  writer: LetterWriter
  wantsPublic: boolean
  mergedInto: { id: number; queryCode: string } | null
  publicNote: string
  reply: string
  replyDraft: string
  replyBy: number | null
  /** Who drafted the reply under review or last sent ('' when nobody yet). */
  replyByName: string
  ratingComment: string
  ratedAt: string | null
  ratingUntil: string | null
  reopened: boolean
  extension: LetterExtension | null
  events: LetterEvent[]
  stages: LetterStageRow[]
  files: { id: number; name: string; url: string }[]
  publication: PublicationText & { published: boolean; publishedAt: string | null }
  suggestedPublication: PublicationText
  actions: LetterAction[]
  canRevealWriter: boolean
  suggestedUnitSiteId: number | null
}

/** GET /letters/counts: the signed-in user's boxes, for tabs and the menu badge. */
export interface LetterCounts {
  screening: number
  unit: number
  review: number
  extension: number
  overdue: number
  red: number
}
