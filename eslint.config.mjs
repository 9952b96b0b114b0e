import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      // An async handler given to a JSX attribute is fine: React ignores what it returns, and wrapping each in
      // `() => void f()` would hide a rejection no better than the handler's own try/catch (call()) does.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // The rules of hooks and complete dependency lists. The plugin's React Compiler rules wait for the renderer's
    // reorganisation by feature (issue 8), which rewrites the components they would flag.
    files: ['renderer/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    // Plain JavaScript (build and support scripts) has no type information for the typed rules.
    files: ['**/*.{js,mjs,cjs}'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Raw IPC is allowed only in the typed wrapper and the preload (ARCHITECTURE.md).
    files: ['main/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    ignores: ['main/app/ipc-register.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              importNames: ['ipcMain', 'ipcRenderer'],
              message: 'Use the typed IPC wrapper (main/app/ipc-register.ts) or the preload.',
            },
          ],
        },
      ],
    },
  },
  {
    // The services run in the CLI and in tests without Electron.
    files: ['main/**', 'locales/**', 'preload/api.ts', 'preload/schemas.ts'],
    ignores: ['main/app/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'Services must not depend on Electron.' }] },
      ],
    },
  },
);
