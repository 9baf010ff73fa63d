import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { inShard, parseShard } from '../../src/core/action/shard.js';

describe('shards', () => {
  it('parses i/n and names what is wrong', () => {
    expect(parseShard(' 2 / 4 ')).toEqual({ index: 2, count: 4 });
    expect(parseShard('2of4')).toEqual({ error: 'must be i/n, e.g. 1/4 (got "2of4")' });
    expect(parseShard('0/4')).toEqual({ error: 'must have a shard index from 1 to 4 (got 0)' });
    expect(parseShard('1/999')).toEqual({ error: 'must have a shard count from 1 to 256 (got 999)' });
  });

  it('puts every path in exactly one shard, the same one on every run', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 1, max: 16 }), (key, count) => {
        const owners = Array.from({ length: count }, (_, i) => inShard(key, { index: i + 1, count })).filter(Boolean);
        expect(owners).toHaveLength(1);
      }),
    );
    expect(inShard('src/a.js', { index: 1, count: 1 })).toBe(true);
    expect(inShard('src/a.js', undefined)).toBe(true);
  });

  it('spreads paths evenly enough that shards share the work', () => {
    const counts = [1, 2, 3, 4].map((index) => {
      let owned = 0;
      for (let i = 0; i < 4000; i++) if (inShard(`src/file-${i}.ts`, { index, count: 4 })) owned++;
      return owned;
    });
    expect(counts.reduce((a, b) => a + b, 0)).toBe(4000);
    for (const count of counts) expect(count).toBeGreaterThan(800);
  });
});
