import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { cellIntervals } from '../disclosure/cellIntervals.js';
import { loadSolver } from '../disclosure/loadSolver.js';
import { percentages, PERCENTAGE_TABLES } from '../disclosure/percentages.js';
import { ATTACKER_MODEL_FILE, SUPPRESSION_AUDIT_FILE, validateParams } from '../disclosure/protectTables.js';
import { integerInterval, isPrimaryUnsafe, meetsRule, protectionLevel } from '../disclosure/protectionRule.js';
import { InputError } from '../core/errors.js';
import { ExportTablesSchema, InternalTablesSchema } from '../schemas/tablesJson.js';

const ParamsSchema = z.object({ threshold: z.number().int(), zeroUnsafe: z.boolean(), safetyRange: z.number() });
const AuditFileSchema = z.object({
  params: ParamsSchema,
  cells: z.array(z.object({ table: z.string(), row: z.string(), column: z.string(), interval: z.tuple([z.number(), z.number().nullable()]) })),
});
const ModelFileSchema = z.object({
  format: z.literal('multigebruik-attacker-model/1'),
  cells: z.array(z.tuple([z.string(), z.string(), z.string()])),
  variables: z.array(z.object({ n: z.number().int().nonnegative(), cells: z.array(z.number().int().nonnegative()) })),
});

async function readJson<T>(dir: string, rel: string, schema: z.ZodType<T>): Promise<T> {
  const path = join(dir, rel);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new InputError(`audit: cannot read ${path}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new InputError(`audit: ${path} is not valid JSON`);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new InputError(`audit: ${path} does not have the expected shape: ${parsed.error.issues[0]?.message ?? ''}`);
  return parsed.data;
}

/**
 * `multigebruik audit OUT`: recompute the disclosure audit of a run from its files alone.
 *
 * Reads export/tables.json, internal/tables.json, internal/attacker-model.json and
 * internal/suppression-audit.json (for the parameters and the claimed intervals). The attacker LP is rebuilt
 * from what export/ publishes — every number cell is a constraint, every `**` a cell to bound — never from
 * the protect stage's marks. Checks: the export has the internal shape; every exported number equals the
 * internal count; no exported count is unsafe; percentages are shown only where allowed and equal their
 * counts' ratio; the attacker model reproduces every internal count; every cell whose internal count is
 * unsafe meets the rule; the intervals claimed in the audit file are the recomputed ones.
 *
 * Unreadable or malformed files throw InputError; a failed check gives `ok: false`.
 */
export async function auditCommand(outDir: string): Promise<{ ok: boolean; lines: string[] }> {
  const exported = await readJson(outDir, 'export/tables.json', ExportTablesSchema);
  const internal = await readJson(outDir, 'internal/tables.json', InternalTablesSchema);
  const auditFile = await readJson(outDir, `internal/${SUPPRESSION_AUDIT_FILE}`, AuditFileSchema);
  const modelFile = await readJson(outDir, `internal/${ATTACKER_MODEL_FILE}`, ModelFileSchema);
  const params = auditFile.params;
  validateParams(params);

  const lines: string[] = [];
  const failures: string[] = [];
  const fail = (msg: string) => {
    if (failures.length < 50) failures.push(`FAIL ${msg}`);
    else if (failures.length === 50) failures.push('FAIL … (further failures not listed)');
  };
  lines.push(`parameters: threshold ${params.threshold}, zero ${params.zeroUnsafe ? 'unsafe' : 'shown'}, safety range ${params.safetyRange}`);

  // 1. Shapes and published numbers.
  const key = (t: string, r: string, c: string) => `${t}\u0000${r}\u0000${c}`;
  const cellStatus = new Map<string, { value: number; published: boolean }>();
  let published = 0;
  let suppressed = 0;
  const ids = Object.keys(internal.tables).sort();
  if (ids.join(',') !== Object.keys(exported.tables).sort().join(',')) fail('export/tables.json and internal/tables.json hold different tables');
  for (const id of ids) {
    const it = internal.tables[id]!;
    const et = exported.tables[id];
    if (!et) continue;
    const sameAxes = (a: { key: string }[], b: { key: string }[]) => a.length === b.length && a.every((h, k) => h.key === b[k]!.key);
    if (!sameAxes(it.rows, et.rows) || !sameAxes(it.columns, et.columns)) {
      fail(`table ${id}: rows or columns differ between export and internal`);
      continue;
    }
    it.cells.forEach((row, i) =>
      row.forEach((v, j) => {
        const e = et.cells[i]?.[j];
        const where = `table ${id} ${it.rows[i]!.key}/${it.columns[j]!.key}`;
        if (v === null) {
          if (e !== null) fail(`${where}: exported a value where the table has no cell`);
          return;
        }
        if (e === null || e === undefined) {
          fail(`${where}: cell missing in export`);
          return;
        }
        if (typeof e === 'number') {
          published++;
          if (e !== v) fail(`${where}: exported ${e} differs from the internal count`);
          if (isPrimaryUnsafe(e, params)) fail(`${where}: exported count ${e} is unsafe`);
        } else suppressed++;
        cellStatus.set(key(id, it.rows[i]!.key, it.columns[j]!.key), { value: v, published: typeof e === 'number' });
      }),
    );
  }
  lines.push(`cells: ${cellStatus.size} (${published} published, ${suppressed} suppressed)`);

  // 2. Percentages.
  for (const id of PERCENTAGE_TABLES) {
    const et = exported.tables[id];
    if (!et) continue;
    const expected = percentages(et, params.threshold);
    const actual = et.percentages;
    if (!actual) {
      fail(`table ${id}: percentages missing`);
      continue;
    }
    expected.forEach((row, i) =>
      row.forEach((p, j) => {
        if (actual[i]?.[j] !== p) fail(`table ${id} ${et.rows[i]?.key}/${et.columns[j]?.key}: percentage ${String(actual[i]?.[j])} not allowed or not the ratio of shown counts`);
      }),
    );
  }

  // 3. The attacker model must cover every cell and reproduce every internal count.
  const rowsByCell: number[][] = modelFile.cells.map(() => []);
  modelFile.variables.forEach((v, k) => {
    for (const c of v.cells) {
      if (c >= rowsByCell.length) throw new InputError(`audit: ${ATTACKER_MODEL_FILE} refers to cell ${c}, which it does not list`);
      rowsByCell[c]!.push(k);
    }
  });
  const modelKeys = new Set<string>();
  modelFile.cells.forEach(([t, r, c], k) => {
    const s = cellStatus.get(key(t, r, c));
    modelKeys.add(key(t, r, c));
    if (!s) {
      fail(`attacker model: cell ${t} ${r}/${c} is not a cell of the tables`);
      return;
    }
    const sum = rowsByCell[k]!.reduce((a, v) => a + modelFile.variables[v]!.n, 0);
    if (sum !== s.value) fail(`attacker model: cell ${t} ${r}/${c} sums to a different count than internal/tables.json`);
  });
  for (const k of cellStatus.keys()) if (!modelKeys.has(k)) fail(`attacker model: cell ${k.split('\u0000').join(' ')} missing`);
  lines.push(`attacker model: ${modelFile.variables.length} variables over ${modelFile.cells.length} cells`);

  // 4. Rebuild the LP from the export: cells with the same variables are one row, published if shown anywhere.
  const rowIndex = new Map<string, number>();
  const rows: { vars: number[]; value: number }[] = [];
  const rowPublished: boolean[] = [];
  const cellRow: number[] = [];
  modelFile.cells.forEach(([t, r, c], k) => {
    const vars = rowsByCell[k]!;
    const sig = vars.join(',');
    let idx = rowIndex.get(sig);
    if (idx === undefined) {
      idx = rows.length;
      rowIndex.set(sig, idx);
      rows.push({ vars, value: vars.reduce((a, v) => a + modelFile.variables[v]!.n, 0) });
      rowPublished.push(false);
    }
    cellRow.push(idx);
    if (cellStatus.get(key(t, r, c))?.published) rowPublished[idx] = true;
  });
  modelFile.cells.forEach(([t, r, c], k) => {
    if (cellStatus.get(key(t, r, c))?.published === false && rowPublished[cellRow[k]!])
      fail(`table ${t} ${r}/${c}: suppressed here but the same count is published in another cell`);
  });
  const targets = [...new Set(modelFile.cells.map((_, k) => cellRow[k]!).filter((r) => !rowPublished[r]))].sort((a, b) => a - b);
  const highs = await loadSolver();
  const raw = cellIntervals(highs, { numVars: modelFile.variables.length, rows, published: rowPublished }, targets);

  // 5. The rule, and the intervals claimed by the audit file.
  const claimed = new Map(auditFile.cells.map((c) => [key(c.table, c.row, c.column), c.interval]));
  let unsafe = 0;
  modelFile.cells.forEach(([t, r, c], k) => {
    const s = cellStatus.get(key(t, r, c));
    if (!s) return;
    const where = `table ${t} ${r}/${c}`;
    const rr = raw.get(cellRow[k]!);
    const interval = rr ? integerInterval(rr[0], rr[1]) : ([s.value, s.value] as [number, number]);
    if (isPrimaryUnsafe(s.value, params)) {
      unsafe++;
      if (!meetsRule(s.value, interval, params))
        fail(`${where}: unsafe count ${s.value} is not protected: attacker interval [${interval[0]}, ${interval[1]}], needs ±${protectionLevel(s.value, params)}`);
    }
    if (!s.published) {
      const cl = claimed.get(key(t, r, c));
      const hi = interval[1] === Infinity ? null : interval[1];
      if (!cl) fail(`${where}: suppressed but not in ${SUPPRESSION_AUDIT_FILE}`);
      else if (cl[0] !== interval[0] || cl[1] !== hi) fail(`${where}: ${SUPPRESSION_AUDIT_FILE} claims [${cl[0]}, ${cl[1]}], recomputed [${interval[0]}, ${hi}]`);
    }
  });
  lines.push(`unsafe counts checked against the rule: ${unsafe}`);
  lines.push(...failures);
  const ok = failures.length === 0;
  lines.push(ok ? 'audit PASSED' : 'audit FAILED');
  return { ok, lines };
}
