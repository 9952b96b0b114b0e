import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
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
    files: ['main/vault/**', 'main/otp/**', 'main/qr/**', 'main/cli/**', 'main/cognito/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'Services must not depend on Electron.' }] },
      ],
    },
  },
);
