/**
 * i18next interpolation in strings: {{name}}, {{- name}} (unescaped), {{name, format}} and nesting
 * $t(ns:key). A translation must keep the variables of its source, or the printed text loses the
 * phone number it was meant to show (https://www.i18next.com/translation-function/interpolation).
 */
export const PLACEHOLDER = /\{\{[^{}]*\}\}|\$t\([^()]*\)/g;

export interface Placeholder {
  /** the text as written, e.g. "{{phone}}" */
  raw: string;
  /** the variable or nested key, e.g. "phone" */
  name: string;
  index: number;
}

export function placeholders(text: string): Placeholder[] {
  const out: Placeholder[] = [];
  for (const m of text.matchAll(PLACEHOLDER)) {
    const raw = m[0];
    const name = raw.startsWith('$t(')
      ? `$t(${raw.slice(3, -1).split(',')[0]!.trim()})`
      : raw.slice(2, -2).replace(/^-/, '').split(',')[0]!.trim();
    out.push({ raw, name, index: m.index });
  }
  return out;
}

export function variableNames(text: string): Set<string> {
  return new Set(placeholders(text).map((p) => p.name));
}

/**
 * Variables a translation lacks and variables it adds, compared with its source. For a plural form
 * `count` may be left out (Finnish "yksi kieli" needs no number), every other variable must stay.
 */
export function compareVariables(source: string, target: string, plural: boolean): { missing: string[]; extra: string[] } {
  const s = variableNames(source);
  const t = variableNames(target);
  const missing = [...s].filter((v) => !t.has(v) && !(plural && v === 'count'));
  const extra = [...t].filter((v) => !s.has(v));
  return { missing, extra };
}
