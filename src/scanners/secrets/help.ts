import type { RuleDescriptorInput } from '../../core/findings.js';
import { ruleDescriptorSchema, type RuleDescriptor } from '../../core/findings.js';
import { scoreForSeverity } from '../../core/severity.js';
import type { Confidence, SecretRule } from './rule.js';

const PRECISION: Record<Confidence, RuleDescriptor['precision']> = {
  high: 'very-high',
  medium: 'high',
  low: 'medium',
};

/** How to get a credential out of git history, shared by every rule's help. */
const PURGE_HISTORY =
  'Removing the line in a new commit does not remove the credential: it stays in the history and in every clone and fork. ' +
  '**Revoke it first**; then, if the history must be cleaned, rewrite it with `git filter-repo --replace-text` (or BFG), ' +
  'force-push, and ask GitHub Support to purge cached views of the old commits ' +
  '([Removing sensitive data from a repository](https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/removing-sensitive-data-from-a-repository)).';

/** The SARIF rule (and summary help) for a detector: what it is, how to revoke and rotate it, how to purge it. */
export function describeSecretRule(rule: SecretRule): RuleDescriptor {
  const input: RuleDescriptorInput = {
    id: rule.id,
    name: toPascalCase(rule.id),
    shortDescription: `${rule.title} committed to the repository`,
    fullDescription: `A ${rule.title} (${rule.provider}) was found in the code. Anyone who can read the repository, its history or a fork can use it. Detection confidence: ${rule.confidence}.`,
    helpMarkdown: [
      `**${rule.title}** (${rule.provider}; confidence: ${rule.confidence}).`,
      '',
      `**Revoke and rotate it now:** ${rule.remediation.revoke} ([${rule.provider} documentation](${rule.remediation.docsUrl}))`,
      '',
      'Then move the new credential out of the code: into the CI secret store (`${{ secrets.NAME }}`), an environment variable or a secrets manager.',
      '',
      PURGE_HISTORY,
      '',
      'If this is not a real credential (a test value, a placeholder), add `devsecops:allow` in a comment on the line, or record it in the baseline with `devsecops secrets-scan --write-baseline`.',
    ].join('\n'),
    helpUri: rule.remediation.docsUrl,
    tags: ['security', 'secret', 'external/cwe/cwe-798', `provider/${rule.provider.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`],
    precision: PRECISION[rule.confidence],
    score: scoreForSeverity(rule.severity),
  };
  return ruleDescriptorSchema.parse(input);
}

function toPascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}
