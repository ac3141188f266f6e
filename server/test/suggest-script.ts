/**
 * Public pages carry one script of their own: the search suggestions of the search box
 * (themes/default/assets/search-suggest.js, a progressive enhancement). Tests that check a page
 * has no other script remove it first.
 */
const SUGGEST_SCRIPT =
  /<script src="\/_theme\/[a-z0-9-]+\/assets\/search-suggest\.js" defer><\/script>/g

export const withoutSuggestScript = (html: string): string => html.replace(SUGGEST_SCRIPT, '')
