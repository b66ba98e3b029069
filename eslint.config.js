// Lint rules, above all the layer rules of architecture.md as errors:
// - core/ (outside core/node/) is pure: no electron, no DOM, no node: built-ins;
// - renderer/ never imports node built-ins or electron;
// - nothing but electron/ imports electron.
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = [
  'assert',
  'buffer',
  'child_process',
  'cluster',
  'crypto',
  'dgram',
  'dns',
  'events',
  'fs',
  'fs/promises',
  'http',
  'https',
  'http2',
  'net',
  'os',
  'path',
  'process',
  'readline',
  'stream',
  'stream/promises',
  'string_decoder',
  'timers',
  'tls',
  'url',
  'util',
  'v8',
  'vm',
  'worker_threads',
  'zlib',
  'perf_hooks',
];
const noNode = {
  paths: [
    ...nodeBuiltins.map((name) => ({ name, message: 'core/ is pure: Node built-ins belong in core/node/.' })),
    { name: 'electron', message: 'Only electron/ may import electron.' },
    { name: 'lowdb', message: 'Storage belongs in core/node/.' },
    { name: 'lowdb/node', message: 'Storage belongs in core/node/.' },
  ],
  patterns: [
    { group: ['node:*'], message: 'core/ is pure: node: imports belong in core/node/.' },
    { group: ['**/node/*', '**/node'], message: 'Pure core code must not import core/node/.' },
    { group: ['**/electron/**', '**/renderer/**', '**/cli/**'], message: 'core/ never imports the shells.' },
  ],
};
// Which core folder may import which (VS Code style: layering with direction, as a lint error).
// core/result.ts is open to all; core/node/ may import every folder (it is the one impure corner);
// nothing in core imports core/node or the shells. A new arrow is a decision: add it here.
const CORE_FOLDERS = [
  'bytes',
  'model',
  'contract',
  'fonts',
  'order',
  'read',
  'layout',
  'render',
  'compile',
  'print',
  'portal',
  'service',
];
const ALLOWED_IMPORTS = {
  bytes: [],
  model: [],
  contract: ['model'],
  fonts: ['model'],
  order: ['model'],
  // read/intake matches organisations against core/order's list of 党派 and bodies.
  read: ['model', 'bytes', 'order'],
  layout: ['model', 'fonts', 'bytes'],
  render: ['model', 'fonts', 'layout', 'bytes'],
  compile: ['model', 'fonts', 'layout', 'render'],
  print: ['model', 'fonts', 'layout', 'compile', 'bytes', 'order'],
  // 网上报送: tokens, notices and the QR sheet (drawn with print's pdfkit helper).
  portal: ['model', 'print'],
  service: ['model', 'contract', 'compile', 'print', 'read', 'order', 'bytes', 'portal'],
};
/** The renderer reaches the core only through the contract, model types, Result and byte codecs. */
// Not core/order: the service sends the session's order of members with every view (memberOrder),
// so the stroke table stays out of the UI bundle.
const RENDERER_CORE = ['contract', 'model', 'bytes'];
const forbid = (folders, message) => ({ group: folders.flatMap((f) => [`**/core/${f}`, `**/core/${f}/**`]), message });
const forbidSibling = (folders, message) => ({
  group: folders.flatMap((f) => [
    `../${f}`,
    `../${f}/**`,
    `../../${f}`,
    `../../${f}/**`,
    `../../../${f}`,
    `../../../${f}/**`,
  ]),
  message,
});
const coreFolderRules = Object.entries(ALLOWED_IMPORTS).map(([folder, allowed]) => {
  const banned = CORE_FOLDERS.filter((f) => f !== folder && !allowed.includes(f));
  const message = `core/${folder} may import only ${allowed.length ? allowed.map((f) => `core/${f}`).join(', ') : 'nothing else in core'} (and core/result); see ALLOWED_IMPORTS in eslint.config.js.`;
  return {
    files: [`core/${folder}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: noNode.paths,
          patterns: [...noNode.patterns, ...(banned.length ? [forbidSibling(banned, message)] : [])],
        },
      ],
    },
  };
});

const browserGlobals = [
  'window',
  'document',
  'navigator',
  'localStorage',
  'sessionStorage',
  'location',
  'HTMLElement',
  'fetch',
  'XMLHttpRequest',
];
const nodeGlobals = ['process', 'require', 'Buffer', '__dirname', '__filename', 'global', 'setImmediate'];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'dist-*/**',
      'out/**',
      'release/**',
      'test-output/**',
      'cli/bin.mjs',
      'cli/dist/**',
      'renderer/public/**',
    ],
  },
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'warn',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    files: ['core/**/*.ts'],
    ignores: ['core/node/**'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', noNode],
      'no-restricted-globals': [
        'error',
        ...[...browserGlobals, ...nodeGlobals].map((name) => ({
          name,
          message: 'core/ is pure: no DOM or Node globals (use core/node/ or an injected port).',
        })),
      ],
    },
  },
  ...coreFolderRules,
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...nodeBuiltins, 'electron', 'lowdb', 'pdfkit', 'fontkit'],
          patterns: [
            {
              group: ['node:*', '**/core/node/**', '**/electron/**'],
              message: 'The renderer talks to the core only through the contract.',
            },
            forbid(
              CORE_FOLDERS.filter((f) => !RENDERER_CORE.includes(f)),
              'The renderer imports only core/contract, core/model, core/bytes, core/order and core/result.',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['cli/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts', 'core/node/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'Only electron/ may import electron.' }] },
      ],
    },
  },
);
