/**
 * A git history for the history-scan benchmark, as a `git fast-import`
 * stream: thousands of commits in seconds, where one `git commit` per commit
 * would take minutes. Files are edited, added, renamed and deleted; a few
 * commits add a fake credential, and later commits move or remove some.
 */
import { Rng } from './random.js';
import { SECRET_FORMATS } from './secret-formats.js';
import { type Lang, fillerLines, noun, renderAssignment } from './source-text.js';

export const HISTORY_SEED = 'devsecops-secrets-history-v1';

export interface HistoryStream {
  /** The fast-import stream (one Buffer: byte lengths matter in `data` commands). */
  stream: Buffer;
  commits: number;
  /** Credentials added over the history (some later moved or removed). */
  secretsAdded: number;
  secretsRemoved: number;
  secretsMoved: number;
}

const LANGS: Array<{ lang: Lang; ext: string; dir: string }> = [
  { lang: 'ts', ext: 'ts', dir: 'src' },
  { lang: 'py', ext: 'py', dir: 'app' },
  { lang: 'go', ext: 'go', dir: 'internal' },
  { lang: 'yaml', ext: 'yml', dir: 'deploy' },
  { lang: 'md', ext: 'md', dir: 'docs' },
];

interface TrackedFile {
  lang: Lang;
  lines: string[];
  /** Indexes of lines holding a planted secret. */
  secrets: Set<string>;
}

const AUTHORS = ['Ada Lovelace <ada@acme.io>', 'Grace Hopper <grace@acme.io>', 'Linus Torvalds <linus@acme.io>', 'Margaret Hamilton <margaret@acme.io>', 'Ken Thompson <ken@acme.io>'];
const ASSIGNABLE = SECRET_FORMATS.filter((f) => f.shape === 'assign');

/** Builds a fast-import stream of `commits` commits on refs/heads/main. */
export function buildHistoryStream(commits: number, seed = HISTORY_SEED): HistoryStream {
  const r = new Rng(seed);
  const chunks: Buffer[] = [];
  const files = new Map<string, TrackedFile>();
  const result = { commits, secretsAdded: 0, secretsRemoved: 0, secretsMoved: 0 };
  const write = (text: string) => chunks.push(Buffer.from(text));
  const data = (text: string) => {
    const bytes = Buffer.from(text);
    write(`data ${bytes.length}\n`);
    chunks.push(bytes);
    write('\n');
  };
  let time = 1_600_000_000;

  const newFile = (): string => {
    const { lang, ext, dir } = r.pick(LANGS);
    const file = `${dir}/${noun(r).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}-${files.size}.${ext}`;
    const lines: string[] = [];
    for (let i = r.int(10, 60); i > 0; i--) lines.push(...fillerLines(r, lang));
    files.set(file, { lang, lines, secrets: new Set() });
    return file;
  };

  for (let c = 1; c <= commits; c++) {
    time += r.int(60, 7200);
    const author = r.pick(AUTHORS);
    const ops: string[] = [];
    const touched = new Set<string>();
    let message = `${r.pick(['fix', 'feat', 'chore', 'refactor', 'docs'])}: ${r.pick(['update', 'handle', 'tidy', 'speed up', 'document'])} ${noun(r)}`;

    if (files.size < 40 || r.chance(0.05)) touched.add(newFile());
    for (let i = r.int(1, 3); i > 0; i--) {
      const paths = [...files.keys()];
      const file = r.pick(paths);
      const f = files.get(file)!;
      // Edit: replace a few lines, append a few.
      for (let k = r.int(1, 4); k > 0; k--) {
        const at = r.int(0, f.lines.length - 1);
        if (![...f.secrets].includes(f.lines[at]!)) f.lines.splice(at, 1, ...fillerLines(r, f.lang));
      }
      if (r.chance(0.04)) {
        const format = r.pick(ASSIGNABLE);
        const line = renderAssignment(r, f.lang, r.pick(format.names).replace(/^\/\/.*/, 'NPM_TOKEN'), format.make(r));
        f.lines.splice(r.int(0, f.lines.length), 0, line);
        f.secrets.add(line);
        result.secretsAdded++;
        message = `chore: wire up ${format.provider} for ${noun(r)}`;
      } else if (f.secrets.size > 0 && r.chance(0.3)) {
        const line = [...f.secrets][0]!;
        f.lines = f.lines.filter((l) => l !== line);
        f.secrets.delete(line);
        result.secretsRemoved++;
        message = 'fix: read the credential from the environment';
        // Moved rather than removed, now and then: the same value lands in another file.
        if (r.chance(0.3)) {
          const other = files.get(r.pick(paths))!;
          other.lines.push(line);
          other.secrets.add(line);
          result.secretsMoved++;
          touched.add([...files.entries()].find(([, v]) => v === other)![0]);
        }
      }
      touched.add(file);
    }
    // Now and then a rename or a deletion.
    if (r.chance(0.01) && files.size > 45) {
      const from = r.pick([...files.keys()].filter((p) => !touched.has(p)));
      if (from) {
        const to = from.replace(/(\.[a-z]+)$/, `-v2$1`);
        files.set(to, files.get(from)!);
        files.delete(from);
        ops.push(`R ${from} ${to}\n`);
      }
    } else if (r.chance(0.005) && files.size > 45) {
      const gone = r.pick([...files.keys()].filter((p) => !touched.has(p)));
      if (gone) {
        files.delete(gone);
        ops.push(`D ${gone}\n`);
      }
    }

    write(`commit refs/heads/main\nmark :${c}\n`);
    write(`author ${author} ${time} +0000\ncommitter ${author} ${time} +0000\n`);
    data(message);
    if (c > 1) write(`from :${c - 1}\n`);
    for (const op of ops) write(op);
    for (const file of touched) {
      const f = files.get(file);
      if (!f) continue;
      write(`M 100644 inline ${file}\n`);
      data(f.lines.join('\n') + '\n');
    }
    write('\n');
  }
  return { stream: Buffer.concat(chunks), ...result };
}
