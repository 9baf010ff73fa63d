import type { SecretRule } from '../../rule.js';
import { anyCase, assignedValue, isMixedCase } from './support.js';

export const CI_RULES: SecretRule[] = [
  {
    id: 'circleci-personal-api-token',
    title: 'CircleCI personal API token',
    provider: 'CircleCI',
    keywords: ['ccipat_'],
    pattern: /(?<![A-Za-z0-9_])(?<secret>CCIPAT_[A-Za-z0-9]{22}_[0-9a-f]{40})(?![A-Za-z0-9_])/,
    confidence: 'high',
    severity: 'critical',
    minEntropy: 4,
    remediation: {
      revoke: 'Delete the token under User Settings > Personal API Tokens in CircleCI and create a new one.',
      docsUrl: 'https://circleci.com/docs/managing-api-tokens/',
    },
    examples: {
      positive: ['CIRCLE_TOKEN=CCIPAT_iWcXgyaLarg263HK9R0lp8_d9018c98a90c87d5c083e51d0bc3a13488f50864'],
      negative: ['CIRCLE_TOKEN=CCIPAT_xxxxxxxxxxxxxxxxxxxxxx_0000000000000000000000000000000000000000'],
    },
  },
  {
    id: 'circleci-api-token-legacy',
    title: 'CircleCI API token (40 hex characters)',
    provider: 'CircleCI',
    keywords: ['circle'],
    pattern: assignedValue(`${anyCase('circle')}(?:${anyCase('ci')})?[_-]?(?:${anyCase('api')}[_-]?)?${anyCase('token')}`, '[0-9a-f]{40}'),
    confidence: 'medium',
    severity: 'critical',
    minEntropy: 3,
    remediation: {
      revoke: 'Delete the personal or project API token in CircleCI (User Settings or Project Settings > API Permissions) and create a new one.',
      docsUrl: 'https://circleci.com/docs/managing-api-tokens/',
    },
    examples: {
      positive: ['CIRCLE_TOKEN=0aa12b15d84bf3f0337d879a9a53b35d1622a20c', 'circleci_api_token: "0aa12b15d84bf3f0337d879a9a53b35d1622a20c"'],
      negative: ['CIRCLE_SHA1=4ab06b5038460a661ce1cfc51ce4650e0553c634'],
    },
  },
  {
    id: 'travis-ci-api-token',
    title: 'Travis CI API token',
    provider: 'Travis CI',
    keywords: ['travis'],
    pattern: assignedValue(`${anyCase('travis')}[_-]?(?:${anyCase('ci')}[_-]?)?(?:${anyCase('api')}[_-]?)?${anyCase('token')}`, '[A-Za-z0-9]{22}'),
    confidence: 'medium',
    severity: 'critical',
    minEntropy: 3.8,
    verify: isMixedCase,
    remediation: {
      revoke: 'Regenerate the token on the Travis CI Settings page (or `travis token --regenerate` where supported) and update the scripts that used it.',
      docsUrl: 'https://docs.travis-ci.com/user/best-practices-security/',
    },
    examples: {
      positive: ['TRAVIS_API_TOKEN=6pXhOYoPoDyw6CIBISCovK'],
      negative: ['TRAVIS_TOKEN=aaaaaaaaaaaaaaaaaaaaaa'],
    },
  },
  {
    id: 'buildkite-api-access-token',
    title: 'Buildkite API access token',
    provider: 'Buildkite',
    keywords: ['bkua_'],
    pattern: /(?<![A-Za-z0-9_])(?<secret>bkua_[0-9a-f]{40})(?![0-9A-Za-z_])/,
    confidence: 'high',
    severity: 'critical',
    minEntropy: 3,
    remediation: {
      revoke: 'Revoke the token under Personal Settings > API Access Tokens in Buildkite (or `DELETE /v2/access-token`) and create one with fewer scopes.',
      docsUrl: 'https://buildkite.com/docs/apis/managing-api-tokens',
    },
    examples: {
      positive: ['BUILDKITE_API_TOKEN=bkua_3d25a1c364305ee515fe74027bd34a5f5e94810f'],
      negative: ['BUILDKITE_API_TOKEN=bkua_0000000000000000000000000000000000000000'],
    },
  },
  {
    id: 'snyk-api-token',
    title: 'Snyk API token',
    provider: 'Snyk',
    keywords: ['snyk'],
    pattern: assignedValue(
      `${anyCase('snyk')}[_-]?(?:${anyCase('api')}[_-]?|${anyCase('auth')}[_-]?)?(?:${anyCase('token')}|${anyCase('key')})`,
      '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
      '(?![0-9A-Za-z-])',
    ),
    confidence: 'medium',
    severity: 'high',
    minEntropy: 3,
    remediation: {
      revoke: 'Revoke and regenerate the token under Account settings > Auth Token in Snyk; for CI use a service account token.',
      docsUrl: 'https://docs.snyk.io/snyk-api/authentication-for-api/revoke-and-regenerate-a-snyk-api-token',
    },
    examples: {
      positive: ['SNYK_TOKEN=db47500b-8e71-52ca-5722-f84a7d426f92'],
      negative: ['SNYK_ORG_ID=db47500b-8e71-52ca-5722-f84a7d426f92', 'SNYK_TOKEN=00000000-0000-0000-0000-000000000000'],
    },
  },
  {
    id: 'sonarqube-token',
    title: 'SonarQube user, project or global analysis token',
    provider: 'Sonar',
    keywords: ['squ_', 'sqp_', 'sqa_'],
    pattern: /(?<![A-Za-z0-9_])(?<secret>sq[upa]_[0-9a-f]{40})(?![0-9A-Za-z_])/,
    confidence: 'high',
    severity: 'high',
    minEntropy: 3,
    remediation: {
      revoke: 'Revoke the token in SonarQube (My Account > Security, or Administration > Security > Users for others) and generate a project analysis token with an expiry.',
      docsUrl: 'https://docs.sonarsource.com/sonarqube-server/latest/user-guide/managing-tokens/',
    },
    examples: {
      positive: ['SONAR_TOKEN=squ_706f1cdbfed95ab83797f64eb05e83973e355606', 'sonar.token=sqp_5792d233671438588caccebb819f6982651b6165', 'mvn sonar:sonar -Dsonar.token=sqa_fced8e2c69bad42f9949636aa39473e97fb6c235'],
      negative: ['SONAR_TOKEN=squ_0000000000000000000000000000000000000000'],
    },
  },
  {
    id: 'sonar-token-legacy',
    title: 'SonarQube / SonarQube Cloud token (40 hex characters)',
    provider: 'Sonar',
    keywords: ['sonar'],
    pattern: assignedValue(`${anyCase('sonar')}[._-]?(?:${anyCase('login')}|${anyCase('token')}|${anyCase('auth')}[_-]?${anyCase('token')})`, '[0-9a-f]{40}'),
    confidence: 'medium',
    severity: 'high',
    minEntropy: 3,
    remediation: {
      revoke: 'Revoke the token under My Account > Security in SonarQube or SonarQube Cloud and generate a new one.',
      docsUrl: 'https://docs.sonarsource.com/sonarqube-cloud/managing-your-account/managing-tokens/',
    },
    examples: {
      positive: ['SONAR_TOKEN=8c04b144097c2fbd3995f4a9ce76a15ead5067cc', '-Dsonar.login=8c04b144097c2fbd3995f4a9ce76a15ead5067cc'],
      negative: ['SONAR_PROJECT_KEY=8c04b144097c2fbd3995f4a9ce76a15ead5067cc'],
    },
  },
];
