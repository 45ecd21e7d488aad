// The repository lints its own code: typescript-eslint's recommended rules (syntax-only, so a
// lint run stays seconds on two cores) plus a few that catch real bugs in this codebase.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', 'fixtures/**', 'bench/out/**', '.otalint/**', 'packages/core/src/schema/generated/**', '**/*.d.ts'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'off',
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
      // Control characters in patterns are deliberate here: escaping them in output, rejecting them in input.
      'no-control-regex': 'off',
      'prefer-const': 'error',
    },
  },
  {
    // The helpers every rule calls on every request: a spread there is paid by every request. An
    // object spread gives each object made a hidden class of its own (V8 then optimises nothing that
    // reads them); a list spread with more after it grows its list as it goes (about 4 times the
    // bytes of a list made at its size). Where one runs once, say so in a disable comment.
    files: ['packages/core/src/util/**/*.ts', 'packages/core/src/value/**/*.ts', 'packages/core/src/rules/rule-needs.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'ObjectExpression > SpreadElement', message: 'No object spread in the per-request helpers: set the members in one literal.' },
        {
          selector: 'ArrayExpression > SpreadElement ~ *',
          message: 'No list spread with more after it in the per-request helpers: make the list at its size.',
        },
      ],
    },
  },
  {
    // CommonJS on purpose (the otalint binary, the bench floor: they start without the ES module loader).
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
