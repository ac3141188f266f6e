import { html } from '@codemirror/lang-html'
import { EditorState, StateEffect, StateField } from '@codemirror/state'
import {
  Decoration,
  EditorView,
  MatchDecorator,
  ViewPlugin,
  keymap,
  type DecorationSet,
  type ViewUpdate,
} from '@codemirror/view'
import { basicSetup } from 'codemirror'

/** Liquid tags and output over the HTML mode: `{% … %}` and `{{ … }}` get their own colours. */
const liquidMatcher = new MatchDecorator({
  regexp: /\{%-?[\s\S]*?-?%\}|\{\{-?[\s\S]*?-?\}\}/g,
  decoration: (m) =>
    Decoration.mark({ class: m[0].startsWith('{%') ? 'cm-liquid-tag' : 'cm-liquid-output' }),
})

const liquidHighlight = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet
    constructor(view: EditorView) {
      this.decorations = liquidMatcher.createDeco(view)
    }
    update(u: ViewUpdate) {
      this.decorations = liquidMatcher.updateDeco(u, this.decorations)
    }
  },
  { decorations: (v) => v.decorations },
)

/** Marks the line a syntax error names; cleared on the next edit. */
export const setErrorLine = StateEffect.define<number | null>()
const errorLine = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(deco, tr) {
    for (const e of tr.effects) {
      if (e.is(setErrorLine)) {
        if (e.value === null || e.value < 1 || e.value > tr.state.doc.lines) return Decoration.none
        const line = tr.state.doc.line(e.value)
        return Decoration.set([Decoration.line({ class: 'cm-error-line' }).range(line.from)])
      }
    }
    return tr.docChanged ? Decoration.none : deco.map(tr.changes)
  },
  provide: (f) => EditorView.decorations.from(f),
})

const theme = EditorView.theme({
  '&': { height: '100%', fontSize: '13px', border: '1px solid #d9d9d9', borderRadius: '4px' },
  '.cm-scroller': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' },
  '.cm-liquid-tag': { color: '#9c27b0', fontWeight: '600', backgroundColor: '#f8eefa' },
  '.cm-liquid-output': { color: '#1565c0', backgroundColor: '#eef4fb' },
  '.cm-error-line': { backgroundColor: '#ffe5e5', outline: '1px solid #ff7875' },
  '&.cm-focused': { outline: '2px solid #b4000f55' },
})

/** A CodeMirror 6 editor for Liquid templates, with an on-change callback and Ctrl/Cmd-S. */
export function createLiquidEditor(
  parent: HTMLElement,
  doc: string,
  opts: { onChange: (source: string) => void; onSave: () => void; label: string },
): EditorView {
  return new EditorView({
    parent,
    state: EditorState.create({
      doc,
      extensions: [
        keymap.of([
          {
            key: 'Mod-s',
            preventDefault: true,
            run: () => {
              opts.onSave()
              return true
            },
          },
        ]),
        basicSetup,
        html(),
        liquidHighlight,
        errorLine,
        theme,
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({ 'aria-label': opts.label }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) opts.onChange(u.state.doc.toString())
        }),
      ],
    }),
  })
}

/** Moves the cursor to a line, scrolls to it and marks it. */
export function showLine(view: EditorView, lineNo: number): void {
  const n = Math.max(1, Math.min(lineNo, view.state.doc.lines))
  const line = view.state.doc.line(n)
  view.dispatch({
    selection: { anchor: line.from, head: line.to },
    effects: [setErrorLine.of(n), EditorView.scrollIntoView(line.from, { y: 'center' })],
  })
  view.focus()
}

export function replaceDoc(view: EditorView, doc: string): void {
  view.dispatch({
    changes: { from: 0, to: view.state.doc.length, insert: doc },
    effects: setErrorLine.of(null),
  })
}
