import { createHash } from 'node:crypto';
import { z } from 'zod';
import { InputError } from '../core/errors.js';
import { checkerNoteText, messages } from '../core/messages.js';
import { declarationsFor, type TableDeclaration } from '../model/tableDeclarations.js';
import { ConfigSchema, type Config } from '../schemas/config.js';
import { EarlierRecordSchema, readManifest, type Manifest } from '../schemas/manifest.js';
import { SUPPRESSION_AUDIT_FILE, validateParams } from '../disclosure/protectTables.js';
import type { DisclosureParams } from '../disclosure/protectionRule.js';
import type { Findings } from './findings.js';
import { readJson, readText } from './runFiles.js';

/** internal/suppression-audit.json as the audit reads it. */
const AuditFileSchema = z.object({
  params: z.object({ threshold: z.number(), zeroUnsafe: z.boolean(), safetyRange: z.number() }),
  cells: z.array(
    z.object({
      table: z.string(),
      row: z.string(),
      column: z.string(),
      interval: z.tuple([z.number(), z.number().nullable()]),
    }),
  ),
  previous: z.array(EarlierRecordSchema).optional(),
});
export type AuditFile = z.infer<typeof AuditFileSchema>;

const sameParams = (a: DisclosureParams, b: DisclosureParams) =>
  a.threshold === b.threshold && a.zeroUnsafe === b.zeroUnsafe && a.safetyRange === b.safetyRange;

/**
 * Whether the checker's note (`file`, its text `note`) states the run's parameters: the statement is rendered from
 * `params` with the note's own text (checkerNoteText) and must be in the note; when it is not, the finding quotes the
 * note's line that starts like the statement, if there is one. Nothing is read back out of the prose.
 * @internal exported for its test
 */
export function noteStatesParameters(file: string, note: string, params: DisclosureParams): string[] {
  const expected = checkerNoteText.en.params(params);
  if (note.includes(expected)) return [];
  const label = expected.slice(0, expected.indexOf(':') + 1);
  const stated = note.split(/\r?\n/).find((l) => l.includes(label));
  return [
    stated === undefined
      ? messages.auditNoteNoParameters(file)
      : messages.auditNoteOtherParameters(file, stated.trim(), expected),
  ];
}

export interface RunRule {
  manifest: Manifest;
  config: Config;
  params: DisclosureParams;
  declarations: TableDeclaration[];
  /** export/README.txt */
  note: string;
  auditFile: AuditFile;
  findings: Findings;
}

/**
 * The rule's parameters: from the config recorded (and hashed) in manifest.json, read through `readManifest`; the
 * checker's note (export/README.txt) and internal/suppression-audit.json must state the same ones.
 */
export function ruleParameters(outDir: string): RunRule {
  const failures: string[] = [];
  const manifestRead = readManifest(outDir);
  if (!manifestRead.ok) {
    const { path, problem, detail } = manifestRead;
    throw new InputError(
      problem === 'unreadable'
        ? messages.auditCannotRead(path)
        : problem === 'notJson'
          ? messages.auditNotJson(path)
          : messages.auditBadShape(path, detail),
    );
  }
  const { manifest } = manifestRead;
  const configJson = JSON.stringify(manifest.config.value);
  if (createHash('sha256').update(configJson).digest('hex') !== manifest.config.sha256)
    failures.push(messages.auditConfigHash());
  const configParsed = ConfigSchema.safeParse(manifest.config.value);
  if (!configParsed.success)
    throw new InputError(messages.auditConfigInvalid(configParsed.error.issues[0]?.message ?? ''));
  const config = configParsed.data;
  const params: DisclosureParams = { ...config.disclosure };
  validateParams(params);
  const declarations = declarationsFor(config);
  const notes = [messages.auditParameters(params.threshold, params.zeroUnsafe, params.safetyRange)];

  const note = readText(outDir, 'export/README.txt');
  failures.push(...noteStatesParameters('export/README.txt', note, params));
  const auditFile = readJson(outDir, `internal/${SUPPRESSION_AUDIT_FILE}`, AuditFileSchema);
  if (!sameParams(auditFile.params, params))
    failures.push(messages.auditFileOtherParameters(`internal/${SUPPRESSION_AUDIT_FILE}`));
  return { manifest, config, params, declarations, note, auditFile, findings: { notes, failures } };
}
