/** 热点解答 (咨询答问库): the module's public surface for other modules and adapters. */
export {
  portalFaqColumn,
  publishedEntry,
  publishedList,
  publishedTopics,
  questionsForService,
  unitsShownOn,
  entryPath,
  type PublicEntry,
  type PublicEntryDetail,
} from './question.public'
export { QuestionService, QUESTION_CHANGE_EVENT, questionTags } from './question.service'
export { paragraphs } from './question.presenter'
export { questionAdminRoutes } from './question.routes'
export { questionPublicRoutes } from './question.public.routes'
