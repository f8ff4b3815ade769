import type { ESLint } from 'eslint';

export declare const ALLOWED: Readonly<
  Record<
    | 'lib'
    | 'model'
    | 'rules'
    | 'steps'
    | 'share'
    | 'import'
    | 'export'
    | 'simulate'
    | 'cli'
    | 'store'
    | 'ui'
    | 'canvas'
    | 'panels'
    | 'app',
    readonly string[]
  >
>;
export declare const PURE: ReadonlySet<string>;
export declare function isTestSupport(file: string): boolean;
export declare function layerOf(appRoot: string, file: string): string | undefined;
declare const plugin: ESLint.Plugin;
export default plugin;
