/**
 * Build plugin: React Flow does not measure a node whose size and handles are declared.
 *
 * Every card and site frame reaches React Flow with its size and its handles (to-flow.ts), so
 * React Flow treats it as measured. It still starts a ResizeObserver on each node it mounts;
 * the observer's first callback measures the node again, reads every handle's box, and
 * updates React Flow's store, which runs every node's and link's selector once more. Opening
 * a 1,000-card link, that was a third of each reveal batch's script: with it gone, the open's
 * long tasks went from about 20 to about 8 (`npm run bench -- --only freeze/open-1000`). The
 * same happened for each card brought into view by a pan or a jump (culling mounts them).
 *
 * The patch keeps React Flow's own rule for a node that is not measured (it is observed, as
 * before) and drops only the observation of a node that is. It is one condition in
 * `useNodeObserver`; if an update of React Flow changes that code, the build stops and says
 * so here rather than building without the patch. The dev server gets the same patch where
 * it bundles its dependencies (xyflowDeclaredSizesInDeps), so `npm start` behaves as the build.
 */
import type { Plugin } from 'vite';

/** The condition in @xyflow/react's useNodeObserver that observes every newly mounted node. */
export const OBSERVES_EVERY_MOUNT = '(!isInitialized || observedNode.current !== nodeRef.current)';
/** Observed only while not measured (a node without a declared size, or before React Flow knows its handles). */
export const OBSERVES_UNMEASURED = '!isInitialized';

const XYFLOW_REACT = /[\\/]node_modules[\\/]@xyflow[\\/]react[\\/]dist[\\/]esm[\\/]index\.m?js$/;

/** The module's code with the patch, or an error naming what changed. */
export function withoutMeasuringDeclared(code: string): { ok: true; code: string } | { ok: false; message: string } {
  const at = code.indexOf(OBSERVES_EVERY_MOUNT);
  if (at < 0 || code.indexOf(OBSERVES_EVERY_MOUNT, at + 1) >= 0)
    return {
      ok: false,
      message: `@xyflow/react's useNodeObserver no longer has exactly one "${OBSERVES_EVERY_MOUNT}": update scripts/xyflow-declared-sizes.ts for this version of React Flow`,
    };
  return { ok: true, code: code.slice(0, at) + OBSERVES_UNMEASURED + code.slice(at + OBSERVES_EVERY_MOUNT.length) };
}

/** React Flow's module patched (null for any other module); `fail` stops the bundler with the reason. */
function patchModule(code: string, id: string, fail: (message: string) => never): { code: string; map: null } | null {
  if (!XYFLOW_REACT.test(id.split('?')[0]!)) return null;
  const r = withoutMeasuringDeclared(code);
  if (!r.ok) return fail(r.message);
  return { code: r.code, map: null };
}

/** For the dev server's dependency bundling (`optimizeDeps.rolldownOptions.plugins`): the same patch. */
export function xyflowDeclaredSizesInDeps() {
  return {
    name: 'xyflow-declared-sizes-in-deps',
    transform: (code: string, id: string) =>
      patchModule(code, id, (message) => {
        throw new Error(message);
      }),
  };
}

export function xyflowDeclaredSizes(): Plugin {
  let patched = false;
  return {
    name: 'xyflow-declared-sizes',
    // The build's; the dev server bundles React Flow with its dependencies (xyflowDeclaredSizesInDeps).
    apply: 'build',
    buildStart() {
      patched = false;
    },
    transform(code, id) {
      const out = patchModule(code, id, (message) => this.error(message));
      if (out) patched = true;
      return out;
    },
    buildEnd(error) {
      // React Flow reached the build by another file than the one patched: say so, do not build unpatched.
      if (!error && !patched)
        this.error('@xyflow/react was not patched (scripts/xyflow-declared-sizes.ts): its module path changed');
    },
  };
}
