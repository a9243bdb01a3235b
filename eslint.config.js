// ESLint flat config: typescript-eslint's recommended + strict rule sets (syntax-only, so linting
// stays fast; `npm run typecheck` does the type checking).
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const DATABASE_IMPORTS = [
  {
    group: ['**/db/*', '**/db/**', '**/generated/**', '@prisma/*'],
    message: 'Routes do not touch the database: call a service in src/services/ instead.',
  },
  {
    // The session store is handed the pool by type; no query is written here.
    group: ['pg'],
    allowTypeImports: true,
    message: 'Routes do not touch the database: call a service in src/services/ instead.',
  },
];
const AREAS = 'The admin and client areas do not import each other: put shared plumbing in src/http/middleware/.';

export default defineConfig(
  globalIgnores([
    'node_modules/',
    'dist/',
    'src/generated/',
    'data/',
    'public/vendor/',
    'coverage/',
    'bench/results/',
    'test-results/',
    '.scratch/',
  ]),
  js.configs.recommended,
  tseslint.configs.recommended,
  tseslint.configs.strict,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // `declare global { namespace Express { ... } }` is how Express's types are extended.
      '@typescript-eslint/no-namespace': ['error', { allowDeclarations: true }],
      // Route handlers read res.locals set by the guard middleware in front of them (`access!`).
      '@typescript-eslint/no-non-null-assertion': 'off',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'off',
      'prefer-const': 'error',
    },
  },
  {
    // Layering: routes translate HTTP and call services; only services and src/db/ touch the
    // database. The two areas share plumbing through src/http/middleware/, never each other.
    files: ['src/http/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...DATABASE_IMPORTS] }],
    },
  },
  {
    files: ['src/http/admin/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...DATABASE_IMPORTS, { group: ['**/http/client/**', '../client/**'], message: AREAS }] },
      ],
    },
  },
  {
    files: ['src/http/client/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...DATABASE_IMPORTS,
            { group: ['**/http/admin/**', '../admin/**', '../../admin/**'], message: AREAS },
          ],
        },
      ],
    },
  },
  {
    // The API sub-app is a third area: it answers machines, never renders a page of either area.
    files: ['src/http/api/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...DATABASE_IMPORTS,
            {
              group: [
                '**/http/admin/**',
                '**/http/client/**',
                '../admin/**',
                '../client/**',
                '../../admin/**',
                '../../client/**',
              ],
              message:
                'The API does not import the admin or client areas: share through services or src/http/middleware/.',
            },
          ],
        },
      ],
    },
  },
  {
    // Scripts served to the browser.
    files: ['public/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.browser } },
  },
);
