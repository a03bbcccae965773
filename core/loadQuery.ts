import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sqlIdentifier } from '../core/sql.js';
import { packageRoot } from './packageRoot.js';

const cache = new Map<string, string>();

/**
 * Load `queries/<name>.sql`. Identifiers (column and table names, which SQL cannot bind) are filled in
 * from `{{key}}` placeholders, always quoted with `sqlIdentifier` (core/sql.ts) unless the key is listed in `raw` (SQL fragments built
 * by the pipeline itself, never from user input). Values are never substituted here: bind them as `$param`.
 */
export function loadQuery(
  name: string,
  identifiers: Record<string, string> = {},
  raw: Record<string, string> = {},
): string {
  let text = cache.get(name);
  if (text === undefined) {
    text = readFileSync(join(packageRoot(), 'queries', `${name}.sql`), 'utf8');
    cache.set(name, text);
  }
  return text.replace(/\{\{(!?)(\w+)\}\}/g, (_m, bang: string, key: string) => {
    if (bang === '!') {
      const frag = raw[key];
      if (frag === undefined) throw new Error(`query ${name}: no SQL fragment for {{!${key}}}`);
      return frag;
    }
    const id = identifiers[key];
    if (id === undefined) throw new Error(`query ${name}: no identifier for {{${key}}}`);
    return sqlIdentifier(id);
  });
}
