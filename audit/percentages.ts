import { messages } from '../core/messages.js';
import { hasPercentages, type TableDeclaration } from '../model/tableDeclarations.js';
import type { ExportTables } from '../schemas/tablesJson.js';
import { percentages } from '../model/percentages.js';
import type { Findings } from './findings.js';

/** Percentages: every share figure of the run (user ones included) must show exactly the allowed ratios of shown counts. */
export function checkPercentages(
  exported: ExportTables,
  declarations: readonly TableDeclaration[],
  threshold: number,
): Findings {
  const failures: string[] = [];
  for (const id of declarations.filter(hasPercentages).map((d) => d.id)) {
    const et = exported.tables[id];
    if (!et) continue;
    const expected = percentages(et, threshold);
    const actual = et.percentages;
    if (!actual) {
      failures.push(messages.auditPercentagesMissing(id));
      continue;
    }
    expected.forEach((row, i) =>
      row.forEach((p, j) => {
        if (actual[i]?.[j] !== p)
          failures.push(
            messages.auditPercentageWrong(
              messages.auditCell(id, String(et.rows[i]?.key), String(et.columns[j]?.key)),
              String(actual[i]?.[j]),
            ),
          );
      }),
    );
  }
  return { notes: [], failures };
}
