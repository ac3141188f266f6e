import { useEffect, useState } from 'react'
import { letterApi } from './letter-api'

/** The mailboxes of a site as select options ([] without a site or when loading fails). */
export function useMailboxOptions(siteId: number | undefined): {
  options: { value: number; label: string }[]
  loading: boolean
} {
  const [options, setOptions] = useState<{ value: number; label: string }[]>([])
  const [loading, setLoading] = useState(false)
  useEffect(() => {
    if (!siteId) {
      setOptions([])
      return
    }
    let isCurrent = true
    setLoading(true)
    letterApi
      .mailboxes(siteId)
      .then((list) => {
        if (isCurrent)
          setOptions(
            list.map((m) => ({ value: m.id, label: m.enabled ? m.name : `${m.name}（已停用）` })),
          )
      })
      .catch(() => {
        if (isCurrent) setOptions([])
      })
      .finally(() => {
        if (isCurrent) setLoading(false)
      })
    return () => {
      isCurrent = false
    }
  }, [siteId])
  return { options, loading }
}
