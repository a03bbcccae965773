/**
 * What "the same output" means between the CSV, Parquet and .sav versions of the same data: one definition, in plain
 * JavaScript under bench/ so that `npm run bench` checks exactly what the tests check (docs/decisions.md).
 */
export { comparableExport } from '../../bench/comparableExport.mjs';
