// @ts-check
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['build/**', 'node_modules/**', 'static/**/*.min.js'] },
  ...tseslint.configs.recommended,
  {
    files: ['lib/**/*.ts', 'test/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [] }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    // Only lib/nodebb may reach NodeBB; domain code is pure (no clock, no I/O).
    files: ['lib/domain/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', { name: 'Date', message: 'Domain code takes time as a parameter.' }],
      'no-restricted-imports': ['error', { patterns: ['../store/*', '../services/*', '../nodebb/*', '../http/*', 'fs', 'node:*'] }],
    },
  },
  {
    files: ['lib/**/*.ts'],
    ignores: ['lib/nodebb/**'],
    rules: {
      'no-restricted-syntax': ['error',
        { selector: "CallExpression[callee.property.name='require']", message: 'Only lib/nodebb/ touches NodeBB.' },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Use the host clock.' },
      ],
    },
  },
  {
    files: ['static/**/*.js'],
    languageOptions: { sourceType: 'module', globals: { window: 'readonly', document: 'readonly', config: 'readonly', app: 'readonly', ajaxify: 'readonly', fetch: 'readonly', FormData: 'readonly', URLSearchParams: 'readonly', location: 'readonly', console: 'readonly', crypto: 'readonly', setTimeout: 'readonly', HTMLElement: 'readonly', Event: 'readonly', CustomEvent: 'readonly' } },
  },
);
