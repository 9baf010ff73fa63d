import type { SecretRule } from '../../rule.js';
import { CONNECTION_STRING_RULES } from './connection-strings.js';
import { DOCKER_CONFIG_RULES, HTTP_AUTH_HEADER_RULES } from './docker-config.js';
import { JWT_RULES } from './jwt.js';
import { KUBERNETES_RULES } from './kubernetes-secret.js';
import { PRIVATE_KEY_RULES } from './private-keys.js';

/**
 * Credentials recognised by their structure rather than by a vendor prefix:
 * private keys, JWTs, passwords in connection strings, Kubernetes Secrets,
 * Docker registry auth, HTTP Basic headers.
 */
export const STRUCTURED_RULES: readonly SecretRule[] = [
  ...PRIVATE_KEY_RULES,
  ...JWT_RULES,
  ...CONNECTION_STRING_RULES,
  ...KUBERNETES_RULES,
  ...DOCKER_CONFIG_RULES,
  ...HTTP_AUTH_HEADER_RULES,
];
