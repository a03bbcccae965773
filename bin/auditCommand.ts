import { InputError } from '../core/errors.js';
import { messages } from '../core/messages.js';
import { auditRun } from '../disclosure/auditRun.js';

/** `multigebruik audit OUT`: runs the audit (disclosure/auditRun.ts), prints its lines; a failed audit is exit 1. */
export async function auditCommand(out: string, write: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Promise<void> {
  const r = await auditRun(out);
  for (const line of r.lines) write(line);
  if (!r.ok) throw new InputError(messages.auditFailed(out));
}
