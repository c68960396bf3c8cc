import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hyphenationEngine, Hyphenator, hyphenatorFor, loadExceptions, rulesFor } from '../../src/compose/hyphenation.js';
import { voikkoFinnish } from '../../src/compose/voikko.js';
import { LehtinenError } from '../../src/errors.js';
import { remove, tempDir } from '../support/workspace.js';

/** Soft hyphens shown as | so expectations are readable. */
const show = (s: string) => s.replace(/\u00ad/g, '|');
const dirs: string[] = [];
afterAll(() => dirs.forEach(remove));

describe('hyphenation', () => {
  it('hyphenates Finnish and English words with patterns, keeping enough letters at both ends', () => {
    const fi = new Hyphenator('fi', rulesFor('fi'), new Map());
    expect(show(fi.hyphenate('Lähisuhdeväkivalta on rikos'))).toBe('Lä|hi|suh|de|vä|ki|val|ta on rikos');
    const en = new Hyphenator('en', rulesFor('en'), new Map());
    const out = show(en.hyphenate('psychological harassment'));
    expect(out.replace(/\|/g, '')).toBe('psychological harassment');
    for (const w of out.split(' ')) {
      const parts = w.split('|');
      expect(parts.length).toBeGreaterThan(1);
      expect(parts[0]!.length).toBeGreaterThanOrEqual(2);
      expect(parts.at(-1)!.length).toBeGreaterThanOrEqual(3);
    }
  });

  it('never hyphenates URLs, e-mail addresses, numbers, short words or words an editor hyphenated', () => {
    const fi = new Hyphenator('fi', rulesFor('fi'), new Map());
    const text = 'katso https://nollalinja.fi/lahisuhdevakivalta tai www.esimerkkisivusto.fi, laita neuvonta@esimerkki.fi, soita 080 005 005 talo';
    expect(fi.hyphenate(text)).toBe(text);
    expect(fi.hyphenate('nollalinja.fi')).toBe('nollalinja.fi');
    expect(show(fi.hyphenate('väki\u00advaltaa'))).toBe('väki|valtaa');
  });

  it('uses the workspace exceptions, also for the Sámi languages that have no patterns', () => {
    const dir = tempDir();
    dirs.push(dir);
    mkdirSync(path.join(dir, 'locales', 'smn'), { recursive: true });
    writeFileSync(path.join(dir, 'locales', 'smn', 'hyphenation.yaml'), '# Inari Sámi\nviehâväldi: vie-hâ-väl-di\n');
    const smn = hyphenatorFor(dir, 'smn');
    expect(show(smn.hyphenate('Fyysisâš viehâväldi'))).toBe('Fyysisâš vie|hâ|väl|di');
    // without an entry, a Sámi word stays whole (no patterns exist)
    expect(show(hyphenatorFor(dir, 'se').hyphenate('veahkaváldi'))).toBe('veahkaváldi');
    // an exception wins over the Finnish patterns; case is kept
    const fi = new Hyphenator('fi', rulesFor('fi'), new Map([['äänikirja', 'ääni-kirja']]));
    expect(show(fi.hyphenate('Äänikirja'))).toBe('Ääni|kirja');
  });

  it('names the file and line of a wrong exception', () => {
    const dir = tempDir();
    dirs.push(dir);
    mkdirSync(path.join(dir, 'locales', 'se'), { recursive: true });
    writeFileSync(path.join(dir, 'locales', 'se', 'hyphenation.yaml'), 'veahkaváldi: veah-ka-vál-di\nbargu: bar-gat\n');
    let err: unknown;
    try {
      loadExceptions(dir, 'se');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(LehtinenError);
    expect((err as LehtinenError).message).toBe('locales/se/hyphenation.yaml:2: "bar-gat" does not spell "bargu" once its hyphens are removed');
  });
});

describe('Finnish with Voikko (libvoikko1 + voikko-fi, installed by setup.sh)', () => {
  it('breaks compounds at their seams, where the TeX patterns do not, and records the seams', () => {
    expect(voikkoFinnish(), 'Voikko is not installed: run setup.sh').toBeDefined();
    expect(hyphenationEngine('fi')).toMatch(/^voikko \d/);
    const seams = new Map<string, number[]>();
    const fi = new Hyphenator('fi', rulesFor('fi'), new Map(), seams);
    // words of seed 000 (TRAKON): työn|ohjaus, työ|yhteisö
    expect(show(fi.hyphenate('työnohjaus työyhteisön'))).toBe('työn|oh|jaus työ|yh|tei|sön');
    expect(seams.get('työnohjaus')).toEqual([4]);
    expect(seams.get('työyhteisön')).toEqual([3]);
    const patterns = new Hyphenator('fi', { ...rulesFor('fi'), voikko: false }, new Map());
    expect(show(patterns.hyphenate('työnohjaus työyhteisön'))).toBe('työ|noh|jaus työyh|tei|sön');
  });
});
