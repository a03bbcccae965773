/**
 * Every user-facing message in one place. Messages name files, columns, rows and values so a researcher can fix
 * the input, but never print a RINPERSOON value: key problems are described, not quoted.
 */
export const messages = {
  missingSources: (dir: string) => `Required input source(s) missing in ${dir}:`,
  missingSource: (source: string, prefix: string) => `${source}: no .csv, .parquet or .sav file whose name starts with "${prefix}"`,
  missingColumn: (file: string, column: string, field: string, available: string[]) =>
    `${file}: column "${column}" (config field ${field}) not found; the file has: ${available.join(', ')}`,
  missingColumns: () => 'Input files lack required columns:',
  noYear: (file: string) => `${file}: cannot tell the year from the file name (HOOGSTEOPLTAB files need one, e.g. HOOGSTEOPL2021TABV1)`,
  badInput: (problems: number, rows: number) =>
    `Bad input: ${problems} kind(s) of problem in ${rows} row(s). Nothing was written to export/. ` +
    `Fix the input or the config, or run with --quarantine to set these rows aside.`,
  problem: (p: { file: string; column: string; problem: string; value: string | null; rows: number[]; count: number }) => {
    const where = p.rows.length > 0 ? ` at row ${p.rows.join(', ')}${p.count > p.rows.length ? ', …' : ''}` : '';
    const value = p.value === null ? '' : ` value "${p.value}"`;
    return `${p.file}, column ${p.column}: ${p.problem}${value}${where} (${p.count} row${p.count === 1 ? '' : 's'} with this problem)`;
  },
  outputExists: (dir: string) => `Output folder ${dir} exists and is not empty; use --force to replace it.`,
  configRead: (file: string, why: string) => `Config file ${file}: ${why}`,
  configField: (file: string, field: string, why: string) => `Config file ${file}, field ${field}: ${why}`,
  badPeriod: (text: string) => `--period "${text}": expected YYYY-MM-DD..YYYY-MM-DD with start <= end`,
  inputDirMissing: (dir: string) => `Input folder ${dir} does not exist or is not a folder.`,
  quarantineNote: (rows: string) => `${rows} invoerrij(en) met fouten zijn terzijde gelegd (quarantaine) en niet meegeteld.`,
  badOption: (option: string, value: string, expected: string) => `${option} "${value}": expected ${expected}`,
  auditFailed: (out: string) => `Audit of ${out} FAILED: see the lines above.`,
  unreadable: (file: string, why: string) => `${file}: cannot be read (${why})`,
  internal: (what: string) => `Internal error in multigebruik (please report): ${what}`,
} as const;
