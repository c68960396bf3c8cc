/**
 * The content model (docs/content-model.md): what the default templates print, described as data. The
 * structure of a material's content comes from the source language's locale files (which sections,
 * which fields, how many list items) and from the config (help lines, contact people, funders); the
 * templates receive translation keys and call {{t key}} on them, so every language prints the same
 * structure and a missing translation falls back key by key. A field that is absent or empty in the
 * source is null (or an empty list) and the templates leave its block out.
 *
 * Lookup rule: a key is looked up in the material's own namespace first, then in common
 * (`brochure:help.lead` overrides `common:help.lead` on the brochure only).
 */
import type { ResourceTree } from '../workspace/load-locales.js';
import type { Workspace } from '../workspace/workspace.js';

/** Key = a translation key ("ns:dotted.key") the template prints with {{t}} or {{md}}; null = leave it out. */
export type Key = string | null;

/** The fields of a section, in the order the default templates print them. */
export const SECTION_FIELDS = {
  eyebrow: 'text',
  title: 'text',
  text: 'rich',
  statement: 'text',
  more: 'rich',
  list: 'list',
  items: 'items',
  callout: 'text',
  aside: 'items',
  note: 'text',
} as const;

export interface ItemData {
  title: Key;
  text: Key;
}

export interface SectionData {
  id: string;
  /** position in the material's sections, from 1 */
  n: number;
  eyebrow: Key;
  title: Key;
  text: Key;
  statement: Key;
  more: Key;
  list: string[];
  items: ItemData[];
  callout: Key;
  aside: ItemData[];
  note: Key;
}

export interface HelplineData {
  id: string;
  phone: string;
  url: string;
  urlLabel: string;
  highlight: boolean;
  label: Key;
  note: Key;
  detail: Key;
}

export interface PersonData {
  id: string;
  name: string;
  phone: string;
  email: string;
  role: Key;
}

export interface FunderData {
  id: string;
  /** URL of the logo for the render sandbox, or null */
  logo: string | null;
  statement: Key;
}

export interface ContentData {
  organisation: { name: Key; logoAlt: Key };
  campaign: { name: Key; tagline: Key; period: Key };
  sections: SectionData[];
  help: { title: Key; lead: Key; lines: HelplineData[]; highlight: HelplineData | null; items: ItemData[] } | null;
  people: { title: Key; list: PersonData[] } | null;
  funders: FunderData[];
  languages: { label: Key };
  qr: { caption: Key };
}

/**
 * Keys lehtinen's own code prints (not the templates): the PDF title and the site, the bundles' README,
 * the QR code's alt text. Listed here so check knows them as used, and docs/content-model.md lists them.
 */
export const CODE_KEYS = [
  '<material>:title',
  'common:organisation.name',
  'common:campaign.name',
  'common:logo.alt',
  'common:qr.alt',
  'common:funders.<id>',
  // the fallback notice (content/fallback-notice.ts), read per language
  'common:fallback.notice',
  // the downloads site (src/site/pages.ts)
  'site:skip', 'site:intro', 'site:chooseLanguage', 'site:languages', 'site:materials', 'site:download', 'site:print',
  'site:printNote', 'site:images', 'site:page', 'site:pages', 'site:size.mb', 'site:size.trim', 'site:preview',
  'site:bundle', 'site:printBundle', 'site:back', 'site:otherLanguages', 'site:fileType', 'site:draft',
] as const;

/** Keys a workspace may keep without anything printing them (check does not call them unused). */
export const KEPT_KEYS: readonly string[] = ['site:title'];

type Node = string | ResourceTree | undefined;

function at(tree: Node, path: string[]): Node {
  let cur: Node = tree;
  for (const p of path) {
    if (cur === undefined || typeof cur === 'string') return undefined;
    cur = (cur as Record<string, Node>)[p];
  }
  return cur;
}

/** Whether a node has any non-blank text. */
function filled(n: Node): boolean {
  if (n === undefined) return false;
  if (typeof n === 'string') return n.trim() !== '';
  return Object.values(n).some((v) => filled(v as Node));
}

export class ContentModel {
  constructor(
    private readonly source: Record<string, ResourceTree>,
    private readonly material: string,
  ) {}

  /** `<material>:path` when the source has text there, else `common:path`, else null. */
  key(path: string): Key {
    for (const ns of [this.material, 'common']) {
      if (filled(at(this.source[ns], path.split('.')))) return `${ns}:${path}`;
    }
    return null;
  }

  private node(key: string): Node {
    const [ns, rest] = key.split(':') as [string, string];
    return at(this.source[ns], rest.split('.'));
  }

  /** A text field under a key that holds an object: "ns:a.b" + "title" → "ns:a.b.title" or null. */
  private field(base: string, name: string): Key {
    return filled(this.node(`${base}.${name}`)) ? `${base}.${name}` : null;
  }

  private list(base: string): string[] {
    const n = this.node(base);
    if (!Array.isArray(n)) return filled(n) && typeof n === 'string' ? [base] : [];
    return n.map((v, i) => (filled(v as Node) ? `${base}.${i}` : null)).filter((k): k is string => k !== null);
  }

  /** items: a list of { title, text } objects, or of plain strings (text only). */
  items(base: string): ItemData[] {
    const n = this.node(base);
    if (!Array.isArray(n) && (typeof n !== 'object' || n === null)) return [];
    const entries = Array.isArray(n) ? n.map((v, i) => [String(i), v] as const) : Object.entries(n);
    return entries
      .filter(([, v]) => filled(v as Node))
      .map(([i, v]) =>
        typeof v === 'string' ? { title: null, text: `${base}.${i}` } : { title: this.field(`${base}.${i}`, 'title'), text: this.field(`${base}.${i}`, 'text') },
      );
  }

  sections(): SectionData[] {
    const base = this.key('sections');
    if (!base) return [];
    const node = this.node(base);
    // sections is an object of named sections; anything else holds no section (check reports it unused).
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return [];
    const tree = node as ResourceTree;
    return Object.keys(tree)
      .filter((id) => filled(tree[id] as Node))
      .map((id, i) => {
        const k = `${base}.${id}`;
        return {
          id,
          n: i + 1,
          eyebrow: this.field(k, 'eyebrow'),
          title: this.field(k, 'title'),
          text: this.field(k, 'text'),
          statement: this.field(k, 'statement'),
          more: this.field(k, 'more'),
          list: this.list(`${k}.list`),
          items: this.items(`${k}.items`),
          callout: this.field(k, 'callout'),
          aside: this.items(`${k}.aside`),
          note: this.field(k, 'note'),
        };
      });
  }
}

/** The content data of one material, for its template (`content` in the template data). */
export function contentData(ws: Workspace, material: string, assetUrl: (rel: string) => string, urlLabel: (u: string) => string): ContentData {
  const m = new ContentModel(ws.locales.get(ws.sourceLang)!.namespaces, material);
  const cfg = ws.config;
  const lines: HelplineData[] = cfg.helplines.map((h) => ({
    id: h.id,
    phone: h.phone,
    url: h.url ?? '',
    urlLabel: h.url ? urlLabel(h.url) : '',
    highlight: h.highlight,
    label: m.key(`help.lines.${h.id}.label`),
    note: m.key(`help.lines.${h.id}.note`),
    detail: m.key(`help.lines.${h.id}.detail`),
  }));
  const helpItems = m.key('help.items');
  const help = {
    title: m.key('help.title'),
    lead: m.key('help.lead'),
    lines,
    highlight: lines.find((l) => l.highlight) ?? null,
    items: helpItems ? m.items(helpItems) : [],
  };
  const people: PersonData[] = cfg.people.map((p) => ({
    id: p.id,
    name: p.name ?? '',
    phone: p.phone ?? '',
    email: p.email ?? '',
    role: m.key(`people.${p.id}.role`),
  }));
  return {
    organisation: { name: m.key('organisation.name'), logoAlt: m.key('logo.alt') },
    campaign: { name: m.key('campaign.name'), tagline: m.key('campaign.tagline'), period: m.key('campaign.period') },
    sections: m.sections(),
    help: lines.length || help.items.length ? help : null,
    people: people.length ? { title: m.key('people.title'), list: people } : null,
    funders: cfg.funders.map((f) => ({ id: f.id, logo: f.logo ? assetUrl(f.logo) : null, statement: m.key(`funders.${f.id}`) })),
    languages: { label: m.key('languages.label') },
    qr: { caption: m.key('qr.caption') },
  };
}
