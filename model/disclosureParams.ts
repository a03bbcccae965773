/**
 * The parameters of the disclosure rule (docs/spec/disclosure.md) and their defaults, defined once: the config
 * schema's defaults (schemas/config.ts), schemas/default.config.json, the rule (disclosure/protectionRule.ts) and
 * the comparison of two runs take them from here.
 */
export interface DisclosureParams {
  /** Counts 1 … threshold−1 are unsafe (default 10). */
  threshold: number;
  /** Treat 0 as unsafe too (default false: zeros are shown). */
  zeroUnsafe: boolean;
  /** Required relative protection (default 0.30). */
  safetyRange: number;
}

export const DEFAULT_DISCLOSURE_PARAMS: Readonly<DisclosureParams> = Object.freeze({
  threshold: 10,
  zeroUnsafe: false,
  safetyRange: 0.3,
});
