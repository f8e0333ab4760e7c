// @ts-check
import tseslint from 'typescript-eslint';

/** Selectors forbidden in all of lib/ but the NodeBB adapter. */
const everywhere = [
  { selector: "CallExpression[callee.property.name='require']", message: 'Only lib/nodebb/ touches NodeBB.' },
  { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Use the host clock.' },
];
const notStore = 'Only a module\'s store touches the database: add a method to the module\'s store*.ts.';
/** Selectors forbidden in a module's files other than its stores. */
const onlyStores = [
  { selector: "MemberExpression[object.type='MemberExpression'][object.property.name='db']", message: notStore },
  { selector: "MemberExpression[object.type='Identifier'][object.name='db']", message: notStore },
  { selector: "VariableDeclarator[init.type='MemberExpression'][init.property.name='db']", message: notStore },
  { selector: "ObjectPattern > Property[key.name='db']", message: notStore },
];

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
    // Module boundaries (lib/README.md): a module's folder is private; other modules and the
    // composition root import only its index.ts. Only lib/runtime.ts builds the NodeBB adapter.
    files: ['lib/modules/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { regex: '^\\.\\./[^./][^/]*/.+', message: "Import another module only through its index.ts (e.g. '../ledger')." },
        { regex: '^(\\.\\./)+nodebb(/|$)', message: 'Only lib/nodebb/ touches NodeBB; use the Host port.' },
        { regex: '^\\.\\./\\.\\./(services|features|plugin|runtime)$', message: 'Modules do not import the composition root (type-only imports of lib/services are allowed).', allowTypeImports: true },
      ] }],
    },
  },
  {
    files: ['lib/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { regex: '^\\./modules/[^/]+/.+', message: 'The composition root imports a module only through its index.ts.' },
      ] }],
    },
  },
  {
    // The kernel and the host port are below every module: they never import one.
    files: ['lib/kernel/**/*.ts', 'lib/host/**/*.ts', 'lib/nodebb/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { regex: '^(\\.\\./)+modules(/|$)', message: 'The kernel, the host port and the adapter do not depend on modules.' },
      ] }],
    },
  },
  {
    // Domain rules are pure: no clock, no I/O, no persistence or adapters.
    files: ['lib/modules/*/domain*.ts'],
    rules: {
      'no-restricted-globals': ['error', { name: 'Date', message: 'Domain code takes time as a parameter.' }],
    },
  },
  {
    files: ['lib/modules/*/domain*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { regex: '^\\./(store|service|http|hooks|jobs|feature)', message: 'Domain rules are pure: no store, service or adapter.' },
        { regex: '^\\.\\./[^./][^/]*/.+', message: "Import another module only through its index.ts." },
        { regex: '^(node:)?(fs|http|https|net|child_process)$', message: 'Domain rules are pure: no I/O.' },
      ] }],
    },
  },
  {
    files: ['lib/**/*.ts'],
    ignores: ['lib/nodebb/**'],
    rules: { 'no-restricted-syntax': ['error', ...everywhere] },
  },
  {
    // Only a module's store touches the database (lib/README.md): anywhere else in a module, the
    // database port may be handed to a store or a kernel mechanism, never called or kept.
    files: ['lib/modules/**/*.ts'],
    ignores: ['lib/modules/*/store*.ts'],
    rules: { 'no-restricted-syntax': ['error', ...everywhere, ...onlyStores] },
  },
  {
    files: ['static/**/*.js'],
    languageOptions: { sourceType: 'module', globals: { window: 'readonly', document: 'readonly', config: 'readonly', app: 'readonly', ajaxify: 'readonly', fetch: 'readonly', FormData: 'readonly', URLSearchParams: 'readonly', location: 'readonly', console: 'readonly', crypto: 'readonly', setTimeout: 'readonly', HTMLElement: 'readonly', Event: 'readonly', CustomEvent: 'readonly' } },
  },
);
