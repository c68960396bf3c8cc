/**
 * The state behind `lehtinen dev`: every variant composed (as for a proof build, so draft, outdated and
 * fallback strings carry their marks) and rewritten for the dev server's origin. refresh() loads the
 * workspace again after a change and tells which variants changed, so the page reloads only those.
 */
import { createHash, randomUUID } from 'node:crypto';
import path from 'node:path';
import { SANDBOX_ORIGIN, sandboxUrl } from '../browser/sandbox-origin.js';
import { composeVariant, type ComposedVariant } from '../compose/document.js';
import { bleedBoxMm, foldPositions, type Geometry } from '../compose/geometry.js';
import { planVariants, type Variant } from '../compose/variants.js';
import { formatError, isLehtinenError } from '../errors.js';
import { stringCounts } from '../pipeline/report-strings.js';
import { loadWorkspace, type Workspace } from '../workspace/workspace.js';
import type { PreviewCheck, PreviewMark } from './marks.js';

export interface PreviewVariant {
  id: string;
  material: string;
  lang: string;
  langName: string;
  title: string;
  geometry: Geometry;
  /** bleed box size in mm: the size of one page in the preview */
  pageMm: [number, number];
  /** fold x positions in mm from the trim's left edge, per page */
  folds: number[][];
  /** string statuses (draft, outdated, fallback…) */
  strings: Record<string, number>;
  /** overflow and other layout marks from registered checks (dev/marks.ts) */
  marks: PreviewMark[];
  /** bumped whenever the document changes; the page reloads an iframe only when this changes */
  rev: number;
  html: string;
  hash: string;
  /** what layout checks measure (not sent to the page) */
  composed: ComposedVariant;
}

export interface PreviewState {
  /** new each time lehtinen dev starts: revisions count from 1 again, so a page seeing a new one reloads all */
  session: string;
  languages: { code: string; name: string }[];
  materials: string[];
  variants: Omit<PreviewVariant, 'html' | 'hash' | 'composed'>[];
  /** the last refresh failed (e.g. a template with a syntax error): the previous documents stay */
  error?: string;
}

/** Files whose content is composed into the HTML: a change means load and compose again. */
const COMPOSED = /^(lehtinen\.config\.yaml|locales\/|templates\/)/;

export class Preview {
  private variants = new Map<string, PreviewVariant>();
  private ws?: Workspace;
  private unapplied: string[] = [];
  private readonly session = randomUUID();
  error?: string;

  constructor(readonly root: string) {}

  get workspace(): Workspace | undefined {
    return this.ws;
  }

  /** Load everything; throws on a broken workspace (the dev command reports it and stops). */
  async init(): Promise<void> {
    const ws = await loadWorkspace(this.root);
    this.apply(ws, await composeAll(ws));
  }

  /**
   * After `changed` (workspace-relative paths) changed on disk: compose again if a composed input
   * changed, and return the ids of variants whose document differs or that use a changed file.
   */
  async refresh(latest: string[]): Promise<string[]> {
    // Changes made while the workspace was broken are composed with the change that repairs it.
    const changed = [...new Set([...this.unapplied, ...latest])];
    const touched = new Set<string>();
    if (changed.some((rel) => COMPOSED.test(rel))) {
      try {
        const ws = await loadWorkspace(this.root);
        const next = await composeAll(ws, affected(ws, changed), this.variants);
        for (const v of next.values()) {
          const old = this.variants.get(v.id);
          if (!old || old.hash !== v.hash) touched.add(v.id);
        }
        for (const id of this.variants.keys()) if (!next.has(id)) touched.add(id);
        this.apply(ws, next);
        this.error = undefined;
        this.unapplied = [];
      } catch (e) {
        // Keep showing the last good documents; the page shows the message until the next good change.
        this.error = isLehtinenError(e) ? formatError(e) : (e as Error).message;
        this.unapplied = changed;
        return [];
      }
    }
    // A served file (font, image, linked stylesheet): every document that names it reloads.
    for (const rel of changed) {
      if (COMPOSED.test(rel) && !rel.endsWith('.css')) continue;
      const url = sandboxUrl(rel).slice(SANDBOX_ORIGIN.length);
      for (const v of this.variants.values()) if (v.html.includes(`"${url}"`) || v.html.includes(`(${url})`)) touched.add(v.id);
    }
    for (const id of touched) {
      const v = this.variants.get(id);
      if (v) v.rev++;
    }
    return [...touched].filter((id) => this.variants.has(id));
  }

  /**
   * Run a layout check on these variants; returns the ids whose marks changed. A variant recomposed
   * meanwhile keeps its marks until its own measurement.
   */
  async measure(ids: string[], check: PreviewCheck): Promise<string[]> {
    const ws = this.ws;
    if (!ws) return [];
    const changed: string[] = [];
    for (const id of ids) {
      const v = this.variants.get(id);
      if (!v) continue;
      const marks = await check(ws, v.composed);
      const now = this.variants.get(id);
      if (!now || now.hash !== v.hash) continue;
      if (JSON.stringify(now.marks) !== JSON.stringify(marks)) {
        now.marks = marks;
        changed.push(id);
      }
    }
    return changed;
  }

  get(id: string): PreviewVariant | undefined {
    return this.variants.get(id);
  }

  state(): PreviewState {
    const ws = this.ws!;
    return {
      session: this.session,
      languages: ws.languages.map((l) => ({ code: l.code, name: l.name })),
      materials: ws.materials.map((m) => m.id),
      variants: [...this.variants.values()].map(({ html: _h, hash: _x, composed: _c, ...v }) => v),
      ...(this.error ? { error: this.error } : {}),
    };
  }

  /** Folders worth watching: config, locales, templates and the folder of every file a document names. */
  watchPaths(): string[] {
    const dirs = new Set(['lehtinen.config.yaml', 'locales', 'templates']);
    for (const v of this.variants.values()) {
      for (const m of v.html.matchAll(/(?:src|href)="\/([^"?#]+)"|url\("?\/([^")]+)"?\)/g)) {
        const rel = decodeURIComponent(m[1] ?? m[2]!);
        if (!rel.startsWith('__lehtinen')) dirs.add(path.posix.dirname(rel));
      }
    }
    return [...dirs].map((d) => path.join(this.root, d));
  }

  private apply(ws: Workspace, next: Map<string, PreviewVariant>): void {
    // Revisions carry over; refresh() bumps those of the variants that changed.
    for (const v of next.values()) v.rev = this.variants.get(v.id)?.rev ?? 1;
    this.ws = ws;
    this.variants = next;
  }
}

/**
 * Which variants a change can affect (undefined = all): a locale file affects its language and the
 * languages that fall back to it (the source language: all, since its translations' status depends on
 * it); a material's own template folder affects the materials drawn with it; anything else (config,
 * partials, base.css) affects every variant.
 */
function affected(ws: Workspace, changed: string[]): ((v: Variant) => boolean) | undefined {
  const tests: ((v: Variant) => boolean)[] = [];
  for (const rel of changed.filter((r) => COMPOSED.test(r))) {
    const loc = /^locales\/([^/]+)\//.exec(rel);
    const tpl = /^templates\/([^/]+)\//.exec(rel);
    if (loc && loc[1] !== ws.sourceLang) {
      const lang = loc[1]!;
      tests.push((v) => v.lang.code === lang || v.lang.fallback.includes(lang));
    } else if (tpl && ws.materials.some((m) => m.template === tpl[1])) {
      const dir = tpl[1]!;
      tests.push((v) => v.material.template === dir);
    } else {
      return undefined;
    }
  }
  return (v) => tests.some((t) => t(v));
}

/** Compose the variants `only` selects (all if undefined); the others keep their previous document. */
async function composeAll(ws: Workspace, only?: (v: Variant) => boolean, prev?: Map<string, PreviewVariant>): Promise<Map<string, PreviewVariant>> {
  const day = new Date().toISOString().slice(0, 10);
  const out = new Map<string, PreviewVariant>();
  for (const v of planVariants(ws)) {
    const kept = only && !only(v) ? prev?.get(v.id) : undefined;
    if (kept) {
      out.set(v.id, { ...kept });
      continue;
    }
    // trace: every string carries its key (data-l10n-key), so a click on it opens it in the edit panel.
    const c = composeVariant(ws, v, day, { proof: true, trace: true });
    const html = forDevServer(c.html);
    out.set(v.id, {
      id: v.id,
      material: v.material.id,
      lang: v.lang.code,
      langName: v.lang.name,
      title: c.title,
      geometry: c.geometry,
      pageMm: bleedBoxMm(c.geometry),
      folds: Array.from({ length: c.geometry.pages }, (_, p) => foldPositions(c.geometry, p)),
      strings: stringCounts(c),
      // Marks are measured after the page shows the document (measure()); until then the last ones stay.
      marks: prev?.get(v.id)?.marks ?? [],
      rev: 0,
      html,
      hash: createHash('sha256').update(html).digest('hex'),
      composed: c,
    });
  }
  return out;
}

/**
 * The documents name workspace files under the render sandbox's origin; the dev server serves the same
 * files from its own origin, so those URLs become root-relative and the CSP allows 'self' instead.
 */
export function forDevServer(html: string): string {
  return html.replaceAll(`-src ${SANDBOX_ORIGIN}`, "-src 'self'").replaceAll(SANDBOX_ORIGIN + '/', '/');
}

export type { ComposedVariant };
