/**
 * A new campaign from content alone: `lehtinen init` scaffolds a workspace that builds at once with the
 * default templates and flags its placeholders; then a real campaign's texts (seed 004, SOSRAKE) go into
 * the locale files only, and the PDFs are read back: the texts are there, no placeholder and nothing of the
 * example campaign is left, the boxes are right. Also: one overridden template file, a list of any length,
 * a block left out when its text is missing.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as cli } from '../../src/cli/main.js';
import { composeVariant } from '../../src/compose/document.js';
import { mmToPt } from '../../src/compose/geometry.js';
import { planVariants } from '../../src/compose/variants.js';
import { manifestSchema } from '../../src/output/manifest.js';
import { loadWorkspace } from '../../src/workspace/workspace.js';
import { pdfBoxes, pdfFonts, pdfText } from '../support/tools.js';
import { capture, remove, tempDir } from '../support/workspace.js';

const base = tempDir('lehtinen-init-');
const ws = path.join(base, 'sosrake');
afterAll(() => remove(base));

async function lehtinen(...args: string[]) {
  const c = capture();
  const code = await cli(args, { stdout: c.stdout, stderr: c.stderr });
  return { code, out: c.out, err: c.err };
}

const json = (rel: string, data: unknown) => writeFileSync(path.join(ws, rel), JSON.stringify(data, null, 2) + '\n');
/** Text compared without spaces and hyphens: Chromium prints a line break after a hyphen (hard or soft) as U+2010. */
const n = (s: string) => s.replace(/[\u00ad\u2010\s-]/g, '');
const flat = n;
const webText = (dir: string, lang: string, m: string) => {
  const manifest = manifestSchema.parse(JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')));
  const v = manifest.variants.find((x) => x.lang === lang && x.material === m)!;
  return flat(pdfText(path.join(dir, v.files.find((f) => f.kind === 'web-pdf')!.path)));
};

// Real texts of another campaign (shared/seeds/004: SOSRAKE, Xamk and partners), written into locales only.
const WORK_PACKAGES_FI = [
  'Rakenteellisen työn osaamisverkoston kokoaminen',
  'Rakenteellisen työn toimintamallin määrittely',
  'Yhteisen digitaalisen oppimisalustan suunnittelu ja toteutus',
  'Osaamiskartoitus sosiaalialan ammattilaisten rakenteellisen työn osaamisesta',
  'Koulutus- ja valmennussuunnitelma osaamiskartoituksen pohjalta',
  'Valmennukset ja työpajat verkoston toimijoille',
  'Käytännön työn kokeilut',
];
function writeSosrake(): void {
  json('locales/fi/common.json', {
    organisation: { name: 'Kaakkois-Suomen ammattikorkeakoulu Xamk' },
    logo: { alt: 'Xamkin tunnus' },
    campaign: { name: 'SOSRAKE-osaamisverkosto', tagline: 'Aikuisten parissa tehtävän rakenteellisen sosiaalityön osaaminen ja työkäytännöt', period: '01.05.2020–31.10.2022' },
    people: { title: 'Lisätietoja hankkeesta', contact: { role: 'yliopettaja' } },
    funders: { funder: 'Rahoittaja: Etelä-Savon elinkeino-, liikenne- ja ympäristökeskus, Euroopan sosiaalirahasto' },
    languages: { label: 'Materiaali on saatavilla kielillä:' },
    qr: { caption: 'Lisätietoa ja materiaalit:', alt: 'QR-koodi, joka avaa osoitteen {{url}}' },
  });
  json('locales/fi/card.json', { title: 'SOSRAKE – kortti' });
  json('locales/fi/bookmark.json', {
    title: 'SOSRAKE – kirjanmerkki',
    sections: { tyopaketit: { title: 'Toimenpiteet', list: WORK_PACKAGES_FI } },
  });
  json('locales/en/common.json', {
    organisation: { name: 'South-Eastern Finland University of Applied Sciences Xamk' },
    logo: { alt: 'Logo of Xamk' },
    campaign: { name: 'SOSRAKE competence network', tagline: 'Structural social work with adults: skills and working practices', period: '1 May 2020 – 31 October 2022' },
    people: { title: 'More information', contact: { role: 'Principal Lecturer' } },
    funders: { funder: 'Funded by the Centre for Economic Development, Transport and the Environment for South Savo, European Social Fund' },
  });
  json('locales/en/card.json', { title: 'SOSRAKE – card' });
  json('locales/en/bookmark.json', { title: 'SOSRAKE – bookmark', sections: { tyopaketit: { title: 'Work packages', list: ['Building the competence network'] } } });
}

describe('lehtinen init, then a campaign written into the locale files only', () => {
  beforeAll(async () => {
    const r = await lehtinen('init', ws, '--languages', 'fi,en,sms', '--materials', 'card,bookmark');
    expect(r.code, r.err).toBe(0);
  });

  it('scaffolds config, locales of the chosen languages and a logo; no templates/ (the defaults are used)', () => {
    for (const f of ['lehtinen.config.yaml', 'assets/logo/logo.svg', 'locales/fi/common.json', 'locales/en/bookmark.json', 'locales/sms/site.json', 'locales/fi/status.yaml']) {
      expect(existsSync(path.join(ws, f)), f).toBe(true);
    }
    expect(existsSync(path.join(ws, 'templates'))).toBe(false);
    expect(existsSync(path.join(ws, 'locales/fi/brochure.json'))).toBe(false);
    // init refuses to write over a workspace
    return lehtinen('init', ws).then((r) => {
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/exists and is not empty/);
    });
  });

  it('flags the placeholders as drafts in check and build, and builds at once', async () => {
    const c = await lehtinen('check', '--root', ws, '--no-layout', '--format', 'json');
    const report = JSON.parse(c.out) as { problems: { code: string; lang?: string; key?: string }[]; summary: { errors: number } };
    expect(report.summary.errors).toBe(0);
    // Every recorded hash is of the current source text (plural forms: of all forms).
    expect(report.problems.filter((p) => p.code === 'OUTDATED' || p.code === 'NO_SOURCE_HASH' || p.code === 'UNUSED')).toEqual([]);
    const drafts = report.problems.filter((p) => p.code === 'DRAFT' && p.lang === 'fi').map((p) => p.key);
    expect(drafts).toContain('common:campaign.name');
    expect(drafts).toContain('bookmark:sections.first.list.0');
    const out = path.join(base, 'out1');
    const b = await lehtinen('build', '--root', ws, '--out', out, '--kind', 'web-pdf', '--no-site', '--no-bundles');
    expect(b.code, b.err).toBe(0);
    expect(b.err).toMatch(/DRAFT \[fi\] \d+ string\(s\)/);
    expect(webText(out, 'fi', 'card')).toContain(n('Kampanjan nimi'));
  });

  it('builds the campaign from its texts: all printed, no placeholder and no example text left, boxes right', async () => {
    writeSosrake();
    const out = path.join(base, 'out2');
    const b = await lehtinen('build', '--root', ws, '--out', out, '--kind', 'print-pdf,web-pdf', '--no-bundles');
    expect(b.code, b.err).toBe(0);
    // Every fi text is the campaign's own now: no draft left in the source.
    expect(b.err).not.toMatch(/DRAFT \[fi\]/);
    const fiBookmark = webText(out, 'fi', 'bookmark');
    for (const s of ['SOSRAKE-osaamisverkosto', 'Kaakkois-Suomen ammattikorkeakoulu Xamk', '01.05.2020–31.10.2022', 'yliopettaja', 'Euroopan sosiaalirahasto', ...WORK_PACKAGES_FI]) {
      expect(fiBookmark, s).toContain(n(s));
    }
    const fiCard = webText(out, 'fi', 'card');
    expect(fiCard).toContain(n('SOSRAKE-osaamisverkosto'));
    expect(webText(out, 'en', 'card')).toContain(n('SOSRAKE competence network'));
    expect(webText(out, 'en', 'bookmark')).toContain(n('Building the competence network'));
    for (const lang of ['fi', 'en', 'sms']) {
      for (const m of ['card', 'bookmark']) {
        const t = webText(out, lang, m);
        for (const s of ['Kampanjan nimi', 'Name of the campaign', 'Otsikko', 'Ensimmäinen kohta', 'Organisaation nimi', 'Tunnista', 'Nollalinja', 'Lapin ensi', '080 005 005']) {
          expect(t, `${m}-${lang}: ${s}`).not.toContain(n(s));
        }
      }
    }
    const manifest = manifestSchema.parse(JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')));
    for (const v of manifest.variants) {
      const pdf = path.join(out, v.files.find((f) => f.kind === 'print-pdf')!.path);
      const { pages, boxes } = pdfBoxes(pdf);
      expect(pages).toBe(2);
      for (const bx of boxes) {
        expect(Math.abs(bx.TrimBox!.w - mmToPt(v.trimMm[0]))).toBeLessThanOrEqual(mmToPt(0.05));
        expect(Math.abs(bx.TrimBox!.h - mmToPt(v.trimMm[1]))).toBeLessThanOrEqual(mmToPt(0.05));
        expect(Math.abs(bx.TrimBox!.x1 - bx.BleedBox!.x1 - mmToPt(3))).toBeLessThanOrEqual(mmToPt(0.05));
      }
      for (const f of pdfFonts(pdf)) expect(f.emb && f.sub, f.name).toBe(true);
    }
    // Fallback named honestly: the Skolt Sámi pages print Finnish campaign texts and say so, once, apart
    // from the draft notice; build and check count the same keys and name the language printed instead.
    const smsCard = webText(out, 'sms', 'card');
    expect(smsCard.split(n('Osa tämän sivun teksteistä on toisella kielellä: suomi.')).length - 1).toBe(1);
    expect(webText(out, 'fi', 'card')).not.toContain(n('toisella kielellä'));
    const buildFallback = b.err.split('\n').find((l) => l.startsWith('warning FALLBACK [sms]'))!;
    expect(buildFallback).toMatch(/\d+ key\(s\) missing in sms, printed in fi instead/);
    const c = await lehtinen('check', '--root', ws, '--no-layout', '--format', 'json');
    const report = JSON.parse(c.out) as { problems: { code: string; lang?: string; message: string }[] };
    const checkFallback = report.problems.find((p) => p.code === 'FALLBACK' && p.lang === 'sms')!;
    expect(`warning FALLBACK [sms] ${checkFallback.message}`).toBe(buildFallback);
    // The site page says it too, in its own note (not the draft notice), once, with the fallback's lang.
    const smsPage = readFileSync(path.join(out, 'site/sms/card/index.html'), 'utf8');
    expect([...smsPage.matchAll(/<div class="fallback-note" role="note">(.*?)<\/div>/g)].map((m) => m[1])).toEqual([
      '<p lang="fi">Osa tämän sivun teksteistä on toisella kielellä: suomi.</p>',
    ]);
    expect(readFileSync(path.join(out, 'site/fi/card/index.html'), 'utf8')).not.toContain('fallback-note');
    expect(manifest.variants.map((v) => v.trimMm)).toContainEqual([85, 55]);
    expect(manifest.variants.map((v) => v.trimMm)).toContainEqual([50, 180]);
  });

  it('takes one overridden file from the workspace and everything else from the defaults', async () => {
    mkdirSync(path.join(ws, 'templates/partials'), { recursive: true });
    writeFileSync(path.join(ws, 'templates/partials/funder.hbs'), '<p class="funder">Oma rahoittajarivi: {{#each content.funders}}{{#if statement}}{{t statement}}{{/if}}{{/each}}</p>\n');
    const w = await loadWorkspace(ws);
    expect(w.templates.files).toContain('templates/partials/funder.hbs');
    expect(w.templates.files).toContain('lehtinen:templates/card/index.hbs');
    const out = path.join(base, 'out3');
    const b = await lehtinen('build', '--root', ws, '--out', out, '--kind', 'web-pdf', '--lang', 'fi', '--material', 'card', '--no-site', '--no-bundles');
    expect(b.code, b.err).toBe(0);
    const t = webText(out, 'fi', 'card');
    expect(t).toContain(n('Oma rahoittajarivi: Rahoittaja: Etelä-Savon'));
    expect(t).toContain(n('SOSRAKE-osaamisverkosto'));
  });

  it('leaves a block out cleanly when the source has no text for it', async () => {
    const common = JSON.parse(readFileSync(path.join(ws, 'locales/fi/common.json'), 'utf8')) as Record<string, Record<string, unknown>>;
    delete common.campaign!.tagline;
    common.people = { contact: { role: '' } };
    json('locales/fi/common.json', common);
    const w = await loadWorkspace(ws);
    const card = planVariants(w, { langs: ['fi'], materials: ['card'] }).map((v) => composeVariant(w, v, '2026-01-01'))[0]!;
    expect(card.html).not.toContain('class="tagline"');
    // the person is printed without a heading or an empty role
    expect(card.html).not.toMatch(/<h2>\s*<\/h2>|class="role"><\/span>/);
    expect(card.html).toContain('class="person"');
    expect(card.html).toContain('01.05.2020–31.10.2022');
  });
});
