import { homedir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { normalizeTemplate, templateProblem } from '../doc_files/partition_path.js';

/**
 * An output path inside the run dir (`write.path`, `write_tokens.path`, `tokenize.train.save`):
 * relative, with no `..` segment, stored in its plain form (`./docs/` is `docs`). Every option
 * naming where a stage writes uses this one schema, so no config can put files outside the run dir.
 */
export const runDirPath = (fallback: string) =>
  z
    .string()
    .min(1)
    .default(fallback)
    .refine((p) => !path.isAbsolute(p), 'must be relative to the run dir, not absolute')
    .refine((p) => !p.split(/[\\/]/).includes('..'), 'must stay inside the run dir: ".." is not allowed')
    .refine((p) => !p.includes('\0'), 'must not hold a NUL character')
    .transform((p) => path.posix.normalize(p.replaceAll('\\', '/')).replace(/\/$/, ''))
    .refine((p) => p !== '.', 'must name a folder inside the run dir, not the run dir itself');

/**
 * An output folder whose segments may name meta keys, `docs/{language}` (datatrove's
 * `docs/${language}` is read the same): each doc goes to the folder its values name. The template is
 * checked here; that its keys are meta keys the docs carry is checked at plan time, by the stage.
 */
export const partitionedRunDirPath = (fallback: string) =>
  runDirPath(fallback)
    .transform(normalizeTemplate)
    .superRefine((p, ctx) => {
      const problem = templateProblem(p);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });

/**
 * `run_dir` as a shell would read it: `~` and `~/…` are the home directory. Other shell syntax is
 * refused rather than kept literally (a folder named `$SCRATCH`): environment variables would make
 * the config mean different places for different users; `--run-dir "$SCRATCH/run"` says it instead.
 */
export const runDirOption = z
  .string()
  .min(1)
  .superRefine((p, ctx) => {
    const variable = /\$\{?\w+\}?/.exec(p);
    if (variable) ctx.addIssue({ code: 'custom', message: `${variable[0]} is not expanded: write the path out, or pass --run-dir` });
    else if (/^~[^/]/.test(p))
      ctx.addIssue({ code: 'custom', message: `${p.split('/')[0]} (another user's home) is not expanded: write the path out` });
  })
  .transform((p) => (p === '~' ? homedir() : p.startsWith('~/') ? path.join(homedir(), p.slice(2)) : p));
