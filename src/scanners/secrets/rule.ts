import type { Severity } from '../../core/severity.js';

/**
 * How sure a rule is that a match is a live credential:
 * - `high`: the format alone proves it (a vendor prefix, a checksum, a PEM header);
 * - `medium`: the format plus the context (a keyword or a nearby pair);
 * - `low`: generic detection (a secret-looking name, entropy and shape).
 */
export type Confidence = 'high' | 'medium' | 'low';

/**
 * One built-in (or configured) detector. Rules are data: the engine runs
 * `pattern` only on a bounded window around an occurrence of one of
 * `keywords`, never over a whole file.
 */
export interface SecretRule {
  /** Stable, kebab-case, unique: it is the SARIF rule id and part of every fingerprint. */
  id: string;
  /** For people: `GitHub personal access token (classic)`. */
  title: string;
  /** The issuer: `GitHub`, `AWS`, … (`Generic` for generic detection). */
  provider: string;
  /**
   * Lower-case literals at least 3 characters long; the rule runs only where
   * one of them occurs (compared case-insensitively). A vendor prefix
   * (`ghp_`, `xoxb-`, `AKIA`) makes the best keyword.
   */
  keywords: readonly string[];
  /**
   * Run on the window around a keyword hit. It must capture the credential in
   * the named group `secret` and use only bounded quantifiers (`{20,80}`, not
   * `+`), so that adversarial input cannot make it slow. No `g`/`y` flags: the
   * engine adds what it needs.
   */
  pattern: RegExp;
  /**
   * How far around the keyword hit the pattern looks, in characters on each
   * side (default 256). Multi-line rules (private keys) need more after it.
   */
  window?: {
    before: number;
    after: number;
    /**
     * The credential lies on the keyword's own line (an assignment, a URL):
     * the window where a match may start is clipped to that line, so a
     * keyword that is everywhere (`token`, `https://`) costs a line of regex
     * work, not a page.
     */
    sameLine?: boolean;
  };
  confidence: Confidence;
  severity: Severity;
  /** Minimum Shannon entropy of the secret, bits per character; below it the match is dropped. */
  minEntropy?: number;
  /**
   * A structural check on the captured secret (a CRC32 checksum, a JWT that
   * decodes, a key id of the right account format); false drops the match.
   */
  verify?: (secret: string, groups: Readonly<Record<string, string | undefined>>) => boolean;
  /**
   * Keep the match only when another rule also matched within this many lines
   * (an AWS secret access key needs its access key id nearby).
   */
  requires?: { ruleId: string; withinLines: number };
  /** What the developer must do next. */
  remediation: {
    /** One or two sentences: how to revoke and rotate this credential (markdown). */
    revoke: string;
    /** The provider's page on revoking/rotating it. */
    docsUrl: string;
  };
  /**
   * Test samples. `positive`: lines holding a FAKE value in the real format
   * (never a real credential) that the rule must find; `negative`: look-alikes
   * (placeholders, wrong checksums, documentation examples) it must not.
   */
  examples: { positive: readonly string[]; negative?: readonly string[] };
}
