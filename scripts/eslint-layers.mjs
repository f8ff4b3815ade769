/**
 * The layer rule (an ESLint rule, run by `npm run lint`): imports in app/ go one way,
 *   lib ← model ← rules, steps, share, import, export, simulate, migrate, cli ← store ← canvas, panels ← app;
 * (steps also read rules: the runbook asks the rule engine what is an error); the pure core (every layer below the store) imports no React, zustand, React Flow or
 * other browser-only package, and no `node:` module except in cli; production code never
 * imports test support (vitest, fast-check, Testing Library, `*-test-kit` and test files).
 * Cycles are the business of import-x/no-cycle.
 */
import path from 'node:path';

/** Layer → the layers it may import (itself always allowed). */
export const ALLOWED = {
  lib: [],
  model: ['lib'],
  rules: ['lib', 'model'],
  steps: ['lib', 'model', 'rules'],
  share: ['lib', 'model'],
  import: ['lib', 'model'],
  export: ['lib', 'model', 'share', 'import'],
  simulate: ['lib', 'model', 'rules', 'steps'],
  migrate: ['lib', 'model', 'rules', 'steps'],
  cli: ['lib', 'model', 'rules', 'steps', 'share', 'import', 'export', 'simulate', 'migrate'],
  store: ['lib', 'model', 'rules', 'steps', 'share', 'import', 'export', 'simulate', 'migrate'],
  ui: ['lib', 'model'],
  canvas: ['lib', 'model', 'rules', 'steps', 'share', 'import', 'export', 'simulate', 'migrate', 'store', 'ui'],
  panels: ['lib', 'model', 'rules', 'steps', 'share', 'import', 'export', 'simulate', 'migrate', 'store', 'ui'],
  app: ['lib', 'model', 'rules', 'steps', 'share', 'import', 'export', 'simulate', 'migrate', 'store', 'ui', 'canvas', 'panels'],
};

/** Runs in the browser and in Node alike: no UI package, no Node module (cli is the exception for `node:`). */
export const PURE = new Set(['lib', 'model', 'rules', 'steps', 'share', 'import', 'export', 'simulate', 'migrate', 'cli']);
const UI_PACKAGES = /^(react|react-dom|zustand|@xyflow\/react|html-to-image|elkjs)(\/|$)/;
const TEST_PACKAGES = /^(vitest|fast-check|@testing-library\/[^/]+|happy-dom|jsdom|@playwright\/test)(\/|$)/;

/** A test, or support that only tests may import. */
export const isTestSupport = (file) => /\.test\.tsx?$/.test(file) || /-test-kit\.tsx?$/.test(file);

/** The layer of a file under `appRoot` (`app` for the files at its top), or undefined outside it. */
export function layerOf(appRoot, file) {
  const rel = path.relative(appRoot, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  const parts = rel.split(path.sep);
  return parts.length === 1 ? 'app' : parts[0];
}

function resolveRelative(from, spec) {
  const target = path.resolve(path.dirname(from), spec);
  return /\.[cm]?[jt]sx?$/.test(target) ? target : `${target}.ts`;
}

const direction = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports follow the layer order; the pure core stays pure; production code imports no test support.' },
    schema: [{ type: 'object', properties: { appRoot: { type: 'string' } }, additionalProperties: false }],
    messages: {
      unknownLayer: 'Folder "{{layer}}" is not a known layer: add it to scripts/eslint-layers.mjs.',
      upward: '{{layer}} must not import {{to}} ("{{spec}}"): imports go lib ← model ← core ← store ← canvas, panels ← app.',
      uiInCore: 'The pure core ({{layer}}) must not import "{{spec}}": it runs in Node and in the browser.',
      nodeInCore: 'The pure core ({{layer}}) must not import "{{spec}}": it runs in the browser.',
      testSupport: 'Production code must not import test support ("{{spec}}"): tests and *-test-kit files only.',
      outsideApp: 'The app must not import files outside app/ ("{{spec}}").',
    },
  },
  create(context) {
    const appRoot = path.resolve(context.options[0]?.appRoot ?? 'app');
    const file = context.physicalFilename ?? context.filename;
    const layer = layerOf(appRoot, file);
    const production = !isTestSupport(file);
    const allowed = layer ? ALLOWED[layer] : undefined;

    function check(node, spec) {
      if (typeof spec !== 'string') return;
      const data = { layer, spec };
      if (spec.startsWith('.')) {
        const target = resolveRelative(file, spec);
        if (production && isTestSupport(target)) context.report({ node, messageId: 'testSupport', data });
        if (!layer) return;
        const to = layerOf(appRoot, target);
        if (to === undefined) {
          if (production) context.report({ node, messageId: 'outsideApp', data });
        } else if (allowed && to !== layer && !allowed.includes(to))
          context.report({ node, messageId: 'upward', data: { ...data, to } });
        return;
      }
      if (production && TEST_PACKAGES.test(spec) && layer) context.report({ node, messageId: 'testSupport', data });
      if (!layer || !PURE.has(layer)) return;
      if (UI_PACKAGES.test(spec)) context.report({ node, messageId: 'uiInCore', data });
      else if (spec.startsWith('node:') && production && layer !== 'cli') context.report({ node, messageId: 'nodeInCore', data });
    }

    return {
      Program(node) {
        if (layer && !allowed) context.report({ node, messageId: 'unknownLayer', data: { layer } });
      },
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
    };
  },
};

export default { meta: { name: 'layers' }, rules: { direction } };
