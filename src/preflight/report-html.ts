/**
 * The preflight section of the check report (`lehtinen check --report`): output/preflight.json of the
 * last build as a table per print PDF, each rule with its limit, the measured value and pass/warn/fail,
 * and the findings with page and position. Status always comes with its word, not only a colour.
 */
import Handlebars from 'handlebars';
import type { PreflightReport } from './report.js';

const esc = (s: unknown) => Handlebars.escapeExpression(String(s ?? ''));

export const PREFLIGHT_CSS = `
.pf-pass{background:#1b7f3b}.pf-warn{background:#8a5a00}.pf-fail{background:#b00020}
.pf{font-size:.75rem;text-transform:uppercase;font-weight:700;padding:1px 6px;border-radius:4px;color:#fff}
table.preflight td,table.preflight th{font-size:.9rem}
.pf-findings{margin:4px 0 0;padding-left:1.2em;font-size:.85rem;color:#3a3a44}
`;

export function preflightSection(report: PreflightReport | undefined): { nav: string; html: string } {
  const head = '<section id="preflight" aria-labelledby="preflight-h"><h2 id="preflight-h">Print preflight (CMYK print PDFs)</h2>';
  if (!report) {
    return {
      nav: ' · <a href="#preflight">Preflight</a>',
      html: `${head}<p class="meta">No preflight yet: <code>lehtinen build --cmyk</code> writes output/preflight.json, which this section shows.</p></section>`,
    };
  }
  const badge = (s: string) => `<span class="pf pf-${esc(s)}">${esc(s)}</span>`;
  const files = report.files
    .map((f) => {
      const rows = f.rules
        .map((r) => {
          const shown = r.findings.slice(0, 8);
          const findings = shown.length
            ? `<ul class="pf-findings">${shown.map((x) => `<li>page ${x.page} at ${x.xMm}, ${x.yMm} mm: ${esc(x.message)}</li>`).join('')}` +
              `${r.count > shown.length ? `<li>… and ${r.count - shown.length} more (output/preflight.json)</li>` : ''}</ul>`
            : '';
          return `<tr><td>${esc(r.title)}</td><td>${esc(r.limit)}</td><td>${esc(r.measured)}${findings}</td><td>${badge(r.status)}</td></tr>`;
        })
        .join('');
      const open = f.status !== 'pass' ? ' open' : '';
      return `<details${open}><summary>${badge(f.status)} <code>${esc(f.path)}</code> — ${esc(f.variant)}, ${f.pages} page(s)</summary>` +
        `<table class="preflight"><thead><tr><th scope="col">Rule</th><th scope="col">Limit</th><th scope="col">Measured</th><th scope="col">Result</th></tr></thead><tbody>${rows}</tbody></table></details>`;
    })
    .join('');
  const profiles = [...new Set(report.files.map((f) => f.profile))];
  const note = (profiles.length ? `<p class="meta">Output profile: ${profiles.map(esc).join('; ')}.</p>` : '') + (report.note ? `<p class="meta">${esc(report.note)}</p>` : '');
  return {
    nav: ' · <a href="#preflight">Preflight</a>',
    html: `${head}<p>${badge(report.status)} ${report.files.length} file(s), measured ${esc(report.generated)}${report.tools.ghostscript ? ` with Ghostscript ${esc(report.tools.ghostscript)}` : ''}. Positions are mm from the top-left trim corner. Rules and sources: docs/print-production.md "Preflight".</p>${note}${files}</section>`,
  };
}
