import {
  RECORDS_FIELDS,
  RECORDS_KIND_LABELS,
  RECORDS_OUTCOME_LABELS,
  RECORDS_SECOND_FACTOR_LABELS,
} from '../../../common/records'
import type { RecordsAnswer } from './records.query'
import type { RecordsQueryRow, RecordsSet, RecordsVersion } from './records.repository'

/** The only ways records data leaves the module: public, admin and audit views. */

export function presentSetPublic(s: RecordsSet) {
  return {
    code: s.code,
    name: s.name,
    kind: s.kind,
    kindLabel: RECORDS_KIND_LABELS[s.kind],
    unitName: s.unitName,
    secondFactor: s.secondFactor,
    secondFactorLabel:
      s.secondFactor === 'mobile'
        ? `预留手机号后 ${s.mobileDigits} 位`
        : RECORDS_SECOND_FACTOR_LABELS.password,
    mobileDigits: s.secondFactor === 'mobile' ? s.mobileDigits : null,
    description: s.description,
  }
}

/** A person's answer: masked ID and name, the rows as objects keyed by the kind's fields. */
export function presentAnswer(a: RecordsAnswer) {
  const fields = RECORDS_FIELDS[a.set.kind]
  return {
    set: presentSetPublic(a.set),
    idNumber: a.maskedId,
    name: a.maskedName,
    asOf: a.asOf,
    fields: fields.map((f) => ({ key: f.key, label: f.label, type: f.type })),
    rows: a.rows.map((values) =>
      Object.fromEntries(fields.map((f, i) => [f.key, values[i] ?? ''])),
    ),
  }
}

export function presentSetAdmin(s: RecordsSet) {
  return {
    id: s.id,
    ...presentSetPublic(s),
    siteId: s.siteId,
    adapter: s.adapter,
    isEnabled: s.isEnabled,
    sort: s.sort,
    currentVersionId: s.currentVersionId,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  }
}

export function presentVersion(v: RecordsVersion, currentId: number | null) {
  return {
    id: v.id,
    state: v.state,
    fileName: v.fileName,
    people: v.people,
    lines: v.lines,
    uploadedBy: v.uploadedBy,
    createdAt: v.createdAt,
    activatedAt: v.activatedAt,
    isCurrent: v.id === currentId,
  }
}

/** An audit row: the keyed hash only, never an ID number. */
export function presentQuery(q: RecordsQueryRow, setName: string) {
  return {
    id: q.id,
    at: q.at,
    setId: q.setId,
    setName,
    idHash: q.idHash,
    ip: q.ip,
    outcome: q.outcome,
    outcomeLabel: RECORDS_OUTCOME_LABELS[q.outcome] ?? q.outcome,
    rowCount: q.rowCount,
  }
}
