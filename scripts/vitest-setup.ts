/**
 * `npm test` runs the property tests with a fixed seed, so CI is repeatable;
 * `npm run fuzz` (FUZZ_RUNS set) explores with a fresh seed on every run.
 */
import fc from 'fast-check';

if (!process.env.FUZZ_RUNS) fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261126) });
