import type { DependencyScope, ParsedLockfile, ParsedPackage } from './types.js';

/** How many paths from a direct dependency are kept per package: enough to see how it is pulled in. */
export const MAX_PATHS = 3;

/** When a package is reachable several ways, the scope that matters most wins. */
const SCOPE_PRIORITY: Record<DependencyScope, number> = { runtime: 0, optional: 1, peer: 2, development: 3 };

function strongerScope(a: DependencyScope | undefined, b: DependencyScope): DependencyScope {
  return a === undefined || SCOPE_PRIORITY[b] < SCOPE_PRIORITY[a] ? b : a;
}

export interface PackageGraphFacts {
  direct: boolean;
  scope: DependencyScope;
}

export interface GraphAnalysis {
  facts: Map<string, PackageGraphFacts>;
  /**
   * For each package a root reaches: up to MAX_PATHS packages one step closer
   * to a root on a shortest path (empty for a root). See pathsTo.
   */
  predecessors: Map<string, string[]>;
}

/**
 * Direct dependencies, scopes and the shortest ways each package is pulled in,
 * from the roots a parser found and the edges between packages.
 *
 * The breadth-first walk starts from every root at once, so each package is
 * reached at its shortest depth; up to MAX_PATHS predecessors at that depth
 * are kept to show more than one way in without enumerating every path (which
 * is exponential in a real npm tree). A scope the lockfile states wins; else
 * the strongest scope of the roots that reach it (runtime beats development:
 * a package needed at run time through any path ships). Packages no root
 * reaches keep the stated scope or are runtime: reporting a package as
 * development-only without evidence would hide it from a runtime-only audit.
 */
export function analyseGraph(lockfile: ParsedLockfile): GraphAnalysis {
  const byId = new Map<string, ParsedPackage>();
  for (const pkg of lockfile.packages) byId.set(pkg.id, pkg);
  const rootsKnown = lockfile.roots.length > 0;

  const rootScope = new Map<string, DependencyScope>();
  for (const root of lockfile.roots) {
    if (byId.has(root.id)) rootScope.set(root.id, strongerScope(rootScope.get(root.id), root.scope));
  }

  // Scope propagation: a second walk per scope class would be simpler but the
  // tree can be 10,000 packages; one pass per priority level, strongest first,
  // visits each package at most four times.
  const reachedScope = new Map<string, DependencyScope>();
  for (const scope of ['runtime', 'optional', 'peer', 'development'] as const) {
    const queue: string[] = [];
    for (const [id, s] of rootScope) if (s === scope && !reachedScope.has(id)) queue.push(id);
    for (const id of queue) reachedScope.set(id, scope);
    for (let i = 0; i < queue.length; i++) {
      const pkg = byId.get(queue[i]!);
      for (const dep of pkg?.dependencies ?? []) {
        if (!byId.has(dep) || reachedScope.has(dep)) continue;
        // A local package (a workspace) keeps passing its root's scope on.
        reachedScope.set(dep, scope);
        queue.push(dep);
      }
    }
  }

  const predecessors = new Map<string, string[]>();
  const depth = new Map<string, number>();
  const queue: string[] = [];
  for (const id of rootScope.keys()) {
    depth.set(id, 0);
    predecessors.set(id, []);
    queue.push(id);
  }
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i]!;
    const next = depth.get(id)! + 1;
    for (const dep of byId.get(id)?.dependencies ?? []) {
      if (!byId.has(dep)) continue;
      const seen = depth.get(dep);
      if (seen === undefined) {
        depth.set(dep, next);
        predecessors.set(dep, [id]);
        queue.push(dep);
      } else if (seen === next) {
        const list = predecessors.get(dep)!;
        if (list.length < MAX_PATHS && !list.includes(id)) list.push(id);
      }
    }
  }

  const facts = new Map<string, PackageGraphFacts>();
  for (const pkg of lockfile.packages) {
    facts.set(pkg.id, {
      direct: rootsKnown ? rootScope.has(pkg.id) : !pkg.local,
      scope: pkg.scope ?? reachedScope.get(pkg.id) ?? 'runtime',
    });
  }
  return { facts, predecessors };
}

/**
 * The ways `id` is pulled in: ids from a direct dependency down to `id`, at
 * most MAX_PATHS of them, from the predecessors analyseGraph kept. Built on
 * demand, for the packages a report shows: materializing every package's path
 * up front is quadratic in the depth of the tree.
 */
export function pathsTo(predecessors: ReadonlyMap<string, readonly string[]>, id: string): string[][] {
  const before = predecessors.get(id);
  if (before === undefined || before.length === 0) return [[id]];
  const firstPathTo = (from: string): string[] => {
    // Iterative so a 10,000-deep chain cannot overflow the stack; predecessors are one level up, so this ends.
    const chain: string[] = [];
    for (let at: string | undefined = from; at !== undefined; at = predecessors.get(at)?.[0]) chain.push(at);
    return chain.reverse();
  };
  return before.map((p) => [...firstPathTo(p), id]);
}
