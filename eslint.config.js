import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '**/fixtures/**', 'examples/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/actions/*', '**/cli/*'],
              message: 'The core must not know about any single action or the CLI.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/actions/**', 'src/cli/**', '__tests__/**', 'scripts/**', 'bench/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // Tests reshape real webhook payloads and SARIF files freely.
    files: ['__tests__/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
