/**
 * How lehtinen's translation statuses map to XLIFF states, both ways.
 *
 * XLIFF 2.0 (OASIS XLIFF 2.0 §4.3.1.39 state, §4.3.1.40 subState: "prefix:value", the prefix naming who
 * defines the value):
 *   missing   → <segment state="initial">, no <target>
 *   draft     → state="initial" subState="lehtinen:draft"
 *   outdated  → state="initial" subState="lehtinen:outdated"
 *   translated→ state="translated"
 *   reviewed  → state="reviewed"             (final is read as reviewed too)
 * XLIFF 1.2 (OASIS XLIFF 1.2, attribute state of <target>, values of the "state" list):
 *   missing   → no <target>
 *   draft     → state="needs-review-translation"
 *   outdated  → state="needs-translation"
 *   translated→ state="translated"
 *   reviewed  → state="signed-off"           (final is read as reviewed too)
 *   new and the other needs-* values are read as draft; a target without state is read as draft.
 *
 * Reading back, "outdated" means "still outdated": a unit that comes back with the outdated state and its
 * text unchanged changes nothing; with a new text it becomes a draft of the current source.
 */
import type { TranslationStatus } from '../status.js';

export type XliffVersion = '2.0' | '1.2';
export type ExportStatus = TranslationStatus | 'outdated' | 'missing';
/** what an imported unit asks for */
export type ImportState = TranslationStatus | 'still-outdated';

export function toXliff20(s: ExportStatus): { state: string; subState?: string } {
  switch (s) {
    case 'missing':
      return { state: 'initial' };
    case 'draft':
      return { state: 'initial', subState: 'lehtinen:draft' };
    case 'outdated':
      return { state: 'initial', subState: 'lehtinen:outdated' };
    default:
      return { state: s };
  }
}

export function fromXliff20(state: string | undefined, subState: string | undefined): ImportState | undefined {
  switch (state) {
    case 'initial':
    case undefined:
      return subState === 'lehtinen:outdated' ? 'still-outdated' : 'draft';
    case 'translated':
      return 'translated';
    case 'reviewed':
    case 'final':
      return 'reviewed';
    default:
      return undefined;
  }
}

export function toXliff12(s: ExportStatus): string | undefined {
  return { missing: undefined, draft: 'needs-review-translation', outdated: 'needs-translation', translated: 'translated', reviewed: 'signed-off' }[s];
}

const XLIFF12_DRAFT = ['new', 'needs-review-translation', 'needs-adaptation', 'needs-l10n', 'needs-review-adaptation', 'needs-review-l10n'];

export function fromXliff12(state: string | undefined): ImportState | undefined {
  if (state === undefined || XLIFF12_DRAFT.includes(state)) return 'draft';
  if (state === 'needs-translation') return 'still-outdated';
  if (state === 'translated') return 'translated';
  if (state === 'signed-off' || state === 'final') return 'reviewed';
  return undefined;
}
