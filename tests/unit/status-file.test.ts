import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareVariables } from '../../src/i18n/placeholders.js';
import { sourceHash, sourceOf } from '../../src/i18n/source-hash.js';
import { parseStatusFile, updateStatusText } from '../../src/i18n/status.js';
import { REPO } from '../support/workspace.js';

describe('source hashes', () => {
  it('are the first 12 hex digits of SHA-256 of the NFC text', () => {
    expect(sourceHash('Apua on saatavilla')).toMatch(/^[0-9a-f]{12}$/);
    expect(sourceHash('Ha\u0308tänumero')).toBe(sourceHash('Hätänumero'));
    expect(sourceHash('a')).not.toBe(sourceHash('b'));
  });

  it('cover every form of a plural message', () => {
    const src = new Map([['c:n_one', 'yksi kieli'], ['c:n_other', '{{count}} kieltä']]);
    const two = sourceOf('c:n_two', src)!;
    expect(two.text).toBe('{{count}} kieltä');
    expect(two.hash).toBe(sourceOf('c:n_one', src)!.hash);
    src.set('c:n_one', 'yksi kieli!');
    expect(sourceOf('c:n_two', src)!.hash).not.toBe(two.hash);
  });
});

describe('status.yaml', () => {
  const file = path.join(REPO, 'locales/sms/status.yaml');
  const text = readFileSync(file, 'utf8');

  it('is rewritten only where an entry changed, comments and other lines byte for byte', () => {
    const entries = parseStatusFile(text, 'status.yaml');
    expect(updateStatusText(text, new Map(entries))).toBe(text);
    const next = updateStatusText(text, new Map([['common:help.title', { ...entries.get('common:help.title')!, status: 'reviewed' as const }]]));
    const diff = next.split('\n').filter((l, i) => l !== text.split('\n')[i]);
    expect(diff).toHaveLength(1);
    expect(diff[0]).toMatch(/^common:help\.title: \{ status: reviewed, source: [0-9a-f]{12}, cite: "nuor\.fi/);
    expect(parseStatusFile(next, 'status.yaml').get('common:help.title')!.status).toBe('reviewed');
  });

  it('appends new keys at the end', () => {
    const next = updateStatusText(text, new Map([['card:new', { status: 'draft' as const, source: 'abcdef012345' }]]));
    expect(next).toBe(`${text}card:new: { status: draft, source: abcdef012345 }\n`);
  });
});

describe('interpolation variables', () => {
  it('must stay; count may be left out of a plural form', () => {
    expect(compareVariables('Soita {{phone}}', 'Riŋgg', false)).toEqual({ missing: ['phone'], extra: [] });
    expect(compareVariables('Soita {{phone}}', 'Riŋgg {{phnoe}}', false)).toEqual({ missing: ['phone'], extra: ['phnoe'] });
    expect(compareVariables('{{count}} kieltä', 'okta giella', true)).toEqual({ missing: [], extra: [] });
  });
});

describe('font matching for glyph checks', () => {
  it('picks the declared face CSS would use for a computed weight and style', async () => {
    const { matchFace } = await import('../../src/check/glyphs.js');
    const face = (weight: number, style = 'normal') => ({ family: 'Noto Sans', weight, style, file: `${weight}${style}`, font: {} as never });
    const faces = [face(400), face(400, 'italic'), face(600), face(700), face(800)];
    expect(matchFace(faces, 'Noto Sans|800|normal')!.file).toBe('800normal');
    expect(matchFace(faces, 'Noto Sans|900|normal')!.file).toBe('800normal');
    expect(matchFace(faces, 'Noto Sans|500|normal')!.file).toBe('400normal');
    expect(matchFace(faces, 'Noto Sans|650|normal')!.file).toBe('700normal');
    expect(matchFace(faces, 'Noto Sans|700|italic')!.file).toBe('400italic');
    expect(matchFace(faces, 'Other|400|normal')).toBeUndefined();
  });
});

describe('status.yaml review fields', () => {
  it('reviewer, date and comment survive a write and a read, whatever the comment contains', () => {
    const entry = { status: 'reviewed' as const, source: '0123456789ab', reviewer: 'Ánne "Ä" Saijets', reviewed: '2026-12-06', comment: 'Kaksi riviä:\n# ei kommentti, vaan teksti: {x} \'ok\' – ʹ' };
    const text = updateStatusText('# header\n\n', new Map([['c:a.b', entry]]));
    expect(text.split('\n').filter(Boolean)).toHaveLength(2);
    expect(parseStatusFile(text, 'status.yaml').get('c:a.b')).toEqual(entry);
    // Unchanged entries leave the file as it is.
    expect(updateStatusText(text, new Map([['c:a.b', { ...entry }]]))).toBe(text);
    expect(() => parseStatusFile('c:a.b: { status: reviewed, reviewed: "6.12.2026" }\n', 'status.yaml')).toThrow(/YYYY-MM-DD/);
  });
});
