import { diffArrays, diffChars } from 'diff'
import type { Executor } from '../../db/database'
import type { ArticleContent } from './article.content'
import { htmlToText } from './rich-text'

export interface FieldChange {
  field: string
  label: string
  from: string
  to: string
}
export interface TextOp {
  op: 'equal' | 'insert' | 'delete'
  text: string
}
export interface ContentDiff {
  fields: FieldChange[]
  body: TextOp[]
}

const FIELD_LABELS: [keyof ArticleContent | 'publishedAt', string][] = [
  ['title', '标题'],
  ['subtitle', '副标题'],
  ['source', '来源'],
  ['author', '作者'],
  ['summary', '摘要'],
  ['keywords', '关键词'],
  ['linkUrl', '外链地址'],
  ['coverFileId', '封面图'],
  ['coverAlt', '封面图说明'],
  ['columnIds', '所属栏目'],
  ['attachments', '附件'],
  ['publishedAt', '发布时间'],
]
const DISCLOSURE_LABELS: [string, string][] = [
  ['indexNo', '索引号'],
  ['docNo', '文号'],
  ['issuer', '发文机关'],
  ['writtenAt', '成文日期'],
  ['subjectCategory', '主题分类'],
  ['validity', '有效性'],
]
/** Unchanged text longer than this is shortened to its two ends. */
const CONTEXT = 60

type Side = ArticleContent & { publishedAt?: string | null }

/**
 * A readable comparison of two versions: changed metadata field by field (column and file ids
 * shown by name), and the body's text compared sentence by sentence, then character by
 * character inside changed sentences.
 */
export function diffContent(
  a: Side,
  b: Side,
  names: { columns: Map<number, string>; files: Map<number, string> },
): ContentDiff {
  const show = (k: string, v: unknown): string => {
    if (v === null || v === undefined) return ''
    if (k === 'columnIds')
      return (v as number[]).map((id) => names.columns.get(id) ?? `栏目${id}`).join('、')
    if (k === 'attachments') return (v as { name: string }[]).map((f) => f.name).join('、')
    if (k === 'coverFileId') return names.files.get(v as number) ?? `文件${String(v)}`
    return String(v)
  }
  const fields: FieldChange[] = []
  for (const [k, label] of FIELD_LABELS) {
    const from = show(k, a[k])
    const to = show(k, b[k])
    if (from !== to) fields.push({ field: k, label, from, to })
  }
  for (const [k, label] of DISCLOSURE_LABELS) {
    const from = String((a.disclosure as Record<string, unknown> | null)?.[k] ?? '')
    const to = String((b.disclosure as Record<string, unknown> | null)?.[k] ?? '')
    if (from !== to) fields.push({ field: `disclosure.${k}`, label, from, to })
  }
  return { fields, body: diffText(htmlToText(a.bodyHtml), htmlToText(b.bodyHtml)) }
}

/** Splits after Chinese and Western sentence ends and line breaks, keeping the delimiters. */
function sentences(text: string): string[] {
  return text.match(/[^。！？；!?;\n]*[。！？；!?;\n]|[^。！？；!?;\n]+$/g) ?? []
}

export function diffText(a: string, b: string): TextOp[] {
  const ops: TextOp[] = []
  const push = (op: TextOp['op'], text: string) => {
    if (!text) return
    const last = ops[ops.length - 1]
    if (last && last.op === op) last.text += text
    else ops.push({ op, text })
  }
  const parts = diffArrays(sentences(a), sentences(b))
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]
    const next = parts[i + 1]
    if (p?.removed && next?.added) {
      // A changed sentence: show what changed inside it.
      for (const c of diffChars(p.value.join(''), next.value.join(''))) {
        push(c.added ? 'insert' : c.removed ? 'delete' : 'equal', c.value)
      }
      i++
    } else if (p) {
      push(p.added ? 'insert' : p.removed ? 'delete' : 'equal', p.value.join(''))
    }
  }
  return ops.map((o, i) =>
    o.op === 'equal' ? { op: o.op, text: elide(o.text, i, ops.length) } : o,
  )
}

function elide(text: string, index: number, count: number): string {
  if (text.length <= CONTEXT * 2 + 1) return text
  const head = index === 0 ? '' : text.slice(0, CONTEXT)
  const tail = index === count - 1 ? '' : text.slice(-CONTEXT)
  return `${head}…${tail}`
}

/** Column and file names for a diff's metadata (ids are shown by name). */
export async function namesForDiff(
  db: Executor,
  ...sides: Pick<ArticleContent, 'columnIds' | 'coverFileId'>[]
): Promise<{ columns: Map<number, string>; files: Map<number, string> }> {
  const colIds = [...new Set(sides.flatMap((s) => s.columnIds))]
  const fileIds = [...new Set(sides.map((s) => s.coverFileId).filter((x): x is number => !!x))]
  const [cols, files] = await Promise.all([
    colIds.length
      ? db.selectFrom('site_column').select(['id', 'name']).where('id', 'in', colIds).execute()
      : [],
    fileIds.length
      ? db.selectFrom('file').select(['id', 'name']).where('id', 'in', fileIds).execute()
      : [],
  ])
  return {
    columns: new Map(cols.map((c) => [c.id, c.name])),
    files: new Map(files.map((f) => [f.id, f.name])),
  }
}
