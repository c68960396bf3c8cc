/**
 * The human form of a check: a compact table per language, then the findings, the long lists (missing,
 * drafts, outdated…) folded into one line per language. Returns lines; cli/reporter.ts prints them.
 */
import type { Problem } from '../problems.js';
import type { CheckOutput, CheckProblem } from './output-schema.js';

/** Codes listed as one line per language and severity instead of one line per key. */
const FOLDED = new Set(['MISSING', 'EXTRA', 'OUTDATED', 'DRAFT', 'NO_SOURCE_HASH', 'STATUS_STALE']);

export function languageTable(out: CheckOutput): string[] {
  const head = ['lang', 'name', 'coverage', 'complete', 'missing', 'empty', 'extra', 'outdated', 'draft', 'errors', 'warnings'];
  const rows = out.languages.map((l) => [
    l.code,
    l.name,
    l.isSource ? 'source' : `${l.coverage.toFixed(1)} %`,
    l.isSource ? '' : `${l.complete.toFixed(1)} %`,
    l.isSource ? '' : String(l.counts.missing),
    String(l.counts.empty),
    l.isSource ? '' : String(l.counts.extra),
    l.isSource ? '' : String(l.counts.outdated),
    l.isSource ? '' : String(l.counts.draft),
    String(l.errors),
    String(l.warnings),
  ]);
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => [...r[i]!].length)));
  const fmt = (r: string[]) =>
    r.map((c, i) => (i < 2 ? c + ' '.repeat(width[i]! - [...c].length) : ' '.repeat(width[i]! - [...c].length) + c)).join('  ').trimEnd();
  return [fmt(head), ...rows.map(fmt)];
}

/** Findings as Problems for the reporter, long lists folded. */
export function foldedProblems(problems: CheckProblem[]): Problem[] {
  const out: Problem[] = [];
  const folds = new Map<string, CheckProblem[]>();
  for (const p of problems) {
    if (FOLDED.has(p.code) && p.lang) {
      const k = `${p.lang}|${p.code}|${p.severity}`;
      folds.set(k, [...(folds.get(k) ?? []), p]);
      if (folds.get(k)!.length === 1) out.push(p); // placeholder keeps the position
    } else {
      out.push({ ...p, message: p.message + (p.hint ? `\n    → ${p.hint}` : '') });
    }
  }
  return out.map((p) => {
    if (!FOLDED.has(p.code) || !p.lang) return p;
    const all = folds.get(`${p.lang}|${p.code}|${p.severity}`)!;
    const hint = (p as CheckProblem).hint;
    if (all.length === 1) return { ...p, message: p.message + (hint ? `\n    → ${hint}` : '') };
    const keys = all.map((x) => x.key!).filter(Boolean);
    const list = keys.length > 8 ? `${keys.slice(0, 8).join(', ')} and ${keys.length - 8} more` : keys.join(', ');
    return { severity: p.severity, code: p.code, lang: p.lang, message: `${all.length} × ${FOLD_TEXT[p.code] ?? p.code}: ${list}` + (FOLD_HINT[p.code]?.(p.lang) ?? '') };
  });
}

const FOLD_TEXT: Record<string, string> = {
  MISSING: 'missing (the fallback language is printed)',
  EXTRA: 'not in the source (never printed)',
  OUTDATED: 'outdated (the source text changed since)',
  DRAFT: 'draft awaiting review by a native speaker',
  NO_SOURCE_HASH: 'no source hash recorded',
  STATUS_STALE: 'status.yaml lines for keys the language does not have',
};
const FOLD_HINT: Record<string, (lang: string) => string> = {
  MISSING: (l) => `\n    → lehtinen xliff export --lang ${l} --only missing`,
  OUTDATED: (l) => `\n    → update them, or confirm: lehtinen mark --lang ${l} --outdated`,
  NO_SOURCE_HASH: (l) => `\n    → lehtinen mark --lang ${l} --all`,
};

export function summaryLine(out: CheckOutput): string {
  const s = out.summary;
  const parts = [`${s.errors} error(s)`, `${s.warnings} warning(s)`];
  if (s.infos) parts.push(`${s.infos} note(s)`);
  if (s.fixed) parts.push(`${s.fixed} fixed`);
  if (s.fixable) parts.push(`${s.fixable} fixable with --fix`);
  const verdict = out.ok ? 'ok' : out.strict && !s.errors ? 'not ok (--strict: warnings count)' : 'not ok';
  return `check: ${parts.join(', ')} — ${verdict}`;
}
