import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Config, ConfigSchema } from './config.js';
import { ConfigError } from '../core/errors.js';
import { type Json, JsonDuplicateKeyError, JsonSyntaxError, parseStrictJson } from './strictJson.js';
import { messages } from '../core/messages.js';
import { packageRoot } from '../core/packageRoot.js';
import { DeclarationError, declarationsFor } from '../model/tableDeclarations.js';

/** @internal exported for its test (and only used there) */
export function defaultConfigPath(): string {
  return join(packageRoot(), 'schemas', 'default.config.json');
}

/**
 * Key columns can never be value columns: a code, date, gender or level column named like the source's RINPERSOONS
 * or RINPERSOON column would put key values into messages and quarantine.csv.
 */
function checkKeyColumns(config: Config, file: string): void {
  for (const [name, source] of Object.entries(config.sources)) {
    const cols = source.columns as Record<string, string | string[] | undefined>;
    const keys = new Set([cols.rinpersoons, cols.rinpersoon].map((c) => String(c).toUpperCase()));
    for (const [field, value] of Object.entries(cols)) {
      if (field === 'rinpersoons' || field === 'rinpersoon' || value === undefined) continue;
      for (const v of Array.isArray(value) ? value : [value])
        if (keys.has(v.toUpperCase()))
          throw new ConfigError(messages.configField(file, `sources.${name}.columns.${field}`, messages.keyAsValue(v)));
    }
  }
}

/** Code lists are replaced whole by a user's config (a new year's list), never merged with the defaults. */
const REPLACED = new Set([
  'codes.srg',
  'codes.wmo',
  'codes.uwvType',
  'codes.uwvBackground',
  'codes.tolkProducts',
  'codes.visueelProducts',
]);

function merge(base: Json, over: Json, path: string): Json {
  if (REPLACED.has(path)) return over;
  if (
    base &&
    over &&
    typeof base === 'object' &&
    typeof over === 'object' &&
    !Array.isArray(base) &&
    !Array.isArray(over)
  ) {
    const out: { [k: string]: Json } = { ...base };
    for (const [k, v] of Object.entries(over)) out[k] = k in base ? merge(base[k]!, v, path ? `${path}.${k}` : k) : v;
    return out;
  }
  return over;
}

/**
 * Normalise a code as the SQL macro mg_code (queries/macros.sql) does: digit strings, also as a whole float ("1.0"),
 * lose their leading zeros ("01" ≡ 1); anything else is only trimmed. Trimmed as DuckDB's trim() does: of space
 * characters (Unicode Zs: the space, the no-break space, …), not of tabs, line ends or a byte-order mark.
 */
export function normaliseCode(code: string): string {
  const trimmed = code.replace(/^\p{Zs}+|\p{Zs}+$/gu, '');
  const digits = trimmed.replace(/^(\d+)\.0+$/, '$1');
  return /^\d{1,18}$/.test(digits) ? digits.replace(/^0+(?=\d)/, '') : trimmed;
}

/** The value at `path` in parsed JSON (undefined when there is none). */
function valueAt(json: Json, path: readonly PropertyKey[]): unknown {
  let v: unknown = json;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

/** A field's problem with the value found there, when it is a short scalar (`2017-02-30`); a config holds no keys of persons. */
function withValue(why: string, value: unknown): string {
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return why;
  const text = JSON.stringify(value);
  return text.length > 80 ? why : messages.configFieldValue(why, text);
}

/**
 * Parse a config (already read text) against the schema, on top of the default config. Errors name the file and
 * the field. Pure apart from reading the bundled default.
 */
export function parseConfig(text: string | undefined, file: string): Config {
  const defaults = JSON.parse(readFileSync(defaultConfigPath(), 'utf8')) as Json;
  let user: Json = {};
  if (text !== undefined) {
    try {
      // strict: a key twice in one object is an error (JSON.parse would keep the last silently); a BOM is fine
      user = parseStrictJson(text);
    } catch (e) {
      if (e instanceof JsonDuplicateKeyError) throw new ConfigError(messages.configDuplicateKey(file, e.path, e.line));
      if (e instanceof JsonSyntaxError) throw new ConfigError(messages.configNotJson(file, e.message, e.line));
      throw e;
    }
    if (user === null || typeof user !== 'object' || Array.isArray(user))
      throw new ConfigError(messages.configRead(file, 'expected a JSON object'));
  }
  const merged = merge(defaults, user, '');
  const result = ConfigSchema.safeParse(merged);
  if (!result.success) {
    const issues = result.error.issues.map((i) =>
      messages.configField(file, i.path.join('.') || '(top level)', withValue(i.message, valueAt(merged, i.path))),
    );
    throw new ConfigError(issues[0]!, issues.slice(1));
  }
  const config = result.data;
  checkKeyColumns(config, file);
  try {
    declarationsFor(config);
  } catch (e) {
    if (e instanceof DeclarationError)
      throw new ConfigError(messages.configField(file, ['tables', ...e.path].join('.'), e.message));
    throw e;
  }
  for (const [name, map] of Object.entries({
    srg: config.codes.srg,
    wmo: config.codes.wmo,
    uwvType: config.codes.uwvType,
    uwvBackground: config.codes.uwvBackground,
  })) {
    const seen = new Map<string, [string, string]>();
    for (const [code, target] of Object.entries(map)) {
      const k = normaliseCode(code);
      const prev = seen.get(k);
      if (prev && prev[1] !== target)
        throw new ConfigError(
          messages.configField(
            file,
            `codes.${name}`,
            `codes "${prev[0]}" and "${code}" are the same code but map to ${prev[1]} and ${target}`,
          ),
        );
      seen.set(k, [code, target]);
    }
  }
  return config;
}
