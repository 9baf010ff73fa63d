import { describe, expect, it } from '@jest/globals';
import { analyseGraph as analyse, MAX_PATHS, pathsTo } from '../../src/core/inventory/graph.js';
import type { ParsedLockfile, ParsedPackage } from '../../src/core/inventory/types.js';

function pkg(id: string, dependencies: string[] = [], extra: Partial<ParsedPackage> = {}): ParsedPackage {
  const [name, version] = id.split('@') as [string, string];
  return { id, ecosystem: 'npm', name, version, line: 1, dependencies, ...extra };
}

/** Facts with each package's paths, as a report would ask for them. */
function analyseGraph(lock: ParsedLockfile) {
  const { facts, predecessors } = analyse(lock);
  return new Map([...facts].map(([id, f]) => [id, { ...f, paths: pathsTo(predecessors, id) }]));
}

function lockfile(packages: ParsedPackage[], roots: ParsedLockfile['roots']): ParsedLockfile {
  return { format: 'package-lock.json', packages, roots, warnings: [] };
}

describe('analyseGraph', () => {
  it('marks roots direct and reaches transitive packages by their shortest path', () => {
    const facts = analyseGraph(
      lockfile(
        [pkg('a@1', ['b@1']), pkg('b@1', ['c@1']), pkg('c@1'), pkg('d@1', ['c@1'])],
        [
          { id: 'a@1', scope: 'runtime' },
          { id: 'd@1', scope: 'runtime' },
        ],
      ),
    );
    expect(facts.get('a@1')).toEqual({ direct: true, scope: 'runtime', paths: [['a@1']] });
    expect(facts.get('b@1')?.direct).toBe(false);
    expect(facts.get('b@1')?.paths).toEqual([['a@1', 'b@1']]);
    // d -> c is one step, a -> b -> c two: only the shortest way in is kept.
    expect(facts.get('c@1')?.paths).toEqual([['d@1', 'c@1']]);
  });

  it('keeps up to MAX_PATHS equally short paths', () => {
    const roots = ['r1@1', 'r2@1', 'r3@1', 'r4@1'];
    const facts = analyseGraph(
      lockfile(
        [...roots.map((r) => pkg(r, ['x@1'])), pkg('x@1')],
        roots.map((id) => ({ id, scope: 'runtime' as const })),
      ),
    );
    expect(facts.get('x@1')?.paths).toHaveLength(MAX_PATHS);
    expect(facts.get('x@1')?.paths[0]).toEqual(['r1@1', 'x@1']);
  });

  it('gives a package the strongest scope of the roots that reach it', () => {
    const facts = analyseGraph(
      lockfile(
        [pkg('jest@1', ['shared@1', 'devonly@1']), pkg('express@1', ['shared@1']), pkg('shared@1'), pkg('devonly@1')],
        [
          { id: 'jest@1', scope: 'development' },
          { id: 'express@1', scope: 'runtime' },
        ],
      ),
    );
    expect(facts.get('shared@1')?.scope).toBe('runtime');
    expect(facts.get('devonly@1')?.scope).toBe('development');
    expect(facts.get('jest@1')?.scope).toBe('development');
  });

  it('keeps a scope the lockfile states over the derived one', () => {
    const facts = analyseGraph(lockfile([pkg('a@1', ['b@1']), pkg('b@1', [], { scope: 'optional' })], [{ id: 'a@1', scope: 'runtime' }]));
    expect(facts.get('b@1')?.scope).toBe('optional');
  });

  it('treats every non-local package as direct when the format has no roots', () => {
    const facts = analyseGraph(lockfile([pkg('a@1', ['b@1']), pkg('b@1'), pkg('me@0', [], { local: true })], []));
    expect(facts.get('a@1')).toEqual({ direct: true, scope: 'runtime', paths: [['a@1']] });
    expect(facts.get('b@1')?.direct).toBe(true);
    expect(facts.get('me@0')?.direct).toBe(false);
  });

  it('survives cycles, dangling edges and a 20,000-deep chain', () => {
    const cyclic = analyseGraph(lockfile([pkg('a@1', ['b@1', 'ghost@9']), pkg('b@1', ['a@1'])], [{ id: 'a@1', scope: 'runtime' }]));
    expect(cyclic.get('b@1')?.paths).toEqual([['a@1', 'b@1']]);
    const chain = Array.from({ length: 20_000 }, (_, i) => pkg(`p${i}@1`, i + 1 < 20_000 ? [`p${i + 1}@1`] : []));
    const deep = analyse(lockfile(chain, [{ id: 'p0@1', scope: 'runtime' }]));
    expect(deep.facts.get('p19999@1')).toEqual({ direct: false, scope: 'runtime' });
    expect(pathsTo(deep.predecessors, 'p19999@1')[0]).toHaveLength(20_000);
  });

  it('leaves packages no root reaches as runtime, never hidden as development', () => {
    const facts = analyseGraph(lockfile([pkg('a@1'), pkg('orphan@1')], [{ id: 'a@1', scope: 'development' }]));
    expect(facts.get('orphan@1')).toEqual({ direct: false, scope: 'runtime', paths: [['orphan@1']] });
  });
});
