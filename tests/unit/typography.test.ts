import { describe, expect, it } from 'vitest';
import { addressBreaks, BREAK_MARK, localQuotes, nonBreakingSpaces, typeset } from '../../src/compose/typography.js';

/** NBSP shown as ~ so expectations are readable. */
const show = (s: string) => s.replace(/\u00a0/g, '~');

describe('typography', () => {
  it('keeps phone numbers, numbers with units and dashes together', () => {
    expect(show(nonBreakingSpaces('Soita 080 005 005 tai +358 9 123 456.'))).toBe('Soita 080~005~005 tai +358~9~123~456.');
    expect(show(nonBreakingSpaces('3 mm, 24 h, 50 %, 10 € ja 2 kg'))).toBe('3~mm, 24~h, 50~%, 10~€ ja 2~kg');
    expect(show(nonBreakingSpaces('sana – sana — sana'))).toBe('sana~– sana~— sana');
    // a unit must be a whole word: "3 mmol" is not "3 mm"; a year and a word stay apart
    expect(show(nonBreakingSpaces('3 mmol vuonna 2024 oli'))).toBe('3 mmol vuonna 2024 oli');
  });

  it('uses ”…” in Finnish and the Sámi languages, “…” in English', () => {
    for (const lang of ['fi', 'se', 'smn', 'sms']) expect(localQuotes('Sano "ei" ja “kyllä”', lang)).toBe('Sano ”ei” ja ”kyllä”');
    expect(localQuotes('Say "no", it\'s ("fine")', 'en')).toBe('Say “no”, it’s (“fine”)');
    // Skolt Sámi's prime (U+02B9) is a letter, not a quote
    expect(localQuotes('Veäʹǩǩ', 'sms')).toBe('Veäʹǩǩ');
    expect(show(typeset('Soita "heti" 080 005 005 – aina', 'fi'))).toBe('Soita ”heti” 080~005~005~– aina');
  });
});

describe('addressBreaks', () => {
  const shown = (s: string) => addressBreaks(s).replaceAll(BREAK_MARK, '|');
  it('breaks web and e-mail addresses only after / . @, never inside the scheme, with no hyphen', () => {
    expect(shown('Katso https://nollalinja.fi/lahisuhdevakivaltatietoa/tukipalvelut.')).toBe(
      'Katso https://nollalinja.|fi/|lahisuhdevakivaltatietoa/|tukipalvelut.',
    );
    // seed 000 writes its e-mail addresses with (a); as written on a card they carry @
    expect(shown('Ota yhteyttä: etunimi.sukunimi@seamk.fi')).toBe('Ota yhteyttä: etunimi.|sukunimi@|seamk.fi');
  });
  it('never leaves a short last piece alone ("card", "fi")', () => {
    expect(shown('www.example.org/card')).toBe('www.|example.|org/card');
    expect(shown('tunnista-vakivalta.fi/se')).toBe('tunnista-vakivalta.fi/se');
  });
  it('leaves ordinary words and numbers alone', () => {
    expect(shown('Soita 080 005 005. Apu on lähellä.')).toBe('Soita 080 005 005. Apu on lähellä.');
  });
});
