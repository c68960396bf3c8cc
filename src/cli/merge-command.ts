/** `lehtinen merge DIR…`: shard outputs (build --shard K/N) → one output folder (pipeline/merge.ts). */
import path from 'node:path';
import type { Command } from 'commander';
import type { CliContext } from './common.js';

interface MergeFlags {
  root: string;
  out?: string;
  site: boolean;
  bundles: boolean;
}

export function registerMerge(program: Command, ctx: CliContext): void {
  program
    .command('merge')
    .description('join the outputs of build --shard K/N into one output folder, manifest, site and bundles')
    .argument('<dirs...>', 'the shard output folders')
    .option('--root <dir>', 'workspace folder (with lehtinen.config.yaml)', '.')
    .option('--out <dir>', "output folder (default: the config's output.dir inside the workspace)")
    .option('--no-site', 'do not write the downloads site')
    .option('--no-bundles', 'do not write the zip bundles')
    .action(async (dirs: string[], o: MergeFlags) => {
      const r = ctx.reporter;
      const { merge } = await import('../pipeline/merge.js');
      const result = await merge(
        {
          root: path.resolve(ctx.cwd, o.root),
          dirs: dirs.map((d) => path.resolve(ctx.cwd, d)),
          outDir: o.out ? path.resolve(ctx.cwd, o.out) : undefined,
          site: o.site === false ? false : undefined,
          bundles: o.bundles === false ? false : undefined,
          signal: ctx.signal,
        },
        { wait: (m) => r.line(m) },
      );
      result.problems.forEach((p) => r.problem(p));
      const rel = path.relative(ctx.cwd, result.outDir) || '.';
      r.line(`merged ${result.variants} variant(s) from ${dirs.length} shard(s): ${result.files} files in ${rel}/`);
      ctx.exitCode = result.problems.some((p) => p.severity === 'error') ? 1 : 0;
    });
}
