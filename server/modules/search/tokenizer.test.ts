import { describe, expect, it } from 'vitest'
import { MAX_QUERY_CHARS, MAX_QUERY_TERMS, normaliseText, parseQuery, tokenize } from './tokenizer'

describe('normaliseText', () => {
  it('folds full-width ASCII to half-width', () => {
    expect(normaliseText('ＡＢＣ１２３')).toBe('abc123')
    expect(normaliseText('ＧＤＰ增长')).toBe('gdp增长')
    expect(normaliseText('（２０２３）')).toBe('(2023)')
  })

  it('lower-cases Latin letters', () => {
    expect(normaliseText('GDP Abc')).toBe('gdp abc')
  })

  it('turns ideographic spaces, tabs, newlines and control characters into one space', () => {
    expect(normaliseText('a\u3000\u3000b')).toBe('a b')
    expect(normaliseText('a\t\n\r b')).toBe('a b')
    expect(normaliseText('a\u0000b\u0007c\u007fd')).toBe('a b c d')
    expect(normaliseText('a\u200bb\ufeffc')).toBe('a b c')
  })

  it('leaves Chinese and Chinese punctuation as they are', () => {
    expect(normaliseText('冀政办字〔2020〕12号')).toBe('冀政办字〔2020〕12号')
    expect(normaliseText('一、总则。')).toBe('一、总则。')
  })
})

describe('tokenize', () => {
  it('yields overlapping bigrams in order and distinct unigrams', () => {
    expect(tokenize('政府网站')).toEqual({ bigrams: '政府 府网 网站', unigrams: '政 府 网 站' })
    expect(tokenize('政府政府').unigrams).toBe('政 府')
    expect(tokenize('政府政府').bigrams).toBe('政府 府政 政府')
  })

  it('never makes a bigram across whitespace', () => {
    expect(tokenize('ab cd')).toEqual({ bigrams: 'ab cd', unigrams: 'a b c d' })
    expect(tokenize('a b')).toEqual({ bigrams: '', unigrams: 'a b' })
    expect(tokenize('')).toEqual({ bigrams: '', unigrams: '' })
  })

  it('encodes ASCII punctuation as its full-width form, keeping letters and digits', () => {
    expect(tokenize('a"b')).toEqual({ bigrams: 'a＂ ＂b', unigrams: 'a ＂ b' })
    expect(tokenize('(1)').bigrams).toBe('（1 1）')
    expect(tokenize('*-').unigrams).toBe('＊ －')
    // Tokens never contain ASCII punctuation (FTS syntax cannot leak in).
    const all = tokenize(normaliseText(`!"#$%&'()*+,-./:;<=>?@[\\]^_\`{|}~ AND OR NOT NEAR(`))
    expect(`${all.bigrams} ${all.unigrams}`).not.toMatch(/[!-/:-@[-`{-~]/)
  })

  it('keeps an emoji (a surrogate pair) as one character', () => {
    expect(tokenize('a😀b')).toEqual({ bigrams: 'a😀 😀b', unigrams: 'a 😀 b' })
    expect(tokenize('😀').unigrams).toBe('😀')
  })
})

describe('parseQuery', () => {
  it('makes one unigram term of one character and a bigram phrase of longer runs', () => {
    expect(parseQuery('政')).toEqual([{ text: '政', tokens: ['政'], unigram: true }])
    expect(parseQuery('政府网')).toEqual([
      { text: '政府网', tokens: ['政府', '府网'], unigram: false },
    ])
  })

  it('splits at any whitespace, drops duplicates and normalises each term', () => {
    expect(parseQuery('  ＧＤＰ增长\u3000 2023年\tgdp增长 ').map((t) => t.text)).toEqual([
      'gdp增长',
      '2023年',
    ])
    expect(parseQuery('ABC123')[0]?.text).toBe('abc123')
    expect(parseQuery('冀政办字〔2020〕12号').map((t) => t.text)).toEqual(['冀政办字〔2020〕12号'])
  })

  it('returns no terms for nothing searchable', () => {
    expect(parseQuery('')).toEqual([])
    expect(parseQuery('   \u3000\t\n')).toEqual([])
    expect(parseQuery('\u0000\u0001\u200b')).toEqual([])
  })

  it('turns FTS and SQL syntax into plain encoded characters', () => {
    const t = parseQuery('"政府" NEAR( a* -b \' ; --')
    expect(t.map((x) => x.text)).toEqual(['"政府"', 'near(', 'a*', '-b', "'", ';', '--'])
    for (const term of t) expect(term.tokens.join('')).not.toMatch(/[!-/:-@[-`{-~]/)
    expect(parseQuery('"')[0]).toEqual({ text: '"', tokens: ['＂'], unigram: true })
  })

  it('counts an emoji as one character', () => {
    expect(parseQuery('😀')).toEqual([{ text: '😀', tokens: ['😀'], unigram: true }])
    expect(parseQuery('a😀')[0]?.tokens).toEqual(['a😀'])
  })

  it(`keeps at most ${MAX_QUERY_TERMS} terms`, () => {
    const terms = parseQuery('一 二 三 四 五 六 七 八 九 十')
    expect(terms).toHaveLength(MAX_QUERY_TERMS)
    expect(terms.map((t) => t.text).join('')).toBe('一二三四五六七八')
  })

  it(`cuts a term at ${MAX_QUERY_CHARS} characters, and a long query before splitting`, () => {
    const long = '政'.repeat(1000)
    const [term] = parseQuery(long)
    expect(Array.from(term!.text)).toHaveLength(MAX_QUERY_CHARS)
    expect(term!.tokens).toHaveLength(MAX_QUERY_CHARS - 1)
    const emoji = '😀'.repeat(150)
    expect(Array.from(parseQuery(emoji)[0]!.text)).toHaveLength(MAX_QUERY_CHARS)
    // Only the first 2 × MAX_QUERY_CHARS characters of the raw query are read.
    const tail = `${'a'.repeat(MAX_QUERY_CHARS * 2)} 尾巴`
    expect(parseQuery(tail).map((t) => t.text)).toEqual(['a'.repeat(MAX_QUERY_CHARS)])
  })
})
