/**
 * The downloads site's one stylesheet: the workspace's fonts (copied into the site, no web-font
 * service) and brand colours. Colour pairs and their WCAG 2.1 contrast (AA: 4.5:1, large text 3:1) are
 * the ones base.css of the example lists: ink on paper 16.9:1, paper on plum 14.4:1, plum on paper
 * 14.4:1, muted on paper 8.2:1, ink on lilac 15.0:1; any other brand gets the fallbacks below.
 * Works from 320 px up (WCAG 1.4.10 Reflow): one column, long Sámi words may break anywhere.
 */
import type { Workspace } from '../workspace/workspace.js';
import { fontFaceCss } from '../compose/font-faces.js';

export function siteCss(ws: Workspace, fontUrl: (rel: string) => string): string {
  const c = ws.config.brand.colors;
  const color = (name: string, fallback: string) => `--${name}:${c[name] ?? fallback};`;
  const family = ws.config.brand.fonts[0]!.family;
  const faces = fontFaceCss(ws, fontUrl, 'swap');
  return `${faces}
:root{${color('plum', '#3d1f47')}${color('ink', '#231a27')}${color('muted', '#5b4d60')}${color('paper', '#ffffff')}${color('lilac', '#f3edf5')}${color('lilac-mid', '#dccbe2')}${color('amber', '#f5c46a')}${color('rose', '#a3365a')}
  --font:${JSON.stringify(family)},system-ui,sans-serif}
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;font-family:var(--font);font-size:1.0625rem;line-height:1.5;color:var(--ink);background:var(--paper)}
img{max-width:100%;height:auto;display:block}
a{color:var(--plum);text-underline-offset:0.15em}
a:hover{text-decoration-thickness:2px}
a:focus-visible{outline:3px solid var(--rose);outline-offset:2px;border-radius:2px}
h1,h2,h3{line-height:1.15;overflow-wrap:anywhere;margin:0 0 .4em}
h1{font-size:clamp(1.7rem,6vw,2.6rem);font-weight:800}
h2{font-size:1.3rem;font-weight:800}
p{margin:0 0 .8em}
ul{margin:0;padding:0;list-style:none}
.wrap{max-width:72rem;margin:0 auto;padding:0 1rem}
.skip{position:absolute;left:.5rem;top:-10rem;background:var(--paper);color:var(--plum);padding:.5rem .8rem;z-index:10}
.skip:focus{top:.5rem}
.site-header{background:var(--plum);color:var(--paper)}
.site-header .wrap{display:flex;flex-wrap:wrap;align-items:center;gap:.75rem 1.5rem;padding-top:.9rem;padding-bottom:.9rem}
.brand{display:flex;align-items:center;gap:.75rem;color:var(--paper);text-decoration:none;font-weight:800;font-size:1.1rem;min-width:0}
.brand img{width:2.75rem;height:2.75rem;flex:none;background:var(--paper);border-radius:50%;padding:.3rem}
.brand span{overflow-wrap:anywhere}
.site-header a:focus-visible{outline-color:var(--amber)}
.langs{display:flex;flex-wrap:wrap;gap:.25rem .9rem;font-size:.95rem}
.langs a{color:var(--paper)}
.langs a[aria-current]{font-weight:800;text-decoration-thickness:3px}
main.wrap{padding-top:2rem;padding-bottom:3rem}
.intro{font-size:1.15rem;max-width:40rem}
.draft,.fallback-note{border-left:.35rem solid var(--rose);background:var(--lilac);padding:.8rem 1rem;margin:1rem 0 1.5rem;max-width:48rem}
.draft p,.fallback-note p{margin:0}.draft p+p,.fallback-note p+p{margin-top:.4rem}
.materials{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,19rem),1fr));gap:1.5rem;margin-top:1.5rem}
.material{display:flex;flex-direction:column;gap:.6rem;border:1px solid var(--lilac-mid);border-radius:.5rem;padding:1rem}
.preview{background:var(--lilac);border-radius:.3rem;padding:.75rem;display:flex;justify-content:center}
.preview img{max-height:22rem;width:auto;box-shadow:0 1px 4px rgb(0 0 0 / .25)}
.previews{display:flex;flex-wrap:wrap;gap:1rem;margin:1rem 0 1.5rem}
.previews .preview{flex:1 1 16rem}
.previews .preview img{max-height:34rem}
.facts{color:var(--muted);font-size:.95rem;margin:0}
.downloads{display:grid;gap:.45rem}
.downloads .meta{display:block;color:var(--muted);font-size:.9rem}
.downloads .primary{font-weight:700}
.images a+a{margin-left:.6rem}
.bundles{margin-top:2.5rem;border-top:1px solid var(--lilac-mid);padding-top:1.5rem}
.bundles ul{display:grid;gap:.6rem}
.choose{display:grid;gap:1rem;margin-top:1.5rem;max-width:40rem}
.choose a{display:block;border:1px solid var(--lilac-mid);border-radius:.5rem;padding:.9rem 1rem;text-decoration:none}
.choose a:hover{border-color:var(--plum)}
.choose .endonym{display:block;font-weight:800;font-size:1.2rem;text-decoration:underline}
.choose .campaign{display:block;color:var(--ink)}
.site-footer{border-top:1px solid var(--lilac-mid);color:var(--muted);font-size:.95rem;padding:1.5rem 0 2rem}
.site-footer a{color:var(--muted)}
`;
}
