/**
 * `lehtinen xliff export`: the strings of one language as XLIFF 2.0 (default) or 1.2, one <file> per
 * namespace, one unit per key, with the source text, the current translation, its state (states.ts), and
 * notes naming the materials and pages that print the key and a link to the page's preview image.
 * i18next variables ({{phone}}) travel as placeholders (<ph>) that CAT tools protect.
 */
import path from 'node:path';
import type { Manifest } from '../../output/manifest.js';
import { VERSION } from '../../version.js';
import type { Workspace } from '../../workspace/workspace.js';
import { PLACEHOLDER } from '../placeholders.js';
import { languageState, type KeyState } from '../state.js';
import { toXliff12, toXliff20, type ExportStatus, type XliffVersion } from './states.js';
import { assertXmlChars, xmlAttr, xmlText } from './xml.js';

import { EXPORT_FILTERS, type ExportFilter } from './filters.js';
export { EXPORT_FILTERS, type ExportFilter };

export interface ExportOptions {
  lang: string;
  version: XliffVersion;
  only?: ExportFilter[];
  /** where each key is printed: key → [{material, page}] (check/compose-all.ts) */
  pages?: Map<string, { material: string; page: number }[]>;
  /** last build's manifest and output folder, for preview links */
  manifest?: Manifest;
  outDir?: string;
  /** the XLIFF file's folder, so preview links are relative to it */
  fileDir?: string;
}

export interface ExportResult {
  xml: string;
  units: number;
}

/** A placeholder of a unit's source: its id and the text it stands for. */
export interface UnitPlaceholder {
  id: string;
  raw: string;
}

/** Placeholders a unit may use: those of every source form of the message, numbered in order. */
export function unitPlaceholders(k: KeyState): UnitPlaceholder[] {
  return [...k.sourceVariablesText.matchAll(PLACEHOLDER)].map((m, i) => ({ id: String(i + 1), raw: m[0] }));
}

export function exportXliff(ws: Workspace, o: ExportOptions): ExportResult {
  const state = languageState(ws.locales, ws.sourceLang, o.lang);
  const wanted = new Set<ExportStatus>(o.only?.length ? o.only : ['missing', 'outdated', 'draft', 'translated', 'reviewed']);
  const keys = state.keys.filter((k) => wanted.has(k.status as ExportStatus));
  const byNs = new Map<string, KeyState[]>();
  for (const k of keys) byNs.set(k.ns, [...(byNs.get(k.ns) ?? []), k]);
  const v2 = o.version === '2.0';
  const lines: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  lines.push(`<!-- lehtinen ${xmlText(VERSION)}: ${xmlText(ws.config.campaign.id)}, ${ws.sourceLang} → ${o.lang}. Translate the targets, then: lehtinen xliff import FILE -->`);
  if (v2) {
    lines.push(`<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="${xmlAttr(ws.sourceLang)}" trgLang="${xmlAttr(o.lang)}">`);
  } else {
    lines.push('<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">');
  }
  for (const [ns, list] of byNs) {
    if (v2) lines.push(`  <file id="${xmlAttr(nmtoken(ns, 'f'))}" original="${xmlAttr(`${ns}.json`)}">`);
    else lines.push(`  <file original="${xmlAttr(`${ns}.json`)}" source-language="${xmlAttr(ws.sourceLang)}" target-language="${xmlAttr(o.lang)}" datatype="plaintext">`, '    <body>');
    list.forEach((k, i) => lines.push(...(v2 ? unit20(k, i, o) : unit12(k, o))));
    if (!v2) lines.push('    </body>');
    lines.push('  </file>');
  }
  lines.push('</xliff>', '');
  return { xml: lines.join('\n'), units: keys.length };
}

function unit20(k: KeyState, i: number, o: ExportOptions): string[] {
  const ph = unitPlaceholders(k);
  const st = toXliff20(k.status as ExportStatus);
  const local = k.path.join('.');
  const out = [`    <unit id="${xmlAttr(nmtoken(local, `u${i + 1}`))}" name="${xmlAttr(k.key)}" xml:space="preserve">`];
  const notes = unitNotes(k, o);
  if (notes.length) {
    out.push('      <notes>');
    for (const [cat, text] of notes) out.push(`        <note category="${cat}">${xmlText(text)}</note>`);
    out.push('      </notes>');
  }
  if (ph.length) {
    out.push('      <originalData>');
    for (const p of ph) out.push(`        <data id="d${p.id}">${xmlText(p.raw)}</data>`);
    out.push('      </originalData>');
  }
  out.push(`      <segment state="${st.state}"${st.subState ? ` subState="${st.subState}"` : ''}>`);
  out.push(`        <source>${inline(k.sourceText, ph, k.key, '2.0')}</source>`);
  if (k.text !== undefined) out.push(`        <target>${inline(k.text, ph, k.key, '2.0')}</target>`);
  out.push('      </segment>', '    </unit>');
  return out;
}

function unit12(k: KeyState, o: ExportOptions): string[] {
  const ph = unitPlaceholders(k);
  const state = toXliff12(k.status as ExportStatus);
  const out = [`      <trans-unit id="${xmlAttr(k.key)}" resname="${xmlAttr(k.key)}" xml:space="preserve">`];
  out.push(`        <source>${inline(k.sourceText, ph, k.key, '1.2')}</source>`);
  if (k.text !== undefined) out.push(`        <target${state ? ` state="${state}"` : ''}>${inline(k.text, ph, k.key, '1.2')}</target>`);
  for (const [cat, text] of unitNotes(k, o)) out.push(`        <note from="${cat}">${xmlText(text)}</note>`);
  out.push('      </trans-unit>');
  return out;
}

/** Text with its i18next variables as placeholders: 2.0 <ph id dataRef equiv disp/>, 1.2 <ph id>native</ph>. */
function inline(text: string, ph: UnitPlaceholder[], key: string, version: XliffVersion): string {
  assertXmlChars(text, key);
  let out = '';
  let last = 0;
  const used = new Map<string, number>();
  let extra = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    out += xmlText(text.slice(last, m.index));
    last = m.index + m[0].length;
    // the n-th occurrence of a placeholder maps to the n-th one of the source with the same text
    const same = ph.filter((p) => p.raw === m[0]);
    const n = used.get(m[0]) ?? 0;
    used.set(m[0], n + 1);
    const id = same.length ? same[Math.min(n, same.length - 1)]!.id : `x${++extra}`;
    out +=
      version === '2.0'
        ? `<ph id="${id}"${same.length ? ` dataRef="d${id}"` : ''} equiv="${xmlAttr(m[0])}" disp="${xmlAttr(m[0])}"/>`
        : `<ph id="${id}">${xmlText(m[0])}</ph>`;
  }
  return out + xmlText(text.slice(last));
}

function unitNotes(k: KeyState, o: ExportOptions): [string, string][] {
  const notes: [string, string][] = [];
  const where = o.pages?.get(k.key) ?? [];
  if (where.length) notes.push(['location', `printed on: ${where.map((w) => `${w.material} page ${w.page}`).join(', ')}`]);
  else if (/^[^:]+:title$/.test(k.key)) notes.push(['location', `the document title of the ${k.key.split(':')[0]} PDF files (not printed on the page)`]);
  else notes.push(['location', 'not printed by any material template']);
  if (k.plural) {
    notes.push(['plural', `plural form "${k.plural.category}" (CLDR plural category) of ${k.plural.base}; where the source language has no such form, the source shows its "other" form`]);
  }
  const preview = where.map((w) => previewLink(o, w)).find(Boolean);
  if (preview) notes.push(['preview', preview]);
  if (k.entry?.cite) notes.push(['cite', k.entry.cite]);
  return notes;
}

/** The preview image of a page, in the target language when it was built, else in the source language. */
function previewLink(o: ExportOptions, at: { material: string; page: number } | undefined): string | undefined {
  if (!at || !o.manifest || !o.outDir) return undefined;
  for (const lang of [o.lang, o.manifest.languages[0]?.code]) {
    const v = o.manifest.variants.find((x) => x.material === at.material && x.lang === lang);
    const f = v?.files.find((x) => x.kind === 'preview' && x.page === at.page);
    if (f) {
      const abs = path.join(o.outDir, f.path);
      return o.fileDir ? path.relative(o.fileDir, abs).split(path.sep).join('/') : abs;
    }
  }
  return undefined;
}

/** XLIFF 2.0 ids are NMTOKENs (XML 1.0 §2.3); keys that are not get a generated id (the name keeps the key). */
function nmtoken(s: string, fallback: string): string {
  return /^[\p{L}\p{N}._:-]+$/u.test(s) ? s : fallback;
}
