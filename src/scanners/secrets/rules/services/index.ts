import type { SecretRule } from '../../rule.js';
import { AI_RULES } from './ai.js';
import { CHAT_RULES } from './chat.js';
import { DEVOPS_RULES } from './devops.js';
import { EMAIL_RULES } from './email.js';
import { OBSERVABILITY_RULES } from './observability.js';
import { PAYMENT_RULES } from './payments.js';
import { PRODUCTIVITY_RULES } from './productivity.js';
import { SLACK_RULES } from './slack.js';
import { SOCIAL_RULES } from './social.js';
import { STRIPE_RULES } from './stripe.js';
import { TWILIO_RULES } from './twilio.js';

/**
 * Detectors for SaaS credentials with a documented format (cloud and VCS
 * providers live in their own rule set). Ids start with the provider.
 *
 * Severity policy: live credentials that move money, read customer data or
 * administer an account are `critical`; other live API keys `high`; webhook
 * URLs (anyone holding one can post or trigger, but not read) `medium`;
 * identifiers that only mark a pair (`requires`) `note`. Test/sandbox keys
 * are not reported.
 */
export const SERVICE_RULES: SecretRule[] = [
  ...SLACK_RULES,
  ...STRIPE_RULES,
  ...TWILIO_RULES,
  ...EMAIL_RULES,
  ...PAYMENT_RULES,
  ...AI_RULES,
  ...CHAT_RULES,
  ...PRODUCTIVITY_RULES,
  ...DEVOPS_RULES,
  ...OBSERVABILITY_RULES,
  ...SOCIAL_RULES,
];
