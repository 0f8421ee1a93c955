// ESLint's flat config: the lint rules of the house style (../shared/STYLE.md). `npm run lint` runs it over the
// repository and `npm test` runs it after the typecheck; test/lint/config.test.ts checks that each rule is enforced.
// Type-aware (no-floating-promises needs types), through the project service, which reads tsconfig.json.
import { isBuiltin } from 'node:module';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** Reports a built-in module named without the `node:` prefix (import, export from, import(), require), and fixes it. */
const nodeProtocol = {
  meta: {
    type: 'suggestion',
    fixable: 'code',
    docs: { description: 'Import built-in modules as node:NAME.' },
    messages: { prefix: "Import the built-in module '{{name}}' as 'node:{{name}}'." },
    schema: [],
  },
  create(context) {
    function check(source) {
      if (source?.type !== 'Literal' || typeof source.value !== 'string') return;
      const name = source.value;
      if (name.startsWith('node:') || !isBuiltin(name)) return;
      const quote = source.raw[0];
      context.report({
        node: source,
        messageId: 'prefix',
        data: { name },
        fix: (fixer) => fixer.replaceText(source, `${quote}node:${name}${quote}`),
      });
    }
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      TSImportType: (node) => check(node.argument?.type === 'TSLiteralType' ? node.argument.literal : node.argument),
      TSExternalModuleReference: (node) => check(node.expression),
      CallExpression(node) {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments.length === 1) {
          check(node.arguments[0]);
        }
      },
    };
  },
};

export default defineConfig(
  {
    // Fixtures are MCP server sources that the checker reads, with expected diagnostics at fixed positions, and
    // code-server workspaces; examples/ is the sample server (outside issue 17's src/test/bench/scripts).
    ignores: [
      'dist/**',
      'out/**',
      'test-results/**',
      '.cache/**',
      '**/target/**',
      'test/fixtures/**',
      'test/editor/workspaces/**',
      'examples/**',
    ],
  },
  {
    files: ['**/*.{ts,tsx,js,mjs,cjs}'],
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: {
        // The TypeScript files are tsconfig.json's; the few JavaScript files (scripts, bin, this file, the
        // runner's fixture servers) get the service's default project.
        projectService: {
          allowDefaultProject: ['*.mjs', 'bin/*.js', 'scripts/*.js', 'scripts/*.mjs', 'test/runner/fixtures/*.mjs'],
          maximumDefaultProjectFileMatchCount_THIS_WILL_SLOW_DOWN_LINTING: 16,
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: {
      '@typescript-eslint': tseslint.plugin,
      house: { rules: { 'node-protocol': nodeProtocol } },
    },
    rules: {
      // `void` marks a promise that is meant to run on its own; node:test's test/describe/it return promises
      // that the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite'] }] },
      ],
      // The fix writes `import type { … }` for an import of types only, as this code base does; in a mixed import
      // it adds a separate `import type` line, which may be folded into the import as `{ value, type T }` by hand.
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'separate-type-imports' }],
      'house/node-protocol': 'error',
    },
  },
  {
    // In TypeScript an import is the way to load a module; the few deliberate require()s say why.
    files: ['**/*.{ts,tsx}'],
    rules: { '@typescript-eslint/no-require-imports': 'error' },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
  },
  {
    // The extension, the server, core and the panels log through their host (an output channel, the LSP
    // connection, a returned value); only the CLI writes to the terminal.
    files: ['src/**'],
    ignores: ['src/cli/**'],
    rules: { 'no-console': 'error' },
  },
);
