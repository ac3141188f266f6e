/** The services module's public surface (办事事项 / 办事指南). */
export { ServiceCatalogService, SERVICE_CHANGE_EVENT, serviceTags } from './service.service'
export { ServiceTransferService } from './service.transfer'
export { ServiceCheckService, type ServiceCheckReport } from './service.checks'
export { serviceAdminRoutes } from './service.routes'
export { servicePublicRoutes } from './service.public.routes'
export { serviceRepository, type ServiceItem } from './service.repository'
export { findOverlaps, missingElements } from './service.elements'
