/**
 * Real-looking package names and versions for the generated lockfiles and
 * advisory database: the shapes of the npm registry's names (`is-*`,
 * `@scope/*`, `*-loader`, `eslint-plugin-*`), so name hashing, scope
 * handling and purl encoding cost what they cost on a real project.
 */
import type { Rng } from '../secrets/random.js';

const WORDS = (
  'array string object path glob stream buffer event emitter promise async queue cache map set list tree graph node ' +
  'parse format color chalk ansi style text word wrap pad trim slice split merge deep clone equal diff patch hash ' +
  'crypto random uuid time date moment clock timer debounce throttle retry fetch http https request response cookie ' +
  'session token auth jwt oauth proxy agent socket server client router route middleware express koa fastify micro ' +
  'view render template markdown html css style sass less post image icon font svg canvas chart table grid layout ' +
  'flex box modal menu button input form field select picker slider toggle tab panel card list item link nav ' +
  'config env dot file fs watch chokidar mkdir copy move remove rimraf temp tmp archive zip tar gzip brotli ' +
  'compress minify uglify terser babel core runtime preset plugin loader webpack rollup vite esbuild swc jest mocha ' +
  'chai sinon test mock spy assert expect lint eslint prettier format types typed schema valid validate ajv yup ' +
  'json yaml toml xml csv ini query string url uri encode decode escape unescape base64 utf8 unicode locale intl ' +
  'i18n plural number math big decimal integer float bytes size pretty human ms duration semver version range ' +
  'compare sort order filter reduce flatten unique each find pick omit get set has is to from of for with ' +
  'signal abort worker thread pool child process spawn exec shell cli command args argv yargs commander meow ' +
  'prompt inquirer ora spinner progress log logger debug trace error stack source map line column loc ast ' +
  'token lexer parser compiler transform visitor walker traverse scope binding module resolve require import ' +
  'export bundle chunk split lazy load dynamic hot reload live dev serve static mime type content header ' +
  'body raw etag fresh vary accepts negotiator cors helmet csrf rate limit ip dns net tls ssl cert key ' +
  'react vue svelte angular preact solid lit dom shadow element component hook state store redux mobx zustand ' +
  'query swr apollo graphql rest api sdk aws azure gcp cloud storage bucket queue pubsub kafka redis mongo ' +
  'postgres mysql sqlite knex prisma orm model entity record field column index migrate seed'
).split(' ');

const SCOPES = [
  'babel', 'types', 'jest', 'eslint', 'typescript-eslint', 'rollup', 'vitejs', 'swc', 'emotion', 'mui', 'radix-ui',
  'tanstack', 'aws-sdk', 'azure', 'google-cloud', 'octokit', 'actions', 'sentry', 'opentelemetry', 'nestjs',
  'angular', 'vue', 'nuxt', 'sveltejs', 'storybook', 'testing-library', 'jridgewell', 'humanwhocodes', 'nodelib',
  'sinonjs', 'smithy', 'aws-crypto', 'floating-ui', 'headlessui', 'tailwindcss', 'formatjs', 'graphql-tools',
  'apollo', 'prisma', 'reduxjs', 'react-aria', 'react-stately', 'internationalized', 'lezer', 'codemirror',
];

const PREFIXES = ['is-', 'has-', 'get-', 'to-', 'node-', 'fast-', 'safe-', 'simple-', 'tiny-', 'micro-', 'p-', 'run-'];
const SUFFIXES = ['-js', '-utils', '-util', '-parser', '-loader', '-plugin', '-core', '-cli', '-lite', '-compat', '-polyfill', '-ts', '-x', '-sync', '-async', '-browserify', '-regex', '-types'];
const FAMILIES = ['eslint-plugin-', 'eslint-config-', 'babel-plugin-', 'babel-preset-', 'postcss-', 'rollup-plugin-', 'vite-plugin-', 'webpack-', 'gulp-', 'grunt-', 'karma-', 'remark-', 'rehype-', 'unist-util-', 'mdast-util-', 'micromark-'];

/** One npm-style name; the caller keeps the ones not yet used. */
export function npmName(rng: Rng): string {
  const word = () => rng.pick(WORDS);
  const roll = rng.next();
  if (roll < 0.14) return `@${rng.pick(SCOPES)}/${word()}${rng.chance(0.5) ? `-${word()}` : ''}`;
  if (roll < 0.2) return `@types/${word()}${rng.chance(0.4) ? `-${word()}` : ''}`;
  if (roll < 0.3) return `${rng.pick(PREFIXES)}${word()}${rng.chance(0.3) ? `-${word()}` : ''}`;
  if (roll < 0.45) return `${word()}${rng.pick(SUFFIXES)}`;
  if (roll < 0.58) return `${rng.pick(FAMILIES)}${word()}${rng.chance(0.3) ? `-${word()}` : ''}`;
  if (roll < 0.9) return `${word()}-${word()}${rng.chance(0.15) ? `-${word()}` : ''}`;
  return `${word()}${word()}`;
}

/** `count` distinct names, none of them in `taken`. */
export function distinctNames(rng: Rng, count: number, make: (rng: Rng) => string, taken: ReadonlySet<string> = new Set()): string[] {
  const seen = new Set<string>(taken);
  const out: string[] = [];
  for (let guard = 0; out.length < count && guard < count * 50; guard++) {
    const name = make(rng);
    if (seen.has(name)) continue;
    seen.add(name);
    out.push(name);
  }
  return out;
}

/** Module paths as Go names them. */
export function goName(rng: Rng): string {
  const word = () => rng.pick(WORDS);
  const host = rng.pick(['github.com', 'github.com', 'github.com', 'gitlab.com', 'golang.org/x', 'go.opentelemetry.io', 'k8s.io', 'gopkg.in']);
  if (host === 'golang.org/x' || host === 'k8s.io') return `${host}/${word()}${rng.chance(0.3) ? word() : ''}`;
  if (host === 'gopkg.in') return `${host}/${word()}.v${rng.int(1, 3)}`;
  return `${host}/${word()}-${word()}/${word()}${rng.chance(0.3) ? `/${word()}` : ''}`;
}

/** PyPI names as OSV stores them (PEP 503 normalised). */
export function pypiName(rng: Rng): string {
  const word = () => rng.pick(WORDS);
  const roll = rng.next();
  if (roll < 0.2) return `python-${word()}`;
  if (roll < 0.35) return `django-${word()}${rng.chance(0.3) ? `-${word()}` : ''}`;
  if (roll < 0.45) return `flask-${word()}`;
  if (roll < 0.55) return `py${word()}`;
  if (roll < 0.65) return `${word()}-py`;
  return `${word()}-${word()}`;
}

/** Maven `group:artifact`. */
export function mavenName(rng: Rng): string {
  const word = () => rng.pick(WORDS);
  const group = rng.pick(['org.apache', 'com.fasterxml', 'io.netty', 'org.springframework', 'com.google', 'io.quarkus', 'org.eclipse', 'io.micronaut', 'com.amazonaws', 'org.jenkins-ci.plugins']);
  return `${group}.${word()}:${word()}-${word()}`;
}

export function cratesName(rng: Rng): string {
  return `${rng.pick(WORDS)}${rng.pick(['', '-rs', '_core', '-sys', '-derive', '_util'])}${rng.chance(0.4) ? `-${rng.pick(WORDS)}` : ''}`;
}

export function rubyName(rng: Rng): string {
  return `${rng.pick(['', 'rails-', 'rack-', 'active', 'omniauth-'])}${rng.pick(WORDS)}${rng.chance(0.4) ? `_${rng.pick(WORDS)}` : ''}`;
}

export function packagistName(rng: Rng): string {
  return `${rng.pick(['symfony', 'laravel', 'drupal', 'magento', 'guzzlehttp', 'league', 'phpunit', 'doctrine', 'typo3', 'wp-plugin', rng.pick(WORDS)])}/${rng.pick(WORDS)}-${rng.pick(WORDS)}`;
}

export function nugetName(rng: Rng): string {
  const cap = (w: string) => w[0]!.toUpperCase() + w.slice(1);
  return `${rng.pick(['Microsoft', 'System', 'Azure', 'Newtonsoft', 'NLog', 'Serilog', 'AutoMapper', 'Npgsql', cap(rng.pick(WORDS))])}.${cap(rng.pick(WORDS))}${rng.chance(0.4) ? `.${cap(rng.pick(WORDS))}` : ''}`;
}

/** A semver version, skewed to the small numbers real packages have. */
export function semverVersion(rng: Rng, major = rng.chance(0.3) ? 0 : rng.int(1, rng.chance(0.8) ? 5 : 20)): string {
  const minor = rng.int(0, rng.chance(0.7) ? 9 : 40);
  const patch = rng.int(0, rng.chance(0.7) ? 9 : 30);
  const pre = rng.chance(0.005) ? `-${rng.pick(['alpha', 'beta', 'rc'])}.${rng.int(0, 5)}` : '';
  return `${major}.${minor}.${patch}${pre}`;
}
