import { describe, expect, it } from 'vitest'
import { locateExcerpt, type DocText } from './editor-find'

/** Builds DocText for paragraphs that start at the given document positions. */
function paragraphs(...blocks: [number, string][]): DocText {
  let text = ''
  const positions: number[] = []
  for (const [start, t] of blocks) {
    if (text) {
      text += '\n'
      positions.push(-1)
    }
    text += t
    for (let i = 0; i < t.length; i++) positions.push(start + i)
  }
  return { text, positions }
}

describe('locateExcerpt', () => {
  it('maps an excerpt to its document range', () => {
    const doc = paragraphs([1, '县政府召开常务会议'])
    expect(locateExcerpt(doc, '常务会议', 5)).toEqual({ from: 6, to: 10 })
  })

  it('picks the occurrence nearest to the server offset', () => {
    const doc = paragraphs([1, '按照要求'], [7, '再按照要求'])
    expect(locateExcerpt(doc, '按照', 0)).toEqual({ from: 1, to: 3 })
    expect(locateExcerpt(doc, '按照', 7)).toEqual({ from: 8, to: 10 })
  })

  it('finds text split across marks in one paragraph', () => {
    // "你好" plain, "世界" bold: adjacent text nodes, consecutive positions.
    const doc: DocText = { text: '你好世界', positions: [1, 2, 3, 4] }
    expect(locateExcerpt(doc, '好世', 0)).toEqual({ from: 2, to: 4 })
  })

  it('returns null when the excerpt is gone or starts at a block boundary', () => {
    const doc = paragraphs([1, '甲'], [4, '乙'])
    expect(locateExcerpt(doc, '丙', 0)).toBeNull()
    expect(locateExcerpt(doc, '\n乙', 0)).toBeNull()
    expect(locateExcerpt(doc, '', 0)).toBeNull()
  })
})
