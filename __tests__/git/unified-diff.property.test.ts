import { afterAll, beforeAll, describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import { diffCommits } from '../../src/core/git/diff.js';
import { DiffParseError, parseUnifiedDiff } from '../../src/core/git/unified-diff.js';
import { createTempRepo, makeTempDir, removeDir, type TempRepo } from '../support/temp-repo.js';

/** Lines chosen to look like diff syntax, so the parser's line reading is really tested. */
const TRICKY_LINES = ['', ' ', '+', '-', '++ b/x', '-- a/x', '+++ b/x', '--- a/x', '@@ -1 +1 @@', '\\ No newline at end of file', 'diff --git a/x b/x', 'x\r', 'ünï "q" \\ t\tab'];
const lineArb = fc.oneof(
  fc.constantFrom(...TRICKY_LINES),
  fc.constantFrom('a', 'b', 'c', 'd'),
  fc.string({ maxLength: 12 }).filter((s) => !s.includes('\n') && !s.includes('\0')),
);
const fileArb = fc.record({ lines: fc.array(lineArb, { maxLength: 25 }), finalNewline: fc.boolean() });
const PATHS = ['plain.txt', 'with space.txt', 'dïr/ünï.txt', 'q"uote.txt', 'tab\there.txt', 'back\\slash.txt'];

function render(file: { lines: string[]; finalNewline: boolean }): string {
  if (file.lines.length === 0) return '';
  return file.lines.join('\n') + (file.finalNewline ? '\n' : '');
}

/** Lines with their terminators, so "x" at the end differs from "x\n" as it does for git. */
function rawLines(content: string): string[] {
  return content.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

describe('parseUnifiedDiff on any input', () => {
  const diffLikeText = fc
    .array(
      fc.oneof(
        fc.constantFrom(...TRICKY_LINES, '@@ -0,0 +1,2 @@', '@@ -3 +0,0 @@', 'new file mode 100644', 'rename from "x', 'Binary files a/x and b/x differ', '+++ /dev/null', 'diff --git "a/\\303" b/x'),
        fc.string({ maxLength: 30 }),
      ),
      { maxLength: 40 },
    )
    .map((lines) => lines.join('\n'));

  it('returns files or throws a DiffParseError, never anything else', () => {
    fc.assert(
      fc.property(diffLikeText, (text) => {
        try {
          const files = parseUnifiedDiff(text);
          for (const file of files) {
            for (const added of file.addedLines) expect(Number.isInteger(added.line)).toBe(true);
          }
        } catch (error) {
          expect(error).toBeInstanceOf(DiffParseError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('parseUnifiedDiff on real git output', () => {
  let parent: string;
  let repo: TempRepo;
  beforeAll(() => {
    parent = makeTempDir();
    repo = createTempRepo(parent);
  });
  afterAll(() => removeDir(parent));

  it('finds exactly the lines git changed: added text matches head, and the unchanged lines agree', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...PATHS), fileArb, fileArb, async (path, before, after) => {
        repo.git('rm', '-q', '-r', '--cached', '--ignore-unmatch', '.');
        removeDir(`${repo.dir}/dïr`);
        const oldContent = render(before);
        const newContent = render(after);
        repo.write(path, oldContent);
        const base = repo.commit('before');
        repo.write(path, newContent);
        const head = repo.commit('after');

        const files = await diffCommits(repo.dir, base, head);
        const file = files.find((f) => f.newPath === path);
        if (oldContent === newContent) {
          expect(file).toBeUndefined();
          return;
        }
        expect(file).toBeDefined();
        const newLines = rawLines(newContent);
        const oldLines = rawLines(oldContent);
        const added = new Set(file?.addedLines.map((l) => l.line));
        const removed = new Set(file?.removedLines.flatMap((r) => Array.from({ length: r.end - r.start + 1 }, (_, i) => r.start + i)));
        for (const line of file?.addedLines ?? []) {
          expect(line.text).toBe((newLines[line.line - 1] ?? '').replace(/\n$/, '').replace(/\r$/, ''));
        }
        const keptNew = newLines.filter((_, i) => !added.has(i + 1));
        const keptOld = oldLines.filter((_, i) => !removed.has(i + 1));
        expect(keptNew).toEqual(keptOld);
      }),
      { numRuns: 30 },
    );
  });
});
