import { useCallback, useMemo, useState } from 'react'
import type { AdminSite } from '../../shell/session'
import { columnTree, loadColumns, type AdminColumn } from './article-api'

type Tree = ReturnType<typeof columnTree>

function prefixed(nodes: Tree, prefix: string): Tree {
  return nodes.map((n) => ({
    ...n,
    title: `${prefix}${n.title}`,
    ...(n.children ? { children: prefixed(n.children, prefix) } : {}),
  }))
}

/**
 * Column trees for the editor: the article's site (主栏目) and, for 同时发布到, that site's
 * columns plus every other open site the user works on (loaded when expanded).
 */
export function useArticleColumns(siteId: number, sites: AdminSite[]) {
  const [columnsBySite, setColumnsBySite] = useState<Map<number, AdminColumn[]>>(new Map())

  const ensureColumns = useCallback(async (sid: number) => {
    const cols = await loadColumns(sid)
    setColumnsBySite((m) => (m.has(sid) ? m : new Map(m).set(sid, cols)))
  }, [])

  const primaryTree = useMemo(
    () => columnTree(columnsBySite.get(siteId) ?? []),
    [columnsBySite, siteId],
  )

  const linkedTree = useMemo(() => {
    const label = (sid: number) => {
      const s = sites.find((x) => x.id === sid)
      return s?.shortName || s?.name || `站点 ${sid}`
    }
    const others = sites
      .filter((s) => s.id !== siteId && s.status === 'open')
      .map((s) => {
        const cols = columnsBySite.get(s.id)
        return {
          value: `site-${s.id}`,
          title: s.name,
          selectable: false,
          checkable: false,
          isLeaf: false,
          ...(cols ? { children: prefixed(columnTree(cols), `${label(s.id)}·`) } : {}),
        }
      })
    return [
      {
        value: `site-${siteId}`,
        title: `${label(siteId)}（本站）`,
        selectable: false,
        children: primaryTree,
      },
      ...others,
    ]
  }, [sites, siteId, columnsBySite, primaryTree])

  const columnName = useCallback(
    (id: number | undefined) =>
      id === undefined ? undefined : columnsBySite.get(siteId)?.find((c) => c.id === id)?.name,
    [columnsBySite, siteId],
  )

  return { ensureColumns, primaryTree, linkedTree, columnName }
}
