/**
 * Finnish hyphenation and compound boundaries from Voikko (libvoikko + the voikko-fi dictionary; Debian
 * packages libvoikko1 and voikko-fi), the engine LibreOffice uses for Finnish. Voikko knows the words'
 * morphology, so it breaks compounds at their seams ("työ-hy-vin-voin-nin", seams työ|hyvin|voinnin),
 * which the TeX patterns cannot tell. Called through the C library with koffi (FFI, no compiler needed);
 * when the library or its dictionary is missing, lehtinen uses the TeX patterns (compose/hyphenation.ts)
 * and says so (hyphenationEngine). LEHTINEN_HYPHENATION=patterns chooses the patterns on purpose.
 */
import { createRequire } from 'node:module';

export interface VoikkoFinnish {
  /** libvoikko's version, e.g. "4.3.1" */
  version: string;
  /** break positions (code points of the word before which it may break) */
  hyphenate(word: string): number[];
  /** positions where a compound's parts meet (a subset of what hyphenate gives, for a known word) */
  seams(word: string): number[];
}

let loaded: VoikkoFinnish | null | undefined;

/** The Finnish Voikko, or undefined when libvoikko or its Finnish dictionary is not installed. */
export function voikkoFinnish(): VoikkoFinnish | undefined {
  if (loaded !== undefined) return loaded ?? undefined;
  loaded = null;
  if (process.env.LEHTINEN_HYPHENATION === 'patterns') return undefined;
  try {
    const require = createRequire(import.meta.url);
    const koffi = require('koffi') as typeof import('koffi');
    const lib = koffi.load('libvoikko.so.1');
    const freeCstr = lib.func('void voikkoFreeCstr(char *s)');
    const ownedStr = koffi.disposable('voikko_str', 'str', freeCstr);
    const init = lib.func('void *voikkoInit(_Out_ const char **error, const char *langcode, const char *path)');
    const hyphenateCstr = lib.func('voikkoHyphenateCstr', ownedStr, ['void *', 'str']);
    const analyze = lib.func('void **voikkoAnalyzeWordCstr(void *h, const char *word)');
    const freeValue = lib.func('void voikko_free_mor_analysis_value_cstr(char *v)');
    const ownedValue = koffi.disposable('voikko_value', 'str', freeValue);
    const analysisValue = lib.func('voikko_mor_analysis_value_cstr', ownedValue, ['void *', 'str']);
    const freeAnalysis = lib.func('void voikko_free_mor_analysis(void **a)');
    const versionFn = lib.func('const char *voikkoGetVersion()');
    const error: (string | null)[] = [null];
    const handle = init(error, 'fi', null) as unknown;
    if (!handle) return undefined;
    const hy = new Map<string, number[]>();
    const se = new Map<string, number[]>();
    loaded = {
      version: String(versionFn()),
      hyphenate(word) {
        let r = hy.get(word);
        if (!r) {
          const pattern = String(hyphenateCstr(handle, word) ?? '');
          r = [];
          // one pattern character per character of the word: "-" a break before it, "=" a break that
          // replaces it (a hyphen in the word; lehtinen's words have none)
          [...pattern].forEach((c, i) => c === '-' && r!.push(i));
          hy.set(word, r);
        }
        return r;
      },
      seams(word) {
        let r = se.get(word);
        if (!r) {
          // STRUCTURE: "=ppp=ppppp=ppppppp" for työ|hyvin|voinnin; "=" starts a part. Only seams every
          // reading of the word agrees on.
          const list = analyze(handle, word) as unknown;
          const readings: number[][] = [];
          if (list) {
            for (let i = 0; ; i++) {
              const a = koffi.decode(list, i * koffi.sizeof('void *'), 'void *') as unknown;
              if (!a) break;
              const s = analysisValue(a, 'STRUCTURE') as string | null;
              if (s) {
                const at: number[] = [];
                let n = 0;
                for (const c of s) {
                  if (c === '=') {
                    if (n > 0) at.push(n);
                  } else n++;
                }
                readings.push(at);
              }
            }
            freeAnalysis(list);
          }
          r = readings.length ? readings[0]!.filter((p) => readings.every((x) => x.includes(p))) : [];
          se.set(word, r);
        }
        return r;
      },
    };
    return loaded;
  } catch {
    return undefined;
  }
}
