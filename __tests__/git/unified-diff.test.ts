import { describe, it, expect } from '@jest/globals';
import { DiffParseError, parseUnifiedDiff, toLineRanges, unquoteGitPath } from '../../src/core/git/unified-diff.js';

describe('parseUnifiedDiff', () => {
  it('reports added lines at their line in the new version, across hunks', () => {
    const files = parseUnifiedDiff(
      [
        'diff --git a/app.ts b/app.ts',
        'index 1111111..2222222 100644',
        '--- a/app.ts',
        '+++ b/app.ts',
        '@@ -2,0 +3,2 @@ function a() {',
        '+const token = 1;',
        '+const other = 2;',
        '@@ -10 +12 @@',
        '-old',
        '+new',
        '',
      ].join('\n'),
    );
    expect(files).toHaveLength(1);
    expect(files[0]).toMatchObject({ status: 'modified', oldPath: 'app.ts', newPath: 'app.ts', oldMode: '100644' });
    expect(files[0]?.addedLines).toEqual([
      { line: 3, text: 'const token = 1;' },
      { line: 4, text: 'const other = 2;' },
      { line: 12, text: 'new' },
    ]);
    expect(files[0]?.removedLines).toEqual([{ start: 10, end: 10 }]);
  });

  it('reads hunk lines by count, so an added "++ b/x" line is not taken for a file header', () => {
    const files = parseUnifiedDiff(
      ['diff --git a/x b/x', '--- a/x', '+++ b/x', '@@ -1 +1,2 @@', '--- a/y', '+++ b/y', '+plain', ''].join('\n'),
    );
    expect(files).toHaveLength(1);
    expect(files[0]?.addedLines).toEqual([
      { line: 1, text: '++ b/y' },
      { line: 2, text: 'plain' },
    ]);
    expect(files[0]?.removedLines).toEqual([{ start: 1, end: 1 }]);
  });

  it('understands new, deleted and empty new files', () => {
    const files = parseUnifiedDiff(
      [
        'diff --git a/new.txt b/new.txt',
        'new file mode 100644',
        'index 0000000..3b18e51',
        '--- /dev/null',
        '+++ b/new.txt',
        '@@ -0,0 +1 @@',
        '+hello',
        'diff --git a/gone.txt b/gone.txt',
        'deleted file mode 100755',
        'index 3b18e51..0000000',
        '--- a/gone.txt',
        '+++ /dev/null',
        '@@ -1 +0,0 @@',
        '-hello',
        'diff --git a/empty b/empty',
        'new file mode 100644',
        'index 0000000..e69de29',
      ].join('\n'),
    );
    expect(files.map((f) => [f.status, f.oldPath, f.newPath])).toEqual([
      ['added', undefined, 'new.txt'],
      ['deleted', 'gone.txt', undefined],
      ['added', undefined, 'empty'],
    ]);
    expect(files[0]?.addedLines).toEqual([{ line: 1, text: 'hello' }]);
    expect(files[1]?.oldMode).toBe('100755');
    expect(files[2]?.addedLines).toEqual([]);
  });

  it('takes renamed paths with spaces and unicode from the rename lines', () => {
    const files = parseUnifiedDiff(
      [
        'diff --git a/old name.txt b/dïr/new name.txt',
        'similarity index 88%',
        'rename from old name.txt',
        'rename to dïr/new name.txt',
        'index 1..2 100644',
        '--- a/old name.txt\t',
        '+++ b/dïr/new name.txt\t',
        '@@ -3,0 +4 @@',
        '+added',
      ].join('\n'),
    );
    expect(files[0]).toMatchObject({
      status: 'renamed',
      oldPath: 'old name.txt',
      newPath: 'dïr/new name.txt',
      similarity: 88,
      addedLines: [{ line: 4, text: 'added' }],
    });
  });

  it('splits an unquoted header with spaces when both sides name the same file', () => {
    const files = parseUnifiedDiff(['diff --git a/a b/c b/a b/c', 'old mode 100644', 'new mode 100755'].join('\n'));
    expect(files[0]).toMatchObject({ oldPath: 'a b/c', newPath: 'a b/c', oldMode: '100644', newMode: '100755' });
  });

  it('decodes C-quoted paths, including octal UTF-8 bytes and escaped quotes', () => {
    const files = parseUnifiedDiff(
      [
        'diff --git "a/q\\"uote\\ttab.txt" "b/q\\"uote\\ttab.txt"',
        'index 1..2 100644',
        '--- "a/q\\"uote\\ttab.txt"',
        '+++ "b/q\\"uote\\ttab.txt"',
        '@@ -0,0 +1 @@',
        '+x',
        'diff --git "a/caf\\303\\251" "b/caf\\303\\251"',
        'new file mode 100644',
        'index 0000000..e69de29',
      ].join('\n'),
    );
    expect(files.map((f) => f.newPath)).toEqual(['q"uote\ttab.txt', 'café']);
    expect(unquoteGitPath('"\\\\back\\nslash"')).toBe('\\back\nslash');
  });

  it('marks binary files, submodules and symlinks, which have no scannable lines', () => {
    const files = parseUnifiedDiff(
      [
        'diff --git a/logo.png b/logo.png',
        'new file mode 100644',
        'index 0000000..1234567',
        'Binary files /dev/null and b/logo.png differ',
        'diff --git a/vendor/lib b/vendor/lib',
        'index 1111111..2222222 160000',
        '--- a/vendor/lib',
        '+++ b/vendor/lib',
        '@@ -1 +1 @@',
        '-Subproject commit 1111111111111111111111111111111111111111',
        '+Subproject commit 2222222222222222222222222222222222222222',
        'diff --git a/link b/link',
        'new file mode 120000',
        'index 0000000..1234567',
        '--- /dev/null',
        '+++ b/link',
        '@@ -0,0 +1 @@',
        '+../target',
        '\\ No newline at end of file',
      ].join('\n'),
    );
    expect(files.map((f) => [f.newPath, f.isBinary, f.isSubmodule, f.isSymlink, f.status])).toEqual([
      ['logo.png', true, false, false, 'added'],
      ['vendor/lib', false, true, false, 'modified'],
      ['link', false, false, true, 'added'],
    ]);
  });

  it('ignores "no newline at end of file" markers and strips CR from CRLF lines', () => {
    const files = parseUnifiedDiff(
      ['diff --git a/w.txt b/w.txt', '--- a/w.txt', '+++ b/w.txt', '@@ -1 +1,2 @@', '-last', '\\ No newline at end of file', '+last\r', '+more\r', ''].join(
        '\n',
      ),
    );
    expect(files[0]?.addedLines).toEqual([
      { line: 1, text: 'last' },
      { line: 2, text: 'more' },
    ]);
  });

  it('accepts a plain unified diff without git headers', () => {
    const files = parseUnifiedDiff(['--- a/x', '+++ b/x', '@@ -1 +1 @@', '-a', '+b', '--- a/y', '+++ b/y', '@@ -0,0 +1 @@', '+c'].join('\n'));
    expect(files.map((f) => [f.newPath, f.addedLines])).toEqual([
      ['x', [{ line: 1, text: 'b' }]],
      ['y', [{ line: 1, text: 'c' }]],
    ]);
  });

  it('returns no files for empty input', () => {
    expect(parseUnifiedDiff('')).toEqual([]);
  });

  it.each([
    ['a hunk before any file', '@@ -1 +1 @@\n-a\n+b\n', /before any `diff --git`/],
    ['a malformed hunk header', 'diff --git a/x b/x\n@@ -x +1 @@\n', /malformed hunk header/],
    ['a truncated hunk', 'diff --git a/x b/x\n@@ -1,3 +1,3 @@\n-a\n', /ends inside a hunk/],
    ['a stray line inside a hunk', 'diff --git a/x b/x\n@@ -1 +1 @@\n*a\n', /expected a hunk line/],
    ['a combined diff', 'diff --cc x\n', /combined/],
    ['an unterminated quoted path', 'diff --git "a/x b/x\n', /no closing quote/],
  ])('rejects %s with a DiffParseError naming the line', (_name, text, message) => {
    expect(() => parseUnifiedDiff(text)).toThrow(DiffParseError);
    expect(() => parseUnifiedDiff(text)).toThrow(message);
  });
});

describe('toLineRanges', () => {
  it('collapses consecutive lines into inclusive ranges', () => {
    expect(toLineRanges([1, 2, 3, 7, 9, 10])).toEqual([
      { start: 1, end: 3 },
      { start: 7, end: 7 },
      { start: 9, end: 10 },
    ]);
  });
});
