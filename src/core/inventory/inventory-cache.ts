/**
 * One inventory per working tree, path prefix and ignore list for the life
 * of a run that asks for it twice: the all-in-one action and `devsecops
 * scan` run dependency-audit and sbom over the same lockfiles, and reading a
 * large monorepo's lockfiles once is the point of running them in one
 * process. Inventories are treated as read-only by every consumer.
 */
import { buildInventory, type Inventory } from './inventory.js';
import type { Logger } from '../logger.js';
import { workingTree } from './file-tree.js';

export class InventoryCache {
  private readonly entries = new Map<string, Promise<Inventory>>();

  /** The working tree's inventory under `root`, built on first request. */
  workingTree(options: { root: string; pathPrefix: string; ignore: readonly string[]; logger?: Logger }): Promise<Inventory> {
    const key = [options.root, options.pathPrefix, ...options.ignore].join('\u0000');
    let entry = this.entries.get(key);
    if (!entry) {
      entry = buildInventory({
        tree: workingTree(options.root),
        pathPrefix: options.pathPrefix,
        ignore: options.ignore,
        ...(options.logger ? { logger: options.logger } : {}),
      });
      this.entries.set(key, entry);
    }
    return entry;
  }
}
