import type { Logger } from 'pino'
import type { Db } from './db/database'
import type { DialectName } from './db/dialect'
import type { Config } from './env'
import type { EventBus } from './events'
import type { FileStore } from './modules/files/file.store'

/** What every service is built with. */
export interface Deps {
  db: Db
  dialect: DialectName
  bus: EventBus
  config: Config
  files: FileStore
  logger: Logger
}
