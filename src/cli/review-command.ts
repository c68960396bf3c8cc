/** `lehtinen review export|import`: an offline review page for native reviewers, and merging their review. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { LehtinenError } from '../errors.js';
import type { CliContext } from './common.js';

export function registerReview(program: Command, ctx: CliContext): void {
  const r = program.command('review').description('an offline review page for native reviewers, and merging their review file');
  r.command('export')
    .description('write one self-contained HTML page with every string of a language, where it is printed, and fields for corrections and comments')
    .requiredOption('--lang <code>', 'the language to review, e.g. sms')
    .option('--out <file>', 'file to write (default <output>/review/<campaign>-<lang>.html)')
    .option('--browser <path>', 'Chrome/Chromium that lays out the pages for the pictures (default: found by itself)')
    .option('--no-images', 'no page pictures (starts no browser)')
    .option('--root <dir>', 'workspace folder (with lehtinen.config.yaml)', '.')
    .action(async (o: { lang: string; out?: string; browser?: string; images: boolean; root: string }) => {
      const [{ writeFileWhole }, { renderReviewPage, reviewData }, { loadWorkspace }] = await Promise.all([
        import('../output/write-file.js'),
        import('../review/export.js'),
        import('../workspace/workspace.js'),
      ]);
      const ws = await loadWorkspace(path.resolve(ctx.cwd, o.root));
      if (!ws.locales.has(o.lang) || o.lang === ws.sourceLang) {
        throw new LehtinenError('USAGE', `--lang: "${o.lang}" is not a translation language of the workspace`, {
          hint: `Use one of ${ws.languages.filter((l) => l.code !== ws.sourceLang).map((l) => l.code).join(', ')}.`,
        });
      }
      const file = o.out ? path.resolve(ctx.cwd, o.out) : path.join(ws.root, ws.config.output.dir, 'review', `${ws.config.campaign.id}-${o.lang}.html`);
      const data = await reviewData(ws, o.lang, { browserPath: o.browser, images: o.images, progress: (s) => ctx.reporter.progress(s) });
      await writeFileWhole(file, renderReviewPage(data));
      const printed = data.strings.filter((s) => s.where.length).length;
      ctx.reporter.line(`wrote ${path.relative(ctx.cwd, file) || file}: ${data.strings.length} string(s) of ${data.langName} (${o.lang}), ${printed} printed on the materials`);
    });
  r.command('import')
    .description('merge a review file (from "Save my review"): all or nothing; approved texts become reviewed, with reviewer, date and comments in status.yaml')
    .argument('<file>', 'the review file (JSON)')
    .option('--dry-run', 'validate and tell what would change, write nothing')
    .option('--root <dir>', 'workspace folder (with lehtinen.config.yaml)', '.')
    .action(async (f: string, o: { dryRun?: boolean; root: string }) => {
      const [{ planReviewImport }, { decodeUtf8 }, { writeWorkspaceFiles }, { loadWorkspace }] = await Promise.all([
        import('../review/import.js'),
        import('../workspace/files.js'),
        import('../workspace/write-files.js'),
        import('../workspace/workspace.js'),
      ]);
      const ws = await loadWorkspace(path.resolve(ctx.cwd, o.root));
      const abs = path.resolve(ctx.cwd, f);
      const shown = path.relative(ctx.cwd, abs) || abs;
      let buf: Buffer;
      try {
        buf = await readFile(abs);
      } catch (e) {
        throw new LehtinenError('REVIEW_SYNTAX', `cannot read ${shown}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { where: { file: shown } });
      }
      const plan = planReviewImport(ws, decodeUtf8(buf, shown, 'REVIEW_SYNTAX'), shown);
      plan.warnings.forEach((w) => ctx.reporter.problem(w));
      if (!o.dryRun && plan.files.size) await writeWorkspaceFiles(ws.root, plan.files);
      const { review } = plan;
      ctx.reporter.line(
        `${o.dryRun ? 'would import' : 'imported'} ${shown} (${review.lang}, reviewed by ${review.reviewer} on ${review.date}): ` +
          `${plan.approved.length} approved, ${plan.corrected.length} corrected, ${plan.comments.length} comment(s)` +
          (plan.files.size ? ` in ${[...plan.files.keys()].join(', ')}` : '; nothing changed'),
      );
      for (const c of plan.comments) ctx.reporter.line(`  comment on ${c.key}: ${c.comment}`);
    });
}
