import type { SecretRule } from '../rule.js';
import { CLOUD_VCS_RULES } from './cloud-vcs/index.js';
import { SERVICE_RULES } from './services/index.js';
import { STRUCTURED_RULES } from './structured/index.js';
import { GENERIC_RULES } from './generic/index.js';

/** Every built-in detector, vendor formats first so they win over generic ones on the same value. */
export const BUILTIN_RULES: readonly SecretRule[] = [...CLOUD_VCS_RULES, ...SERVICE_RULES, ...STRUCTURED_RULES, ...GENERIC_RULES];
