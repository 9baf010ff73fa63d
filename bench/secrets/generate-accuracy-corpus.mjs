// Writes the labelled accuracy corpus __tests__/fixtures/secrets-corpus/
// (repo/** and labels.json) from bench/secrets/accuracy-corpus.ts. Seeded: the
// same files every time.
//   node bench/secrets/generate-accuracy-corpus.mjs          (re)write the corpus
//   node bench/secrets/generate-accuracy-corpus.mjs --check  exit 1 if it is stale
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { importTs, root } from './load-ts.mjs';

const { buildAccuracyCorpus, renderLabels } = await importTs('bench/secrets/accuracy-corpus.ts');
const corpusDir = path.join(root, '__tests__/fixtures/secrets-corpus');
const corpus = buildAccuracyCorpus();
const outputs = new Map([...corpus.files].map(([file, text]) => [path.join('repo', file), text]));
outputs.set('labels.json', renderLabels(corpus));

if (process.argv.includes('--check')) {
  const stale = [...outputs].filter(([file, text]) => {
    try {
      return readFileSync(path.join(corpusDir, file), 'utf8') !== text;
    } catch {
      return true;
    }
  });
  if (stale.length > 0) {
    console.error(`The accuracy corpus is out of date (${stale.map(([f]) => f).join(', ')}): run "node bench/secrets/generate-accuracy-corpus.mjs".`);
    process.exit(1);
  }
  console.log('The accuracy corpus is up to date.');
} else {
  rmSync(path.join(corpusDir, 'repo'), { recursive: true, force: true });
  for (const [file, text] of outputs) {
    mkdirSync(path.dirname(path.join(corpusDir, file)), { recursive: true });
    writeFileSync(path.join(corpusDir, file), text);
  }
  const providers = new Set(corpus.positives.map((p) => p.provider));
  console.log(`Wrote ${corpus.files.size} files: ${corpus.positives.length} positives from ${providers.size} providers, ${corpus.negatives.length} labelled look-alikes.`);
}
