import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeVariant } from '../../src/compose/document.js';
import { planVariants } from '../../src/compose/variants.js';
import { pluralCategories } from '../../src/i18n/languages.js';
import { loadWorkspace, type Workspace } from '../../src/workspace/workspace.js';
import { copyExample, edit, remove } from '../support/workspace.js';

let dir: string;
let ws: Workspace;
beforeAll(async () => {
  dir = copyExample();
  // A key only the source language has, a dual plural in North Sámi, and hostile content.
  edit(dir, 'locales/fi/card.json', () => JSON.stringify({ title: 'Kortti', onlyFi: 'vain suomeksi', n_one: '{{count}} kieli', n_other: '{{count}} kieltä', evil: '<img src=x onerror=alert(1)> {{{x}}}' }));
  edit(dir, 'locales/se/card.json', () => JSON.stringify({ title: 'Goarta', n_one: '{{count}} giella', n_two: '{{count}} gielat (guokte)', n_other: '{{count}} gielat' }));
  ws = await loadWorkspace(dir);
});
afterAll(() => remove(dir));

describe('translations', () => {
  it('knows the CLDR dual of the Sámi languages', () => {
    for (const l of ['se', 'smn', 'sms']) expect(pluralCategories(l)).toEqual(['one', 'two', 'other']);
    expect(pluralCategories('fi')).toEqual(['one', 'other']);
  });

  it('uses the dual form for two in North Sámi', () => {
    const t = ws.translations.forLanguage('se');
    expect(t.t('card:n', { count: 1 })).toBe('1 giella');
    expect(t.t('card:n', { count: 2 })).toBe('2 gielat (guokte)');
    expect(t.t('card:n', { count: 5 })).toBe('5 gielat');
  });

  it('falls back to the source language and records it', () => {
    const t = ws.translations.forLanguage('se');
    expect(t.t('card:onlyFi')).toBe('vain suomeksi');
    expect(t.uses.get('card:onlyFi')).toMatchObject({ status: 'fallback', usedLng: 'fi' });
  });

  it('reads the status file: drafts are drafts, cited strings are translated', () => {
    const t = ws.translations.forLanguage('sms');
    t.t('common:help.title');
    t.t('common:campaign.name');
    expect(t.uses.get('common:help.title')!.status).toBe('translated');
    expect(t.uses.get('common:campaign.name')!.status).toBe('draft');
    const fi = ws.translations.forLanguage('fi');
    fi.t('common:campaign.name');
    expect(fi.uses.get('common:campaign.name')!.status).toBe('source');
  });

  it('records a key that exists in no language as missing', () => {
    const t = ws.translations.forLanguage('en');
    expect(t.t('card:nope')).toBe('card:nope');
    expect(t.uses.get('card:nope')!.status).toBe('missing');
  });

  it('escapes content: markup in a string is printed as text', () => {
    edit(dir, 'templates/card/index.hbs', (s) => s.replace('<h2>', '<p class="evil">{{t "card:evil"}}</p><h2>'));
    return loadWorkspace(dir).then((w) => {
      const [v] = planVariants(w, { langs: ['fi'], materials: ['card'] });
      const html = composeVariant(w, v!, '2026-01-01').html;
      expect(html).toContain('&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;');
      expect(html).not.toContain('<img src=x');
    });
  });

  it('wraps fallback text in its own language for screen readers and proofs', async () => {
    edit(dir, 'templates/card/index.hbs', (s) => s.replace('<h2>', '<p>{{t "card:onlyFi"}}</p><h2>'));
    const w = await loadWorkspace(dir);
    const [v] = planVariants(w, { langs: ['se'], materials: ['card'] });
    const c = composeVariant(w, v!, '2026-01-01');
    // (with Finnish soft hyphens: the fallback is set as Finnish, see below)
    expect(c.html.replace(/\u00ad/g, '')).toMatch(/<span class="l10n-fallback" data-l10n-status="fallback" data-l10n-key="card:onlyFi" lang="fi">vain suomeksi<\/span>/);
  });

  it('sets fallback text as the language it is written in: lang="fi" and Finnish hyphenation in a Skolt Sámi variant', async () => {
    // seed 001's word that a Skolt bookmark broke unhyphenated ("materiaalipank / kiin")
    edit(dir, 'locales/fi/card.json', (s) => JSON.stringify({ ...JSON.parse(s), bank: 'Lataa materiaalipankkiin' }));
    edit(dir, 'templates/card/index.hbs', (s) => s.replace('<h2>', '<p>{{t "card:bank"}}</p><h2>'));
    const w = await loadWorkspace(dir);
    const [sms] = planVariants(w, { langs: ['sms'], materials: ['card'] });
    const html = composeVariant(w, sms!, '2026-01-01').html;
    const m = /<span class="l10n-fallback"[^>]*data-l10n-key="card:bank" lang="fi">([^<]*)<\/span>/.exec(html);
    expect(m, 'fallback span with lang="fi"').not.toBeNull();
    // the same soft hyphens the Finnish variant gets, where Skolt Sámi rules would give none
    const [fi] = planVariants(w, { langs: ['fi'], materials: ['card'] });
    const fiHtml = composeVariant(w, fi!, '2026-01-01').html;
    expect(m![1]).toContain('\u00ad');
    expect(fiHtml).toContain(`<p>${m![1]}</p>`);
  });
});
