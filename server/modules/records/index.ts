/** The records module's public surface (个人查询). */
export { RecordsService, type ImportResult, type SetCreate } from './records.service'
export { RecordsQueryService, RECORDS_CAPTCHA_FORM, type RecordsAnswer } from './records.query'
export type { RecordsAdapter, RecordsFound, RecordsLookup } from './records.adapter'
export { recordsPublicRoutes, privateHeaders, RECORDS_IP_RATE } from './records.public.routes'
export { recordsAdminRoutes } from './records.admin.routes'
export { presentAnswer, presentSetPublic } from './records.presenter'
export { RECORDS_KEY_FILE, RecordsKeys } from './records.keys'
