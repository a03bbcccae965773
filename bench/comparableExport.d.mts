/** Types of bench/comparableExport.mjs (plain JavaScript, so that `npm run bench` can use it without a build). */
export declare function maskInputNames(text: string): string;
export declare function comparableExport(out: string): Promise<Map<string, string>>;
