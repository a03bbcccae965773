import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { z } from 'zod';
import { InputError } from '../core/errors.js';
import { messages } from '../core/messages.js';

/** A file of the run (`rel` inside `dir`) as text; InputError when it cannot be read. */
export function readText(dir: string, rel: string): string {
  const path = join(dir, rel);
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new InputError(messages.auditCannotRead(path));
  }
}

/** A JSON file of the run, parsed with `schema`; InputError when it cannot be read, is not JSON or has another shape. */
export function readJson<T>(dir: string, rel: string, schema: z.ZodType<T>): T {
  const path = join(dir, rel);
  let data: unknown;
  try {
    data = JSON.parse(readText(dir, rel));
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(messages.auditNotJson(path));
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new InputError(messages.auditBadShape(path, parsed.error.issues[0]?.message ?? ''));
  return parsed.data;
}

/** Every file under `dir`, relative, "/"-separated, sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p).split('\\').join('/'));
    }
  };
  if (existsSync(dir)) walk(dir);
  return out.sort();
}
