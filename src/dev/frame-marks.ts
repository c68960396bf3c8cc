/**
 * Overflow marks for the `lehtinen dev` preview: each changed document is laid out once in lehtinen's own
 * sandboxed browser, its frames copy-fitted and measured exactly as the build does (browser/frames.ts),
 * and the findings the build would stop on (check/frame-rules.ts) become rectangles over the preview.
 * The browser starts on the first measurement and stays warm; measuring runs after the page has already
 * shown the new text, so the live loop never waits for it.
 */
import { inspectLayout } from '../browser/layout.js';
import { BrowserSession } from '../browser/session.js';
import { frameProblems, OVERFLOW_CODES } from '../check/frame-rules.js';
import type { ComposedVariant } from '../compose/document.js';
import { mmToPx } from '../compose/geometry.js';
import type { Workspace } from '../workspace/workspace.js';
import type { PreviewMark } from './marks.js';

export interface FrameMarker {
  check(ws: Workspace, c: ComposedVariant): Promise<PreviewMark[]>;
  close(): Promise<void>;
}

export function frameMarker(o: { browserPath?: string; timeoutMs?: number } = {}): FrameMarker {
  let session: BrowserSession | undefined;
  return {
    async check(ws, c) {
      session ??= new BrowserSession({ browserPath: o.browserPath, concurrency: 1 });
      const { geometry, variant } = c;
      const layout = await inspectLayout(session, {
        id: variant.id,
        html: c.html,
        root: ws.root,
        qrLabel: c.qr.payload,
        inset: mmToPx(geometry.bleed),
        timeoutMs: o.timeoutMs ?? 30_000,
        frames: { bleedPx: mmToPx(geometry.bleed), safePx: mmToPx(geometry.safe) },
      });
      const marks: PreviewMark[] = [];
      const where = { variantId: variant.id, material: variant.material.id, lang: variant.lang.code, template: variant.material.template };
      for (const f of layout.frames?.frames ?? []) {
        // One frame at a time through the build's own rules: the same thresholds and the same words.
        const found = frameProblems(where, { frames: [f], images: [] }).filter((p) => OVERFLOW_CODES.has(p.code));
        if (!found.length) continue;
        marks.push({ kind: 'overflow', page: f.page, ...f.box, label: found.map((p) => p.message).join('\n') });
      }
      return marks;
    },
    async close() {
      await session?.close();
    },
  };
}
