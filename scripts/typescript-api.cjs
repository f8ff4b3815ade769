/**
 * typescript-eslint parses with TypeScript's JavaScript API, which TypeScript 7 (the Go
 * compiler that `tsc` runs) no longer ships. ESLint alone reads TypeScript 6, installed as
 * "typescript-api"; loaded by eslint.config.mjs before typescript-eslint.
 */
const Module = require('node:module');

const resolve = Module._resolveFilename;
Module._resolveFilename = function resolveTypescriptApi(request, ...rest) {
  return resolve.call(this, request === 'typescript' ? 'typescript-api' : request, ...rest);
};
