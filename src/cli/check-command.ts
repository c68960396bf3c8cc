/** `lehtinen check`: strings, orthography, glyphs and content of every language; table, JSON or an HTML report. */
import path from 'node:path';
import type { Command } from 'commander';
import { LehtinenError } from '../errors.js';
import { list, type CliContext } from './common.js';
import { seconds } from './numbers.js';

interface CheckFlags {
  root: string;
  lang?: string[];
  format: string;
  strict?: boolean;
  fix?: boolean;
  report?: boolean;
  out?: string;
  layout: boolean;
  browser?: string;
  timeout: number;
}

export function registerCheck(program: Command, ctx: CliContext): void {
  program
    .command('check')
    .description('check every language: missing, outdated and draft strings, placeholders, plurals, Sámi orthography, glyphs, links and QR codes')
    .option('--root <dir>', 'workspace folder (with lehtinen.config.yaml)', '.')
    .option('--lang <codes>', 'only these languages, comma-separated', list)
    .option('--format <format>', 'human or json (schema: schema/check-output.schema.json)', 'human')
    .option('--strict', 'warnings fail the check too (exit code 1)')
    .option('--fix', 'correct what is certain (Sámi orthography, NFC) in the locale files')
    .option('--report', 'write the coverage report: <output>/report/index.html')
    .option('--out <dir>', 'folder for the report (default: <output>/report)')
    .option('--no-layout', 'do not lay pages out in the browser (skips the overflow, image-resolution and QR print-size checks and rendered thumbnails)')
    .option('--browser <path>', 'Chrome/Chromium executable (default: found automatically)')
    .option('--timeout <seconds>', 'time limit per page layout', seconds('--timeout'), 60)
    .action(async (o: CheckFlags) => {
      ctx.exitCode = await runCheck(o, ctx);
    });
}

async function runCheck(o: CheckFlags, ctx: CliContext): Promise<number> {
  if (o.format !== 'human' && o.format !== 'json') {
    throw new LehtinenError('USAGE', `--format: "${o.format}" is not human or json`);
  }
  const r = ctx.reporter;
  const json = o.format === 'json';
  // Loaded when the command runs (as every command's work): `lehtinen --version` or a build never pays for it.
  const [{ check }, { foldedProblems, languageTable, summaryLine }, { writeReport }, { ownedOutputDir }] = await Promise.all([
    import('../check/check.js'),
    import('../check/format-human.js'),
    import('../check/report-html.js'),
    import('./output-dir.js'),
  ]);
  const run = await check({
    root: path.resolve(ctx.cwd, o.root),
    langs: o.lang,
    strict: o.strict,
    fix: o.fix,
    layout: o.layout,
    thumbnails: !!o.report,
    browserPath: o.browser,
    timeoutMs: o.timeout * 1000,
    signal: ctx.signal,
    progress: json ? undefined : (t) => r.progress(t),
  });
  if (o.report && run.ws) {
    const dir = o.out ? path.resolve(ctx.cwd, o.out) : path.join(await ownedOutputDir(run.ws.root, run.ws.config.output.dir), 'report');
    const file = await writeReport(run, dir);
    run.output.report = path.relative(ctx.cwd, file) || file;
  }
  if (json) {
    r.line(JSON.stringify(run.output, null, 2));
  } else {
    for (const p of foldedProblems(run.output.problems)) r.problem(p);
    if (run.output.languages.length) for (const line of languageTable(run.output)) r.line(line);
    if (run.output.report) r.line(`report: ${run.output.report}`);
    r.line(summaryLine(run.output));
  }
  return run.output.ok ? 0 : 1;
}
