/**
 * Placeholders: values a person writes where a secret will go, not a secret.
 *
 * Only checks that cannot fire on a random string are applied to long values
 * (private-key blocks, JWTs): the word, run and sequence checks below are
 * limited to short single-line values, because a few thousand characters of
 * base64 contain "xxxx" or "Test" often enough to lose real keys.
 */

/** Longest value the word, run and sequence heuristics look at. */
const SHORT_VALUE_MAX_CHARS = 200;

/** Whole values (compared lower-cased, with `-`, `_`, `.` and spaces removed). */
const PLACEHOLDER_VALUES = new Set([
  '',
  'changeme',
  'changeit', // the JDK keystore default, documented by Oracle's keytool
  'changethis',
  'changemenow',
  'pleasechangeme',
  'replaceme',
  'example',
  'examplekey',
  'sample',
  'dummy',
  'dummykey',
  'dummytoken',
  'dummypassword',
  'test',
  'tests',
  'testing',
  'test123',
  'testtest',
  'testpassword',
  'testtoken',
  'testkey',
  'testsecret',
  'fake',
  'fakekey',
  'faketoken',
  'fakepassword',
  'mock',
  'placeholder',
  'redacted',
  'removed',
  'hidden',
  'masked',
  'censored',
  'secret',
  'secrets',
  'secret123',
  'mysecret',
  'supersecret',
  'topsecret',
  'password',
  'password1',
  'password12',
  'password123',
  'passw0rd',
  'p@ssw0rd',
  'p@ssword',
  'mypassword',
  'yourpassword',
  'passwd',
  'pass',
  'pass123',
  'pwd',
  'token',
  'mytoken',
  'yourtoken',
  'apikey',
  'myapikey',
  'yourapikey',
  'key',
  'mykey',
  'yourkey',
  'secretkey',
  'privatekey',
  'accesskey',
  'none',
  'null',
  'nil',
  'undefined',
  'true',
  'false',
  'yes',
  'no',
  'on',
  'off',
  'todo',
  'fixme',
  'tbd',
  'na',
  'empty',
  'blank',
  'default',
  'notasecret',
  'notsecret',
  'notreal',
  'notarealkey',
  'notarealtoken',
  'notarealpassword',
  'insertkeyhere',
  'inserttokenhere',
  'inserthere',
  'foo',
  'bar',
  'baz',
  'foobar',
  'abc123',
  'admin',
  'admin123',
  'root',
  'toor',
  'guest',
  'qwerty',
  'letmein',
  'welcome',
  'welcome1',
  'hunter2',
  'user',
  'username',
  'value',
  'string',
  'required',
  'optional',
]);

/** Words that mark a short value as a stand-in wherever they appear as a whole word. */
const PLACEHOLDER_WORDS = new Set([
  'example',
  'examples',
  'sample',
  'dummy',
  'placeholder',
  'redacted',
  'changeme',
  'replaceme',
  'fake',
  'notreal',
  'your',
  'yours',
  'insert',
  'replace',
  'xxx',
]);

/** Template and interpolation syntaxes: `${X}`, `{{ x }}`, `$(x)`, `%(x)s`, `#{x}`, `%X%`. */
const TEMPLATE = /\$\{[^}\r\n]{0,200}\}|\{\{[^}\r\n]{0,200}\}\}|\$\([^)\r\n]{0,200}\)|%\([\w.-]{1,100}\)[sd]|#\{[^}\r\n]{0,200}\}|^%[A-Za-z_][\w]{0,100}%$/;
/** A whole value that is a shell/Make variable: `$DB_PASSWORD`, `$password`. */
const DOLLAR_VARIABLE = /^\$[A-Za-z_][\w]{0,100}$/;
/** `<your-key>`, `[API_KEY]`, `{token}`: a name in brackets standing for the value. */
const BRACKETED_NAME = /^(?:<[^<>\r\n]{1,100}>|\[[A-Za-z _.-]{1,100}\]|\{[A-Za-z _.-]{1,100}\})$/;
const ANGLE_INSTRUCTION = /<\s{0,3}(?:your|insert|replace|enter|put|add|paste|my)[\s_-]/i;
/** Masking runs: `xxxx`, `****`, `....`, `####`, `????`, `…`. */
const MASK_RUN = /[xX]{4}|\*{3}|\.{3}|#{4}|\?{3}|…|•{3}/;
/** One character repeated six times or more. */
const LONG_RUN = /(.)\1{5,}/g;
/**
 * A run masks the value only when it is most of it: X (Twitter) bearer tokens
 * really start with 22 `A`s, and are still 90 random characters after them.
 */
const MIN_RANDOM_CHARS_BESIDE_RUN = 16;

function isMostlyOneRun(value: string): boolean {
  let longest = 0;
  for (const m of value.matchAll(LONG_RUN)) longest = Math.max(longest, m[0].length);
  return longest > 0 && (longest * 2 >= value.length || value.length - longest < MIN_RANDOM_CHARS_BESIDE_RUN);
}
const SEQUENCES = [
  'ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRSTUVWXYZ',
  '01234567890123456789',
  '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  '0123456789ABCDEF0123456789ABCDEF',
  'QWERTYUIOPASDFGHJKLZXCVBNM',
  '1QAZ2WSX3EDC4RFV5TGB6YHN7UJM8IK9OL0P',
  '9876543210987654321',
  'ZYXWVUTSRQPONMLKJIHGFEDCBA',
];

/** Splits `myExampleKey_2`, `your-api-key` into lower-case words. */
function splitWords(value: string): string[] {
  return value
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w.length > 0)
    .map((w) => w.toLowerCase());
}

function normalise(value: string): string {
  return value.toLowerCase().replace(/[\s._-]/g, '');
}

/** True when a short value is a run of one character or a keyboard/alphabet/digit sequence. */
export function isSequentialOrRepeated(value: string): boolean {
  if (value.length < 4 || value.length > SHORT_VALUE_MAX_CHARS) return false;
  if (new Set(value).size === 1) return true;
  const upper = value.toUpperCase();
  return SEQUENCES.some((s) => s.includes(upper));
}

/**
 * True when `value` is a stand-in for a secret rather than one: empty, a
 * template or variable (`${DB_PASSWORD}`, `{{ token }}`, `$TOKEN`), a name in
 * brackets (`<your-key>`), a mask (`xxxx`, `****`), a word such as `changeme`,
 * `example`, `dummy`, `redacted`, `none`, `true`, or a sequence (`12345678`).
 */
export function isPlaceholder(value: string): boolean {
  const trimmed = value.trim().replace(/^["'`]|["'`]$/g, '');
  if (trimmed.length === 0) return true;
  if (TEMPLATE.test(trimmed) || DOLLAR_VARIABLE.test(trimmed) || BRACKETED_NAME.test(trimmed)) return true;
  if (ANGLE_INSTRUCTION.test(trimmed)) return true;
  if (trimmed.length > SHORT_VALUE_MAX_CHARS || /[\r\n]/.test(trimmed)) return false;
  if (PLACEHOLDER_VALUES.has(normalise(trimmed))) return true;
  if (MASK_RUN.test(trimmed) || isMostlyOneRun(trimmed)) return true;
  if (isSequentialOrRepeated(trimmed)) return true;
  const words = splitWords(trimmed);
  if (words.some((w) => PLACEHOLDER_WORDS.has(w))) return true;
  // `password123`, `secret_token`, `my-api-key`: only words every placeholder is made of, plus digits.
  const fillers = new Set(['my', 'the', 'a', 'api', 'key', 'secret', 'token', 'password', 'pass', 'pwd', 'test', 'dev', 'local', 'here', 'value', 'new', 'default']);
  return words.length > 1 && words.some((w) => fillers.has(w)) && words.every((w) => fillers.has(w) || /^\d{1,4}$/.test(w));
}
