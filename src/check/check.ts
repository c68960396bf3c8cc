/**
 * `lehtinen check`: everything an editor must know before sending files to print, per language and per
 * material: strings (check/strings.ts), content (check/compose-all.ts), glyphs (check/glyphs.ts) and,
 * when the pages are laid out in the browser, the printed size of QR codes (check/layout-checks.ts).
 */
import { LehtinenError, isLehtinenError } from '../errors.js';
import { VERSION } from '../version.js';
import { loadWorkspace, type Workspace } from '../workspace/workspace.js';
import { composeAll, type ComposedForCheck } from './compose-all.js';
import { contentKeyProblems } from './content-keys.js';
import { stringProblems } from '../pipeline/report-strings.js';
import { applyFixes } from './fix.js';
import { loadFaces, matchFace, missingGlyphs, type FontFace } from './glyphs.js';
import { layoutChecks, previewThumbnails, type LayoutFindings } from './layout-checks.js';
import type { CheckCell, CheckLanguage, CheckOutput, CheckProblem } from './output-schema.js';
import { checkLanguage, type LanguageCheck } from './strings.js';

export interface CheckOptions {
  root: string;
  langs?: string[];
  strict?: boolean;
  fix?: boolean;
  /** lay pages out in the browser: QR print size, missing CSS assets, thumbnails (default true) */
  layout?: boolean;
  /** thumbnails for the HTML report */
  thumbnails?: boolean;
  browserPath?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  progress?: (text: string) => void;
}

export interface CheckRun {
  output: CheckOutput;
  ws?: Workspace;
  languages: LanguageCheck[];
  composed?: ComposedForCheck;
  layout?: LayoutFindings;
}

export async function check(opts: CheckOptions): Promise<CheckRun> {
  let ws: Workspace;
  let fixed: CheckProblem[] = [];
  try {
    ws = await loadWorkspace(opts.root);
    const langs = selectLangs(ws, opts.langs);
    if (opts.fix) {
      fixed = await applyFixes(ws, langs);
      if (fixed.length) ws = await loadWorkspace(opts.root);
    }
  } catch (e) {
    if (!isLehtinenError(e) || e.code === 'USAGE') throw e;
    // A workspace that does not load is the check's answer, in JSON too.
    const p: CheckProblem = { severity: 'error', code: e.code, ...e.where, message: e.message, ...(e.hint ? { hint: e.hint } : {}) };
    return { output: finish([p], [], [], opts, false), languages: [] };
  }
  const langs = selectLangs(ws, opts.langs);
  const faces = loadFaces(ws);
  opts.progress?.('checking strings…');
  const languages = ws.languages.filter((l) => langs.includes(l.code)).map((l) => checkLanguage(ws, l, faces));
  const problems: CheckProblem[] = [...fixed, ...languages.flatMap((l) => l.problems)];
  for (const l of ws.languages) {
    for (const g of missingGlyphs(l.name, faces)) {
      problems.push({
        severity: 'error', code: 'GLYPH_MISSING', file: 'lehtinen.config.yaml', key: `languages.names.${l.code}`, char: g.char, codePoint: g.codePoint,
        message: `the language name "${l.name}": ${g.codePoint} ${g.char} is not in ${g.files.join(', ')}`,
        hint: 'Use a font that has the character (add it to brand.fonts).',
      });
    }
  }
  opts.progress?.('composing pages…');
  const composed = composeAll(ws, langs);
  problems.push(...composed.problems);
  problems.push(...contentKeyProblems(ws, composed));
  // Fallbacks counted exactly as the build counts them: keys printed from another language, per language.
  for (const p of stringProblems(composed.composed, ws.sourceLang)) {
    if (p.code === 'FALLBACK') problems.push({ severity: p.severity, code: p.code, lang: p.lang, message: p.message, hint: 'Translate the keys (lehtinen xliff export --only missing); until then the page says which language it shows instead.' });
  }
  let layout: LayoutFindings | undefined;
  if (opts.layout !== false) {
    layout = await layoutChecks(ws, composed, {
      browserPath: opts.browserPath,
      thumbnails: !!opts.thumbnails,
      timeoutMs: opts.timeoutMs ?? 60_000,
      signal: opts.signal,
      progress: opts.progress,
    });
    problems.push(...layout.problems);
    narrowGlyphFindings(problems, layout, faces);
  } else {
    if (opts.thumbnails) layout = await previewThumbnails(ws);
    problems.push({
      severity: 'info', code: 'LAYOUT_SKIPPED',
      message: 'pages were not laid out (--no-layout): overflowing frames, image resolution, the printed size of QR codes and the files CSS loads were not checked',
    });
  }
  // Where each string is printed, for every finding about a key.
  for (const p of problems) {
    if (!p.key || !p.lang) continue;
    const pages = composed.composed
      .filter((c) => c.variant.lang.code === p.lang)
      .flatMap((c) => (composed.pages.get(`${c.variant.material.id}|${p.lang}`)?.get(p.key!) ?? []).map((page) => ({ material: c.variant.material.id, page })));
    if (pages.length) p.pages = pages;
  }
  const order = ws.languages.map((l) => l.code);
  const rank = { error: 0, warning: 1, info: 2 } as const;
  problems.sort(
    (a, b) =>
      (a.lang ? order.indexOf(a.lang) + 1 : 0) - (b.lang ? order.indexOf(b.lang) + 1 : 0) ||
      rank[a.severity] - rank[b.severity] ||
      a.code.localeCompare(b.code),
  );
  const summaries = languages.map((l) => l.summary);
  for (const s of summaries) {
    s.errors = problems.filter((p) => p.lang === s.code && p.severity === 'error').length;
    s.warnings = problems.filter((p) => p.lang === s.code && p.severity === 'warning').length;
  }
  const output = finish(problems, summaries, matrix(ws, composed, problems), opts, opts.layout !== false, ws.sourceLang);
  return { output, ws, languages, composed, layout };
}

/**
 * With the pages laid out, a missing glyph matters only in the faces the string is really set in: keep a
 * finding when one of those lacks the character, and name just those files. Strings no material prints
 * keep the conservative finding (every declared face).
 */
function narrowGlyphFindings(problems: CheckProblem[], layout: LayoutFindings, faces: FontFace[]): void {
  for (let i = problems.length - 1; i >= 0; i--) {
    const p = problems[i]!;
    if (p.code !== 'GLYPH_MISSING' || !p.lang || !p.key || !p.char) continue;
    const used = new Set<FontFace>();
    for (const [id, v] of layout.variants) {
      if (!id.endsWith(`|${p.lang}`)) continue;
      for (const c of v.faces[p.key] ?? []) {
        const f = matchFace(faces, c);
        if (f) used.add(f);
      }
    }
    if (!used.size) continue;
    const lacking = [...used].filter((f) => !f.font.hasGlyphForCodePoint(p.char!.codePointAt(0)!)).map((f) => f.file);
    if (!lacking.length) problems.splice(i, 1);
    else p.message = `${p.codePoint} ${p.char} is not in ${lacking.join(', ')}, the font it is set in`;
  }
}

function selectLangs(ws: Workspace, wanted?: string[]): string[] {
  const known = ws.languages.map((l) => l.code);
  for (const w of wanted ?? []) {
    if (!known.includes(w)) throw new LehtinenError('USAGE', `--lang: unknown language "${w}"`, { hint: `The workspace has: ${known.join(', ')}.` });
  }
  return wanted?.length ? known.filter((k) => wanted.includes(k)) : known;
}

function matrix(ws: Workspace, composed: ComposedForCheck, problems: CheckProblem[]): CheckOutput['materials'] {
  return ws.materials.map((m) => ({
    id: m.id,
    cells: composed.composed
      .filter((c) => c.variant.material.id === m.id)
      .map((c): CheckCell => {
        const lang = c.variant.lang.code;
        const used = new Set(c.uses.map((u) => u.key));
        const strings: Record<string, number> = {};
        for (const u of c.uses) strings[u.status] = (strings[u.status] ?? 0) + 1;
        const mine = problems.filter(
          (p) => p.lang === lang && (p.material === m.id || (!p.material && p.pages?.some((x) => x.material === m.id)) || (!p.material && !p.pages && p.key && used.has(p.key))),
        );
        return {
          lang,
          keys: c.uses.length,
          strings,
          errors: mine.filter((p) => p.severity === 'error').length,
          warnings: mine.filter((p) => p.severity === 'warning').length,
        };
      }),
  }));
}

function finish(
  problems: CheckProblem[],
  languages: CheckLanguage[],
  materials: CheckOutput['materials'],
  opts: CheckOptions,
  layout: boolean,
  sourceLang?: string,
): CheckOutput {
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.filter((p) => p.severity === 'warning').length;
  return {
    tool: 'lehtinen',
    version: VERSION,
    command: 'check',
    generated: new Date().toISOString(),
    ...(sourceLang ? { sourceLang } : {}),
    ok: errors === 0 && (!opts.strict || warnings === 0),
    strict: !!opts.strict,
    layout,
    summary: {
      errors,
      warnings,
      infos: problems.filter((p) => p.severity === 'info').length,
      fixable: problems.filter((p) => p.fix && !p.fixed).length,
      fixed: problems.filter((p) => p.fixed).length,
    },
    languages,
    materials,
    problems,
  };
}
