import { loadWorkspace } from '../src/workspace/workspace.js';
const ws = await loadWorkspace(process.argv[2]!);
const tr = ws.translations.forLanguage(process.argv[3] ?? 'fi');
for (const k of process.argv.slice(4)) { try { console.log(k, JSON.stringify(tr.t(k))); } catch (e) { console.log(k, 'ERR', (e as any).code, (e as any).where, (e as Error).message, (e as any).hint); } }
console.log([...tr.uses.values()]);
