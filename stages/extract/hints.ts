/**
 * What tag names and class/id words say about a block. Hand-made from the boilerplate seen on the
 * development pages: CMS themes name their chrome (`site-nav`, `share-buttons`, `cookie-notice`)
 * and their article body (`entry-content`, `article-body`) quite consistently.
 */

/** Page chrome by its tag: never main content when found inside or beside it. */
export const CHROME_TAGS = new Set(['nav', 'aside', 'footer', 'menu', 'form']);

/** Chrome when the word is a substring of a class or id (no article-body class contains these). */
const BOILERPLATE_STEMS =
  /navigation|navbar|menu|footer|sidebar|cookie|consent|gdpr|breadcrumb|pagination|pager|newsletter|subscri|social|share|sharing|advert|sponsor|related|recommend|popular|trending|comment(?!ary)|disqus|respond|promo|teaser-list|outbrain|taboola|widget|toolbar|masthead|banner|login|signup|register|modal|popup|overlay|skip-link|screen-reader|sr-only|visually-hidden|print-only|no-print|author-bio|byline|dateline|post-meta|entry-meta|article-meta|meta-data|tagcloud|tag-list|tags-list|taglist|keywords|rating|vote|follow|newsticker|jump-to|toc-container|copyright|disclaimer|back-to-top|readmore|read-more|more-articles|also-read|see-also|further-reading|next-post|prev-post|post-nav|paywall|infobox-ad/;

/** Chrome when the word stands alone between separators (`nav`, `ad-slot`), too short to match as a substring. */
const BOILERPLATE_WORDS =
  /(?:^|[\s_-])(?:nav|ad|ads|adv|tags?|meta|topbar|links|author|date|time|caption|credit|hidden|hide|noprint|search|share|social|sticky|fixed|notice|alert|related)(?:$|[\s_-])/;

/** Header words: the site's header or the article's own, told apart by links as the <header> tag is (see isChrome). */
const HEADER_WORDS = /(?:^|[\s_-])(?:header|head)(?:$|[\s_-])/;

/** Words that mark the article body: protect a block from the chrome rules and raise its score. */
const CONTENT_WORDS =
  /article|content|entry|post-?body|post-?text|story|main|text|body|blog|hentry|prose|rich-?text|paragraph|detail|column|page/;

/** Comment sections: chrome unless the stage is asked to include them. */
// `commentary` is an opinion piece, not its comments.
const COMMENT_WORDS = /comment(?!ary)|disqus|respond|reply|discussion/;

/**
 * Article metadata (bylines, dates, image credits and legends, licence notes, fact boxes) and the
 * prompts around it. Themes
 * name it after the article (`entry-meta`, `article__date`), so these count even beside body words.
 */
const METADATA_WORDS =
  /byline|author|dateline|date|(?:^|[\s_-])time|posted|published|meta(?!l)|credit|caption|legend|copyright|licen[cs]e|disclosure|utility|infobox|factbox|newsletter|subscri|social|share|contact|kontakt|rating|signature|action/;

export function isMetadataHint(hint: string): boolean {
  return hint !== '' && METADATA_WORDS.test(hint);
}

export function isContentHint(hint: string): boolean {
  return hint !== '' && CONTENT_WORDS.test(hint);
}

export function isHeaderHint(hint: string): boolean {
  return hint !== '' && HEADER_WORDS.test(hint);
}

export function isCommentHint(hint: string): boolean {
  return hint !== '' && COMMENT_WORDS.test(hint);
}

export function isBoilerplateHint(hint: string): boolean {
  return hint !== '' && (BOILERPLATE_STEMS.test(hint) || BOILERPLATE_WORDS.test(hint));
}

/** A class/id weight in the spirit of readability's: chrome words count against a block, body words for it. */
export function hintWeight(hint: string): number {
  if (hint === '') return 0;
  let w = 0;
  if (isBoilerplateHint(hint)) w -= 25;
  if (isContentHint(hint)) w += 25;
  return w;
}
