/** Types of userTables.mjs (generated user tables for `npm run bench:protect`), for the tests that use them. */
export declare function userTables(n: number): Record<string, unknown>[];
export declare const userTablesConfig: (n: number) => { tables: { add: Record<string, unknown>[] } };
