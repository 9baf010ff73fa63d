import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { buildAccuracyCorpus, renderLabels } from '../../bench/secrets/accuracy-corpus.js';
import type { NegativeLabel, PositiveLabel } from '../../bench/secrets/accuracy-corpus.js';

const CORPUS_DIR = path.resolve('__tests__/fixtures/secrets-corpus');
const REPO_DIR = path.join(CORPUS_DIR, 'repo');
const labels = JSON.parse(readFileSync(path.join(CORPUS_DIR, 'labels.json'), 'utf8')) as {
  positives: PositiveLabel[];
  negatives: NegativeLabel[];
};

function linesOf(file: string): string[] {
  // Lines as the scanner counts them: \n, \r\n and \r each end one.
  return readFileSync(path.join(REPO_DIR, file), 'utf8').split(/\r\n|\r|\n/);
}

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    const rel = prefix ? `${prefix}/${name}` : name;
    return statSync(full).isDirectory() ? listFiles(full, rel) : [rel];
  });
}

describe('the labelled secrets accuracy corpus', () => {
  it('has at least 200 positives from at least 60 providers and at least 200 look-alikes', () => {
    expect(labels.positives.length).toBeGreaterThanOrEqual(200);
    expect(new Set(labels.positives.map((p) => p.provider)).size).toBeGreaterThanOrEqual(60);
    expect(labels.negatives.length).toBeGreaterThanOrEqual(200);
  });

  it('points every positive label at the line and column where its value starts', () => {
    for (const label of labels.positives) {
      const where = `${label.path}:${label.line} (${label.format})`;
      expect(existsSync(path.join(REPO_DIR, label.path))).toBe(true);
      const lines = linesOf(label.path);
      expect({ where, inFile: label.line >= 1 && label.line <= lines.length }).toEqual({ where, inFile: true });
      const text = lines[label.line - 1]!;
      expect({ where, prefix: text.slice(label.column - 1, label.column - 1 + label.prefix.length) }).toEqual({ where, prefix: label.prefix });
      if (label.endLine !== undefined) {
        expect({ where, endLine: label.endLine > label.line && label.endLine <= lines.length }).toEqual({ where, endLine: true });
        expect({ where, end: /-----END [A-Z ]+-----/.test(lines[label.endLine - 1]!) }).toEqual({ where, end: true });
      } else {
        expect({ where, fits: label.column - 1 + label.length <= text.length }).toEqual({ where, fits: true });
      }
    }
  });

  it('points every look-alike label at a real line that holds no positive', () => {
    const positiveLines = new Set<string>();
    for (const p of labels.positives) {
      for (let line = p.line; line <= (p.endLine ?? p.line); line++) positiveLines.add(`${p.path}:${line}`);
    }
    for (const label of labels.negatives) {
      const lines = linesOf(label.path);
      const where = `${label.path}:${label.line} (${label.kind})`;
      expect({ where, inFile: label.line >= 1 && label.line <= lines.length && lines[label.line - 1]!.trim() !== '' }).toEqual({ where, inFile: true });
      expect({ where, positive: positiveLines.has(`${label.path}:${label.line}`) }).toEqual({ where, positive: false });
    }
  });

  it('labels no line twice', () => {
    const keys = [...labels.positives, ...labels.negatives].map((l) => `${l.path}:${l.line}`);
    expect(keys.length - new Set(keys).size).toBe(0);
  });

  it('is what the seeded generator writes (regenerate with bench/secrets/generate-accuracy-corpus.mjs)', () => {
    const corpus = buildAccuracyCorpus();
    expect(listFiles(REPO_DIR).sort()).toEqual([...corpus.files.keys()].sort());
    for (const [file, text] of corpus.files) {
      expect({ file, same: readFileSync(path.join(REPO_DIR, file), 'utf8') === text }).toEqual({ file, same: true });
    }
    expect(readFileSync(path.join(CORPUS_DIR, 'labels.json'), 'utf8')).toBe(renderLabels(corpus));
  });
});
