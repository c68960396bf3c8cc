/**
 * Zip bundles of built files: one per language (its web PDFs and previews, for communicators) and one
 * for the print shop (every print PDF and a README.txt with sizes, bleed and colour). fflate writes
 * them in memory; entries keep the manifest order and get one fixed time, so the same files and build
 * date always give the same bytes.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { zipSync, type Zippable } from 'fflate';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFString, PDFHexString } from 'pdf-lib';
import type { Manifest, ManifestBundle, ManifestFile, ManifestVariant } from '../output/manifest.js';
import type { Staging } from '../output/staging.js';
import { VERSION } from '../version.js';
import type { Workspace } from '../workspace/workspace.js';

export const BUNDLE_DIR = 'bundles';
const LANGUAGE_KINDS = new Set(['web-pdf', 'preview']);
/** Print files: the print PDFs and any imposed sheets a print step adds. */
const isPrintKind = (kind: string) => kind.startsWith('print') || kind.includes('sheet');

export async function writeBundles(ws: Workspace, manifest: Manifest, staging: Staging, date: Date): Promise<ManifestBundle[]> {
  const campaign = ws.config.campaign.id;
  const bundles: ManifestBundle[] = [];
  const pick = (v: ManifestVariant, ok: (f: ManifestFile) => boolean) => v.files.filter(ok);
  for (const lang of manifest.languages) {
    const files = manifest.variants.filter((v) => v.lang === lang.code).flatMap((v) => pick(v, (f) => LANGUAGE_KINDS.has(f.kind)));
    if (!files.length) continue;
    bundles.push(await writeZip(staging, `${BUNDLE_DIR}/${campaign}-${lang.code}.zip`, files, {}, date, { id: `${campaign}-${lang.code}`, kind: 'language', lang: lang.code }));
  }
  const printVariants = manifest.variants.filter((v) => v.files.some((f) => isPrintKind(f.kind)));
  const printFiles = printVariants.flatMap((v) => pick(v, (f) => isPrintKind(f.kind)));
  if (printFiles.length) {
    const colour = await colourNote(staging, printFiles.filter((f) => f.kind === 'print-pdf'));
    const readme = printReadme(ws, manifest, printVariants, colour, date);
    bundles.push(await writeZip(staging, `${BUNDLE_DIR}/${campaign}-print.zip`, printFiles, { 'README.txt': readme }, date, { id: `${campaign}-print`, kind: 'print' }));
  }
  return bundles;
}

async function writeZip(
  staging: Staging,
  rel: string,
  files: ManifestFile[],
  extra: Record<string, string>,
  date: Date,
  entry: Pick<ManifestBundle, 'id' | 'kind' | 'lang'>,
): Promise<ManifestBundle> {
  // DOS times in zip headers are local times: fflate reads the Date's local fields, so shift the UTC
  // build time by the zone offset to get the same bytes on every machine.
  const mtime = new Date(date.getTime() + date.getTimezoneOffset() * 60_000);
  const zippable: Zippable = {};
  for (const [name, text] of Object.entries(extra)) zippable[name] = [new TextEncoder().encode(text), { level: 9, mtime }];
  for (const f of files) {
    // PDFs, PNGs and WebPs are compressed already: stored, they zip fast and lose nothing.
    zippable[f.path] = [new Uint8Array(await readFile(staging.pathOf(f.path))), { level: 0, mtime }];
  }
  const data = zipSync(zippable);
  await staging.write(rel, data);
  return {
    ...entry,
    path: rel,
    bytes: data.byteLength,
    sha256: createHash('sha256').update(data).digest('hex'),
    files: [...Object.keys(extra), ...files.map((f) => f.path)],
  };
}

/** The colour set-up of the print PDFs as the files declare it (an output intent, if a print step added one). */
async function colourNote(staging: Staging, pdfs: ManifestFile[]): Promise<string> {
  const intents = new Set<string>();
  for (const f of pdfs) {
    const bytes = await readFile(staging.pathOf(f.path));
    // lehtinen writes its PDFs without object streams, so a file without the name in it has no intent:
    // no need to parse it (parsing every print PDF was ~0.5 s of a rebuild that changed nothing).
    if (!bytes.includes('/OutputIntents')) {
      intents.add('');
      continue;
    }
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    const arr = doc.catalog.lookupMaybe(PDFName.of('OutputIntents'), PDFArray);
    if (!arr || arr.size() === 0) {
      intents.add('');
      continue;
    }
    const oi = arr.lookup(0, PDFDict);
    const id = oi.lookupMaybe(PDFName.of('OutputConditionIdentifier'), PDFString, PDFHexString)?.decodeText();
    const info = oi.lookupMaybe(PDFName.of('Info'), PDFString, PDFHexString)?.decodeText();
    intents.add([id, info].filter(Boolean).join(', ') || 'an output intent without a name');
  }
  if ([...intents].every((i) => i === '')) {
    return 'RGB (sRGB, as rendered by the browser). The files carry no output intent: convert to the CMYK profile of your press (e.g. PSO Coated v3 / FOGRA51) in your usual workflow.';
  }
  return `Output intent: ${[...intents].map((i) => i || 'none').join('; ')}.`;
}

function printReadme(ws: Workspace, manifest: Manifest, variants: ManifestVariant[], colour: string, date: Date): string {
  const tr = ws.translations.forLanguage(ws.sourceLang);
  const matById = new Map(ws.materials.map((m) => [m.id, m]));
  const rows = variants.map((v) => {
    const m = matById.get(v.material);
    const panels = m?.panels?.map((p) => p.join('|')).join(' / ');
    const drafts = v.strings.draft ? `DRAFT: ${v.strings.draft} strings await native review, do not print as final` : '';
    return [
      v.material,
      v.lang,
      `${v.trimMm[0]} × ${v.trimMm[1]}`,
      `${v.bleedMm}`,
      String(v.pages),
      v.files.filter((f) => isPrintKind(f.kind)).map((f) => f.path).join(', '),
      [panels ? `panels ${panels} mm` : '', drafts].filter(Boolean).join('; '),
    ];
  });
  const head = ['material', 'language', 'trim mm', 'bleed mm', 'pages', 'files', 'notes'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [
    `${tr.t('common:campaign.name')}: print files`,
    `${tr.t('common:organisation.name')} · campaign ${manifest.workspace.campaign}, version ${manifest.workspace.version}`,
    `Built ${date.toISOString().slice(0, 10)} by lehtinen ${VERSION}.`,
    '',
    'Every PDF page: TrimBox = the finished size; BleedBox = trim + bleed on every side; MediaBox adds room',
    'for crop marks (registration colour, outside the bleed) and a slug line. Fonts are embedded and subset;',
    'text, logo and QR codes are vector.',
    `Colour: ${colour}`,
    '',
    line(head),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
  ].join('\r\n');
}
