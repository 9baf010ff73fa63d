import type { SecretRule } from '../../rule.js';
import { assigned, prefixed } from './shared.js';

// OpenAI keys carry `T3BlbkFJ` (base64 of "OpenAI") between two random halves;
// Anthropic keys end in `AA` after 93 characters; the other vendors use a
// fixed prefix and length (Hugging Face `hf_` + 34 letters, Replicate `r8_`
// + 37, Groq `gsk_` + 52, Perplexity `pplx-` + 48, xAI `xai-` + 80,
// Pinecone `pcsk_<key id>_<secret>`). Mistral and Cohere keys have no prefix
// and are found only by their name.

function openAiProject(id: string, title: string, kind: string, severity: SecretRule['severity'], example: string): SecretRule {
  return {
    id,
    title,
    provider: 'OpenAI',
    keywords: [`sk-${kind}-`],
    pattern: prefixed(`sk-${kind}-`, '[A-Za-z0-9_-]{58,74}T3BlbkFJ[A-Za-z0-9_-]{58,74}'),
    confidence: 'high',
    severity,
    minEntropy: 4,
    remediation: {
      revoke:
        'Delete the key in the OpenAI dashboard (API keys → Revoke, or the project\'s service accounts / the organization\'s admin keys), create a new one and review usage for spend you did not make.',
      docsUrl: 'https://help.openai.com/en/articles/9047852-how-can-i-delete-my-api-key',
    },
    examples: { positive: [example], negative: [`OPENAI_API_KEY=sk-${kind}-...`] },
  };
}

export const AI_RULES: SecretRule[] = [
  openAiProject(
    'openai-project-api-key',
    'OpenAI project API key',
    'proj',
    'high',
    `OPENAI_API_KEY=${'sk-proj'}-dk2Gef9KaHtOG4vy2aFzNyw-1pUQMU6bkqf-vXha02nrUjfc7Gnfiepi1VhIaGRSOm109DbwZK${'T3Blbk'}FJffvViuBAIZvc61x-qIK6rdrsmy8Khdmjh7CWaU2JStJnhTbApl2Aue7SnTWs2ehydIEZia50gT`,
  ),
  openAiProject(
    'openai-service-account-key',
    'OpenAI service account API key',
    'svcacct',
    'high',
    `client = OpenAI(api_key="${'sk-svcacct'}-tQyECWE_biFfL34mYKziIgvwshH54pUHin0ezdHdYQWFRCnyslUXsplWHH${'T3Blbk'}FJIIJgNFbJpnXQwM1cYY8DYGwaMS-dESqrkKNqqxwxWKemyf3lKt9MHkAyjp")`,
  ),
  openAiProject(
    'openai-admin-key',
    'OpenAI admin API key',
    'admin',
    'critical',
    `OPENAI_ADMIN_KEY='${'sk-admin'}-CcEHkzang6AUskBRYIb3su36_G9NGCiH2_UR5sf6Esw3vgBNW6aohTPR6h${'T3Blbk'}FJWXAQs7vigvakanf1QtzQw1LE8e9XwM-_nw1gqkggOwG34y49GXYI7XqBJ2'`,
  ),
  {
    id: 'openai-legacy-api-key',
    title: 'OpenAI API key (legacy user key)',
    provider: 'OpenAI',
    keywords: ['t3blbkfj'],
    pattern: prefixed('sk-', '[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}'),
    confidence: 'high',
    severity: 'high',
    minEntropy: 4,
    remediation: {
      revoke: 'Revoke the key in the OpenAI dashboard (API keys), create a project key in its place and review usage.',
      docsUrl: 'https://help.openai.com/en/articles/9047852-how-can-i-delete-my-api-key',
    },
    examples: {
      positive: [`openai.api_key = "${'sk'}-NPXYPn3nxjpUM2v46A7A${'T3Blbk'}FJZlLtnrI4GQeijrJwJ1Sw"`],
      negative: ['openai.api_key = "sk-..."'],
    },
  },
  {
    id: 'anthropic-api-key',
    title: 'Anthropic API key',
    provider: 'Anthropic',
    keywords: ['sk-ant-api03-'],
    pattern: prefixed('sk-ant-api03-', '[A-Za-z0-9_-]{93}AA'),
    confidence: 'high',
    severity: 'high',
    minEntropy: 4,
    remediation: {
      revoke: 'Delete the key in the Claude Console (Settings → API keys → Delete), create a new one and check usage for spend you did not make.',
      docsUrl: 'https://docs.anthropic.com/en/api/admin-api/apikeys/update-api-key',
    },
    examples: {
      positive: [`ANTHROPIC_API_KEY=${'sk-ant-api03'}-9hSWEuuBcdg34CLsGmZhTQ29gnhPsUw9f218u8Rwjmy_LYLuE5IWevLyrNeT6R2uV-8b66sDgL-AlRuKRvaEOkx7h3CFqAA`],
      negative: ['ANTHROPIC_API_KEY=sk-ant-api03-...'],
    },
  },
  {
    id: 'anthropic-admin-key',
    title: 'Anthropic Admin API key',
    provider: 'Anthropic',
    keywords: ['sk-ant-admin01-'],
    pattern: prefixed('sk-ant-admin01-', '[A-Za-z0-9_-]{93}AA'),
    confidence: 'high',
    severity: 'critical',
    minEntropy: 4,
    remediation: {
      revoke: 'Admin keys manage the whole organization: delete it in the Claude Console (Settings → Admin keys), create a new one only if still needed, and review members and keys it may have changed.',
      docsUrl: 'https://docs.anthropic.com/en/api/administration-api',
    },
    examples: { positive: [`"x-api-key": "${'sk-ant-admin01'}-fq6V_vei3JzLCvBkMxDC1B_QAEKrCmKZDBeXOUhJIfLsx84yAmFWeTFwRZerT0KKyCsgT08zhtlZ37GEfa1eqyFjg9uf-AA"`] },
  },
  {
    id: 'huggingface-access-token',
    title: 'Hugging Face user access token',
    provider: 'Hugging Face',
    keywords: ['hf_'],
    pattern: prefixed('hf_', '[A-Za-z]{34}'),
    confidence: 'high',
    severity: 'high',
    minEntropy: 4,
    remediation: {
      revoke: 'Invalidate or delete the token in Hugging Face (Settings → Access Tokens → "Invalidate and refresh"), and use a fine-grained token for the job.',
      docsUrl: 'https://huggingface.co/docs/hub/security-tokens',
    },
    examples: {
      positive: [`HF_TOKEN=${'hf'}_xHmBlfNSIlTAObGNYiNNXDcxrlXBxrpXas`],
      negative: ['HF_TOKEN=hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    },
  },
  {
    id: 'huggingface-org-api-token',
    title: 'Hugging Face organization API token (legacy)',
    provider: 'Hugging Face',
    keywords: ['api_org_'],
    pattern: prefixed('api_org_', '[A-Za-z]{34}'),
    confidence: 'high',
    severity: 'high',
    minEntropy: 4,
    remediation: {
      revoke: 'Regenerate the organization API token in the organization\'s settings and move the job to a fine-grained user or organization token.',
      docsUrl: 'https://huggingface.co/docs/hub/security-tokens',
    },
    examples: { positive: [`use_auth_token='${'api_org'}_IPConmHtQoRoSrXDDaTgTVJREuSQbJmdLe'`] },
  },
  {
    id: 'replicate-api-token',
    title: 'Replicate API token',
    provider: 'Replicate',
    keywords: ['r8_'],
    pattern: prefixed('r8_', '[A-Za-z0-9_-]{37}'),
    confidence: 'high',
    severity: 'high',
    minEntropy: 4,
    remediation: {
      revoke: 'Delete the token on Replicate (Account → API tokens) and create a new one.',
      docsUrl: 'https://replicate.com/docs/topics/security/api-tokens',
    },
    examples: { positive: [`REPLICATE_API_TOKEN=${'r8'}_iB07eka4uMRF6B5152TFU4tC84o6T8ldH8Bqt`] },
  },
  {
    id: 'groq-api-key',
    title: 'Groq API key',
    provider: 'Groq',
    keywords: ['gsk_'],
    pattern: prefixed('gsk_', '[A-Za-z0-9]{52}'),
    confidence: 'high',
    severity: 'high',
    minEntropy: 4,
    remediation: {
      revoke: 'Delete the key in the GroqCloud console (API Keys) and create a new one.',
      docsUrl: 'https://console.groq.com/docs/quickstart',
    },
    examples: { positive: [`GROQ_API_KEY="${'gsk'}_bA00U9LcMlJdBtD4sps79Paa0Ikz1ofqkq216qDkDOlrM7NWdYXh"`] },
  },
  {
    id: 'mistral-api-key',
    title: 'Mistral AI API key',
    provider: 'Mistral AI',
    keywords: ['mistral'],
    pattern: assigned(['mistral'], '[A-Za-z0-9]{32}'),
    confidence: 'medium',
    severity: 'high',
    minEntropy: 4,
    remediation: {
      revoke: 'Delete the key in La Plateforme (console.mistral.ai → API Keys) and create a new one.',
      docsUrl: 'https://docs.mistral.ai/getting-started/quickstart/',
    },
    examples: {
      positive: [`MISTRAL_API_KEY=1WWX5PFmiXKYiaT8APBaSETSd9FMHJcM`],
      negative: ['MISTRAL_API_KEY=your_mistral_api_key_goes_here'],
    },
  },
  {
    id: 'cohere-api-key',
    title: 'Cohere API key',
    provider: 'Cohere',
    keywords: ['cohere'],
    pattern: assigned(['cohere'], '[A-Za-z0-9]{40}'),
    confidence: 'medium',
    severity: 'high',
    minEntropy: 4,
    remediation: {
      revoke: 'Delete the key in the Cohere dashboard (API Keys) and create a new production key.',
      docsUrl: 'https://dashboard.cohere.com/api-keys',
    },
    examples: { positive: [`COHERE_API_KEY: "diWh0mGri7gue0AsRHQEn2TE6YdiZqukGRhuaeWl"`] },
  },
  {
    id: 'perplexity-api-key',
    title: 'Perplexity API key',
    provider: 'Perplexity',
    keywords: ['pplx-'],
    pattern: prefixed('pplx-', '[A-Za-z0-9]{48}'),
    confidence: 'high',
    severity: 'high',
    minEntropy: 4,
    remediation: {
      revoke: 'Delete the key in Perplexity (Settings → API → API keys) and generate a new one.',
      docsUrl: 'https://docs.perplexity.ai/guides/getting-started',
    },
    examples: { positive: [`PERPLEXITY_API_KEY=${'pplx'}-DMXlzT9f9HZ7k3b3rSiAPqm05B8KleFF11frsrkj0kKj1cqm`] },
  },
  {
    id: 'xai-api-key',
    title: 'xAI API key',
    provider: 'xAI',
    keywords: ['xai-'],
    pattern: prefixed('xai-', '[A-Za-z0-9_]{80}'),
    confidence: 'high',
    severity: 'high',
    minEntropy: 4,
    remediation: {
      revoke: 'Delete the key in the xAI console (API Keys) and create a new one with only the models and endpoints it needs.',
      docsUrl: 'https://docs.x.ai/docs/overview',
    },
    examples: { positive: [`XAI_API_KEY=${'xai'}-GsEaJ6ataRaLEptyxJ3dBcVqiPBDcYWqwEvI8AVmDmLAlNEht42gJGX0xIJjOu7ea0rggnWPWJhAIKZn`] },
  },
  {
    id: 'pinecone-api-key',
    title: 'Pinecone API key',
    provider: 'Pinecone',
    keywords: ['pcsk_'],
    pattern: prefixed('pcsk_', '[A-Za-z0-9]{4,8}_[A-Za-z0-9]{40,80}'),
    confidence: 'high',
    severity: 'high',
    minEntropy: 4,
    remediation: {
      revoke: 'Delete the key in the Pinecone console (project → API keys) and create a new one with the narrowest role.',
      docsUrl: 'https://docs.pinecone.io/guides/projects/manage-api-keys',
    },
    examples: { positive: [`pc = Pinecone(api_key="${'pcsk'}_ARMl8R_lysWtIzqurKfzsVOtDp10LXFpezY2GvaWO6ZuuCv50dA6gpCTKpglDtxyyLyRPC")`] },
  },
];
