/**
 * `lehtinen merge DIR…`: the outputs of `build --shard K/N` joined into one output folder, with the
 * manifest, build cache, zip bundles and downloads site a single build of the same sources writes (with
 * SOURCE_DATE_EPOCH, byte for byte). Every file is checked against its shard's manifest on the way in.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { LehtinenError } from '../errors.js';
import { assertOwnedOutput, MARKER_TEXT, OWNER_MARKER } from '../output/ownership.js';
import { lockAndStage } from '../output/lock.js';
import { MANIFEST, mergeManifest, readManifest, type Manifest, type ManifestVariant } from '../output/manifest.js';
import type { Problem } from '../problems.js';
import { publish } from '../site/publish.js';
import { VERSION } from '../version.js';
import { loadWorkspace } from '../workspace/workspace.js';
import { BuildCache } from './cache.js';

export interface MergeOptions {
  root: string;
  /** shard output folders */
  dirs: string[];
  outDir?: string;
  site?: boolean;
  bundles?: boolean;
  signal?: AbortSignal;
}

export interface MergeResult {
  outDir: string;
  manifest: Manifest;
  problems: Problem[];
  variants: number;
  files: number;
}

export async function merge(opts: MergeOptions, events: { wait?(m: string): void } = {}): Promise<MergeResult> {
  const ws = await loadWorkspace(opts.root);
  if (!opts.dirs.length) throw new LehtinenError('USAGE', 'merge: name the shard output folders to join', { hint: 'lehtinen merge out-1 out-2 out-3' });
  const shards: { dir: string; manifest: Manifest }[] = [];
  for (const d of opts.dirs) {
    const dir = path.resolve(d);
    const manifest = await readManifest(dir);
    if (!manifest) {
      throw new LehtinenError('USAGE', `merge: ${dir} holds no readable ${MANIFEST}`, {
        hint: 'Give the output folders of `lehtinen build --shard K/N`, each with its manifest.json.',
      });
    }
    shards.push({ dir, manifest });
  }
  // Shards of one build: the same lehtinen, campaign and kind of output, and one build date.
  const first = shards[0]!.manifest;
  for (const { dir, manifest: m } of shards) {
    const differs =
      m.version !== VERSION
        ? `was built by lehtinen ${m.version}, this is ${VERSION}`
        : m.workspace.campaign !== ws.config.campaign.id || m.workspace.version !== ws.config.campaign.version
          ? `is campaign ${m.workspace.campaign} ${m.workspace.version}, the workspace has ${ws.config.campaign.id} ${ws.config.campaign.version}`
          : !!m.proof !== !!first.proof
            ? 'mixes proofs and final files'
            : m.generated !== first.generated
              ? `was built at ${m.generated}, ${shards[0]!.dir} at ${first.generated}`
              : engineDiffers(m, first);
    if (differs) {
      throw new LehtinenError('USAGE', `merge: ${dir} ${differs}`, {
        hint: 'Build every shard from the same sources with the same lehtinen, and the same SOURCE_DATE_EPOCH (e.g. the commit time).',
      });
    }
  }
  const owner = new Map<string, string>();
  const variants: { v: ManifestVariant; dir: string }[] = [];
  for (const { dir, manifest } of shards) {
    for (const v of manifest.variants) {
      const id = `${v.material}-${v.lang}`;
      if (owner.has(id)) {
        throw new LehtinenError('USAGE', `merge: ${id} is in both ${owner.get(id)} and ${dir}`, {
          hint: 'Give each shard once (--shard 1/N … N/N of one build).',
        });
      }
      owner.set(id, dir);
      variants.push({ v, dir });
    }
  }

  const outDir = opts.outDir ? path.resolve(opts.outDir) : path.join(ws.root, ws.config.output.dir, ...(first.proof ? ['proof'] : []));
  if (shards.some((s) => s.dir === outDir)) {
    throw new LehtinenError('USAGE', `merge: the output folder ${outDir} is one of the shards`, { hint: 'Merge into another folder with --out.' });
  }
  // The same rule as build: only a missing, empty or lehtinen-marked folder (output/ownership.ts).
  await assertOwnedOutput(outDir, ws.root, opts.outDir ? '--out' : 'output.dir');
  const { lock, staging } = await lockAndStage(outDir, { wait: events.wait, signal: opts.signal });
  try {
    const cache = await BuildCache.open(outDir, ws.root, false);
    let files = 0;
    for (const { v, dir } of variants) {
      for (const f of v.files) {
        opts.signal?.throwIfAborted();
        const abs = path.join(dir, f.path);
        const data = await readFile(abs).catch(() => undefined);
        if (!data || data.byteLength !== f.bytes || createHash('sha256').update(data).digest('hex') !== f.sha256) {
          throw new LehtinenError('USAGE', `merge: ${abs} ${data ? 'differs from' : 'is missing but listed in'} its shard's manifest`, {
            hint: 'Copy the shard output whole (e.g. download the CI artifact again), or rebuild that shard.',
          });
        }
        await staging.write(f.path, data);
        files++;
      }
    }
    for (const { dir, manifest } of shards) await cache.adopt(dir, manifest.variants.map((v) => `${v.material}-${v.lang}`));
    const next: Manifest = {
      tool: 'lehtinen',
      version: VERSION,
      generated: first.generated,
      workspace: first.workspace,
      ...(first.proof ? { proof: true } : {}),
      // As the shards built them (each language with the hyphenation engine that set it).
      languages: first.languages,
      variants: variants.map((x) => x.v),
    };
    const order = ws.materials.flatMap((m) => ws.languages.map((l) => `${m.id}-${l.code}`));
    const merged = mergeManifest(await readManifest(outDir), next, outDir, order);
    const published = await publish(ws, merged, staging, {
      site: !first.proof && (opts.site ?? ws.config.output.site),
      bundles: !first.proof && (opts.bundles ?? ws.config.output.bundles),
      date: new Date(first.generated),
    });
    await cache.write(staging);
    await staging.write(OWNER_MARKER, MARKER_TEXT);
    await staging.write(MANIFEST, JSON.stringify(published.manifest, null, 2) + '\n');
    await staging.commit(MANIFEST);
    return { outDir, manifest: published.manifest, problems: published.problems, variants: variants.length, files };
  } catch (e) {
    await staging.abort();
    if (opts.signal?.aborted) throw new LehtinenError('USAGE', 'merge interrupted; the previous output was left as it was');
    throw e;
  } finally {
    await lock.release();
  }
}

/**
 * Shards that hyphenated a language with different engines (Voikko on one runner, patterns on another)
 * would break words differently in one campaign: the merged output would not be what one machine builds.
 */
function engineDiffers(m: Manifest, first: Manifest): string | undefined {
  for (const l of m.languages) {
    const other = first.languages.find((f) => f.code === l.code);
    if (other && other.hyphenation !== l.hyphenation) {
      return `hyphenated ${l.code} with ${l.hyphenation ?? 'no engine'}, the first shard with ${other.hyphenation ?? 'no engine'} (install the same hyphenation, e.g. libvoikko, on every machine)`;
    }
  }
  return undefined;
}
