import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../core/errors.js';
import { messages } from '../core/messages.js';
import { auditRun } from '../audit/auditRun.js';

/**
 * `--previous-at OLD=NEW` (repeatable) as a map from the earlier export's folder as the manifest records it to where
 * it lies now. OLD must be one the manifest of OUT names (the message lists them); NEW is still checked by SHA-256.
 * @internal exported for its test
 */
export function previousAtMap(out: string, values: readonly string[]): Map<string, string> {
  const m = new Map<string, string>();
  if (values.length === 0) return m;
  let named: string[] = [];
  try {
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { previous?: { dir?: unknown }[] };
    named = (manifest.previous ?? []).map((p) => String(p.dir));
  } catch {
    // the audit itself says that the manifest cannot be read
  }
  for (const v of values) {
    const eq = v.indexOf('=');
    if (eq <= 0 || eq === v.length - 1) throw new InputError(messages.previousAtShape(v));
    const old = v.slice(0, eq);
    if (named.length > 0 && !named.includes(old))
      throw new InputError(messages.previousAtUnknown(old, named.join(', ')));
    m.set(old, v.slice(eq + 1));
  }
  return m;
}

/** A folder without manifest.json is not a run's output: say so, and name the run inside it when there is one (demo-out → demo-out/output). */
function notRunFolder(out: string): void {
  if (!existsSync(out) || existsSync(join(out, 'manifest.json'))) return;
  const inner = [
    'output',
    ...(() => {
      try {
        return readdirSync(out).filter((e) => e !== 'output');
      } catch {
        return [];
      }
    })(),
  ]
    .map((e) => join(out, e))
    .find((d) => existsSync(join(d, 'manifest.json')) && existsSync(join(d, 'export')));
  throw new InputError(messages.auditNotRun(out, inner ?? null));
}

/** `multigebruik audit OUT`: runs the audit (audit/auditRun.ts), prints its lines; a failed audit is exit 1. */
export async function auditCommand(
  out: string,
  write: (line: string) => void = (l) => process.stdout.write(`${l}\n`),
  previousAt: readonly string[] = [],
): Promise<void> {
  notRunFolder(out);
  const r = await auditRun(out, { previousAt: previousAtMap(out, previousAt) });
  for (const line of r.lines) write(line);
  if (!r.ok) throw new InputError(messages.auditFailed(out));
}
