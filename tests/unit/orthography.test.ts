import { describe, expect, it } from 'vitest';
import { fixOrthography, lintOrthography } from '../../src/i18n/orthography.js';

const rules = (lang: string, text: string) => lintOrthography(lang, text).map((f) => `${f.severity}:${f.rule}:${f.found}`);

describe('Sámi orthography', () => {
  it('replaces an apostrophe-like character after a vowel in Skolt Sámi with U+02B9', () => {
    for (const ap of ["'", '\u2019', '\u00b4', '`']) {
      const text = `Pâ${ap}lviõkk ij leäkku`;
      expect(rules('sms', text)).toEqual([`error:softening-sign:${ap}`]);
      expect(fixOrthography('sms', text).text).toBe('Pâʹlviõkk ij leäkku');
    }
  });

  it('accepts correct Skolt: U+02B9 and U+02BC after a consonant (Sääʹmǩiõllʼlääʹǩǩ, ânnʼjõž)', () => {
    expect(rules('sms', 'Sääʹmǩiõllʼlääʹǩǩ ânnʼjõž Veäʹǩǩvueʹjj liâ taʹrjjeemnalla!')).toEqual([]);
  });

  it('reports, but does not fix, an apostrophe after a consonant or quotes around a word', () => {
    expect(rules('sms', "ânn'jõž")).toEqual(["warning:apostrophe:'"]);
    expect(fixOrthography('sms', "ânn'jõž").text).toBe("ânn'jõž");
    expect(rules('sms', '‘Pueʹtted tiõrvân’')).toEqual([]);
  });

  it('fixes look-alike letters the language never writes, and decomposed letters', () => {
    expect(fixOrthography('se', 'Ƞ ƞ ð à').text).toBe('Ŋ ŋ đ á');
    expect(fixOrthography('sms', 'ȝ ğ ḱ ő').text).toBe('ʒ ǧ ǩ õ');
    const decomposed = 'sa\u0301megiella';
    expect(rules('se', decomposed)).toEqual(['error:nfc:a\u0301']);
    expect(fixOrthography('se', decomposed).text).toBe('sámegiella');
    // NFC applies to every language, the Sámi letter rules only to Sámi
    expect(fixOrthography('fi', 'Ha\u0308tänumero').text).toBe('Hätänumero');
    expect(rules('en', 'à la carte')).toEqual([]);
  });

  it('warns about letters outside the alphabet, with a suggestion where one is likely', () => {
    const f = lintOrthography('sms', 'juõʹǩǩkãʹžžest');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ rule: 'alphabet', certain: false, severity: 'warning', found: 'ã' });
    expect(f[0]!.message).toContain('â or õ');
    expect(rules('se', 'ʒ')).toEqual(['warning:alphabet:ʒ']);
    expect(rules('se', 'Ørjan Åsa')).toEqual([]);
  });
});
