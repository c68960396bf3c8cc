// Runs lehtinen's PDF/UA-1 machine checks (src/output/pdf-ua-check.ts, rules numbered as in veraPDF's
// PDF/UA-1 profile) on PDFs and prints the findings. Without arguments: every web PDF in
// output/manifest.json (run `npm run example` first). Usage: node scripts/check-pdf-ua.mjs [file.pdf …]
import { readFileSync } from 'node:fs';
import { checkPdfUa, RULES } from '../dist/output/pdf-ua-check.js';

const files = process.argv.slice(2);
if (!files.length) {
  const m = JSON.parse(readFileSync('output/manifest.json', 'utf8'));
  for (const v of m.variants) for (const f of v.files) if (f.kind === 'web-pdf') files.push(`output/${f.path}`);
}
let total = 0;
for (const file of files) {
  const findings = await checkPdfUa(readFileSync(file));
  total += findings.length;
  const byRule = {};
  for (const f of findings) byRule[f.rule] = (byRule[f.rule] ?? 0) + 1;
  const summary = Object.entries(byRule).map(([r, n]) => `${r} × ${n}`).join(', ');
  console.log(`${file}: ${findings.length ? summary : 'no findings'}`);
  for (const f of findings.slice(0, 5)) console.log(`  ${f.rule}${f.page ? ` (page ${f.page})` : ''}: ${f.message}`);
  if (findings.length > 5) console.log(`  … and ${findings.length - 5} more`);
}
console.log(`${files.length} file(s), ${RULES.length} rules checked, ${total} finding(s)`);
process.exitCode = total ? 1 : 0;
