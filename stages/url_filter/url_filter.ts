import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { OptionError } from '../../pipeline/config/config_error.js';
import { defineStage } from '../../pipeline/registry.js';
import { addTo } from '../../pipeline/stats.js';
import { bundledBlocklistDir, installedBlocklistDir } from './blocklist_dirs.js';
import { loadBlockLists, type ListFiles } from './load_block_lists.js';
import { urlVerdict } from './url_blocker.js';
import { categoryNames, findCategory } from './ut1_categories.js';

const files = z.array(z.string().min(1)).default([]);

const options = z
  .object({
    /** UT1 categories whose `domains` and `urls` lists block (FineWeb uses `adult`). */
    categories: z.array(z.string().min(1)).default(['adult']),
    /**
     * A UT1 `blacklists` folder to take categories from. By default the one `sieve blocklist update`
     * installed, then the one bundled in datasets/blocklists/ut1.
     */
    ut1_dir: z.string().min(1).optional(),
    /** Your own lists, added on top: files of domains (each blocks its subdomains too) and of URLs (each blocks what lies below it). */
    domain_lists: files,
    url_lists: files,
    /** FineWeb's banned, soft-banned and banned-subword lists (datasets/blocklists/fineweb). */
    fineweb_words: z.boolean().default(true),
    /** Your own word lists, added on top. */
    banned_word_lists: files,
    soft_banned_word_lists: files,
    banned_subword_lists: files,
    /** Distinct soft-banned words among a URL's tokens that block it. */
    soft_word_threshold: z.number().int().positive().default(2),
  })
  .strict();

/**
 * Drops pages by URL as FineWeb does: listed domains and their subdomains (`domain`), listed URLs
 * (`url`), a banned word as a URL token (`banned_word`), enough soft-banned words (`soft_banned_words`),
 * a banned subword anywhere (`banned_subword`). Docs without a URL pass and are counted as `no_url`.
 */
export const urlFilter = defineStage({
  name: 'url_filter',
  kind: 'stream',
  summary: 'drop pages by UT1 domain/URL lists and FineWeb banned words in the URL',
  options,
  create: (opts, env) => {
    const roots = opts.ut1_dir
      ? [path.resolve(env.baseDir, opts.ut1_dir)]
      : [path.join(installedBlocklistDir(), 'ut1'), path.join(bundledBlocklistDir(), 'ut1')];
    const categories = opts.categories.map((name, i) => {
      const found = findCategory(roots, name);
      if (!found)
        throw new OptionError(
          ['categories', i],
          `no UT1 category "${name}" in ${roots.join(' or ')}; known: ${categoryNames(roots).join(', ')}`,
        );
      return found;
    });
    const userFiles = (list: string[], key: string) =>
      list.map((f, i) => {
        const file = path.resolve(env.baseDir, f);
        if (!existsSync(file)) throw new OptionError([key, i], `no such file: ${file}`);
        return file;
      });
    const fineweb = (name: string) => (opts.fineweb_words ? [path.join(bundledBlocklistDir(), 'fineweb', name)] : []);
    const listFiles: ListFiles = {
      categories,
      domainFiles: userFiles(opts.domain_lists, 'domain_lists'),
      urlFiles: userFiles(opts.url_lists, 'url_lists'),
      bannedWordFiles: [...fineweb('banned_words.txt'), ...userFiles(opts.banned_word_lists, 'banned_word_lists')],
      softBannedWordFiles: [...fineweb('soft_banned_words.txt'), ...userFiles(opts.soft_banned_word_lists, 'soft_banned_word_lists')],
      bannedSubwordFiles: [...fineweb('banned_subwords.txt'), ...userFiles(opts.banned_subword_lists, 'banned_subword_lists')],
      softThreshold: opts.soft_word_threshold,
    };
    return {
      kind: 'stream',
      async *run(docs, ctx) {
        const lists = loadBlockLists(listFiles, ctx.log);
        for await (const doc of docs) {
          if (!doc.url) {
            addTo(ctx.counters.counts, 'no_url');
            yield doc;
            continue;
          }
          const verdict = urlVerdict(doc.url, lists);
          if (verdict === true) yield doc;
          else ctx.drop(doc, verdict);
        }
      },
    };
  },
});
