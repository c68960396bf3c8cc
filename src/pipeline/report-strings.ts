/** Turn the keys each variant used into findings: missing keys (errors), fallbacks, outdated strings and drafts (warnings). */
import type { ComposedVariant } from '../compose/document.js';
import type { UseStatus } from '../i18n/translator.js';
import type { Problem } from '../problems.js';

export function stringCounts(c: ComposedVariant): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const u of c.uses) counts[u.status] = (counts[u.status] ?? 0) + 1;
  return counts;
}

/** One finding per language and status, listing the keys (not one line per key and material). */
export function stringProblems(composed: ComposedVariant[], sourceLang: string): Problem[] {
  const by = new Map<string, { lang: string; status: UseStatus; keys: Set<string>; from: Set<string> }>();
  for (const c of composed) {
    for (const u of c.uses) {
      if (u.status !== 'missing' && u.status !== 'fallback' && u.status !== 'draft' && u.status !== 'outdated') continue;
      const k = `${c.variant.lang.code}|${u.status}`;
      let e = by.get(k);
      if (!e) by.set(k, (e = { lang: c.variant.lang.code, status: u.status, keys: new Set(), from: new Set() }));
      e.keys.add(u.key);
      if (u.usedLng) e.from.add(u.usedLng);
    }
  }
  const out: Problem[] = [];
  for (const e of by.values()) {
    const keys = [...e.keys].sort();
    const list = keys.length > 8 ? `${keys.slice(0, 8).join(', ')} and ${keys.length - 8} more` : keys.join(', ');
    if (e.status === 'missing') {
      out.push({
        severity: 'error',
        code: 'KEY_MISSING',
        lang: e.lang,
        message: `${keys.length} key(s) exist in no language, not even ${sourceLang}: ${list}`,
      });
    } else if (e.status === 'fallback') {
      out.push({
        severity: 'warning',
        code: 'FALLBACK',
        lang: e.lang,
        message: `${keys.length} key(s) missing in ${e.lang}, printed in ${[...e.from].join('/')} instead: ${list}`,
      });
    } else if (e.status === 'outdated') {
      out.push({
        severity: 'warning',
        code: 'OUTDATED',
        lang: e.lang,
        message: `${keys.length} string(s) are outdated: the ${sourceLang} text changed after they were translated (update them, or confirm with lehtinen mark): ${list}`,
      });
    } else {
      out.push({
        severity: 'warning',
        code: 'DRAFT',
        lang: e.lang,
        message: `${keys.length} string(s) are drafts awaiting review by a native speaker: ${list}`,
      });
    }
  }
  return out;
}
