/** `lehtinen mark`: confirm translations against the current source text, or set their status. */
import path from 'node:path';
import type { Command } from 'commander';
import { LehtinenError } from '../errors.js';
import { STATUSES, type TranslationStatus } from '../i18n/statuses.js';
import type { CliContext } from './common.js';

export function registerMark(program: Command, ctx: CliContext): void {
  program
    .command('mark')
    .description('record that translations match the current source text (clears "outdated"), optionally with a new status')
    .argument('[keys...]', 'keys or patterns, e.g. common:help.title "brochure:sections.signs.*"')
    .requiredOption('--lang <code>', 'the language whose translations to mark')
    .option('--status <status>', `set the status: ${STATUSES.join(', ')}`)
    .option('--outdated', 'every outdated translation of the language')
    .option('--all', 'every translation of the language')
    .option('--root <dir>', 'workspace folder (with lehtinen.config.yaml)', '.')
    .action(async (keys: string[], o: { lang: string; status?: string; outdated?: boolean; all?: boolean; root: string }) => {
      if (o.status && !(STATUSES as readonly string[]).includes(o.status)) {
        throw new LehtinenError('USAGE', `--status: unknown status "${o.status}"`, { hint: `Use ${STATUSES.join(', ')}.` });
      }
      const [{ planMark }, { writeWorkspaceFiles }, { loadWorkspace }] = await Promise.all([
        import('../i18n/mark.js'),
        import('../workspace/write-files.js'),
        import('../workspace/workspace.js'),
      ]);
      const ws = await loadWorkspace(path.resolve(ctx.cwd, o.root));
      const plan = await planMark(ws, { lang: o.lang, keys, all: o.all, outdated: o.outdated, status: o.status as TranslationStatus | undefined });
      if (plan.changed.length) await writeWorkspaceFiles(ws.root, new Map([[plan.file, plan.text]]));
      ctx.reporter.line(
        plan.changed.length
          ? `${plan.file}: marked ${plan.changed.length} of ${plan.selected} selected key(s)${o.status ? ` ${o.status}` : ''} against the current ${ws.sourceLang} text`
          : `${plan.file}: nothing to change (${plan.selected} key(s) already marked)`,
      );
    });
}
