/**
 * The review file a reviewer's page downloads ("Save my review") and `lehtinen review import` reads:
 * JSON, one entry per string the reviewer touched. `sourceHash` and `original` say which source and which
 * text the reviewer saw, so an import after either changed is refused instead of approving unseen text.
 */
import { z } from 'zod';

export const REVIEW_FORMAT = 'lehtinen-review';
export const REVIEW_VERSION = 1;

export const reviewItemSchema = z
  .object({
    key: z.string().min(1),
    sourceHash: z.string().regex(/^[0-9a-f]{12}$/),
    /** the text the reviewer was shown; null when the language lacked it */
    original: z.string().nullable(),
    /** approved: correct as it is, or as corrected in `text` */
    approved: z.boolean(),
    /** the reviewer's text, when it differs from the original */
    text: z.string().optional(),
    comment: z.string().optional(),
  })
  .strict();

export const reviewFileSchema = z
  .object({
    format: z.literal(REVIEW_FORMAT),
    version: z.literal(REVIEW_VERSION),
    campaign: z.string(),
    lang: z.string(),
    sourceLang: z.string(),
    /** when the page was exported (ISO time) */
    exported: z.string(),
    reviewer: z.string().trim().min(1, 'the reviewer’s name is missing'),
    /** when the review was saved, YYYY-MM-DD */
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    items: z.array(reviewItemSchema),
  })
  .strict();

export type ReviewFile = z.infer<typeof reviewFileSchema>;
export type ReviewItem = z.infer<typeof reviewItemSchema>;
