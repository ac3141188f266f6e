export interface VisitDailyTable {
  entity: string
  entity_id: number
  day: string
  count: number
}
