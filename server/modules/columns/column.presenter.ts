import type { Column } from './column.repository'

export function presentColumnAdmin(c: Column) {
  return {
    id: c.id,
    siteId: c.siteId,
    parentId: c.parentId,
    slug: c.slug,
    path: c.path,
    name: c.name,
    type: c.type,
    updateClass: c.updateClass,
    sort: c.sort,
    visible: c.visible,
    homeBlock: c.homeBlock,
    description: c.description,
    keywords: c.keywords,
    linkUrl: c.linkUrl,
    settings: c.settings,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  }
}

/** `GET /api/v1/sites/:code/columns` contract: `{id,path,name,type,updateClass}`. */
export function presentColumnPublic(c: Column, url: string) {
  return {
    id: c.id,
    path: c.path,
    name: c.name,
    type: c.type,
    updateClass: c.updateClass,
    parentId: c.parentId,
    url,
  }
}
