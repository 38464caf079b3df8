// Lint enforces the layers: src/core is plain Node (no vscode, not even types), the webview imports
// only the shared protocol, and nothing outside src/vscode reaches into the VS Code adapters.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const noVscode = { name: 'vscode', message: 'src/core is plain Node: no vscode import, not even types.' };

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.tools/**', 'media/**', '*.js', '*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.property.name='only']", message: 'No .only in committed tests.' }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noVscode],
        patterns: [{ group: ['**/vscode', '**/vscode/**', '**/webview', '**/webview/**'], message: 'src/core must not depend on the adapters or the webview.' }],
      }],
    },
  },
  {
    files: ['src/vscode/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/core/*', '**/webview', '**/webview/*'], message: 'The adapters use the core through its one public entry, src/core/index.ts.' }],
      }],
    },
  },
  {
    files: ['src/webview/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'The webview runs in a browser: talk to the host through the protocol.' }],
        // Its own modules (./x) and browser packages are fine; from the rest of src only the protocol.
        patterns: [{ group: ['../*', '!../shared', '../shared/*', '!../shared/protocol'], message: 'The webview may import only ../shared/protocol from outside src/webview.' }],
      }],
    },
  },
  {
    // A folder of the webview's own (src/webview/usage): the same rule, one level further up.
    files: ['src/webview/*/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'The webview runs in a browser: talk to the host through the protocol.' }],
        patterns: [{ group: ['../../*', '!../../shared', '../../shared/*', '!../../shared/protocol'], message: 'The webview may import only ../shared/protocol from outside src/webview.' }],
      }],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noVscode], patterns: [{ group: ['../*'], message: 'shared/ holds only the protocol types and imports nothing else from src.' }] }],
    },
  },
);
