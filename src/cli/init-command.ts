/** `lehtinen init DIR`: scaffold a workspace that builds at once (src/init/scaffold.ts). */
import path from 'node:path';
import type { Command } from 'commander';
import { INIT_MATERIALS } from '../init/materials.js';
import { list, type CliContext } from './common.js';

export function registerInit(program: Command, ctx: CliContext): void {
  program
    .command('init')
    .description('create a new workspace: config, locales with placeholder texts (drafts), a placeholder logo, fonts')
    .argument('<dir>', 'the new workspace folder (created; must be empty if it exists)')
    .option('--languages <codes>', 'languages, the source first, comma-separated', list)
    .option('--materials <ids>', `materials, comma-separated: ${Object.keys(INIT_MATERIALS).join(', ')}`, list)
    .action(async (dir: string, o: { languages?: string[]; materials?: string[] }) => {
      const { initWorkspace } = await import('../init/scaffold.js');
      // No questions: the defaults answer what the flags do not, so init scripts.
      const res = await initWorkspace({
        dir: path.resolve(ctx.cwd, dir),
        languages: o.languages ?? ['fi', 'en'],
        materials: o.materials ?? Object.keys(INIT_MATERIALS),
      });
      const rel = path.relative(ctx.cwd, res.root) || '.';
      ctx.reporter.line(`created ${rel}/ (${res.files.length} files): lehtinen.config.yaml, locales/, assets/`);
      ctx.reporter.line(`next: write your texts in ${rel}/locales/ (docs/content-model.md), then  lehtinen build --root ${rel}`);
    });
}
