/**
 * Print PDF → PDF/X-4 (or PDF/X-1a) in CMYK with Ghostscript's pdfwrite.
 *
 * Why Ghostscript and not mupdf.js as vivliostyle-cli does (its src/output/cmyk.ts, pdfx.ts,
 * output-intent.ts): vivliostyle-cli predicts the colour operators Chromium writes (for CSS device-cmyk()
 * and for an RGB → CMYK table, cmyk.overrideMap / reserveMap), replaces them, warns about RGB it has no
 * entry for, and does not convert raster images (they are swapped for CMYK files by replaceImage). It then
 * writes the OutputIntent itself. lehtinen's templates use photos, SVG logos and gradients that no table
 * lists, so every colour must go through a real ICC conversion to the chosen output profile, which
 * Ghostscript's pdfwrite does. Ghostscript runs as a separate program (a Debian package most print
 * workflows have), where mupdf.js would be an AGPL WebAssembly library inside lehtinen's own package.
 * What the table approach does better, exact values for the colours one names, lehtinen keeps: brand
 * colours are rewritten to DeviceCMYK first (colour-rewrite.ts) and pdfwrite leaves DeviceCMYK alone.
 *
 * Ghostscript 10.00's -dPDFX writes PDF/X-3 only: it forces PDF 1.3, which turned the bookmark's front
 * into one 720 ppi image here (transparency flattened), refuses link annotations, and sets TrimBox/BleedBox
 * from its own offsets (vivliostyle-cli#710 shows them collapsed). So -dPDFX is not used: pdfwrite
 * converts colours at PDF 1.6, a prologue of pdfmarks adds the OutputIntent and the PDF/X info keys, and
 * pdf-lib then sets the boxes from the input and adds the XMP identification PDF/X-4 requires.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFString, type PDFPage } from 'pdf-lib';
import { LehtinenError } from '../errors.js';
import { rgbLeft } from './colour-audit.js';
import { rewriteBrandColours, snapBrandCmyk, type ColourMap } from './colour-rewrite.js';
import type { IccProfile } from './icc-profile.js';
import { rewriteBlack, type BlackOptions } from './k-black.js';
import { savePdf } from './pdf-common.js';
import { setXmpMetadata, xmlText } from './xmp.js';

const run = promisify(execFile);
/** One print PDF takes Ghostscript a second or two; minutes mean it hangs. */
const GS_LIMIT_MS = 180_000;

export type PdfxLevel = 'x4' | 'x1a';

export interface PdfxOptions {
  profile: IccProfile;
  level: PdfxLevel;
  brand: ColourMap;
  /** near-black text and lines to 100 K, 100 K overprinting (k-black.ts); absent: colours as they are */
  black?: BlackOptions;
  /** Ghostscript executable (default: gs on PATH) */
  gs?: string;
}

export interface PdfxResult {
  pdf: Uint8Array;
  /** brand colour operators written as DeviceCMYK, per #rrggbb */
  brandReplaced: Record<string, number>;
  /** RGB still found in the converted file (colour-audit.ts); empty when the conversion is complete */
  rgbLeft: string[];
}

export const GS_MISSING_HINT =
  'Install Ghostscript (Debian/Ubuntu: apt-get install ghostscript; macOS: brew install ghostscript; Windows: ghostscript.com) and build again; the RGB print PDF was written.';

/** Ghostscript's version, or undefined when it cannot be run. */
export async function ghostscriptVersion(gs = 'gs'): Promise<string | undefined> {
  try {
    return (await run(gs, ['--version'], { timeout: 10_000, killSignal: 'SIGKILL' })).stdout.trim();
  } catch {
    return undefined;
  }
}

const BOXES = ['MediaBox', 'CropBox', 'BleedBox', 'TrimBox'] as const;

export async function convertToPdfX(printPdf: Uint8Array, o: PdfxOptions): Promise<PdfxResult> {
  const src = await PDFDocument.load(printPdf, { updateMetadata: false });
  const boxes = src.getPages().map((p) => BOXES.map((b) => boxOf(p, b)));
  const title = src.getTitle() ?? 'lehtinen';
  // Links do nothing on paper and annotations inside the BleedBox are not allowed in PDF/X.
  for (const p of src.getPages()) p.node.delete(PDFName.of('Annots'));
  const { replaced } = rewriteBrandColours(src, o.brand);
  if (o.black) rewriteBlack(src, o.black);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'lehtinen-pdfx-'));
  try {
    const input = path.join(dir, 'in.pdf');
    const output = path.join(dir, 'out.pdf');
    const prologue = path.join(dir, 'pdfx.ps');
    await writeFile(input, await savePdf(src));
    await writeFile(prologue, pdfxPrologue(o.profile, o.level, title));
    const args = [
      '-q', '-dNOPAUSE', '-dBATCH', '-dSAFER',
      `--permit-file-read=${path.dirname(o.profile.path)}${path.sep}`,
      '-sDEVICE=pdfwrite',
      // X-4 keeps live transparency (PDF 1.6); X-1a is PDF 1.3, where pdfwrite flattens transparency.
      `-dCompatibilityLevel=${o.level === 'x4' ? '1.6' : '1.3'}`,
      '-sColorConversionStrategy=CMYK',
      '-sProcessColorModel=DeviceCMYK',
      `-sOutputICCProfile=${o.profile.path}`,
      '-dRenderIntent=1', // relative colorimetric, the usual choice for flat brand and text colours
      '-dAutoRotatePages=/None', // never turn a landscape brochure page by its text direction
      '-dEmbedAllFonts=true', '-dSubsetFonts=true',
      '-dDownsampleColorImages=false', '-dDownsampleGrayImages=false', '-dDownsampleMonoImages=false',
      '-dAutoFilterColorImages=false', '-sColorImageFilter=FlateEncode', // no extra JPEG generation
      `-sOutputFile=${output}`,
      prologue,
      input,
    ];
    try {
      // Bounded like every wait (waits.ts): a Ghostscript that hangs is killed, not waited for.
      await run(o.gs ?? 'gs', args, { maxBuffer: 16 << 20, timeout: GS_LIMIT_MS, killSignal: 'SIGKILL' });
    } catch (e) {
      const err = e as NodeJS.ErrnoException & { stderr?: string; killed?: boolean };
      if (err.killed) {
        throw new LehtinenError('CMYK_FAILED', `Ghostscript did not finish converting the print PDF within ${GS_LIMIT_MS / 1000} s and was stopped`, {
          hint: 'Run again; if it keeps happening, convert with --concurrency 1 or check the PDF for very large images.',
        });
      }
      if (err.code === 'ENOENT') throw new LehtinenError('GS_MISSING', 'Ghostscript (gs) was not found; the CMYK PDF/X step needs it', { hint: GS_MISSING_HINT });
      throw new LehtinenError('CMYK_FAILED', `Ghostscript could not convert the print PDF: ${(err.stderr || err.message).split('\n').filter(Boolean).slice(0, 3).join(' ')}`, {
        hint: `Check the profile ${o.profile.path} (a CMYK output profile, .icc) and run again.`,
      });
    }
    const out = await PDFDocument.load(await readFile(output), { updateMetadata: false });
    out.getPages().forEach((p, i) => {
      // pdfwrite rewrites the boxes (and adds an ArtBox); the input's exact boxes are set again.
      const b = boxes[i];
      if (!b) return;
      BOXES.forEach((name, j) => {
        const r = b[j];
        if (r) p.node.set(PDFName.of(name), out.context.obj(r));
      });
      p.node.delete(PDFName.of('ArtBox'));
    });
    snapBrandCmyk(out, o.brand);
    const left = rgbLeft(out);
    finishPdfX(out, o, title);
    const pdf = await savePdf(out);
    // pdf-lib's writer always starts with %PDF-1.7 (PDFWriter ignores context.header); PDF/X-4 is based
    // on PDF 1.6 and PDF/X-1a on PDF 1.3. Same length, so the xref offsets stay right.
    pdf.set(Buffer.from(o.level === 'x4' ? '%PDF-1.6' : '%PDF-1.3', 'latin1'), 0);
    return { pdf, brandReplaced: replaced, rgbLeft: left };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function boxOf(p: PDFPage, name: (typeof BOXES)[number]): number[] | undefined {
  const a = p.node.lookup(PDFName.of(name));
  if (!(a instanceof PDFArray)) return undefined;
  return a.asArray().map((n) => (n instanceof PDFNumber ? n.asNumber() : Number(n.toString())));
}

const psString = (s: string) => `(${s.replace(/[\\()]/g, (c) => `\\${c}`).replace(/[^\x20-\x7e]/g, '?')})`;

/** pdfmarks that embed the profile and add the OutputIntent (GTS_PDFX) and the PDF/X info keys. */
function pdfxPrologue(profile: IccProfile, level: PdfxLevel, title: string): string {
  const version = level === 'x4' ? 'PDF/X-4' : 'PDF/X-1:2001';
  const conformance = level === 'x1a' ? ' /GTS_PDFXConformance (PDF/X-1a:2001)' : '';
  return `%!PS
[ /GTS_PDFXVersion (${version})${conformance} /Title ${psString(title)} /Trapped /False /DOCINFO pdfmark
[/_objdef {icc_PDFX} /type /stream /OBJ pdfmark
[{icc_PDFX} << /N 4 >> /PUT pdfmark
[{icc_PDFX} ${psString(profile.path)} (r) file /PUT pdfmark
[/_objdef {OutputIntent_PDFX} /type /dict /OBJ pdfmark
[{OutputIntent_PDFX} <<
  /Type /OutputIntent /S /GTS_PDFX
  /OutputCondition ${psString(profile.condition)}
  /OutputConditionIdentifier ${psString(profile.identifier)}
  /RegistryName (http://www.color.org)
  /Info ${psString(profile.name)}
  /DestOutputProfile {icc_PDFX}
>> /PUT pdfmark
[{Catalog} << /OutputIntents [ {OutputIntent_PDFX} ] >> /PUT pdfmark
`;
}

/** Info keys (again, pdf-lib keeps them), XMP with the PDF/X identification, and a document ID. */
function finishPdfX(doc: PDFDocument, o: PdfxOptions, title: string): void {
  // pdf-lib keeps the info dictionary private; it is the trailer's /Info.
  const info = (doc as unknown as { getInfoDict(): PDFDict }).getInfoDict();
  const version = o.level === 'x4' ? 'PDF/X-4' : 'PDF/X-1:2001';
  info.set(PDFName.of('GTS_PDFXVersion'), PDFString.of(version));
  if (o.level === 'x1a') info.set(PDFName.of('GTS_PDFXConformance'), PDFString.of('PDF/X-1a:2001'));
  info.set(PDFName.of('Trapped'), PDFName.of('False'));
  const now = (doc.getModificationDate() ?? new Date()).toISOString().replace(/\.\d+Z$/, 'Z');
  const created = (doc.getCreationDate() ?? new Date()).toISOString().replace(/\.\d+Z$/, 'Z');
  const id = createHash('sha256').update(title + created + o.profile.identifier).digest('hex').slice(0, 32);
  // Ghostscript's file identifier hashes the clock; this one only what the file is (reproducible builds).
  doc.context.trailerInfo.ID = doc.context.obj([PDFHexString.of(id), PDFHexString.of(id)]);
  const uuid = `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20, 32)}`;
  setXmpMetadata(doc, { xmpMM: 'http://ns.adobe.com/xap/1.0/mm/', pdfxid: 'http://www.npes.org/pdfx/ns/id/' }, [
    `<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xmlText(title)}</rdf:li></rdf:Alt></dc:title>`,
    '<dc:format>application/pdf</dc:format>',
    `<xmp:CreateDate>${created}</xmp:CreateDate>`,
    `<xmp:ModifyDate>${now}</xmp:ModifyDate>`,
    `<xmp:MetadataDate>${now}</xmp:MetadataDate>`,
    `<xmp:CreatorTool>${xmlText(doc.getCreator() ?? 'lehtinen')}</xmp:CreatorTool>`,
    `<pdf:Producer>${xmlText(doc.getProducer() ?? 'lehtinen')}</pdf:Producer>`,
    '<pdf:Trapped>False</pdf:Trapped>',
    `<xmpMM:DocumentID>uuid:${uuid}</xmpMM:DocumentID>`,
    `<xmpMM:InstanceID>uuid:${uuid}</xmpMM:InstanceID>`,
    '<xmpMM:VersionID>1</xmpMM:VersionID>',
    '<xmpMM:RenditionClass>default</xmpMM:RenditionClass>',
    ...(o.level === 'x4' ? ['<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>'] : []),
  ]);
  // A document ID (PDF/X requires one); pdf-lib writes the trailer /ID it finds in context.trailerInfo.
  if (!doc.context.trailerInfo.ID) {
    const hex = PDFHexString.of(id);
    doc.context.trailerInfo.ID = doc.context.obj([hex, hex]);
  }
}

