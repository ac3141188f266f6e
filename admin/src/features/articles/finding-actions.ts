import type { Editor } from '@tiptap/react'
import type { Finding } from '../review/review-api'
import { docText, locateExcerpt } from './editor-find'

/** The ids AntD gives the title and summary textareas of the form named "article". */
const FIELD_IDS: Partial<Record<Finding['field'], string>> = {
  title: 'article_title',
  summary: 'article_summary',
}

/** Selects a finding's excerpt where it is (title, summary or rich-text body) and scrolls to it. */
export function locateFinding(f: Finding, editor: Editor | null): boolean {
  const fieldId = FIELD_IDS[f.field]
  if (fieldId) {
    const el = document.getElementById(fieldId)
    if (!(el instanceof HTMLTextAreaElement)) return false
    const at = el.value.indexOf(f.excerpt)
    if (at < 0) return false
    el.focus()
    el.setSelectionRange(at, at + f.excerpt.length)
    el.scrollIntoView({ block: 'center' })
    return true
  }
  if (f.field !== 'body' || !editor || editor.isDestroyed) return false
  const range = locateExcerpt(docText(editor.state.doc), f.excerpt, f.offset)
  if (!range) return false
  editor.chain().focus().setTextSelection(range).scrollIntoView().run()
  // ProseMirror scrolls inside the editor; bring the editor itself into view too.
  editor.view.dom.closest('.zq-rte')?.scrollIntoView({ block: 'nearest' })
  return true
}

/** Replaces a body finding's excerpt with `replacement`, keeping the text's formatting. */
export function replaceFinding(f: Finding, replacement: string, editor: Editor | null): boolean {
  if (f.field !== 'body' || !editor || editor.isDestroyed) return false
  const range = locateExcerpt(docText(editor.state.doc), f.excerpt, f.offset)
  if (!range) return false
  editor
    .chain()
    .focus()
    .command(({ tr }) => {
      tr.insertText(replacement, range.from, range.to)
      return true
    })
    .setTextSelection({ from: range.from, to: range.from + replacement.length })
    .run()
  return true
}
