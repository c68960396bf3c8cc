/**
 * The fallback notice (docs/content-model.md, "Fallback text"): a page that prints some texts from its
 * fallback language says so once, in its own language and in the fallback's, separately from the draft
 * notice. The text is the workspace's `common:fallback.notice` in exactly that language ({{language}} is
 * the fallback language's own name), else lehtinen's built-in text; a language with neither gets no line
 * (a notice in the wrong language would be one more fallback).
 */
import type { Workspace } from '../workspace/workspace.js';
import { KNOWN_LANGUAGES } from '../i18n/languages.js';

export const FALLBACK_NOTICE_KEY = 'common:fallback.notice';

const BUILT_IN: Record<string, string> = {
  fi: 'Osa tämän sivun teksteistä on toisella kielellä: {{language}}.',
  en: 'Parts of this page are shown in another language: {{language}}.',
  sv: 'En del av texterna på denna sida är på ett annat språk: {{language}}.',
};

export interface FallbackNotice {
  lang: string;
  text: string;
}

function name(ws: Workspace, code: string): string {
  return ws.languages.find((l) => l.code === code)?.name ?? KNOWN_LANGUAGES[code]?.endonym ?? code;
}

function noticeIn(ws: Workspace, lang: string, fallback: string): string | undefined {
  const own = ws.locales.get(lang)?.namespaces.common as Record<string, unknown> | undefined;
  const mine = (own?.fallback as Record<string, unknown> | undefined)?.notice;
  const template = typeof mine === 'string' && mine.trim() ? mine : BUILT_IN[lang];
  return template?.replace(/\{\{\s*language\s*\}\}/g, name(ws, fallback));
}

/** The notice lines for a page in `lang` that printed text from `fallbacks` (languages, in order). */
export function fallbackNotices(ws: Workspace, lang: string, fallbacks: string[]): FallbackNotice[] {
  const fb = [...new Set(fallbacks)].filter((l) => l !== lang);
  if (!fb.length) return [];
  const out: FallbackNotice[] = [];
  const own = noticeIn(ws, lang, fb.join(', '));
  if (own) out.push({ lang, text: own });
  for (const f of fb) {
    const t = noticeIn(ws, f, f);
    if (t) out.push({ lang: f, text: t });
  }
  return out;
}
