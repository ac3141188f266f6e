/** The content checks' public surface for other modules. */
export {
  CheckService,
  CHECKS_CONFIG_EVENT,
  type ArticleCheckInput,
  type SweepResult,
} from './check.service'
export { hasBlocking, type CheckInput } from './check.types'
export { seedLexicon } from './check.seed'
export {
  CHECK_RULES,
  CHECK_RULE_LABELS,
  type CheckRule,
  type Finding,
  type Severity,
} from '../../../common/checks'
