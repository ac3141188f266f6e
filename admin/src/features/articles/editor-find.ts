import type { Node as PmNode } from '@tiptap/pm/model'

/** A document's text, blocks separated by newlines, with each character's document position. */
export interface DocText {
  text: string
  /** positions[i] is the ProseMirror position of text[i]; -1 for block separators. */
  positions: number[]
}

/** Flattens a ProseMirror document to searchable text (what the server's checks read). */
export function docText(doc: PmNode): DocText {
  let text = ''
  const positions: number[] = []
  doc.descendants((node, pos) => {
    if ((node.isTextblock || node.type.name === 'hardBreak') && text.length > 0) {
      text += '\n'
      positions.push(-1)
    }
    if (node.isText && node.text) {
      for (let i = 0; i < node.text.length; i++) positions.push(pos + i)
      text += node.text
    }
    return true
  })
  return { text, positions }
}

/**
 * The document range of `excerpt`: the occurrence nearest to `hint` (the server's character
 * offset, which counts text a little differently), or null when the text is gone.
 */
export function locateExcerpt(
  { text, positions }: DocText,
  excerpt: string,
  hint: number,
): { from: number; to: number } | null {
  if (!excerpt) return null
  let best = -1
  for (let i = text.indexOf(excerpt); i !== -1; i = text.indexOf(excerpt, i + 1)) {
    if (best === -1 || Math.abs(i - hint) < Math.abs(best - hint)) best = i
  }
  if (best === -1) return null
  const from = positions[best]
  const last = positions[best + excerpt.length - 1]
  if (from === undefined || last === undefined || from < 0 || last < 0) return null
  return { from, to: last + 1 }
}
