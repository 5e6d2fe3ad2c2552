import type { Verdict } from '../../pipeline/stage.js';
import type { DomainIndex } from './domain_index.js';
import { forEachToken, urlParts } from './normalize_url.js';
import type { SubstringMatcher } from './substring_matcher.js';
import type { UrlPrefixIndex } from './url_prefix_index.js';

export interface BlockLists {
  domains: DomainIndex;
  urls: UrlPrefixIndex;
  /** One of these as a URL token blocks. */
  bannedWords: ReadonlySet<string>;
  /** `softThreshold` distinct ones of these as URL tokens block. */
  softBannedWords: ReadonlySet<string>;
  softThreshold: number;
  /** One of these anywhere in the URL, once it is lower-cased and stripped of all but letters and digits, blocks. */
  bannedSubwords: SubstringMatcher;
}

/**
 * FineWeb's URL filter: keep a URL or name why not, checking in FineWeb's order — listed domain
 * (any subdomain too), listed URL, banned word among its tokens, enough soft-banned words, banned
 * subword. Each check is one pass over the URL.
 */
export function urlVerdict(url: string, lists: BlockLists): Verdict {
  const parts = urlParts(url);
  if (parts) {
    if (lists.domains.covers(parts.host)) return 'domain';
    if (lists.urls.covers(parts.key)) return 'url';
  }
  let banned = false;
  const soft = new Set<string>();
  forEachToken(url, (token) => {
    if (lists.bannedWords.has(token)) banned = true;
    else if (lists.softBannedWords.has(token)) soft.add(token);
  });
  if (banned) return 'banned_word';
  if (soft.size >= lists.softThreshold) return 'soft_banned_words';
  if (!lists.bannedSubwords.empty && lists.bannedSubwords.foundIn(url)) return 'banned_subword';
  return true;
}
