/**
 * `lehtinen review import FILE`: merge a native reviewer's review file into the locales, all or nothing.
 * An approved text gets status reviewed with the current source hash; every touched text records the
 * reviewer's name and the date, and their comment for the editor (status.yaml: reviewer, reviewed,
 * comment). A corrected text is checked as an XLIFF import checks it (placeholders, plural forms the
 * language uses, Skolt and other Sámi orthography: i18n/string-edits.ts). A text or source that changed
 * since the page was exported rejects the whole file: the reviewer did not see what would be approved.
 */
import { LehtinenError } from '../errors.js';
import type { Problem } from '../problems.js';
import { languageState } from '../i18n/state.js';
import type { StatusEntry } from '../i18n/status.js';
import { checkText, planStringFiles, type PlannedEdit } from '../i18n/string-edits.js';
import { parseJsonOrThrow } from './parse.js';
import type { Workspace } from '../workspace/workspace.js';
import { reviewFileSchema, type ReviewFile } from './format.js';

export interface ReviewPlan {
  review: ReviewFile;
  approved: string[];
  corrected: string[];
  comments: { key: string; comment: string }[];
  files: Map<string, string>;
  warnings: Problem[];
}

export function planReviewImport(ws: Workspace, text: string, file: string): ReviewPlan {
  const parsed = reviewFileSchema.safeParse(parseJsonOrThrow(text, file));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new LehtinenError('REVIEW_SYNTAX', `${file}: ${issue.path.join('.') || 'the file'}: ${issue.message}`, {
      where: { file, key: issue.path.join('.') },
      hint: 'A review file is the JSON that "Save my review" downloads from the page lehtinen review export wrote.',
    });
  }
  const review = parsed.data;
  const lang = review.lang;
  if (!ws.locales.has(lang) || lang === ws.sourceLang) {
    throw new LehtinenError('REVIEW_REJECTED', `${file}: "${lang}" is not a translation language of the workspace`, {
      where: { file },
      hint: `The workspace translates ${ws.sourceLang} into ${ws.languages.filter((l) => l.code !== ws.sourceLang).map((l) => l.code).join(', ')}.`,
    });
  }
  const errors: string[] = [];
  if (review.sourceLang !== ws.sourceLang) errors.push(`the source language is ${review.sourceLang}, the workspace's is ${ws.sourceLang}`);
  if (review.campaign !== ws.config.campaign.id) errors.push(`the review is of campaign "${review.campaign}", the workspace's is "${ws.config.campaign.id}"`);
  const state = languageState(ws.locales, ws.sourceLang, lang);
  const byKey = new Map(state.keys.map((k) => [k.key, k]));
  const seen = new Set<string>();
  const edits: PlannedEdit[] = [];
  const out: Omit<ReviewPlan, 'files' | 'review'> = { approved: [], corrected: [], comments: [], warnings: [] };
  for (const item of review.items) {
    const k = byKey.get(item.key);
    if (!k) {
      const extra = state.extra.some((e) => e.key === item.key);
      errors.push(`unknown key "${item.key}": ${extra ? `${lang} has it, but the ${ws.sourceLang} source does not need it (a plural form ${lang} does not use, or a removed string)` : `the ${ws.sourceLang} source has no such string`}`);
      continue;
    }
    if (seen.has(item.key)) errors.push(`${item.key} appears twice`);
    seen.add(item.key);
    if (item.sourceHash !== k.sourceHash) {
      errors.push(`${item.key}: the ${ws.sourceLang} text changed after the review page was exported (now "${short(k.sourceText)}")`);
      continue;
    }
    if ((k.text ?? null) !== item.original) {
      errors.push(`${item.key}: the ${lang} text changed after the review page was exported (now "${short(k.text ?? '(missing)')}", the reviewer saw "${short(item.original ?? '(missing)')}")`);
      continue;
    }
    const corrected = item.text !== undefined && item.text.trim() !== '' && item.text !== (k.text ?? '') ? item.text : undefined;
    if (corrected !== undefined) {
      const c = checkText(lang, k, corrected);
      if (c.error) {
        errors.push(c.error);
        continue;
      }
      out.warnings.push(...c.warnings);
      out.corrected.push(k.key);
    }
    if (item.approved && corrected === undefined && k.text === undefined) {
      errors.push(`${item.key}: approved, but ${lang} has no text for it and the review gives none`);
      continue;
    }
    if (item.approved) out.approved.push(k.key);
    const comment = item.comment?.trim() || undefined;
    if (comment) out.comments.push({ key: k.key, comment });
    if (!item.approved && corrected === undefined && !comment) continue;
    // Approved: reviewed. Corrected but not approved: the reviewer's suggestion, still a draft. Comment only: status as it was.
    const status = item.approved ? 'reviewed' : corrected !== undefined ? 'draft' : (k.entry?.status ?? 'translated');
    const entry: StatusEntry = { ...(k.entry ?? {}), status, source: k.sourceHash, reviewer: review.reviewer.trim(), reviewed: review.date };
    if (comment) entry.comment = comment;
    else delete entry.comment;
    edits.push({ k, text: corrected, entry });
  }
  if (errors.length) {
    throw new LehtinenError('REVIEW_REJECTED', `${file}: ${errors.length} problem(s); nothing was imported`, {
      where: { file },
      details: errors.slice(0, 50).concat(errors.length > 50 ? [`… and ${errors.length - 50} more`] : []),
      hint: 'Nothing was changed. If the texts changed since the export, export the review page again and ask the reviewer to check those texts there.',
    });
  }
  return { review, ...out, files: planStringFiles(ws, lang, edits) };
}

function short(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}
