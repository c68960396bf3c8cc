/**
 * Scale-out by shards (lehtinen build --shard K/N, then lehtinen merge): shard K of N builds every N-th
 * variant of the plan (materials × languages in workspace order), starting at the K-th. The same sources
 * give the same split on every machine, and materials spread evenly over the shards.
 */
import { LehtinenError } from '../errors.js';

export interface Shard {
  /** 1-based */
  index: number;
  count: number;
}

export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count) {
    throw new LehtinenError('USAGE', `--shard: "${text}" is not K/N with 1 ≤ K ≤ N`, {
      hint: 'E.g. --shard 2/5 builds the second fifth of the variants; build 1/5 … 5/5 and join them with lehtinen merge.',
    });
  }
  return { index, count };
}

export function shareOf<T>(all: T[], shard: Shard | undefined): T[] {
  return shard ? all.filter((_, i) => i % shard.count === shard.index - 1) : all;
}
