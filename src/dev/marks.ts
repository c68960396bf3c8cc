/**
 * Marks on the `lehtinen dev` preview (text overflowing its box, content outside the safe area…), as
 * checks produce them (dev/frame-marks.ts). The page draws them over the document, so a check never
 * changes the document itself.
 */
import type { ComposedVariant } from '../compose/document.js';
import type { Workspace } from '../workspace/workspace.js';

export interface PreviewMark {
  kind: 'overflow' | string;
  /** 1-based page of the variant */
  page: number;
  /** rectangle in mm from the top-left corner of the page's bleed box */
  x: number;
  y: number;
  w: number;
  h: number;
  /** shown on hover, e.g. "brochure:help.lead overflows its panel by 4.2 mm" */
  label: string;
}

export type PreviewCheck = (ws: Workspace, composed: ComposedVariant) => PreviewMark[] | Promise<PreviewMark[]>;
