import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../core/packageRoot.js';
import { DEFAULT_DISCLOSURE_PARAMS } from '../../model/disclosureParams.js';
import { isPrimaryUnsafe, protectionLevel } from '../../disclosure/protectionRule.js';
import { ConfigSchema } from '../../schemas/config.js';
import { parseConfig } from '../../schemas/loadConfig.js';

describe('model/disclosureParams: one place for the rule defaults', () => {
  it('schemas/default.config.json states the same parameters', () => {
    const file = JSON.parse(readFileSync(join(packageRoot(), 'schemas', 'default.config.json'), 'utf8')) as {
      disclosure: unknown;
    };
    expect(file.disclosure).toEqual(DEFAULT_DISCLOSURE_PARAMS);
  });

  it("the config schema's zod defaults give them, whole and field by field", () => {
    const schema = ConfigSchema.shape.disclosure;
    expect(schema.parse(undefined)).toEqual(DEFAULT_DISCLOSURE_PARAMS);
    expect(schema.parse({})).toEqual(DEFAULT_DISCLOSURE_PARAMS);
    expect(schema.parse({ threshold: 5 })).toEqual({ ...DEFAULT_DISCLOSURE_PARAMS, threshold: 5 });
    expect(parseConfig(undefined, 'default').disclosure).toEqual(DEFAULT_DISCLOSURE_PARAMS);
  });

  it('the rule with the defaults: 1 … 9 unsafe, 0 and 10 shown, p = 3 for 10', () => {
    const d = DEFAULT_DISCLOSURE_PARAMS;
    expect([0, 1, 9, 10].map((v) => isPrimaryUnsafe(v, d))).toEqual([false, true, true, false]);
    expect(protectionLevel(10, d)).toBe(3);
    expect(Object.isFrozen(d)).toBe(true);
  });
});
