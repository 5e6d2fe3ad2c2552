import path from 'node:path';
import type { Logger } from '../../pipeline/stage.js';
import { DomainIndex } from './domain_index.js';
import { squash } from './normalize_url.js';
import { readList } from './read_list.js';
import { SubstringMatcher } from './substring_matcher.js';
import type { Ut1Category } from './ut1_categories.js';
import type { BlockLists } from './url_blocker.js';
import { UrlPrefixIndex } from './url_prefix_index.js';

/** Every file a url_filter instance reads, resolved at build time. */
export interface ListFiles {
  categories: Ut1Category[];
  domainFiles: string[];
  urlFiles: string[];
  bannedWordFiles: string[];
  softBannedWordFiles: string[];
  bannedSubwordFiles: string[];
  softThreshold: number;
}

const loaded = new Map<string, BlockLists>();

/** Loads the lists once per process (a worker), however many tasks or stage instances ask for the same files. */
export function loadBlockLists(files: ListFiles, log: Logger): BlockLists {
  const key = JSON.stringify(files);
  let lists = loaded.get(key);
  if (!lists) {
    lists = build(files, log);
    loaded.set(key, lists);
  }
  return lists;
}

function build(files: ListFiles, log: Logger): BlockLists {
  const domains = new DomainIndex();
  const urls = new UrlPrefixIndex();
  for (const c of files.categories) {
    if (!c.domains)
      log.warn(`url_filter: UT1 category "${c.name}" has no domains list in ${c.dir}; "sieve blocklist update" installs the full one`);
  }
  const domainFiles = [...files.categories.flatMap((c) => (c.domains ? [c.domains] : [])), ...files.domainFiles];
  const urlFiles = [...files.categories.flatMap((c) => (c.urls ? [c.urls] : [])), ...files.urlFiles];
  for (const f of domainFiles) for (const d of readList(f)) domains.add(d);
  for (const f of urlFiles) for (const u of readList(f)) urls.add(u);
  // Word lists are squashed as FineWeb does, so "2 girls 1 cup" matches "2girls1cup".
  const words = (fs: string[]) => new Set(fs.flatMap(readList).map(squash).filter(Boolean));
  const lists: BlockLists = {
    domains,
    urls,
    bannedWords: words(files.bannedWordFiles),
    softBannedWords: words(files.softBannedWordFiles),
    softThreshold: files.softThreshold,
    bannedSubwords: new SubstringMatcher(words(files.bannedSubwordFiles)),
  };
  const dirs = [...new Set(files.categories.map((c) => path.dirname(c.dir)))];
  const from = files.categories.length ? `UT1 ${files.categories.map((c) => c.name).join(', ')} (${dirs.join(', ')})` : 'no UT1 category';
  log.info(
    `url_filter: ${domains.size} domains, ${urls.size} URLs from ${from}; ${lists.bannedWords.size} banned, ${lists.softBannedWords.size} soft-banned words`,
  );
  return lists;
}
