import type { SecretRule } from '../../rule.js';
import { prefixed } from './shared.js';

// Formats: Stripe "API keys" (docs.stripe.com/keys): `sk_live_`/`rk_live_` then
// base62 (24 characters for old keys, up to 99+ for current ones); webhook
// endpoint secrets are `whsec_` then base62. Test-mode keys (`sk_test_`) are
// deliberately not reported: they cannot move money, and the placeholder
// filter drops values containing "test" anyway; they are negatives here.

export const STRIPE_RULES: SecretRule[] = [
  {
    id: 'stripe-live-secret-key',
    title: 'Stripe live secret key',
    provider: 'Stripe',
    keywords: ['sk_live_'],
    pattern: prefixed('sk_live_', '[A-Za-z0-9]{24,247}'),
    window: { before: 32, after: 300 },
    confidence: 'high',
    severity: 'critical',
    minEntropy: 3.5,
    remediation: {
      revoke:
        'Roll the key in the Dashboard (Developers → API keys → "Roll key…", expiring the old key now), deploy the new key from a secret manager, and review recent API requests in the logs.',
      docsUrl: 'https://docs.stripe.com/keys#rolling-keys',
    },
    examples: {
      positive: [
        `STRIPE_SECRET_KEY=${'sk_live'}_ZteVV2WqHhFdU5EBKVXIOLJ5hu2iTPQFj35Dznc9DlrOWl82Martyo16mVqR1qfd3FJfTUdH0WBo6lIpiefJbxeFFbg4IyNEXTo`,
        `Stripe.api_key = "${'sk_live'}_f2We1liT6ICbmcJFgIHPcHVz"`,
      ],
      negative: [`STRIPE_SECRET_KEY=${'sk_test'}_XrcuHQEUk9QeLUEb7kz25MPWlixDWDdrC4hxYFUtwyB9HDoP64LAWxvq9d22vv853t4oRd52UiYhHyiSRFLwtUKSpsM73RbPAc1`, 'STRIPE_SECRET_KEY=sk_live_...'],
    },
  },
  {
    id: 'stripe-live-restricted-key',
    title: 'Stripe live restricted key',
    provider: 'Stripe',
    keywords: ['rk_live_'],
    pattern: prefixed('rk_live_', '[A-Za-z0-9]{24,247}'),
    window: { before: 32, after: 300 },
    confidence: 'high',
    severity: 'high',
    minEntropy: 3.5,
    remediation: {
      revoke:
        'Roll or delete the restricted key in the Dashboard (Developers → API keys → Restricted keys), create a new one with the same permissions and deploy it from a secret manager.',
      docsUrl: 'https://docs.stripe.com/keys#rolling-keys',
    },
    examples: {
      positive: [`const stripe = new Stripe('${'rk_live'}_ZFyuZK37N9HX60A2fFasQ4KGLl3xGW3wyQag6BoUnvtemg0yoQQ6qk3LSVXe5wFHc7yipG6QJlcOrnMEPB6buUqKHdYoTFdrg7K');`],
      negative: [`const stripe = new Stripe('${'rk_test'}_WYKpqdW0dD9lKKbRGr0PIIyALx9XPeSfLkWFiou9RPrlDc6wZdYvrfFG16O6Aq7kjDIpF8jBGWcVJxkJYgEo4WZSeMCQdgqtY6l');`],
    },
  },
  {
    id: 'stripe-webhook-signing-secret',
    title: 'Stripe webhook signing secret',
    provider: 'Stripe',
    keywords: ['whsec_'],
    pattern: prefixed('whsec_', '[A-Za-z0-9+/]{32,88}={0,2}'),
    confidence: 'high',
    severity: 'high',
    minEntropy: 3.5,
    remediation: {
      revoke:
        'With the secret anyone can forge signed events to your endpoint: roll it in the Dashboard (Developers → Webhooks → endpoint → "Roll secret"), expiring the old one now, and update the endpoint\'s configuration.',
      docsUrl: 'https://docs.stripe.com/webhooks#roll-endpoint-secrets',
    },
    examples: {
      positive: [`STRIPE_WEBHOOK_SECRET="${'whsec'}_FnIQY0YIKk2K1ZXzaiTf64m49PALOqP5"`],
      negative: ['STRIPE_WEBHOOK_SECRET=whsec_...'],
    },
  },
];
