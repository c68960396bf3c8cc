/**
 * The coverage report (`lehtinen check --report`): one self-contained HTML file an editor keeps open.
 * A material × language matrix with status colours and counts, then every finding with its key, source
 * text, translation and a thumbnail of the page it is printed on, the string outlined. Thumbnails are
 * embedded once each as CSS backgrounds (data: URLs), so the page makes no request at all; a strict
 * Content-Security-Policy says so to the browser too. Colours always come with text, for readers who do
 * not see them.
 */
import path from 'node:path';
import Handlebars from 'handlebars';
import { writeFileWhole } from '../output/write-file.js';
import { preflightSection, PREFLIGHT_CSS } from '../preflight/report-html.js';
import { readPreflight, type PreflightReport } from '../preflight/report.js';
import type { CheckRun } from './check.js';
import type { CheckProblem } from './output-schema.js';

const esc = (s: unknown) => Handlebars.escapeExpression(String(s ?? ''));

const STATUS_ORDER = ['source', 'reviewed', 'translated', 'draft', 'outdated', 'fallback', 'missing'] as const;
const STATUS_COLOUR: Record<string, string> = {
  source: '#6b7c93', reviewed: '#1b7f3b', translated: '#4caf50', draft: '#e0a800', outdated: '#e0631a', fallback: '#2f6fd6', missing: '#c8102e',
};

export async function writeReport(run: CheckRun, dir: string): Promise<string> {
  const file = path.join(dir, 'index.html');
  // The last build's preflight of its CMYK print PDFs (preflight/report-html.ts).
  const preflight = run.ws ? await readPreflight(path.resolve(run.ws.root, run.ws.config.output.dir)) : undefined;
  await writeFileWhole(file, renderReport(run, preflight));
  return file;
}

export function renderReport(run: CheckRun, preflight?: PreflightReport): string {
  const pf = preflightSection(preflight);
  const o = run.output;
  const ws = run.ws!;
  const langName = new Map(ws.languages.map((l) => [l.code, l.name]));
  const thumbs = run.layout?.thumbnails ?? new Map<string, Buffer>();
  const thumbCss: string[] = [];
  const thumbClass = new Map<string, string>();
  let n = 0;
  for (const [k, buf] of thumbs) {
    const cls = `t${++n}`;
    thumbClass.set(k, cls);
    thumbCss.push(`.${cls}{background-image:url(data:image/webp;base64,${buf.toString('base64')})}`);
  }
  const materials = new Map(ws.materials.map((m) => [m.id, m]));

  const thumb = (p: CheckProblem, at: { material: string; page: number }) => {
    const key = `${at.material}|${p.lang}|${at.page}`;
    const cls = thumbClass.get(key);
    const m = materials.get(at.material);
    if (!cls || !m) return `<span class="where">${esc(at.material)}, page ${at.page}</span>`;
    const [w, h] = m.trim;
    const size = w >= h ? `width:200px;height:${Math.round((200 * h) / w)}px` : `height:200px;width:${Math.round((200 * w) / h)}px`;
    const boxes = (run.layout?.variants.get(`${at.material}|${p.lang}`)?.keys ?? [])
      .filter((r) => r.key === p.key && r.page === at.page)
      .map((r) => `<span class="hit" style="left:${pct(r.x)};top:${pct(r.y)};width:${pct(r.w)};height:${pct(r.h)}"></span>`)
      .join('');
    // A frame finding: the frame's box (mm from the bleed box's corner) drawn over the trim-area thumbnail.
    const frames = (p.frame ? (run.layout?.variants.get(`${at.material}|${p.lang}`)?.frames?.frames ?? []) : [])
      .filter((f) => f.name === p.frame && f.page === at.page)
      .map((f) => `<span class="hit frame" style="left:${pct((f.box.x - m.bleed) / w)};top:${pct((f.box.y - m.bleed) / h)};width:${pct(f.box.w / w)};height:${pct(f.box.h / h)}"></span>`)
      .join('');
    const outlined = boxes ? ', the string outlined' : frames ? `, frame "${p.frame}" outlined` : '';
    const label = `${at.material}, page ${at.page} (${langName.get(p.lang!) ?? p.lang})${outlined}`;
    return `<figure class="thumb"><div class="page ${cls}" style="${size}" role="img" aria-label="${esc(label)}">${boxes}${frames}</div><figcaption>${esc(at.material)} p.${at.page}</figcaption></figure>`;
  };

  const cell = (c: (typeof o.materials)[number]['cells'][number]) => {
    const total = c.keys || 1;
    const bar = STATUS_ORDER.filter((s) => c.strings[s])
      .map((s) => `<span style="width:${((100 * c.strings[s]!) / total).toFixed(2)}%;background:${STATUS_COLOUR[s]}" title="${s}: ${c.strings[s]}"></span>`)
      .join('');
    const counts = STATUS_ORDER.filter((s) => c.strings[s]).map((s) => `<li><i class="dot s-${s}"></i>${c.strings[s]} ${s}</li>`).join('');
    const worst = c.errors ? 'bad' : (c.strings.missing || c.strings.outdated || c.strings.fallback) ? 'warn' : c.strings.draft ? 'draft' : 'good';
    return `<td class="cell ${worst}"><div class="bar" aria-hidden="true">${bar}</div><ul class="counts">${counts}</ul>` +
      `<p class="pc">${c.errors ? `<strong>${c.errors} error(s)</strong>` : '0 errors'}, ${c.warnings} warning(s)</p></td>`;
  };

  const problem = (p: CheckProblem) => {
    const where = [p.file ? `${p.file}${p.line ? `:${p.line}` : ''}` : '', p.key ?? ''].filter(Boolean).join(' · ');
    const texts =
      (p.source !== undefined ? `<div class="txt"><span class="lbl">${esc(ws.sourceLang)}</span><q lang="${esc(ws.sourceLang)}">${esc(p.source)}</q></div>` : '') +
      (p.target !== undefined && p.lang ? `<div class="txt"><span class="lbl">${esc(p.lang)}</span><q lang="${esc(p.lang)}">${esc(p.target)}</q></div>` : '');
    const pics = (p.pages ?? []).slice(0, 4).map((at) => thumb(p, at)).join('');
    return `<li class="problem sev-${p.severity}"><div class="ph"><span class="sev">${p.severity}</span> <code>${esc(p.code)}</code>${where ? ` <span class="loc">${esc(where)}</span>` : ''}${p.fixed ? ' <span class="fixed">fixed</span>' : ''}</div>` +
      `<p class="msg">${esc(p.message)}</p>${texts}${p.hint ? `<p class="hint">${esc(p.hint)}</p>` : ''}${pics ? `<div class="pics">${pics}</div>` : ''}</li>`;
  };

  const groups: { id: string; title: string; items: CheckProblem[] }[] = [
    { id: 'general', title: 'Workspace', items: o.problems.filter((p) => !p.lang) },
    ...ws.languages.map((l) => ({ id: `lang-${l.code}`, title: `${l.name} (${l.code})`, items: o.problems.filter((p) => p.lang === l.code) })),
  ].filter((g) => g.items.length);

  const section = (g: (typeof groups)[number]) => {
    const codes = [...new Set(g.items.map((p) => `${p.severity}|${p.code}`))].sort((a, b) => rank(a) - rank(b));
    const inner = codes
      .map((sc) => {
        const [sev, code] = sc.split('|') as [string, string];
        const items = g.items.filter((p) => p.severity === sev && p.code === code);
        return `<details${sev === 'error' || items.length <= 12 ? ' open' : ''}><summary><span class="sev sev-${sev}">${sev}</span> <code>${esc(code)}</code> — ${items.length}</summary><ol class="problems">${items.map(problem).join('')}</ol></details>`;
      })
      .join('');
    return `<section id="${g.id}" aria-labelledby="${g.id}-h"><h2 id="${g.id}-h">${esc(g.title)}</h2>${inner}</section>`;
  };

  const s = o.summary;
  const thumbNote = {
    rendered: 'Thumbnails were rendered from the workspace as it is now.',
    manifest: 'Thumbnails are the previews of the last build, which is newer than every workspace file.',
    mixed: 'Thumbnails: previews of the last build where current, rendered where not.',
    none: 'No thumbnails: the pages were not laid out (--no-layout) and no current build previews were found.',
  }[run.layout?.thumbnailSource ?? 'none'];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<title>Check: ${esc(ws.config.campaign.id)} — ${s.errors} error(s), ${s.warnings} warning(s)</title>
<style>
:root{--ink:#1d1d24;--muted:#5a5a66;--line:#d9d9e0;--bg:#fafafc}
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:var(--ink);background:var(--bg)}
a{color:#1f4fb4}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:6px}
header,main{max-width:1180px;margin:0 auto;padding:16px 20px}
header{border-bottom:1px solid var(--line)}
h1{font-size:1.5rem;margin:.2em 0}h2{font-size:1.2rem;margin:1.6em 0 .4em;border-bottom:2px solid var(--line);padding-bottom:.2em}
.verdict{display:inline-block;padding:2px 10px;border-radius:12px;font-weight:700;color:#fff;background:${o.ok ? '#1b7f3b' : '#b00020'}}
.meta{color:var(--muted)}
table{border-collapse:collapse;background:#fff;width:100%}
th,td{border:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
th{background:#f0f0f5}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.cell.good{background:#eef8f0}.cell.draft{background:#fff8e0}.cell.warn{background:#fff0e6}.cell.bad{background:#fdecee}
.bar{display:flex;height:10px;border-radius:5px;overflow:hidden;background:#e6e6ec;margin-bottom:4px}.bar span{display:block;height:100%}
.counts{list-style:none;margin:0;padding:0;font-size:.85rem;display:flex;flex-wrap:wrap;gap:0 10px}
.dot{display:inline-block;width:.7em;height:.7em;border-radius:50%;margin-right:3px;vertical-align:baseline}
${Object.entries(STATUS_COLOUR).map(([k, v]) => `.s-${k}{background:${v}}`).join('')}
.pc{margin:2px 0 0;font-size:.85rem}
.legend{display:flex;flex-wrap:wrap;gap:4px 14px;list-style:none;padding:0;font-size:.9rem}
details{background:#fff;border:1px solid var(--line);border-radius:6px;margin:8px 0;padding:4px 10px}
summary{cursor:pointer;font-weight:600;padding:4px 0}
.sev{font-size:.75rem;text-transform:uppercase;font-weight:700;padding:1px 6px;border-radius:4px;color:#fff;background:#555}
.sev-error .sev,.sev.sev-error{background:#b00020}.sev-warning .sev,.sev.sev-warning{background:#8a5a00}.sev-info .sev,.sev.sev-info{background:#3a5a80}
ol.problems{list-style:none;padding:0;margin:0}
.problem{border-top:1px solid var(--line);padding:10px 0}
.loc{color:var(--muted);font-size:.9rem}
.msg{margin:4px 0}
.txt{display:flex;gap:8px;margin:2px 0}.txt q{quotes:none;background:#f4f4f8;padding:1px 6px;border-radius:4px;white-space:pre-wrap}
.lbl{min-width:2.6em;font-weight:700;color:var(--muted);font-size:.85rem;padding-top:2px}
.hint{margin:4px 0;color:#254a2a}.hint::before{content:"→ "}
.fixed{background:#1b7f3b;color:#fff;border-radius:4px;padding:0 6px;font-size:.8rem}
.pics{display:flex;flex-wrap:wrap;gap:12px;margin-top:6px}
.thumb{margin:0}.thumb figcaption{font-size:.8rem;color:var(--muted)}
.page{position:relative;background-size:100% 100%;background-color:#eee;border:1px solid #bbb;box-shadow:0 1px 3px rgba(0,0,0,.15)}
.hit{position:absolute;outline:2px solid #d4002a;outline-offset:1px;background:rgba(212,0,42,.12)}.hit.frame{outline-style:dashed;outline-offset:0;background:none}
${PREFLIGHT_CSS}
${thumbCss.join('\n')}
</style>
</head>
<body>
<a class="skip" href="#main">Skip to the report</a>
<header>
<h1>Check of “${esc(ws.config.campaign.id)}” ${esc(ws.config.campaign.version)}</h1>
<p><span class="verdict">${o.ok ? 'OK' : 'NOT OK'}</span> ${s.errors} error(s), ${s.warnings} warning(s), ${s.infos} note(s)${s.fixable ? `, ${s.fixable} fixable with <code>lehtinen check --fix</code>` : ''}${o.strict ? ' (--strict: warnings fail)' : ''}</p>
<p class="meta">Generated ${esc(o.generated)} by lehtinen ${esc(o.version)}. Source language: ${esc(o.sourceLang ?? '')}. ${esc(thumbNote)}</p>
<nav aria-label="Sections"><a href="#matrix">Materials × languages</a> · <a href="#languages">Languages</a>${groups.map((g) => ` · <a href="#${g.id}">${esc(g.title)}</a>`).join('')}${pf.nav}</nav>
</header>
<main id="main">
<section id="matrix" aria-labelledby="matrix-h">
<h2 id="matrix-h">Materials × languages</h2>
<ul class="legend" aria-label="Status colours">${STATUS_ORDER.map((st) => `<li><i class="dot s-${st}"></i>${st}</li>`).join('')}</ul>
<table><caption class="meta">Strings each material prints, by how they are answered in each language</caption>
<thead><tr><th scope="col">Material</th>${ws.languages.filter((l) => o.languages.some((x) => x.code === l.code)).map((l) => `<th scope="col" lang="${esc(l.code)}">${esc(l.name)} <span class="meta">(${esc(l.code)})</span></th>`).join('')}</tr></thead>
<tbody>${o.materials.map((m) => `<tr><th scope="row">${esc(m.id)}</th>${m.cells.map(cell).join('')}</tr>`).join('')}</tbody></table>
</section>
<section id="languages" aria-labelledby="languages-h">
<h2 id="languages-h">Languages</h2>
<table><thead><tr>${['Language', 'Coverage', 'Complete', 'Reviewed', 'Translated', 'Draft', 'Outdated', 'Missing', 'Empty', 'Extra', 'Errors', 'Warnings'].map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead>
<tbody>${o.languages.map((l) => `<tr><th scope="row" lang="${esc(l.code)}">${esc(l.name)} <span class="meta">(${esc(l.code)}${l.isSource ? ', source' : ''})</span></th>` +
    [l.isSource ? '—' : `${l.coverage.toFixed(1)} %`, l.isSource ? '—' : `${l.complete.toFixed(1)} %`, l.counts.reviewed, l.counts.translated, l.counts.draft, l.counts.outdated, l.counts.missing, l.counts.empty, l.counts.extra, l.errors, l.warnings]
      .map((v) => `<td class="num">${esc(v)}</td>`).join('') + '</tr>').join('')}</tbody></table>
</section>
${groups.map(section).join('\n')}
${pf.html}
</main>
</body>
</html>
`;
}

function pct(x: number): string {
  return `${(Math.max(0, Math.min(1, x)) * 100).toFixed(2)}%`;
}

function rank(sc: string): number {
  const sev = sc.split('|')[0];
  return sev === 'error' ? 0 : sev === 'warning' ? 1 : 2;
}
