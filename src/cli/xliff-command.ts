/** `lehtinen xliff export|import`: exchange translations with CAT tools (XLIFF 2.0 and 1.2). */
import path from 'node:path';
import type { Command } from 'commander';
import { LehtinenError } from '../errors.js';
import { EXPORT_FILTERS, type ExportFilter } from '../i18n/xliff/filters.js';
import { readFile } from 'node:fs/promises';
import { list, type CliContext } from './common.js';

export function registerXliff(program: Command, ctx: CliContext): void {
  const x = program.command('xliff').description('exchange translations with CAT tools as XLIFF 2.0 or 1.2');
  x.command('export')
    .description('write the strings of one language as XLIFF, with source, translation, state, materials and preview links')
    .requiredOption('--lang <code>', 'the target language, e.g. smn')
    .option('--only <states>', `only these: ${EXPORT_FILTERS.join(', ')} (comma-separated)`, list)
    .option('--version <version>', 'XLIFF version: 2.0 or 1.2 (older CAT tools)', '2.0')
    .option('--out <file>', 'file to write ("-" for standard output; default <output>/xliff/<campaign>-<lang>.xlf)')
    .option('--root <dir>', 'workspace folder (with lehtinen.config.yaml)', '.')
    .action(async (o: { lang: string; only?: string[]; version: string; out?: string; root: string }) => {
      if (o.version !== '2.0' && o.version !== '1.2') throw new LehtinenError('USAGE', `--version: ${o.version} is not 2.0 or 1.2`);
      for (const f of o.only ?? []) {
        if (!(EXPORT_FILTERS as readonly string[]).includes(f)) throw new LehtinenError('USAGE', `--only: unknown state "${f}"`, { hint: `Use ${EXPORT_FILTERS.join(', ')}.` });
      }
      const [{ composeAll }, { exportXliff }, { readManifest }, { loadWorkspace }, { writeFileWhole }, { ownedOutputDir }] = await Promise.all([
        import('../check/compose-all.js'),
        import('../i18n/xliff/export.js'),
        import('../output/manifest.js'),
        import('../workspace/workspace.js'),
        import('../output/write-file.js'),
        import('./output-dir.js'),
      ]);
      const ws = await loadWorkspace(path.resolve(ctx.cwd, o.root));
      if (!ws.locales.has(o.lang) || o.lang === ws.sourceLang) {
        throw new LehtinenError('USAGE', `--lang: "${o.lang}" is not a translation language of the workspace`, {
          hint: `Use one of ${ws.languages.filter((l) => l.code !== ws.sourceLang).map((l) => l.code).join(', ')}.`,
        });
      }
      const outDir = path.join(ws.root, ws.config.output.dir);
      const file =
        o.out === '-' ? undefined : o.out ? path.resolve(ctx.cwd, o.out) : path.join(outDir, 'xliff', `${ws.config.campaign.id}-${o.lang}${o.version === '1.2' ? '-xliff12' : ''}.xlf`);
      const composed = composeAll(ws, [o.lang]);
      const pages = new Map<string, { material: string; page: number }[]>();
      for (const [id, keys] of composed.pages) {
        const material = id.split('|')[0]!;
        for (const [key, ps] of keys) pages.set(key, [...(pages.get(key) ?? []), ...ps.map((page) => ({ material, page }))]);
      }
      const { xml, units } = exportXliff(ws, {
        lang: o.lang,
        version: o.version,
        only: o.only as ExportFilter[] | undefined,
        pages,
        manifest: await readManifest(outDir),
        outDir,
        fileDir: file ? path.dirname(file) : undefined,
      });
      if (!file) {
        ctx.reporter.out.write(xml);
        return;
      }
      // Into <output>/xliff/: the output folder must be lehtinen's, and is marked so for the builds.
      if (!o.out) await ownedOutputDir(ws.root, ws.config.output.dir);
      await writeFileWhole(file, xml);
      ctx.reporter.line(`wrote ${path.relative(ctx.cwd, file) || file}: ${units} unit(s), XLIFF ${o.version}, ${ws.sourceLang} → ${o.lang}`);
    });
  x.command('import')
    .description('validate translated XLIFF files and merge them into the locales (all or nothing per file)')
    .argument('<files...>', 'XLIFF 2.0 or 1.2 files')
    .option('--dry-run', 'validate and tell what would change, write nothing')
    .option('--root <dir>', 'workspace folder (with lehtinen.config.yaml)', '.')
    .action(async (files: string[], o: { dryRun?: boolean; root: string }) => {
      const [{ planImport }, { decodeUtf8 }, { writeWorkspaceFiles }, { loadWorkspace }] = await Promise.all([
        import('../i18n/xliff/import.js'),
        import('../workspace/files.js'),
        import('../workspace/write-files.js'),
        import('../workspace/workspace.js'),
      ]);
      let failed = 0;
      for (const f of files) {
        // Each file is read against the workspace as it is after the files before it.
        const ws = await loadWorkspace(path.resolve(ctx.cwd, o.root));
        const abs = path.resolve(ctx.cwd, f);
        const shown = path.relative(ctx.cwd, abs) || abs;
        try {
          let buf: Buffer;
          try {
            buf = await readFile(abs);
          } catch (e) {
            throw new LehtinenError('XLIFF_SYNTAX', `cannot read ${shown}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { where: { file: shown } });
          }
          const plan = planImport(ws, decodeUtf8(buf, shown, 'XLIFF_SYNTAX'), shown);
          plan.warnings.forEach((w) => ctx.reporter.problem(w));
          if (!o.dryRun && plan.files.size) await writeWorkspaceFiles(ws.root, plan.files);
          const what = plan.files.size
            ? `${plan.texts.length} translation(s) and ${plan.states.length} state(s) changed in ${[...plan.files.keys()].join(', ')}`
            : 'nothing changed';
          ctx.reporter.line(`${o.dryRun ? 'would import' : 'imported'} ${shown} (XLIFF ${plan.version}, ${plan.lang}, ${plan.units} unit(s)): ${what}`);
        } catch (e) {
          if (!(e instanceof LehtinenError) || files.length === 1) throw e;
          failed++;
          ctx.reporter.error(`${e.code}: ${e.message}\n${e.details.map((d) => `  ${d}`).join('\n')}`);
        }
      }
      ctx.exitCode = failed ? 1 : 0;
    });
}
