import {
  SERVICE_AUDIENCE_LABELS,
  SERVICE_AUDIENCES,
  SERVICE_KIND_LABELS,
  SERVICE_KINDS,
  SERVICE_THEMES,
  serviceThemeLabel,
} from '../../../../common/services'

/** Select options of the service editor and filters, from the shared enums. */
export const themeOptions = SERVICE_THEMES.map((t) => ({
  value: t.code,
  label: serviceThemeLabel(t),
}))
export const kindOptions = SERVICE_KINDS.map((k) => ({ value: k, label: SERVICE_KIND_LABELS[k] }))
export const audienceOptions = SERVICE_AUDIENCES.map((a) => ({
  value: a,
  label: SERVICE_AUDIENCE_LABELS[a],
}))
