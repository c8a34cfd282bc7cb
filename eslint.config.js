import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/', 'web/dist/', 'node_modules/', 'coverage/', 'test-output/', 'photoreel-data/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        {
          object: 'Math',
          property: 'random',
          message: 'Renders must be deterministic: use a seeded generator.',
        },
      ],
    },
  },
  {
    files: ['web/src/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  // Arrows point down the flow (front ends → service → engines, store, queue), and the pure layers
  // (the timeline, the instruction engine, the wire contract, the renderer's layout maths) do no I/O.
  ...layerRules(),
);

/** One no-restricted-imports rule per layer: the layers above it, and for pure layers any node: module. */
function layerRules() {
  const up = (layers) => ({
    regex: `^\\.{1,2}/(?:\\.\\./)*(?:${layers.join('|')})(?:/|$)`,
    message: 'Imports point down the flow (see DESIGN.md): this layer must not depend on that one.',
  });
  const io = {
    regex: '^node:',
    message: 'This module is pure (no I/O): take what it needs as arguments instead.',
  };
  const rule = (files, patterns) => ({ files, rules: { 'no-restricted-imports': ['error', { patterns }] } });
  const frontEnds = ['http', 'cli', 'mcp'];
  const serviceAndUp = ['service', 'start', ...frontEnds];
  // A later entry replaces an earlier one for the files both name: general rules come first.
  return [
    rule(['src/render/**/*.ts', 'src/media/**/*.ts'], [up(['store', 'queue', ...serviceAndUp])]),
    rule(
      ['src/timeline/**/*.ts'],
      [io, up(['instruct', 'render', 'media', 'store', 'queue', ...serviceAndUp])],
    ),
    rule(['src/instruct/**/*.ts'], [io, up(['render', 'media', 'store', 'queue', ...serviceAndUp])]),
    rule(
      ['src/protocol/**/*.ts'],
      [io, up(['instruct', 'render', 'media', 'store', 'queue', ...serviceAndUp])],
    ),
    rule(
      [
        'src/render/layout.ts',
        'src/render/motion.ts',
        'src/render/audio-plan.ts',
        'src/render/encode-args.ts',
        'src/render/frame.ts',
        'src/render/yuv.ts',
        'src/render/transitions/**/*.ts',
        'src/render/text/safe-area.ts',
        'src/render/text/timing.ts',
      ],
      [io, up(['store', 'queue', ...serviceAndUp])],
    ),
    rule(['src/store/**/*.ts', 'src/queue/**/*.ts'], [up(serviceAndUp)]),
    rule(['src/service/**/*.ts'], [up(['start', ...frontEnds])]),
    rule(['web/src/**/*.ts'], [io]),
    {
      // Every child process starts through one helper, so it dies with its parent.
      files: ['src/**/*.ts'],
      ignores: ['src/media/spawn-child.ts', 'src/render/warp/build-wasm.ts'],
      rules: {
        'no-restricted-syntax': [
          'error',
          {
            selector: "ImportDeclaration[source.value='node:child_process'][importKind='value']",
            message:
              'Start child processes with spawnChild (src/media/spawn-child.ts): they die with their parent.',
          },
        ],
      },
    },
  ];
}
