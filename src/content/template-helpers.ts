/**
 * Helpers the default templates use to place the content model's lists (docs/content-model.md):
 * {{#with (at content.sections 0)}} for one item, {{#each (slice content.sections 1 4)}} for a run of
 * them, {{inc @index}} to count from 1. An index past the end gives nothing, never an error, so a
 * campaign with fewer sections leaves the place empty.
 */
import type Handlebars from 'handlebars';

export const contentHelpers: Record<string, Handlebars.HelperDelegate> = {
  at: (list: unknown, i: unknown) => (Array.isArray(list) && typeof i === 'number' ? list[i] : undefined),
  slice: (list: unknown, from: unknown, to: unknown) =>
    Array.isArray(list) ? list.slice(typeof from === 'number' ? from : 0, typeof to === 'number' ? to : undefined) : [],
  inc: (n: unknown) => (typeof n === 'number' ? n + 1 : n),
};
