import { readFile } from 'node:fs/promises';
import ignore, { type Ignore } from 'ignore';

/**
 * The .gitignore rules in force in one directory: its own file's and every
 * ancestor's, deepest last. Git reads them as one list where a later match
 * wins and a deeper file comes later, so the deepest file with any matching
 * rule (ignore or `!` negation) decides, and within it the last matching rule.
 */
export class IgnoreStack {
  private constructor(
    private readonly levels: ReadonlyArray<{ dir: string; rules: Ignore }>,
  ) {}

  static empty(): IgnoreStack {
    return new IgnoreStack([]);
  }

  /** Adds the rules of a directory (`dir` relative to the root, '' for the root itself). */
  with(dir: string, patterns: string): IgnoreStack {
    if (patterns.trim() === '') return this;
    // Case-sensitive like git on Linux runners (core.ignorecase is false there).
    const rules = ignore({ ignorecase: false }).add(patterns);
    return new IgnoreStack([...this.levels, { dir, rules }]);
  }

  /** Whether a root-relative path is ignored; directories are matched with a trailing slash. */
  ignores(path: string, isDirectory: boolean): boolean {
    for (let i = this.levels.length - 1; i >= 0; i -= 1) {
      const level = this.levels[i] as { dir: string; rules: Ignore };
      const relative = level.dir === '' ? path : path.slice(level.dir.length + 1);
      const result = level.rules.test(isDirectory ? `${relative}/` : relative);
      if (result.ignored) return true;
      if (result.unignored) return false;
    }
    return false;
  }
}

/** The text of an ignore file, or '' when it does not exist or cannot be read. */
export async function readIgnoreFile(absolutePath: string): Promise<string> {
  try {
    return await readFile(absolutePath, 'utf8');
  } catch {
    return '';
  }
}
