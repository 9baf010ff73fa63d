/**
 * Splitting one scan across matrix jobs (`shard: i/n`), for repositories one
 * runner cannot scan in time. A file or lockfile belongs to exactly one shard,
 * chosen by a stable hash of its repository-relative path, so every shard of
 * every run agrees without talking to the others, and the shards' results
 * together are the unsharded result (the merge job checks that every shard
 * reported).
 */
import { createHash } from 'node:crypto';

export interface Shard {
  /** 1-based, as people and matrix expressions count. */
  index: number;
  count: number;
}

/** Most shards a scan may be split into: GitHub runs at most 256 jobs of one matrix. */
export const MAX_SHARDS = 256;

/** `2/4` as a Shard, or what is wrong with it. */
export function parseShard(text: string): Shard | { error: string } {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!match) return { error: `must be i/n, e.g. 1/4 (got "${text}")` };
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || count > MAX_SHARDS) return { error: `must have a shard count from 1 to ${MAX_SHARDS} (got ${count})` };
  if (index < 1 || index > count) return { error: `must have a shard index from 1 to ${count} (got ${index})` };
  return { index, count };
}

/** Whether the item named `key` (a repository-relative path) is this shard's; always true without a shard. */
export function inShard(key: string, shard: Shard | undefined): boolean {
  if (!shard || shard.count === 1) return true;
  const digest = createHash('sha256').update(key).digest();
  return digest.readUInt32BE(0) % shard.count === shard.index - 1;
}

export function describeShard(shard: Shard): string {
  return `${shard.index}/${shard.count}`;
}
