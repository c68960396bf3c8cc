/**
 * The stress corpus: a copy of the example whose every printed string, in Finnish and the three Sámi
 * languages, is replaced by a longer real string: Finnish sentences from the long prose of seed 002 and
 * the compound-heavy project pages of seeds 000 and 003, Sámi strings attested in ../shared/sami/README.md
 * (joined until long enough; each is real, their sequence is not a sentence). Each string is chosen
 * about 1.6 times as long as the one it replaces and with the longest words available, so every frame of
 * every material is pushed past its design. Strings with placeholders ({{url}}) and the English texts stay.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO } from './workspace.js';

// Copies of ../shared/seeds and ../shared/sami (tests/fixtures/corpus/README.md): the test runs from any clone.
export const SHARED = path.join(REPO, 'tests/fixtures/corpus');
const SEEDS = path.join(SHARED, 'seeds');

/** Finnish sentences of the seeds, longest words first within a length class. */
export function finnishPhrases(): string[] {
  const out = new Set<string>();
  for (const f of readdirSync(SEEDS).filter((n) => /^00[0-4]_/.test(n)).sort()) {
    if (!/^00[023]_/.test(f)) continue;
    const text = readFileSync(path.join(SEEDS, f), 'utf8');
    for (const para of text.split(/\n+/)) {
      for (const s of para.split(/(?<=[.!?])\s+(?=[A-ZÅÄÖ])/)) {
        const t = s.trim().replace(/\s+/g, ' ');
        // sentences of words, not contact lines or URLs
        if (t.length < 12 || /@|\(a\)|https?:|www\.|\d{3}/.test(t)) continue;
        out.add(t);
      }
    }
  }
  return [...out];
}

/** Attested Sámi strings of one language (the first column of its tables in the README). */
export function samiStrings(lang: 'se' | 'smn' | 'sms'): string[] {
  const readme = readFileSync(path.join(SHARED, 'sami', 'README.md'), 'utf8');
  const heading = { se: '### North Sámi (se)', smn: '### Inari Sámi (smn)', sms: '### Skolt Sámi (sms)' }[lang];
  const part = readme.slice(readme.indexOf(heading)).split(/\n### /)[0]!;
  const out: string[] = [];
  for (const row of part.split('\n')) {
    const m = /^\| ([^|]+?) \|/.exec(row);
    if (!m || m[1] === 'string' || /^-+$/.test(m[1]!)) continue;
    out.push(...m[1]!.split(' · ').map((s) => s.trim()).filter(Boolean));
  }
  return out;
}

/** how much longer than the example's string each stress string is */
export const STRETCH = 1.6;

const longestWord = (s: string) => Math.max(...s.split(/[\s/-]+/).map((w) => [...w].length));

/** A string of about `target` characters from the pool, preferring long words; the pool is rotated. */
function pick(pool: string[], target: number, used: Set<string>, join: string): string {
  const fresh = pool.filter((s) => !used.has(s));
  const from = fresh.length ? fresh : pool;
  // among sentences within 30 % of the target length, the one with the longest word; else the nearest
  const near = from.filter((x) => Math.abs(x.length - target) <= target * 0.3);
  const best = near.length
    ? [...near].sort((a, b) => longestWord(b) - longestWord(a))[0]!
    : [...from].sort((a, b) => Math.abs(a.length - target) - Math.abs(b.length - target))[0]!;
  used.add(best);
  let s = best;
  for (const more of from) {
    if (s.length >= target * 0.9) break;
    if (more === best || used.has(more)) continue;
    used.add(more);
    s += join + more;
  }
  return s;
}

function rewrite(v: unknown, fn: (s: string) => string): unknown {
  if (typeof v === 'string') return v.includes('{{') ? v : fn(v);
  if (Array.isArray(v)) return v.map((x) => rewrite(x, fn));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, rewrite(x, fn)]));
  return v;
}

/** Turns a copy of the example (dir) into the stress workspace. */
export function makeStress(dir: string): void {
  const pools: Record<string, { pool: string[]; join: string }> = {
    fi: { pool: finnishPhrases(), join: ' ' },
    se: { pool: samiStrings('se'), join: ' · ' },
    smn: { pool: samiStrings('smn'), join: ' · ' },
    sms: { pool: samiStrings('sms'), join: ' · ' },
  };
  for (const [lang, { pool, join }] of Object.entries(pools)) {
    const used = new Set<string>();
    const folder = path.join(dir, 'locales', lang);
    if (!existsSync(folder)) continue;
    for (const f of readdirSync(folder).filter((n) => n.endsWith('.json') && n !== 'site.json').sort()) {
      const file = path.join(folder, f);
      const data = JSON.parse(readFileSync(file, 'utf8')) as unknown;
      const out = rewrite(data, (s) => pick(pool, Math.max(16, Math.round(s.length * STRETCH)), used, join));
      writeFileSync(file, JSON.stringify(out, null, 2) + '\n');
    }
  }
}
