/**
 * The last stage of a build, after the manifest: zip bundles, then the downloads site that links to
 * them. Both are written into the build's staging folder, so they appear only with a successful build.
 */
import type { Manifest } from '../output/manifest.js';
import type { Staging } from '../output/staging.js';
import type { Problem } from '../problems.js';
import type { Workspace } from '../workspace/workspace.js';
import { writeBundles } from './bundles.js';
import { SITE_DIR, writeSite } from './build-site.js';

export interface PublishOptions {
  site: boolean;
  bundles: boolean;
  date: Date;
}

export async function publish(ws: Workspace, manifest: Manifest, staging: Staging, o: PublishOptions): Promise<{ manifest: Manifest; problems: Problem[] }> {
  const bundles = o.bundles ? await writeBundles(ws, manifest, staging, o.date) : [];
  const site = o.site ? await writeSite(ws, manifest, bundles, staging) : undefined;
  return {
    manifest: {
      ...manifest,
      ...(o.bundles ? { bundles } : {}),
      ...(site ? { site: `${SITE_DIR}/` } : {}),
    },
    problems: site?.problems ?? [],
  };
}
