import type { SecretRule } from '../../rule.js';
import { ASSIGNMENT_RULES } from './assignment.js';

/**
 * Generic, `low`-confidence detection: a secret-looking name assigned a
 * literal of secret-like shape. They run after every vendor and structured
 * rule, and the false-positive gate applies its strictest checks to them.
 */
export const GENERIC_RULES: readonly SecretRule[] = [...ASSIGNMENT_RULES];
