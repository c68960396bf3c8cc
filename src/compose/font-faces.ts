/**
 * @font-face rules for the workspace's font families (brand.fonts), for the print documents and the
 * downloads site alike; only where the files are served from and how text waits for them differ.
 */
import type { Workspace } from '../workspace/workspace.js';

export function fontFaceCss(ws: Workspace, url: (rel: string) => string, display: 'block' | 'swap'): string {
  return ws.config.brand.fonts
    .flatMap((f) =>
      f.files.map(
        (file) =>
          `@font-face{font-family:${JSON.stringify(f.family)};src:url(${JSON.stringify(url(file.path))}) format("truetype");` +
          `font-weight:${file.weight};font-style:${file.style};font-display:${display}}`,
      ),
    )
    .join('\n');
}
