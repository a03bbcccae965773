/**
 * The message catalogue: every user-facing sentence, in English and Dutch, with its parameters filled in by the
 * caller (thresholds and counts are parameters, never literals in the prose): terminal messages and errors first,
 * then the texts inside the output files (pages, workbook, charts, the checker's note), at the end of this file. Messages name files, columns, rows and
 * values so a researcher can fix the input, but never print a RINPERSOON value: key problems are described, not
 * quoted. The terminal speaks English (`messages`); texts that go into outputs take the run's language
 * (`messagesFor(config.language)`). The Dutch catalogue must have every key of the English one (typechecked).
 */
import { join } from 'node:path';

export type Language = 'nl' | 'en';

interface Problem {
  file: string;
  column: string;
  problem: string;
  value: string | null;
  rows: number[];
  count: number;
}

const en = {
  missingSources: (dir: string) => `Required input source(s) missing in ${dir}:`,
  missingSource: (source: string, prefix: string) =>
    `${source}: no .csv, .parquet or .sav file whose name starts with "${prefix}"`,
  missingColumn: (file: string, column: string, field: string, available: string[]) =>
    `${file}: column "${column}" (config field ${field}) not found; the file has: ${available.join(', ')}`,
  missingColumns: () => 'Input files lack required columns:',
  noYear: (file: string) =>
    `${file}: cannot tell the year from the file name (HOOGSTEOPLTAB files need one, e.g. HOOGSTEOPL2021TABV1)`,
  badInput: (problems: number, rows: number) =>
    `Bad input: ${problems} kind(s) of problem in ${rows} row(s). Nothing was written to export/. ` +
    `Fix the input or the config, or run with --quarantine to set these rows aside.`,
  problem: (p: Problem) => {
    const where = p.rows.length > 0 ? ` at row ${p.rows.join(', ')}${p.count > p.rows.length ? ', …' : ''}` : '';
    const value = p.value === null ? '' : ` value "${p.value}"`;
    return `${p.file}, column ${p.column}: ${p.problem}${value}${where} (${p.count} row${p.count === 1 ? '' : 's'} with this problem)`;
  },
  /**
   * The reason of a problem kind: `kind` is a code of model/problemKinds.ts (as queries/*.sql give it in p_kind) and
   * chooses the sentence; `digits` is the width of a RINPERSOON. Key problems describe the key, never quote it.
   */
  problemKind: (kind: string, digits: number): string =>
    (
      ({
        key_empty_rinpersoons: 'empty RINPERSOONS',
        key_rinpersoons_not_letter: 'RINPERSOONS is not one letter',
        key_empty_rinpersoon: 'empty RINPERSOON',
        key_not_digits: 'RINPERSOON is not a string of digits',
        key_too_long: `RINPERSOON has more than ${digits} digits`,
        key_zero: `RINPERSOON ${'0'.repeat(digits)} is no key`,
        date_begin_missing: 'no begin date',
        date_unparseable: 'unparseable date',
        date_end_before_begin: 'end date before begin date',
        code_unmapped: 'code not mapped in the config',
        birth_year_unparseable: 'unparseable birth year',
        birth_month_unparseable: 'unparseable birth month',
      }) as Record<string, string>
    )[kind] ?? kind,
  outputExists: (dir: string) => `Output folder ${dir} exists and is not empty; use --force to replace it.`,
  outputIsEarlierExport: (dir: string, later: string) =>
    `Output folder ${dir} is the earlier export of ${later}; replacing it breaks the audit of ${later}. Write the new run to another folder (nothing was changed), or use --force to replace it anyway.`,
  outputEarlierExportWarning: (dir: string, later: string) =>
    `warning: ${dir} is the earlier export of ${later}; replacing it breaks the audit of ${later} (its manifest records the SHA-256 of the export replaced now).`,
  configRead: (file: string, why: string) => `Config file ${file}: ${why}`,
  configField: (file: string, field: string, why: string) => `Config file ${file}, field ${field}: ${why}`,
  configFieldValue: (why: string, value: string) => `${why}; the file has ${value}`,
  inputDirMissing: (dir: string) => `Input folder ${dir} does not exist or is not a folder.`,
  quarantineNote: (rows: string) => `${rows} input row(s) with errors were set aside (quarantine) and not counted.`,
  fewerThan: (threshold: number) => `fewer than ${threshold}`,
  badOption: (option: string, value: string, expected: string) => `${option} "${value}": expected ${expected}`,
  scaleRange: (max: number) => `a number above 0 and at most ${max} (1 = national size)`,
  wholeNumber: () => 'a whole number',
  auditFailed: (out: string) => `Audit of ${out} FAILED: see the lines above.`,
  auditCellDiffers: (file: string, line: number, row: string, column: string, have: string, want: string) =>
    `${file}, line ${line} (row "${row}", column "${column}"): the file shows "${have}", export/tables.json "${want}"; the file was changed after the run, or does not belong to this export`,
  auditPreviousMissing: (dir: string, at: string | undefined) =>
    at === undefined
      ? `earlier export ${dir}: cannot read its export/tables.json and manifest.json; if it has moved, say where with --previous-at "${dir}=NEW_FOLDER" (it is still checked by its SHA-256)`
      : `earlier export ${dir}: cannot read export/tables.json and manifest.json in ${at} (given by --previous-at)`,
  // audit/: what each check of `multigebruik audit OUT` says (a FAIL line is "FAIL " and one of these)
  auditCannotRead: (path: string) => `audit: cannot read ${path}`,
  auditNotJson: (path: string) => `audit: ${path} is not valid JSON`,
  auditBadShape: (path: string, detail: string) => `audit: ${path} does not have the expected shape: ${detail}`,
  auditConfigInvalid: (detail: string) => `audit: manifest.json records a config that is not valid: ${detail}`,
  auditConfigHash: () => 'manifest.json: the recorded config does not have the recorded SHA-256',
  auditParameters: (threshold: number, zeroUnsafe: boolean, safetyRange: number) =>
    `parameters (manifest config): threshold ${threshold}, zero ${zeroUnsafe ? 'unsafe' : 'shown'}, safety range ${safetyRange}`,
  auditNoteNoParameters: (file: string) => `${file} does not state the rule parameters`,
  auditNoteOtherParameters: (file: string, stated: string, expected: string) =>
    `${file} states "${stated}"; the run's config gives "${expected}"`,
  auditFileOtherParameters: (file: string) => `${file} states other parameters than the run's config`,
  auditAtoms: (atoms: number, persons: number) => `atoms: ${atoms}, persons in them: ${persons}`,
  auditNotDeclaredTables: (file: string) => `${file} does not hold exactly the declared tables`,
  auditAxesDiffer: (table: string) => `table ${table}: rows or columns differ from the declaration`,
  auditCell: (table: string, row: string, column: string) => `table ${table} ${row}/${column}`,
  auditInternalDiffers: (where: string, have: string, want: string) =>
    `${where}: internal/tables.json has ${have}, the atoms give ${want}`,
  auditValueWithoutCell: (where: string) => `${where}: exported a value where the table has no cell`,
  auditCellMissing: (where: string) => `${where}: cell missing in export`,
  auditExportedDiffers: (where: string, shown: number) =>
    `${where}: exported ${shown} differs from the count the atoms give`,
  auditExportedUnsafe: (where: string, shown: number) => `${where}: exported count ${shown} is unsafe`,
  auditCells: (cells: number, published: number, suppressed: number) =>
    `cells: ${cells} (${published} published, ${suppressed} suppressed)`,
  auditPercentagesMissing: (table: string) => `table ${table}: percentages missing`,
  auditPercentageWrong: (where: string, shown: string) =>
    `${where}: percentage ${shown} not allowed or not the ratio of shown counts`,
  auditPublishedElsewhere: (where: string) =>
    `${where}: suppressed here but the same count is published in another cell`,
  auditModelFile: (model: string, atoms: string) => `${model} is not the attacker model of ${atoms}`,
  auditAttacker: (variables: number, counts: number) =>
    `attacker: ${variables} atom variables, ${counts} distinct counts`,
  auditNotProtected: (where: string, value: number, lo: number, hi: number, level: number) =>
    `${where}: unsafe count ${value} is not protected: attacker interval [${lo}, ${hi}], needs ±${level}`,
  auditNotClaimed: (where: string, file: string) => `${where}: suppressed but not in ${file}`,
  auditClaimDiffers: (
    where: string,
    file: string,
    claimed: [number, number | null],
    recomputed: [number, number | null],
  ) => `${where}: ${file} claims [${claimed[0]}, ${claimed[1]}], recomputed [${recomputed[0]}, ${recomputed[1]}]`,
  auditClaimNotSuppressed: (file: string, cell: string) => `${file} lists ${cell} as suppressed, but it is not`,
  auditUnsafeChecked: (n: number) => `unsafe counts checked against the rule: ${n}`,
  auditOtherVersion: (run: string, own: string) =>
    `note: the run was made with multigebruik ${run}, this audit is ${own}; export files are rendered with this version's renderer`,
  auditNotExportFile: (file: string) => `${file}: not a file the export consists of`,
  auditFileMissing: (file: string) => `${file} is missing`,
  auditFileDiffers: (file: string) => `${file} does not show exactly what export/tables.json shows`,
  auditFilesSame: (same: number, all: number) =>
    `export files identical to their rendering from export/tables.json: ${same} of ${all}`,
  auditSumsMissing: (file: string) => `${file} is missing: nothing binds the evidence to the files of this export`,
  auditSumsBadLine: (file: string, line: number) =>
    `${file}, line ${line}: not a line of sha256sum (64 hex digits, two spaces, a path)`,
  auditSumDiffers: (file: string, sums: string) => `${file} is not the file ${sums} describes (SHA-256 differs)`,
  auditSumListedMissing: (file: string, sums: string) => `${file} is listed in ${sums} but missing`,
  auditSumNotListed: (file: string, sums: string) => `${file} is not listed in ${sums}`,
  auditNoteHash: (note: string, file: string) => `${note} does not state the SHA-256 that ${file} has`,
  auditNoteSoftware: (note: string, version: string, commit: string) =>
    `${note} does not say it was made with multigebruik ${version}, commit ${commit} (manifest.json)`,
  auditPageHash: (page: string, file: string) => `${page} describes another export: not the SHA-256 that ${file} has`,
  auditCertificateHash: (note: string, certificate: string) =>
    `${note} does not state the SHA-256 ${certificate} has (the line "certificate.json SHA-256: …")`,
  auditCertificateTables: (certificate: string, tables: string) =>
    `${certificate} describes another ${tables} (its tablesSha256 differs from the file's SHA-256)`,
  auditCertificateMissing: (note: string, certificate: string) =>
    `${note} states a certificate, but ${certificate} is missing`,
  auditSumsChecked: (files: number) =>
    `export files bound to the evidence: ${files} in SHA256SUMS, their SHA-256 stated in the notes and on internal/audit.html`,
  auditEarlierListDiffers: (file: string) => `${file} lists other earlier exports than manifest.json`,
  auditEarlierHash: (dir: string, file: string) =>
    `earlier export ${dir}: ${file} is not the one this run was protected with (SHA-256 differs)`,
  auditEarlierShape: (dir: string) => `earlier export ${dir}: export/tables.json does not have the expected shape`,
  auditEarlierNoTables: (dir: string) =>
    `earlier export ${dir}: its manifest.json does not say which tables it was made with`,
  auditEarlierAtomsMissing: (dir: string, file: string) =>
    `earlier export ${dir}: ${file} (its atoms, recomputed by the run) is missing`,
  auditDifference: (where: string, earlier: number, dir: string, now: number, threshold: number) =>
    `${where}: shown as ${earlier} in ${dir} and ${now} here, a difference of fewer than ${threshold} persons`,
  auditEarlierChecked: (dir: string, at: string | undefined, shared: number) =>
    `earlier export ${dir}${at ? ` (now at ${at})` : ''}: ${shared} cells shown in both, SHA-256 checked`,
  auditNoEarlier: () => 'earlier exports: none taken into account',
  auditEarlierProblem: (why: string) => `earlier exports: ${why}`,
  auditJointNarrows: (where: string, iv: readonly [number, number], need: { lo: number; hi: number }) =>
    `${where}: the joint attacker (with the earlier exports) narrows it to [${iv[0]}, ${iv[1]}], it must reach [${need.lo}, ${need.hi}]`,
  auditJointEarlierPrimary: (label: string, iv: readonly [number, number], need: { lo: number; hi: number }) =>
    `${label}: an earlier primary cell, narrowed by the joint attacker to [${iv[0]}, ${iv[1]}], must reach [${need.lo}, ${need.hi}]`,
  auditJoint: (own: number, theirs: number, exports: number) =>
    `joint attacker: ${own} suppressed cell(s) of this export and ${theirs} primary cell(s) of ${exports} earlier export(s) checked`,
  auditFurtherFailures: () => '… (further failures not listed)',
  auditVerdict: (ok: boolean): string => (ok ? 'audit PASSED' : 'audit FAILED'),
  previousAtShape: (value: string) =>
    `--previous-at "${value}": write it as OLD=NEW, OLD the folder as the manifest names it (see its "previous") and NEW where it lies now`,
  previousAtUnknown: (old: string, named: string) =>
    `--previous-at: ${old} is not an earlier export of this run; the manifest names ${named}`,
  unreadable: (file: string, why: string) => `${file}: cannot be read (${why})`,
  periodShape: (text: string) =>
    `--period "${text}": write it as START..END with dates as YYYY-MM-DD, e.g. 2017-01-01..2022-12-31`,
  periodDutchOrder: (text: string, part: string, iso: string) =>
    `--period "${text}": ${part} is day-month-year; write dates as YYYY-MM-DD (year first): ${iso}`,
  periodBadDate: (text: string, which: string, part: string, why: string) =>
    `--period "${text}": the ${which} date ${part} ${why}; dates are YYYY-MM-DD, e.g. 2017-01-01..2022-12-31`,
  periodStartAfterEnd: (text: string, start: string, end: string) =>
    `--period "${text}": the start ${start} is after the end ${end}; did you mean ${end}..${start}?`,
  periodMonth: (month: string) => `has month ${month} (months are 01 to 12; is it written YYYY-DD-MM?)`,
  periodDay: (day: string, month: string) => `has day ${day}, which month ${month} does not have`,
  periodNotIso: () => 'is not written as YYYY-MM-DD',
  whichStart: () => 'start',
  whichEnd: () => 'end',
  optionTwice: (option: string) =>
    `${option} is given more than once; give it once (the run would otherwise silently use the last).`,
  processOutOfMemory: () =>
    'Out of memory: the machine or a process limit (ulimit -v, a job limit) allows multigebruik too little. Raise the limit or run on a machine with more memory (a national run needs several GB). Nothing was written.',
  didYouMean: (option: string, suggestion: string) => `unknown option ${option}; did you mean ${suggestion}?`,
  unknownShortOption: (option: string, known: string, command: string) =>
    `unknown option ${option}; ${command} knows ${known} (see multigebruik ${command} --help)`,
  commanderError: (sentence: string, help: string) => `${sentence}. See ${help} for what to give.`,
  unquotedPath: (command: string) =>
    `A path with spaces must be put in double quotes. With the path in quotes, the command is:\n  ${command}`,
  /** Paths (`exportDir` = "export/" or "export\\", …) are written by the caller the platform's way (reports/runSummary.ts). */
  summaryWrote: (out: string, seconds: string, exportDir: string, internalDir: string) =>
    `Wrote ${out} (${exportDir}, ${internalDir}, manifest.json) in ${seconds} s.`,
  summaryPeriod: (start: string, end: string, years: string) => `Period:      ${start} to ${end} (${years} years)`,
  summaryTables: (tables: number, cells: number, shown: number, primary: number, secondary: number) =>
    `Tables:      ${tables} tables and figures, ${cells} cells: ${shown} shown; suppressed (**): ${primary} below the threshold (primary), ${secondary} protecting another cell (secondary)`,
  summaryEarlier: (differencing: number, earlierCell: number, cost: number, audit: string) =>
    `Earlier:     suppressed for earlier exports: ${differencing} would differ from an earlier export by too few persons (differencing), ${earlierCell} would narrow a cell suppressed there; --previous cost ${cost} cell(s) in all (per cell: ${audit})`,
  summaryUserTables: (
    added: string[],
    changed: { table: string; hidden: number; shown: number }[],
    hiddenBeyond: number,
  ): string =>
    changed.length === 0
      ? `User tables: ${added.join(', ')} (config tables.add) ${added.length === 1 ? 'changes' : 'change'} no suppression in the shipped tables: protected alone, they hide the same cells`
      : `User tables: ${added.join(', ')} (config tables.add) ${added.length === 1 ? 'changes' : 'change'} the suppression of shipped tables: ` +
        `${changed.map((c) => `${c.table} (${c.hidden} more hidden${c.shown > 0 ? `, ${c.shown} shown instead` : ''})`).join(', ')}; ` +
        `${hiddenBeyond} cell(s) hidden in them beyond what the shipped tables protected alone hide`,
  summaryAudit: (passed: boolean, audit: string, exportDir: string): string =>
    passed
      ? `Audit:       PASSED: every suppressed cell is protected (proof per cell in ${audit})`
      : `Audit:       FAILED: do not release ${exportDir}`,
  summaryQuarantine: (rows: number, quarantine: string): string =>
    rows > 0
      ? `Quarantine:  ${rows} input row(s) set aside and not counted (${quarantine}); every table notes it`
      : 'Quarantine:  none (no input rows set aside)',
  summaryNext: () => 'Look first at:',
  /** `file` chooses the sentence (a path of the summary's `nextSteps`, always with "/"); `exportDir` is printed. */
  summaryStep: (file: string, exportDir: string): string =>
    (
      ({
        'export/report.html': 'all tables and figures, in a browser',
        'export/README.txt': `the note for the CBS output checker (what to hand in with ${exportDir})`,
        'export/LEESMIJ.txt': 'the same note in Dutch',
        'internal/audit.html': "each suppressed cell's proof (stays inside CBS)",
        'internal/quarantine.csv': 'the rows set aside, with the reason',
      }) as Record<string, string>
    )[file] ?? '',
  generateWrote: (files: number, rows: string, dir: string) => `Wrote ${files} files, ${rows} rows, to ${dir}.`,
  demoGenerate: (dir: string) => `generate: synthetic input in ${dir}`,
  /** A stage ("link") on a line of its own; a step inside one ("read WMOBUS", "read WMOBUS: 9 file(s) …") indented under it. */
  demoStage: (stage: string) => `${stage.includes(' ') ? '  ' : ''}${stage.includes(':') ? stage : `${stage}…`}`,
  protectProgress: (done: number, total: number) => `protect: ${done} of ${total} unsafe cells protected`,
  protectAuditProgress: (cells: number) => `protect: final audit of ${cells} suppressed cells`,
  protectCertificateProgress: (done: number, total: number) =>
    `protect: certificate, ${done} of ${total} sides searched for a whole-number witness`,
  compareOutRequired: () => 'compare needs --out DIR: a folder of its own for comparison.csv and comparison.html',
  compareInsideRun: (out: string, run: string) =>
    `--out ${out} is inside the run folder ${run}; a comparison gets a folder of its own (a later run --force of ${run} would delete it)`,
  compareNotOurs: (file: string) =>
    `${file} exists and was not written by multigebruik compare; compare does not overwrite it. Choose another --out folder, or move the file.`,
  compareWrote: (csv: string, html: string) => `Wrote ${csv} and ${html}.`,
  comparePeriod: (which: string, dir: string, start: string, end: string, years: string) =>
    `${which} ${dir}: ${start} to ${end} (${years} years)`,
  compareOld: () => 'Old:',
  compareNew: () => 'New:',
  compareLengthWarning: (oldYears: string, newYears: string) =>
    `WARNING: the periods differ in length (${oldYears} against ${newYears} years): differences are not changes per year.`,
  compareCounts: (cells: number, changed: number, supp: number) =>
    `Cells compared: ${cells}; changed: ${changed}; suppression changed: ${supp}.`,
  compareReasons: (threshold: number, protects: number, differencing: number, earlierCell: number) =>
    `Newly suppressed, per reason (from NEW's internal/; the comparison stays inside CBS): below the threshold ${threshold}, protects another cell ${protects}, differs from an earlier export ${differencing}, would narrow a cell suppressed earlier ${earlierCell}.`,
  compareSmall: (n: number, max: number) => `Cells with a difference of 1 to ${max} (for the output checker): ${n}.`,
  compareProtected: (yes: boolean): string =>
    yes
      ? 'NEW was protected jointly with OLD (run --previous OLD).'
      : 'NEW was not protected with --previous OLD: small differences between the two may disclose persons.',
  outputOverlapsInput: (out: string, input: string) =>
    `Output folder ${out} is, contains or lies inside the input folder ${input}; choose an output folder outside the input (nothing was changed).`,
  outputNotFolder: (out: string) =>
    `Output ${out} is a file, not a folder; choose a folder (the file was not changed, even with --force).`,
  outputNotOurs: (out: string) =>
    `Output folder ${out} is not empty and was not made by multigebruik (it has no manifest.json of a run); choose an empty or new folder (--force replaces only an earlier output).`,
  outputUnusable: (out: string, why: string) => `Output folder ${out} cannot be used (${why}).`,
  outputBelowFile: (out: string, file: string) =>
    `Output folder ${out} cannot be made: ${file} is a file, not a folder.`,
  outputLocked: (out: string, pid: number, lock: string) =>
    `Another multigebruik run${Number.isFinite(pid) ? ` (process ${pid})` : ''} is writing to ${out} (lock file ${lock}); wait for it to finish or choose another output folder. ` +
    `If no multigebruik run is going on, delete ${lock}.`,
  outputMountPoint: (out: string) =>
    `Output folder ${out} is a mount point (a disk of its own), which cannot be replaced as a whole; give a new folder inside it as --out (nothing was changed).`,
  outputNotReplaced: (out: string, why: string) =>
    `Output folder ${out} could not be written or replaced (${why}); check that you may write there and that no program has it open, or choose another output folder. The earlier output, if any, was kept.`,
  outputInsideRun: (out: string, run: string) =>
    `Output folder ${out} lies inside the output of an earlier run, ${run}; choose a folder outside it (writing there would change that run's export).`,
  outputIsPrevious: (out: string, previous: string) =>
    `Output folder ${out} is, contains or lies inside the earlier export ${previous} (--previous) that this run is protected against; write the new run to another folder (nothing was changed).`,
  noSpace: (where: string, mb: number) =>
    `No space left on the disk of ${where} (needs about ${mb} MB); free some space or choose another output folder. Nothing was written.`,
  outOfMemory: (limit: string) =>
    `DuckDB ran out of memory within duckdb.memoryLimit ${limit} and could not spill to disk; raise duckdb.memoryLimit or free disk space next to the output folder.`,
  ambiguousSource: (source: string) =>
    `More than one candidate file for ${source}; keep one of them in the input folder (move or rename the others, e.g. old copies):`,
  gbaVariants: () =>
    'Both GBAPERSOONTAB and its restricted variant GBAPERSOONKTAB are in the input folder; keep only one of them:',
  emptyFile: (file: string) =>
    `${file}: the file has no data rows (empty or header only); remove it, or run with --allow-empty to go on without it.`,
  requiredSourceDropped: (source: string) =>
    `warning: every file of the required source ${source} has no data rows and was left out (--allow-empty): the tables count no one from ${source}. Do not publish them as complete.`,
  emptyFileWarning: (file: string) =>
    `warning: ${file} has no data rows (empty or header only); going on because of --allow-empty.`,
  duplicateColumn: (file: string, column: string, count: number) =>
    `${file}: column "${column}" appears ${count} times; a column the config uses must appear once.`,
  floatColumn: (file: string, column: string, type: string) =>
    `${file}, column ${column}: stored as ${type}, which cannot hold every key or date exactly; store it as an integer, DOUBLE or text.`,
  configDuplicateKey: (file: string, key: string, line: number) =>
    `Config file ${file}, line ${line}: key "${key}" appears twice in the same object; remove one.`,
  configNotJson: (file: string, why: string, line: number) =>
    `Config file ${file}, line ${line}: not valid JSON (${why}).`,
  configIsFolder: (file: string) => `Config file ${file} is a folder, not a file.`,
  configUnreadable: (file: string, why: string) => `Config file ${file} cannot be read (${why}).`,
  periodRange: (first: number, last: number) => `a period must lie within ${first}-01-01..${last}-12-31`,
  keyAsValue: (column: string) =>
    `column "${column}" is a key column (RINPERSOONS/RINPERSOON) of this source and cannot be used as a value column`,
  inputUnlistable: (dir: string, why: string) => `Input folder ${dir} cannot be listed (${why}).`,
  inputChanged: (file: string) =>
    `${file} changed while the run was reading it (its size or modification time is not what it was when the input folder was listed), so the tables and the manifest could disagree; nothing was written. Run again when no program is writing to the input folder.`,
  inputVanished: (file: string) =>
    `${file} was removed or renamed while the run was reading it; nothing was written. Run again when no program is changing the input folder.`,
  inputUnreadable: (file: string, why: string) =>
    `${file} cannot be read (${why}); check that you may read it and that no program holds it locked. Nothing was written.`,
  brokenLink: (file: string) => `${file}: a symbolic link whose target does not exist or cannot be read.`,
  csvNotUtf8: (row: number) =>
    `${row === 0 ? 'the header' : `row ${row}`} is not UTF-8 text (the file may be Latin-1 or Windows-1252: save it as UTF-8)`,
  csvFieldCount: (row: number, found: number, expected: number) =>
    `row ${row} has ${found} fields where the header has ${expected}`,
  csvOpenQuote: (row: number) => `a quote opened at or after row ${row} is never closed`,
  previousMissing: (dir: string) =>
    `Earlier export ${dir} (--previous) does not exist; give the output folder of the earlier run (the folder its run --out wrote).`,
  validateOk: (input: string) => `${input}: all sources valid.`,
  validatePeriod: (start: string, end: string) => `period: ${start} to ${end}`,
  validateTables: (n: number, added: string[], dropped: string[]) =>
    `tables: ${n}${added.length > 0 ? `, of which from the config: ${added.join(', ')}` : ''}${dropped.length > 0 ? `; shipped tables left out: ${dropped.join(', ')}` : ''}`,
  validateFiles: (source: string, files: string[]) => `${source}: ${files.join(', ') || '(none)'}`,
  validateIgnored: (files: string[]) => `ignored (no source): ${files.join(', ')}`,
  validateDuplicates: (source: string, records: number) =>
    `${source}: ${records} exact duplicate record(s) (harmless: persons are counted once)`,
  tableTitleMissing: (lang: 'nl' | 'en') =>
    `the ${lang === 'nl' ? 'Dutch' : 'English'} title is missing: every table needs "title": {"nl": "… {period}.", "en": "… {period}."}`,
  tableListAsKey: (name: string) =>
    `"${name}" is a list of categories, not one category: write {"each": "${name}"} for a row or column per category`,
  nearlySourceNames: () =>
    'Input file(s) whose name nearly starts with a source prefix (left out, their rows would be missing from every table):',
  nearlySource: (file: string, source: string, prefix: string) =>
    `${file}: looks like a ${source} file but its name does not start with "${prefix}" (a zero for an O, a typo?): rename it so that it does, or move it out of the input folder`,
  wmoYearsMissing: (years: number[], start: string, end: string) =>
    `WMOBUS: no file for ${years.join(', ')}, within the period ${start}..${end} (WMOBUS comes as one file per year, WMO<year>BUSV<n>): add the missing year(s), or choose a --period that the files cover. The WMOBUS files found:`,
  csvUtf16: () => 'the file is UTF-16 text (as Excel\'s "Unicode text" writes it): save it as CSV UTF-8',
  csvNul: (row: number) =>
    `${row === 0 ? 'the header' : `row ${row}`} holds a NUL byte (byte value 0): the file is not plain text (is it UTF-16, or damaged?)`,
  csvLongRow: (row: number, max: number) =>
    `${row === 0 ? 'the header' : `row ${row}`} is longer than ${max} bytes, which no row of these sources needs (a damaged file, or a quote that is never closed?)`,
  csvMixedLineEnds: (row: number, crlf: boolean) =>
    `row ${row} ends with ${crlf ? 'LF' : 'CRLF'} where the rows before it end with ${crlf ? 'CRLF' : 'LF'} (the file was edited on two systems): save it again with one kind of line ending`,
  previousUnreadable: (dir: string, file: string) =>
    `Earlier export ${dir} (--previous): cannot read ${file}, or it is not the file a multigebruik run writes. Give the output folder of an earlier run (it needs export/tables.json, manifest.json and internal/).`,
  previousEdited: (dir: string, cell: string) =>
    `Earlier export ${dir} (--previous): export/tables.json is not what its run wrote (${cell} differs from the run's internal/tables.json and suppression audit); it was changed afterwards. Give the earlier output folder exactly as it was published.`,
  previousCorrection: (dir: string, table: string, row: string, column: string, persons: number, threshold: number) =>
    `This run covers the same period as the earlier export ${dir}, and its total ${table} ${row}/${column} differs from it by only ${persons} person(s) (fewer than ${threshold}). ` +
    `Publishing both would reveal those persons, and suppression cannot prevent it short of hiding every total. ` +
    `Do not publish this correction as a new export: withdraw or replace ${dir} instead, or wait until at least ${threshold} persons differ, or (if ${dir} was never published) run without --previous ${dir}.`,
  previousDifferentData: (dir: string, table: string, row: string, column: string) =>
    `Earlier export ${dir} covers another period, but this input does not reproduce its shown count ${table} ${row}/${column} for that period: it was made from other data, so the joint protection cannot be computed. Run on the input ${dir} was made from (extended with the new years).`,
  previousUnprotectable: (dir: string, detail: string) =>
    `Together with the earlier export ${dir}, a suppressed count cannot be protected by suppressing cells of the new export (${detail}). Choose a period that contains the earlier one, or contact the output checker.`,
  previousSameDataOtherCounts: (dir: string, table: string, row: string, column: string) =>
    `Earlier export ${dir} was made from the same input files for the same period, but this run does not reproduce its shown count ${table} ${row}/${column}: it was made with other settings (code lists or columns in the config), so the joint protection cannot be computed. Run with the config ${dir} was made with (its manifest.json records it), adding only tables.`,
  previousSameDataUnprotectable: (dir: string, detail: string) =>
    `The earlier export ${dir} was made from the same input files for the same period, and what it shows already narrows a count this run must suppress (${detail}) below the rule: no suppression in the new export can protect it. Leave that table out of this run (tables.keep/drop in the config), or contact the output checker.`,
  noPrevious: () =>
    'No earlier export was taken into account (run --previous DIR to protect jointly with exports already published).',
  previousTaken: (dirs: string) => `Protected jointly with the earlier export(s): ${dirs}.`,
  internal: (what: string) => `Internal error in multigebruik (please report): ${what}`,
  demoWritten: (dir: string) => `Demo written to ${dir}:`,
  demoInputFolder: () => 'synthetic microdata in the CBS layout',
  demoExportFolder: (csvs: string, charts: string) =>
    `protected tables (tables.json, ${csvs}, tables.xlsx, report.html, ${charts})`,
  demoInternalFolder: () => 'exact counts and the suppression audit (stays inside CBS)',
  demoAuditHint: (command: string, output: string) => `Check the protection again with: ${command} audit ${output}`,
  auditNotRun: (out: string, inner: string | null) =>
    inner === null
      ? `${out} is not the output folder of a run (it has no manifest.json); give the folder that run --out wrote`
      : `${out} is not the output folder of a run (it has no manifest.json); did you mean ${inner}?`,
  demoLookFirst: (report: string, figure: string, table: string, suppressed: number, audit: string) =>
    `Look first at ${report}: ${figure} (a chart), then ${table} (${suppressed} cells shown as **: protection at work); ` +
    `why each ** is there: ${audit}`,
  tableUnknownKey: (name: string, valid: string[]) => `unknown category key "${name}"; valid keys: ${valid.join(', ')}`,
  tableUnknownList: (name: string, valid: string[]) =>
    `unknown category list "${name}"; valid lists: ${valid.join(', ')}`,
  tableUnknownSet: (name: string, valid: string[]) => `unknown set "${name}"; valid sets: ${valid.join(', ')}`,
  tableUnknownValue: (dim: string, value: string, valid: string[]) =>
    `unknown ${dim} class "${value}"; valid classes: ${valid.join(', ')}`,
  tableDuplicateId: (id: string) => `table id "${id}" is declared twice`,
  tableEmptyAxis: () => 'an axis needs at least one row or column',
  tableKeyTwice: (key: string) => `key "${key}" occurs twice on this axis; give one of them another "key"`,
  tableCountRange: (from: number, to: number) => `"to" (${to}) is below "from" (${from})`,
  figureNeedsChart: () => 'a figure needs a chart kind: "bars" or "share"',
  chartOnTable: () => 'only a figure has a chart kind (set "kind": "figure")',
  shareNeedsTotal: () => 'a "share" figure needs a column with key "total" (the base of its percentages)',
  tableIdUnknown: (pattern: string, valid: string[]) =>
    `"${pattern}" matches no shipped table; the shipped tables are: ${valid.join(', ')}`,
};

export type Messages = typeof en;

const nl: Messages = {
  missingSources: (dir) => `Verplichte invoerbron(nen) ontbreken in ${dir}:`,
  missingSource: (source, prefix) =>
    `${source}: geen .csv-, .parquet- of .sav-bestand waarvan de naam begint met "${prefix}"`,
  missingColumn: (file, column, field, available) =>
    `${file}: kolom "${column}" (configveld ${field}) niet gevonden; het bestand heeft: ${available.join(', ')}`,
  missingColumns: () => 'Invoerbestanden missen verplichte kolommen:',
  noYear: (file) =>
    `${file}: het jaar is niet uit de bestandsnaam af te leiden (HOOGSTEOPLTAB-bestanden hebben er een nodig, bijv. HOOGSTEOPL2021TABV1)`,
  badInput: (problems, rows) =>
    `Foute invoer: ${problems} soort(en) probleem in ${rows} rij(en). Er is niets naar export/ geschreven. ` +
    `Herstel de invoer of de config, of draai met --quarantine om deze rijen apart te zetten.`,
  problem: (p) => {
    const where = p.rows.length > 0 ? ` in rij ${p.rows.join(', ')}${p.count > p.rows.length ? ', …' : ''}` : '';
    const value = p.value === null ? '' : ` waarde "${p.value}"`;
    return `${p.file}, kolom ${p.column}: ${p.problem}${value}${where} (${p.count} rij${p.count === 1 ? '' : 'en'} met dit probleem)`;
  },
  problemKind: (kind, digits) =>
    (
      ({
        key_empty_rinpersoons: 'lege RINPERSOONS',
        key_rinpersoons_not_letter: 'RINPERSOONS is niet één letter',
        key_empty_rinpersoon: 'lege RINPERSOON',
        key_not_digits: 'RINPERSOON is geen reeks cijfers',
        key_too_long: `RINPERSOON heeft meer dan ${digits} cijfers`,
        key_zero: `RINPERSOON ${'0'.repeat(digits)} is geen sleutel`,
        date_begin_missing: 'geen begindatum',
        date_unparseable: 'onleesbare datum',
        date_end_before_begin: 'einddatum vóór begindatum',
        code_unmapped: 'code niet ingedeeld in de config',
        birth_year_unparseable: 'onleesbaar geboortejaar',
        birth_month_unparseable: 'onleesbare geboortemaand',
      }) as Record<string, string>
    )[kind] ?? kind,
  outputExists: (dir) => `Uitvoermap ${dir} bestaat en is niet leeg; gebruik --force om haar te vervangen.`,
  outputIsEarlierExport: (dir, later) =>
    `Uitvoermap ${dir} is de eerdere export van ${later}; haar vervangen maakt de audit van ${later} onmogelijk. Schrijf de nieuwe run naar een andere map (er is niets veranderd), of gebruik --force om haar toch te vervangen.`,
  outputEarlierExportWarning: (dir, later) =>
    `waarschuwing: ${dir} is de eerdere export van ${later}; haar vervangen maakt de audit van ${later} onmogelijk (het manifest daarvan legt de SHA-256 vast van de export die nu wordt vervangen).`,
  configRead: (file, why) => `Configbestand ${file}: ${why}`,
  configField: (file, field, why) => `Configbestand ${file}, veld ${field}: ${why}`,
  configFieldValue: (why, value) => `${why}; het bestand heeft ${value}`,
  inputDirMissing: (dir) => `Invoermap ${dir} bestaat niet of is geen map.`,
  quarantineNote: (rows) => `${rows} invoerrij(en) met fouten zijn terzijde gelegd (quarantaine) en niet meegeteld.`,
  fewerThan: (threshold) => `minder dan ${threshold}`,
  badOption: (option, value, expected) => `${option} "${value}": verwacht ${expected}`,
  scaleRange: (max) => `een getal boven 0 en hoogstens ${max} (1 = landelijke omvang)`,
  wholeNumber: () => 'een geheel getal',
  auditFailed: (out) => `Audit van ${out} MISLUKT: zie de regels hierboven.`,
  auditCellDiffers: (file, line, row, column, have, want) =>
    `${file}, regel ${line} (rij "${row}", kolom "${column}"): het bestand toont "${have}", export/tables.json "${want}"; het bestand is na de run veranderd, of hoort niet bij deze export`,
  auditPreviousMissing: (dir, at) =>
    at === undefined
      ? `eerdere export ${dir}: kan export/tables.json en manifest.json niet lezen; is de map verplaatst, zeg dan waar met --previous-at "${dir}=NIEUWE_MAP" (ze wordt nog steeds op haar SHA-256 gecontroleerd)`
      : `eerdere export ${dir}: kan export/tables.json en manifest.json niet lezen in ${at} (opgegeven met --previous-at)`,
  // audit/: wat elke controle van `multigebruik audit OUT` zegt
  auditCannotRead: (path) => `audit: kan ${path} niet lezen`,
  auditNotJson: (path) => `audit: ${path} is geen geldige JSON`,
  auditBadShape: (path, detail) => `audit: ${path} heeft niet de verwachte vorm: ${detail}`,
  auditConfigInvalid: (detail) => `audit: manifest.json legt een config vast die niet geldig is: ${detail}`,
  auditConfigHash: () => 'manifest.json: de vastgelegde config heeft niet de vastgelegde SHA-256',
  auditParameters: (threshold, zeroUnsafe, safetyRange) =>
    `parameters (config in het manifest): drempel ${threshold}, nul ${zeroUnsafe ? 'onveilig' : 'getoond'}, veiligheidsmarge ${dutchDecimal(safetyRange)}`,
  auditNoteNoParameters: (file) => `${file} noemt de parameters van de regel niet`,
  auditNoteOtherParameters: (file, stated, expected) =>
    `${file} zegt "${stated}"; de config van de run geeft "${expected}"`,
  auditFileOtherParameters: (file) => `${file} noemt andere parameters dan de config van de run`,
  auditAtoms: (atoms, persons) => `atomen: ${atoms}, personen erin: ${persons}`,
  auditNotDeclaredTables: (file) => `${file} bevat niet precies de gedeclareerde tabellen`,
  auditAxesDiffer: (table) => `tabel ${table}: rijen of kolommen wijken af van de declaratie`,
  auditCell: (table, row, column) => `tabel ${table} ${row}/${column}`,
  auditInternalDiffers: (where, have, want) => `${where}: internal/tables.json heeft ${have}, de atomen geven ${want}`,
  auditValueWithoutCell: (where) => `${where}: een waarde geëxporteerd waar de tabel geen cel heeft`,
  auditCellMissing: (where) => `${where}: cel ontbreekt in de export`,
  auditExportedDiffers: (where, shown) => `${where}: geëxporteerd ${shown} wijkt af van het aantal dat de atomen geven`,
  auditExportedUnsafe: (where, shown) => `${where}: geëxporteerd aantal ${shown} is onveilig`,
  auditCells: (cells, published, suppressed) => `cellen: ${cells} (${published} getoond, ${suppressed} afgeschermd)`,
  auditPercentagesMissing: (table) => `tabel ${table}: percentages ontbreken`,
  auditPercentageWrong: (where, shown) =>
    `${where}: percentage ${shown} niet toegestaan of niet de verhouding van getoonde aantallen`,
  auditPublishedElsewhere: (where) => `${where}: hier afgeschermd, maar hetzelfde aantal is in een andere cel getoond`,
  auditModelFile: (model, atoms) => `${model} is niet het aanvallersmodel van ${atoms}`,
  auditAttacker: (variables, counts) => `aanvaller: ${variables} atoomvariabelen, ${counts} verschillende aantallen`,
  auditNotProtected: (where, value, lo, hi, level) =>
    `${where}: onveilig aantal ${value} is niet beschermd: aanvalsinterval [${lo}, ${hi}], nodig ±${level}`,
  auditNotClaimed: (where, file) => `${where}: afgeschermd maar niet in ${file}`,
  auditClaimDiffers: (where, file, claimed, recomputed) =>
    `${where}: ${file} noemt [${claimed[0]}, ${claimed[1]}], opnieuw berekend [${recomputed[0]}, ${recomputed[1]}]`,
  auditClaimNotSuppressed: (file, cell) => `${file} noemt ${cell} afgeschermd, maar dat is ze niet`,
  auditUnsafeChecked: (n) => `onveilige aantallen getoetst aan de regel: ${n}`,
  auditOtherVersion: (run, own) =>
    `let op: de run is gemaakt met multigebruik ${run}, deze audit is ${own}; de exportbestanden worden met de renderer van deze versie gemaakt`,
  auditNotExportFile: (file) => `${file}: geen bestand waaruit de export bestaat`,
  auditFileMissing: (file) => `${file} ontbreekt`,
  auditFileDiffers: (file) => `${file} toont niet precies wat export/tables.json toont`,
  auditFilesSame: (same, all) => `exportbestanden gelijk aan hun weergave uit export/tables.json: ${same} van ${all}`,
  auditSumsMissing: (file) => `${file} ontbreekt: niets bindt de bewijsstukken aan de bestanden van deze export`,
  auditSumsBadLine: (file, line) =>
    `${file}, regel ${line}: geen regel van sha256sum (64 hexadecimale tekens, twee spaties, een pad)`,
  auditSumDiffers: (file, sums) => `${file} is niet het bestand dat ${sums} beschrijft (SHA-256 wijkt af)`,
  auditSumListedMissing: (file, sums) => `${file} staat in ${sums} maar ontbreekt`,
  auditSumNotListed: (file, sums) => `${file} staat niet in ${sums}`,
  auditNoteHash: (note, file) => `${note} noemt niet de SHA-256 die ${file} heeft`,
  auditNoteSoftware: (note, version, commit) =>
    `${note} zegt niet dat het gemaakt is met multigebruik ${version}, commit ${commit} (manifest.json)`,
  auditPageHash: (page, file) => `${page} beschrijft een andere export: niet de SHA-256 die ${file} heeft`,
  auditCertificateHash: (note, certificate) =>
    `${note} noemt niet de SHA-256 die ${certificate} heeft (de regel "certificate.json SHA-256: …")`,
  auditCertificateTables: (certificate, tables) =>
    `${certificate} beschrijft een ander ${tables} (tablesSha256 wijkt af van de SHA-256 van het bestand)`,
  auditCertificateMissing: (note, certificate) => `${note} noemt een certificaat, maar ${certificate} ontbreekt`,
  auditSumsChecked: (files) =>
    `exportbestanden gebonden aan de bewijsstukken: ${files} in SHA256SUMS, hun SHA-256 genoemd in de toelichtingen en op internal/audit.html`,
  auditEarlierListDiffers: (file) => `${file} noemt andere eerdere exports dan manifest.json`,
  auditEarlierHash: (dir, file) =>
    `eerdere export ${dir}: ${file} is niet die waarmee deze run is afgeschermd (SHA-256 wijkt af)`,
  auditEarlierShape: (dir) => `eerdere export ${dir}: export/tables.json heeft niet de verwachte vorm`,
  auditEarlierNoTables: (dir) => `eerdere export ${dir}: haar manifest.json zegt niet met welke tabellen ze is gemaakt`,
  auditEarlierAtomsMissing: (dir, file) =>
    `eerdere export ${dir}: ${file} (haar atomen, door de run opnieuw berekend) ontbreekt`,
  auditDifference: (where, earlier, dir, now, threshold) =>
    `${where}: getoond als ${earlier} in ${dir} en ${now} hier, een verschil van minder dan ${threshold} personen`,
  auditEarlierChecked: (dir, at, shared) =>
    `eerdere export ${dir}${at ? ` (nu in ${at})` : ''}: ${shared} cellen in beide getoond, SHA-256 gecontroleerd`,
  auditNoEarlier: () => 'eerdere exports: geen meegenomen',
  auditEarlierProblem: (why) => `eerdere exports: ${why}`,
  auditJointNarrows: (where, iv, need) =>
    `${where}: de gezamenlijke aanvaller (met de eerdere exports) begrenst haar tot [${iv[0]}, ${iv[1]}], ze moet [${need.lo}, ${need.hi}] bereiken`,
  auditJointEarlierPrimary: (label, iv, need) =>
    `${label}: een primaire cel van een eerdere export, door de gezamenlijke aanvaller begrensd tot [${iv[0]}, ${iv[1]}], moet [${need.lo}, ${need.hi}] bereiken`,
  auditJoint: (own, theirs, exports) =>
    `gezamenlijke aanvaller: ${own} afgeschermde cel(len) van deze export en ${theirs} primaire cel(len) van ${exports} eerdere export(s) gecontroleerd`,
  auditFurtherFailures: () => '… (verdere fouten niet opgesomd)',
  auditVerdict: (ok) => (ok ? 'audit GESLAAGD' : 'audit MISLUKT'),
  previousAtShape: (value) =>
    `--previous-at "${value}": schrijf als OUD=NIEUW, OUD de map zoals het manifest haar noemt (zie "previous") en NIEUW waar ze nu staat`,
  previousAtUnknown: (old, named) =>
    `--previous-at: ${old} is geen eerdere export van deze run; het manifest noemt ${named}`,
  unreadable: (file, why) => `${file}: kan niet worden gelezen (${why})`,
  periodShape: (text) =>
    `--period "${text}": schrijf als BEGIN..EIND met datums als JJJJ-MM-DD, bijv. 2017-01-01..2022-12-31`,
  periodDutchOrder: (text, part, iso) =>
    `--period "${text}": ${part} is dag-maand-jaar; schrijf datums als JJJJ-MM-DD (jaar eerst): ${iso}`,
  periodBadDate: (text, which, part, why) =>
    `--period "${text}": de ${which}datum ${part} ${why}; datums zijn JJJJ-MM-DD, bijv. 2017-01-01..2022-12-31`,
  periodStartAfterEnd: (text, start, end) =>
    `--period "${text}": het begin ${start} ligt na het eind ${end}; bedoelt u ${end}..${start}?`,
  periodMonth: (month) => `heeft maand ${month} (maanden zijn 01 t/m 12; staat er JJJJ-DD-MM?)`,
  periodDay: (day, month) => `heeft dag ${day}, die maand ${month} niet heeft`,
  periodNotIso: () => 'is niet geschreven als JJJJ-MM-DD',
  whichStart: () => 'begin',
  whichEnd: () => 'eind',
  optionTwice: (option) =>
    `${option} is meer dan eens opgegeven; geef het één keer (anders zou de run stilzwijgend de laatste gebruiken).`,
  processOutOfMemory: () =>
    'Te weinig geheugen: de machine of een proceslimiet (ulimit -v, een joblimiet) staat multigebruik te weinig toe. Verhoog de limiet of draai op een machine met meer geheugen (een landelijke run heeft enkele GB nodig). Er is niets geschreven.',
  didYouMean: (option, suggestion) => `onbekende optie ${option}; bedoelt u ${suggestion}?`,
  unknownShortOption: (option, known, command) =>
    `onbekende optie ${option}; ${command} kent ${known} (zie multigebruik ${command} --help)`,
  commanderError: (sentence, help) => `${sentence}. Zie ${help} voor wat u moet opgeven.`,
  unquotedPath: (command) =>
    `Een pad met spaties moet tussen dubbele aanhalingstekens staan. Met het pad tussen aanhalingstekens is de opdracht:\n  ${command}`,
  summaryWrote: (out, seconds, exportDir, internalDir) =>
    `${out} geschreven (${exportDir}, ${internalDir}, manifest.json) in ${seconds} s.`,
  summaryPeriod: (start, end, years) => `Periode:     ${start} t/m ${end} (${years} jaar)`,
  summaryTables: (tables, cells, shown, primary, secondary) =>
    `Tabellen:    ${tables} tabellen en figuren, ${cells} cellen: ${shown} getoond; afgeschermd (**): ${primary} onder de drempel (primair), ${secondary} ter bescherming van een andere cel (secundair)`,
  summaryEarlier: (differencing, earlierCell, cost, audit) =>
    `Eerder:      afgeschermd vanwege eerdere exports: ${differencing} zouden te weinig personen verschillen van een eerdere export (verschilonthulling), ${earlierCell} zouden een daar afgeschermde cel begrenzen; --previous kostte in totaal ${cost} cel(len) (per cel: ${audit})`,
  summaryUserTables: (added, changed, hiddenBeyond) =>
    changed.length === 0
      ? `Toegevoegd:  ${added.join(', ')} (config tables.add) ${added.length === 1 ? 'verandert' : 'veranderen'} de afscherming van de meegeleverde tabellen niet: apart beschermd schermen die dezelfde cellen af`
      : `Toegevoegd:  ${added.join(', ')} (config tables.add) ${added.length === 1 ? 'verandert' : 'veranderen'} de afscherming van meegeleverde tabellen: ` +
        `${changed.map((c) => `${c.table} (${c.hidden} meer afgeschermd${c.shown > 0 ? `, ${c.shown} in plaats daarvan getoond` : ''})`).join(', ')}; ` +
        `daarin ${hiddenBeyond} cel(len) meer afgeschermd dan wanneer de meegeleverde tabellen apart worden beschermd`,
  summaryAudit: (passed, audit, exportDir) =>
    passed
      ? `Audit:       GESLAAGD: elke afgeschermde cel is beschermd (bewijs per cel in ${audit})`
      : `Audit:       MISLUKT: ${exportDir} niet vrijgeven`,
  summaryQuarantine: (rows, quarantine) =>
    rows > 0
      ? `Quarantaine: ${rows} invoerrij(en) terzijde gelegd en niet meegeteld (${quarantine}); elke tabel vermeldt dit`
      : 'Quarantaine: geen (geen invoerrijen terzijde gelegd)',
  summaryNext: () => 'Kijk eerst naar:',
  summaryStep: (file, exportDir) =>
    (
      ({
        'export/report.html': 'alle tabellen en figuren, in een browser',
        'export/README.txt': `de toelichting voor de CBS-outputcontrole (in het Engels; in te leveren met ${exportDir})`,
        'export/LEESMIJ.txt': 'dezelfde toelichting in het Nederlands',
        'internal/audit.html': 'het bewijs per afgeschermde cel (blijft binnen het CBS)',
        'internal/quarantine.csv': 'de terzijde gelegde rijen, met de reden',
      }) as Record<string, string>
    )[file] ?? '',
  generateWrote: (files, rows, dir) => `${files} bestanden, ${rows} rijen, geschreven naar ${dir}.`,
  demoGenerate: (dir) => `genereren: synthetische invoer in ${dir}`,
  demoStage: (stage) => `${stage.includes(' ') ? '  ' : ''}${stage.includes(':') ? stage : `${stage}…`}`,
  protectProgress: (done, total) => `afschermen: ${done} van ${total} onveilige cellen beschermd`,
  protectAuditProgress: (cells) => `afschermen: eindcontrole van ${cells} afgeschermde cellen`,
  protectCertificateProgress: (done, total) =>
    `afschermen: certificaat, ${done} van ${total} kanten gezocht naar een getuige in hele getallen`,
  compareOutRequired: () => 'compare heeft --out MAP nodig: een eigen map voor comparison.csv en comparison.html',
  compareInsideRun: (out, run) =>
    `--out ${out} ligt in de runmap ${run}; een vergelijking krijgt een eigen map (een latere run --force van ${run} zou haar wissen)`,
  compareNotOurs: (file) =>
    `${file} bestaat en is niet door multigebruik compare geschreven; compare overschrijft het niet. Kies een andere --out-map, of verplaats het bestand.`,
  compareWrote: (csv, html) => `${csv} en ${html} geschreven.`,
  comparePeriod: (which, dir, start, end, years) => `${which} ${dir}: ${start} t/m ${end} (${years} jaar)`,
  compareOld: () => 'Oud:',
  compareNew: () => 'Nieuw:',
  compareLengthWarning: (oldYears, newYears) =>
    `LET OP: de perioden zijn niet even lang (${oldYears} tegen ${newYears} jaar): verschillen zijn geen veranderingen per jaar.`,
  compareCounts: (cells, changed, supp) =>
    `Cellen vergeleken: ${cells}; gewijzigd: ${changed}; afscherming gewijzigd: ${supp}.`,
  compareReasons: (threshold, protects, differencing, earlierCell) =>
    `Nieuw afgeschermd, per reden (uit internal/ van NIEUW; de vergelijking blijft binnen het CBS): onder de drempel ${threshold}, beschermt een andere cel ${protects}, verschil met een eerdere export ${differencing}, zou een eerder afgeschermde cel begrenzen ${earlierCell}.`,
  compareSmall: (n, max) => `Cellen met een verschil van 1 t/m ${max} (voor de outputcontrole): ${n}.`,
  compareProtected: (yes) =>
    yes
      ? 'NIEUW is samen met OUD beschermd (run --previous OUD).'
      : 'NIEUW is niet met --previous OUD beschermd: kleine verschillen tussen beide kunnen personen onthullen.',
  outputOverlapsInput: (out, input) =>
    `Uitvoermap ${out} is, bevat of ligt in de invoermap ${input}; kies een uitvoermap buiten de invoer (er is niets veranderd).`,
  outputNotFolder: (out) =>
    `Uitvoer ${out} is een bestand, geen map; kies een map (het bestand is niet veranderd, ook niet met --force).`,
  outputNotOurs: (out) =>
    `Uitvoermap ${out} is niet leeg en niet door multigebruik gemaakt (er staat geen manifest.json van een run in); kies een lege of nieuwe map (--force vervangt alleen een eerdere uitvoer).`,
  outputUnusable: (out, why) => `Uitvoermap ${out} is niet te gebruiken (${why}).`,
  outputBelowFile: (out, file) => `Uitvoermap ${out} kan niet worden gemaakt: ${file} is een bestand, geen map.`,
  outputLocked: (out, pid, lock) =>
    `Een andere multigebruik-run${Number.isFinite(pid) ? ` (proces ${pid})` : ''} schrijft naar ${out} (slotbestand ${lock}); wacht tot die klaar is of kies een andere uitvoermap. ` +
    `Loopt er geen multigebruik-run, verwijder dan ${lock}.`,
  outputMountPoint: (out) =>
    `Uitvoermap ${out} is een koppelpunt (een eigen schijf) en kan niet als geheel worden vervangen; geef een nieuwe map daarbinnen als --out (er is niets veranderd).`,
  outputNotReplaced: (out, why) =>
    `Uitvoermap ${out} kon niet worden geschreven of vervangen (${why}); controleer of u daar mag schrijven en of geen programma haar open heeft, of kies een andere uitvoermap. De eerdere uitvoer, als die er was, is bewaard.`,
  outputInsideRun: (out, run) =>
    `Uitvoermap ${out} ligt in de uitvoer van een eerdere run, ${run}; kies een map daarbuiten (schrijven daarin zou de export van die run veranderen).`,
  outputIsPrevious: (out, previous) =>
    `Uitvoermap ${out} is, bevat of ligt in de eerdere export ${previous} (--previous) waartegen deze run wordt beschermd; schrijf de nieuwe run naar een andere map (er is niets veranderd).`,
  noSpace: (where, mb) =>
    `Geen ruimte meer op de schijf van ${where} (nodig: ongeveer ${mb} MB); maak ruimte vrij of kies een andere uitvoermap. Er is niets geschreven.`,
  outOfMemory: (limit) =>
    `DuckDB had te weinig geheugen binnen duckdb.memoryLimit ${limit} en kon niet naar schijf uitwijken; verhoog duckdb.memoryLimit of maak schijfruimte vrij naast de uitvoermap.`,
  ambiguousSource: (source) =>
    `Meer dan één kandidaat-bestand voor ${source}; houd er één in de invoermap (verplaats of hernoem de andere, bijv. oude kopieën):`,
  gbaVariants: () =>
    'Zowel GBAPERSOONTAB als de beperkte variant GBAPERSOONKTAB staan in de invoermap; houd er één van:',
  emptyFile: (file) =>
    `${file}: het bestand heeft geen datarijen (leeg of alleen een kopregel); verwijder het, of draai met --allow-empty om zonder door te gaan.`,
  requiredSourceDropped: (source) =>
    `waarschuwing: elk bestand van de verplichte bron ${source} heeft geen gegevensrijen en is weggelaten (--allow-empty): de tabellen tellen niemand uit ${source}. Publiceer ze niet als volledig.`,
  emptyFileWarning: (file) =>
    `waarschuwing: ${file} heeft geen datarijen (leeg of alleen een kopregel); er wordt doorgegaan vanwege --allow-empty.`,
  duplicateColumn: (file, column, count) =>
    `${file}: kolom "${column}" komt ${count} keer voor; een kolom die de config gebruikt mag maar één keer voorkomen.`,
  floatColumn: (file, column, type) =>
    `${file}, kolom ${column}: opgeslagen als ${type}, dat niet elke sleutel of datum exact kan bevatten; sla haar op als geheel getal, DOUBLE of tekst.`,
  configDuplicateKey: (file, key, line) =>
    `Configbestand ${file}, regel ${line}: sleutel "${key}" komt twee keer voor in hetzelfde object; verwijder er één.`,
  configNotJson: (file, why, line) => `Configbestand ${file}, regel ${line}: geen geldige JSON (${why}).`,
  configIsFolder: (file) => `Configbestand ${file} is een map, geen bestand.`,
  configUnreadable: (file, why) => `Configbestand ${file} kan niet worden gelezen (${why}).`,
  periodRange: (first, last) => `een periode moet binnen ${first}-01-01..${last}-12-31 liggen`,
  keyAsValue: (column) =>
    `kolom "${column}" is een sleutelkolom (RINPERSOONS/RINPERSOON) van deze bron en kan geen waardekolom zijn`,
  inputUnlistable: (dir, why) => `Invoermap ${dir} kan niet worden gelezen (${why}).`,
  inputChanged: (file) =>
    `${file} is veranderd terwijl de run het las (grootte of wijzigingstijd is niet meer wat die was toen de invoermap werd gelezen), dus tabellen en manifest zouden kunnen verschillen; er is niets geschreven. Draai opnieuw als geen programma meer naar de invoermap schrijft.`,
  inputVanished: (file) =>
    `${file} is verwijderd of hernoemd terwijl de run het las; er is niets geschreven. Draai opnieuw als geen programma de invoermap meer verandert.`,
  inputUnreadable: (file, why) =>
    `${file} is niet te lezen (${why}); controleer of u het mag lezen en of geen programma het vergrendeld houdt. Er is niets geschreven.`,
  brokenLink: (file) => `${file}: een symbolische koppeling waarvan het doel niet bestaat of niet te lezen is.`,
  csvNotUtf8: (row) =>
    `${row === 0 ? 'de kopregel' : `rij ${row}`} is geen UTF-8-tekst (het bestand is misschien Latin-1 of Windows-1252: sla het op als UTF-8)`,
  csvFieldCount: (row, found, expected) => `rij ${row} heeft ${found} velden waar de kopregel er ${expected} heeft`,
  csvOpenQuote: (row) => `een aanhalingsteken geopend in of na rij ${row} wordt nooit gesloten`,
  previousMissing: (dir) =>
    `Eerdere export ${dir} (--previous) bestaat niet; geef de uitvoermap van de eerdere run (de map die haar run --out schreef).`,
  validateOk: (input) => `${input}: alle bronnen geldig.`,
  validatePeriod: (start, end) => `periode: ${start} t/m ${end}`,
  validateTables: (n, added, dropped) =>
    `tabellen: ${n}${added.length > 0 ? `, waarvan uit de config: ${added.join(', ')}` : ''}${dropped.length > 0 ? `; weggelaten meegeleverde tabellen: ${dropped.join(', ')}` : ''}`,
  validateFiles: (source, files) => `${source}: ${files.join(', ') || '(geen)'}`,
  validateIgnored: (files) => `genegeerd (geen bron): ${files.join(', ')}`,
  validateDuplicates: (source, records) =>
    `${source}: ${records} exact dubbele record(s) (onschadelijk: personen worden één keer geteld)`,
  tableTitleMissing: (lang) =>
    `de ${lang === 'nl' ? 'Nederlandse' : 'Engelse'} titel ontbreekt: elke tabel heeft "title": {"nl": "… {period}.", "en": "… {period}."} nodig`,
  tableListAsKey: (name) =>
    `"${name}" is een lijst van categorieën, geen categorie: schrijf {"each": "${name}"} voor een rij of kolom per categorie`,
  nearlySourceNames: () =>
    'Invoerbestand(en) waarvan de naam bijna met een bronvoorvoegsel begint (weggelaten zouden hun rijen in elke tabel ontbreken):',
  nearlySource: (file, source, prefix) =>
    `${file}: lijkt een ${source}-bestand, maar de naam begint niet met "${prefix}" (een nul voor een O, een tikfout?): geef het een naam die daarmee begint, of haal het uit de invoermap`,
  wmoYearsMissing: (years, start, end) =>
    `WMOBUS: geen bestand voor ${years.join(', ')}, binnen de periode ${start}..${end} (WMOBUS komt als één bestand per jaar, WMO<jaar>BUSV<n>): voeg de ontbrekende jaren toe, of kies een --period die de bestanden dekken. Gevonden WMOBUS-bestanden:`,
  csvUtf16: () => 'het bestand is UTF-16-tekst (zoals Excel "Unicode-tekst" opslaat): sla het op als CSV UTF-8',
  csvNul: (row) =>
    `${row === 0 ? 'de kopregel' : `rij ${row}`} bevat een NUL-byte (bytewaarde 0): het bestand is geen platte tekst (is het UTF-16, of beschadigd?)`,
  csvLongRow: (row, max) =>
    `${row === 0 ? 'de kopregel' : `rij ${row}`} is langer dan ${max} bytes, wat geen rij van deze bronnen nodig heeft (een beschadigd bestand, of een aanhalingsteken dat nooit wordt gesloten?)`,
  csvMixedLineEnds: (row, crlf) =>
    `rij ${row} eindigt met ${crlf ? 'LF' : 'CRLF'} waar de rijen ervoor eindigen met ${crlf ? 'CRLF' : 'LF'} (het bestand is op twee systemen bewerkt): sla het opnieuw op met één soort regeleinde`,
  previousUnreadable: (dir, file) =>
    `Eerdere export ${dir} (--previous): ${file} is niet te lezen, of is niet het bestand dat een multigebruik-run schrijft. Geef de uitvoermap van een eerdere run (met export/tables.json, manifest.json en internal/).`,
  previousEdited: (dir, cell) =>
    `Eerdere export ${dir} (--previous): export/tables.json is niet wat haar run schreef (${cell} wijkt af van internal/tables.json en de afschermingsaudit van die run); het is achteraf veranderd. Geef de eerdere uitvoermap precies zoals die is gepubliceerd.`,
  previousCorrection: (dir, table, row, column, persons, threshold) =>
    `Deze run beslaat dezelfde periode als de eerdere export ${dir}, en het totaal ${table} ${row}/${column} verschilt daarvan maar ${persons} persoon/personen (minder dan ${threshold}). ` +
    `Beide publiceren onthult die personen, en onderdrukken kan dat alleen voorkomen door alle totalen te verbergen. ` +
    `Publiceer deze correctie niet als nieuwe export: trek ${dir} in of vervang haar, of wacht tot minstens ${threshold} personen verschillen, of draai (als ${dir} nooit is gepubliceerd) zonder --previous ${dir}.`,
  previousDifferentData: (dir, table, row, column) =>
    `De eerdere export ${dir} beslaat een andere periode, maar deze invoer geeft voor die periode niet haar getoonde aantal ${table} ${row}/${column}: ze is van andere gegevens gemaakt, dus de gezamenlijke beveiliging is niet te berekenen. Draai op de invoer waarvan ${dir} is gemaakt (aangevuld met de nieuwe jaren).`,
  previousUnprotectable: (dir, detail) =>
    `Samen met de eerdere export ${dir} is een onderdrukt aantal niet te beschermen door cellen van de nieuwe export te onderdrukken (${detail}). Kies een periode die de eerdere omvat, of overleg met de outputcontroleur.`,
  previousSameDataOtherCounts: (dir, table, row, column) =>
    `De eerdere export ${dir} is van dezelfde invoerbestanden over dezelfde periode gemaakt, maar deze run geeft niet haar getoonde aantal ${table} ${row}/${column}: ze is met andere instellingen gemaakt (codelijsten of kolommen in de config), dus de gezamenlijke beveiliging is niet te berekenen. Draai met de config waarmee ${dir} is gemaakt (haar manifest.json vermeldt die) en voeg alleen tabellen toe.`,
  previousSameDataUnprotectable: (dir, detail) =>
    `De eerdere export ${dir} is van dezelfde invoerbestanden over dezelfde periode gemaakt, en wat zij toont begrenst een aantal dat deze run moet onderdrukken (${detail}) al nauwer dan de regel toestaat: geen onderdrukking in de nieuwe export kan het beschermen. Laat die tabel weg uit deze run (tables.keep/drop in de config), of overleg met de outputcontroleur.`,
  noPrevious: () =>
    'Er is geen eerdere export meegenomen (draai met --previous MAP om samen met al gepubliceerde exports te beveiligen).',
  previousTaken: (dirs) => `Samen beveiligd met de eerdere export(s): ${dirs}.`,
  internal: (what) => `Interne fout in multigebruik (meld dit alstublieft): ${what}`,
  demoWritten: (dir) => `Demo geschreven naar ${dir}:`,
  demoInputFolder: () => 'synthetische microdata in de CBS-indeling',
  demoExportFolder: (csvs, charts) => `beveiligde tabellen (tables.json, ${csvs}, tables.xlsx, report.html, ${charts})`,
  demoInternalFolder: () => 'exacte aantallen en de audit van de afscherming (blijft binnen het CBS)',
  demoAuditHint: (command, output) => `Controleer de afscherming opnieuw met: ${command} audit ${output}`,
  auditNotRun: (out, inner) =>
    inner === null
      ? `${out} is geen uitvoermap van een run (er staat geen manifest.json in); geef de map die run --out schreef`
      : `${out} is geen uitvoermap van een run (er staat geen manifest.json in); bedoelt u ${inner}?`,
  demoLookFirst: (report, figure, table, suppressed, audit) =>
    `Kijk eerst in ${report}: ${figure} (een grafiek), dan ${table} (${suppressed} cellen als **: de beveiliging in actie); ` +
    `waarom elke ** er staat: ${audit}`,
  tableUnknownKey: (name, valid) => `onbekende categoriesleutel "${name}"; geldige sleutels: ${valid.join(', ')}`,
  tableUnknownList: (name, valid) => `onbekende categorielijst "${name}"; geldige lijsten: ${valid.join(', ')}`,
  tableUnknownSet: (name, valid) => `onbekende verzameling "${name}"; geldige verzamelingen: ${valid.join(', ')}`,
  tableUnknownValue: (dim, value, valid) =>
    `onbekende klasse "${value}" van ${dim}; geldige klassen: ${valid.join(', ')}`,
  tableDuplicateId: (id) => `tabel-id "${id}" is twee keer gedeclareerd`,
  tableEmptyAxis: () => 'een as heeft minstens één rij of kolom nodig',
  tableKeyTwice: (key) => `sleutel "${key}" komt twee keer voor op deze as; geef er een een andere "key"`,
  tableCountRange: (from, to) => `"to" (${to}) is kleiner dan "from" (${from})`,
  figureNeedsChart: () => 'een figuur heeft een grafieksoort nodig: "bars" of "share"',
  chartOnTable: () => 'alleen een figuur heeft een grafieksoort (zet "kind": "figure")',
  shareNeedsTotal: () => 'een "share"-figuur heeft een kolom met sleutel "total" nodig (de basis van de percentages)',
  tableIdUnknown: (pattern, valid) =>
    `"${pattern}" past op geen meegeleverde tabel; de meegeleverde tabellen zijn: ${valid.join(', ')}`,
};

const catalogue: Record<Language, Messages> = { en, nl };

/** The catalogue in one language (for texts inside outputs, which follow the run's `language`). */
export function messagesFor(lang: Language): Messages {
  return catalogue[lang];
}

/** Terminal messages (English). */
export const messages: Messages = en;

/**
 * Help texts of the program, its commands and options (English, like the terminal). The defaults are
 * stated here; test/bin/cli.test.ts checks them against their one definition (the config schema, the generator).
 */
export const helpText = {
  program: 'Tables on multiple use of provisions (UWV, Pwet, Wmo) from CBS microdata, with disclosure control.',
  version: 'print the program version, git commit and Node.js version',
  run: 'validate, link, tabulate, protect and render',
  input: '(required) folder with the input files (.csv, .parquet, .sav)',
  out: '(required) output folder (export/, internal/, manifest.json)',
  runConfig: 'config file (JSON); default: the default layout and codes',
  period: "analysis period START..END (default: the config's period, else 2017-01-01..2022-12-31)",
  quarantine: 'set bad rows aside (internal/quarantine.csv) instead of stopping',
  runForce: 'replace an earlier output of multigebruik',
  allowEmpty: 'go on (with a warning) when a source file has no data rows',
  previous: 'output folder of an export already published: protect jointly with it (repeatable)',
  certificate:
    'also write internal/certificate.json: whole-number witnesses for every protected cell, checked by internal/verify-certificate.py and .R without multigebruik (docs/certificate.md)',
  validate: 'check the inputs only; same errors as run',
  validateConfig: 'config file (JSON)',
  generate: 'write a synthetic input folder in the default layout (--scale 1 = national size)',
  scale: "population scale (default 0.02, the demo's size; 1 = national, about 24 million GBA rows)",
  generateOut: '(required) folder to write',
  seed: 'random seed (same seed, same files)',
  format: 'csv, parquet or sav',
  generateForce: 'replace a non-empty folder',
  demo: 'generate a small synthetic input and run on it: the first thing to try',
  demoOut: 'output folder',
  demoForce: 'replace a non-empty output folder',
  audit:
    "check a run's protection again without its input: recompute every count from internal/atoms.json, every suppressed " +
    "cell's attacker interval from what export/ shows, render every export file (CSV, XLSX, HTML, charts) again and compare " +
    'it byte for byte, and check earlier exports by SHA-256; exit 1 on any mismatch or under-protected cell',
  auditOut: `output folder of a run (the --out of run; for the demo: ${join('demo-out', 'output')})`,
  previousAt:
    'an earlier export that has moved: OLD as the manifest names it, NEW where it lies now (repeatable; still checked by SHA-256)',
  compare: "changes per cell between two runs' protected exports (CSV and HTML)",
  compareOld: 'output folder of the earlier run',
  compareNew: 'output folder of the later run',
  compareOut: 'folder for comparison.csv and comparison.html (not inside a run folder)',
} as const;

// ---------------------------------------------------------------------------------------------------------------------
// Texts inside the output files (export/ and internal/ pages, the workbook, the charts, the checker's note), in both
// languages; the files follow the run's `language` (the checker's note is written in both). Placeholders in braces
// ({max}, {n}, …) are filled by the page that uses them; thresholds and counts are always parameters.
// ---------------------------------------------------------------------------------------------------------------------

/** The rule's parameters and an earlier export as the checker's note states them. */
interface NoteParams {
  threshold: number;
  zeroUnsafe: boolean;
  safetyRange: number;
}
interface NoteGroupLine {
  line: 'row' | 'column';
  label: string;
  category: string;
  kind: 'all' | 'nearlyAll' | 'onlyOne';
}
interface NotePrevious {
  dir: string;
  period: { start: string; end: string };
  tablesSha256: string;
  manifestSha256: string;
}

/** A decimal number in Dutch prose: decimal comma (0.3 → "0,3"). */
function dutchDecimal(x: number): string {
  return String(x).replace('.', ',');
}

/** Texts in both languages, the Dutch with exactly the keys (and types) of the English: a missing or extra key does not compile. */
function bilingual<T>(texts: { en: T; nl: NoInfer<T> }): Record<Language, T> {
  return texts;
}

/** "Tabel 3.1" / "Figuur 3.4" (nl), "Table 3.1" / "Figure 3.4" (en): a figure's id loses its leading "F". */
export function captionText(id: string, figure: boolean, lang: Language): string {
  if (figure) return `${lang === 'nl' ? 'Figuur' : 'Figure'} ${id.replace(/^F/, '')}`;
  return `${lang === 'nl' ? 'Tabel' : 'Table'} ${id}`;
}

/** chartSpec: see reports/chartSpec.ts. */
export const chartText: Record<
  Language,
  { suppressed: string; note: string; persons: string; share: string; empty: string }
> = {
  nl: {
    empty: 'Alle waarden afgeschermd (**) of nul: niets te tekenen.',
    suppressed: '** te weinig waarnemingen',
    note: '** Te weinig waarnemingen om te kunnen laten zien.',
    persons: 'Aantal personen',
    share: 'Aandeel van de groep',
  },
  en: {
    empty: 'All values suppressed (**) or zero: nothing to draw.',
    suppressed: '** too few observations',
    note: '** Too few observations to show.',
    persons: 'Number of persons',
    share: 'Share of the group',
  },
};

/** auditHtml: see reports/auditHtml.ts. */
export const auditPageText = bilingual({
  nl: {
    title: 'Controle van de afscherming (alleen intern)',
    warning:
      'Dit bestand bevat exacte aantallen, ook van afgeschermde cellen. Het hoort in internal/ en mag de beveiligde omgeving niet verlaten.',
    period: 'Analyseperiode',
    rules: 'Regels en parameters',
    legend: 'Legenda',
    primary: 'primair afgeschermd: 1 t/m {max} personen (onder de drempel)',
    primaryZero: 'primair afgeschermd: 0 t/m {max} personen (onder de drempel)',
    secondary: 'secundair afgeschermd: beschermt een andere afgeschermde cel',
    differencing:
      'verschilonthulling: zou minder personen dan de drempel verschillen van dezelfde cel in een eerdere export',
    earlierCell: 'eerdere afscherming: zou een in een eerdere export afgeschermde cel begrenzen',
    kindTotals: 'Afgeschermd per reden: onder de drempel [P] {threshold}; beschermt een andere cel [S] {protects}',
    kindTotalsEarlier:
      '; verschil met een eerdere export [D] {differencing}; zou een eerder afgeschermde cel begrenzen [E] {earlierCell}. Wat --previous kostte: {cost} cel(len) alleen vanwege eerdere exports afgeschermd.',
    earlierDiff: 'verschilt {d} van {export}',
    earlierBound: 'begrenst een afgeschermde cel van {export}',
    cellEarlier: '{value}, eerdere export ({earlier}); vereist [{needLo}, {needHi}]; bewezen interval [{lo}, {hi}]',
    cellEarlierJoint:
      '{value}, eerdere export ({earlier}): houdt het interval van een daar afgeschermde cel open; bewezen interval [{lo}, {hi}]',
    totals: 'Cellen getoond: {published}; primair afgeschermd: {primary}; secundair afgeschermd: {secondary}.',
    tableTotals: 'getoond {published}, primair {threshold}, secundair {protects}',
    tableTotalsEarlier:
      ', verschil met een eerdere export [D] {differencing}, zou een eerder afgeschermde cel begrenzen [E] {earlierCell}',
    ruleThreshold: 'Drempel {threshold}: aantallen van 1 t/m {max} worden afgeschermd (primair){zero}.',
    ruleZero: '; ook 0',
    ruleP:
      'Vereiste bescherming: het interval [lo, hi] dat een aanvaller uit alles wat getoond wordt kan afleiden, moet reiken tot lo ≤ max(0, v − p) en hi ≥ v + p, met p = max(1, ⌈v × {safety}⌉) (veiligheidsmarge).',
    ruleS:
      'Secundaire afscherming: meer cellen worden afgeschermd tot elke primaire cel aan die eis voldoet; een aantal dat in meer tabellen staat, is overal afgeschermd of nergens.',
    cellsHeading: 'Afgeschermde cellen',
    cellPrimary: '{value}, primair; vereist [{needLo}, {needHi}] (p = {p}); bewezen interval [{lo}, {hi}]',
    cellSecondary: '{value}, secundair; bewezen interval [{lo}, {hi}]; beschermt {protects}',
    ok: 'voldoet',
    notOk: 'VOLDOET NIET',
    verdictNone: 'Oordeel: geen afgeschermde cellen.',
    verdictOk:
      'Oordeel: alle {primary} primaire cel(len) voldoen aan de vereiste bescherming; {secondary} secundaire cel(len) beschermen ze.',
    verdictOkElsewhere:
      'Oordeel: alle {primary} primaire cel(len) voldoen aan de vereiste bescherming (door afscherming in deze en andere tabellen).',
    verdictSecondaryOnly:
      'Oordeel: geen primaire cellen; {secondary} secundaire cel(len) beschermen primaire cellen in andere tabellen.',
    verdictBad: 'Oordeel: {bad} primaire cel(len) VOLDOEN NIET aan de vereiste bescherming.',
    verdictUnknown: 'Oordeel: geen audit-gegevens voor deze tabel.',
    more: 'en nog {n}',
    overallOk:
      'Oordeel over de hele run: alle {primary} primaire cel(len) in alle tabellen voldoen aan de vereiste bescherming.',
    overallBad:
      'Oordeel over de hele run: {bad} primaire cel(len) VOLDOEN NIET aan de vereiste bescherming; deze export niet vrijgeven.',
    overallFailed:
      'Oordeel over de hele run: de audit is MISLUKT (zie `multigebruik audit OUT`); deze export niet vrijgeven.',
    earlierHeading: 'Samen beschermd met deze eerdere exports (--previous)',
    earlierLine: '{dir}: periode {start} t/m {end}, tables.json SHA-256 {sha}',
    filesHeading: 'De export die deze pagina beschrijft',
    madeWith:
      'Gemaakt met multigebruik {version}, commit {commit}. SHA-256 van elk bestand in export/ (export/SHA256SUMS noemt dezelfde, behalve zichzelf):',
  },
  en: {
    title: 'Disclosure control audit (internal only)',
    warning:
      'This file holds exact counts, also of suppressed cells. It belongs in internal/ and must not leave the secure environment.',
    period: 'Analysis period',
    rules: 'Rules and parameters',
    legend: 'Legend',
    primary: 'primary suppression: 1 to {max} persons (below the threshold)',
    primaryZero: 'primary suppression: 0 to {max} persons (below the threshold)',
    secondary: 'secondary suppression: protects another suppressed cell',
    differencing:
      'differencing: would differ from the same cell of an earlier export by fewer persons than the threshold',
    earlierCell: 'earlier suppression: would narrow a cell suppressed in an earlier export',
    kindTotals: 'Suppressed per reason: below the threshold [P] {threshold}; protects another cell [S] {protects}',
    kindTotalsEarlier:
      '; differs from an earlier export [D] {differencing}; would narrow a cell suppressed earlier [E] {earlierCell}. What --previous cost: {cost} cell(s) suppressed only because of earlier exports.',
    earlierDiff: 'differs by {d} from {export}',
    earlierBound: 'bounds a suppressed cell of {export}',
    cellEarlier: '{value}, earlier export ({earlier}); required [{needLo}, {needHi}]; proven interval [{lo}, {hi}]',
    cellEarlierJoint:
      '{value}, earlier export ({earlier}): keeps the interval of a cell suppressed there open; proven interval [{lo}, {hi}]',
    totals: 'Cells shown: {published}; primary suppressed: {primary}; secondary suppressed: {secondary}.',
    tableTotals: 'shown {published}, primary {threshold}, secondary {protects}',
    tableTotalsEarlier:
      ', differs from an earlier export [D] {differencing}, would narrow a cell suppressed earlier [E] {earlierCell}',
    ruleThreshold: 'Threshold {threshold}: counts from 1 to {max} are suppressed (primary){zero}.',
    ruleZero: '; 0 too',
    ruleP:
      'Required protection: the interval [lo, hi] an attacker can derive from everything shown must reach lo ≤ max(0, v − p) and hi ≥ v + p, with p = max(1, ⌈v × {safety}⌉) (safety range).',
    ruleS:
      'Secondary suppression: further cells are suppressed until every primary cell meets that requirement; a count that appears in several tables is suppressed everywhere or nowhere.',
    cellsHeading: 'Suppressed cells',
    cellPrimary: '{value}, primary; required [{needLo}, {needHi}] (p = {p}); proven interval [{lo}, {hi}]',
    cellSecondary: '{value}, secondary; proven interval [{lo}, {hi}]; protects {protects}',
    ok: 'meets the rule',
    notOk: 'DOES NOT MEET THE RULE',
    verdictNone: 'Verdict: no suppressed cells.',
    verdictOk:
      'Verdict: all {primary} primary cell(s) have the required protection; {secondary} secondary cell(s) protect them.',
    verdictOkElsewhere:
      'Verdict: all {primary} primary cell(s) have the required protection (by suppression in this and other tables).',
    verdictSecondaryOnly:
      'Verdict: no primary cells; {secondary} secondary cell(s) protect primary cells in other tables.',
    verdictBad: 'Verdict: {bad} primary cell(s) DO NOT have the required protection.',
    verdictUnknown: 'Verdict: no audit data for this table.',
    more: 'and {n} more',
    overallOk: 'Verdict for the whole run: all {primary} primary cell(s) in all tables have the required protection.',
    overallBad:
      'Verdict for the whole run: {bad} primary cell(s) DO NOT have the required protection; do not release this export.',
    overallFailed:
      'Verdict for the whole run: the audit FAILED (see `multigebruik audit OUT`); do not release this export.',
    earlierHeading: 'Protected jointly with these earlier exports (--previous)',
    earlierLine: '{dir}: period {start} to {end}, tables.json SHA-256 {sha}',
    filesHeading: 'The export this page describes',
    madeWith:
      'Made with multigebruik {version}, commit {commit}. SHA-256 of every file in export/ (export/SHA256SUMS lists the same, except itself):',
  },
});

/** compareRuns: see reports/compareRuns.ts. */
export const comparisonPageText = bilingual({
  nl: {
    title: 'Vergelijking van twee runs',
    summary:
      'Cellen vergeleken: {cells}; gewijzigd: {changed}; afscherming gewijzigd: {supp}; alleen in de oude run: {oldOnly}; alleen in de nieuwe run: {newOnly}.',
    none: 'Geen verschillen.',
    cols: ['Oud', 'Nieuw', 'Verschil', 'Relatief', 'Opmerking'],
    notes: {
      supp: 'afscherming gewijzigd',
      suppressed: 'nu afgeschermd',
      unsuppressed: 'niet meer afgeschermd',
      'old-only': 'alleen in de oude run',
      'new-only': 'alleen in de nieuwe run',
      table: 'tabel',
      row: 'rij',
      column: 'kolom',
    },
    reasons: {
      threshold: 'onder de drempel',
      protects: 'beschermt een andere cel',
      differencing: 'zou te weinig personen verschillen van een eerdere export',
      earlierCell: 'zou een in een eerdere export afgeschermde cel begrenzen',
    },
    kinds:
      'Soort verandering: andere waarde {value}; nu afgeschermd {suppressed}; niet meer afgeschermd {unsuppressed}.',
    kindsWhy:
      'Nu afgeschermd, per reden: onder de drempel {threshold}; beschermt een andere cel {protects}; verschil met een eerdere export {differencing}; zou een eerder afgeschermde cel begrenzen {earlierCell}.',
    internal:
      'Deze vergelijking noemt per cel waarom ze in de nieuwe run is afgeschermd (uit internal/ van die run): ze blijft binnen het CBS.',
    heading: 'Verschillen',
    period: 'periode {start} t/m {end} ({years} jaar)',
    lengthWarning:
      'Let op: de perioden zijn niet even lang ({oldYears} tegen {newYears} jaar). Een verschil is dus geen verandering per jaar: een langere periode telt meer personen.',
    small:
      'Cellen met een verschil van 1 t/m {max}: {n}. Zo’n verschil telt te weinig personen om te publiceren; de outputcontrole beoordeelt deze cellen (gemarkeerd).',
    smallNote: 'klein verschil: controleren',
    protectedYes:
      'De nieuwe run is samen met de oude beschermd (--previous): verschillen tussen beide zijn meegenomen in de afscherming.',
    protectedNo:
      'De nieuwe run is niet met --previous tegen de oude beschermd: kleine verschillen tussen beide kunnen personen onthullen.',
  },
  en: {
    title: 'Comparison of two runs',
    summary:
      'Cells compared: {cells}; changed: {changed}; suppression changed: {supp}; only in the old run: {oldOnly}; only in the new run: {newOnly}.',
    none: 'No differences.',
    cols: ['Old', 'New', 'Change', 'Relative', 'Note'],
    notes: {
      supp: 'suppression changed',
      suppressed: 'now suppressed',
      unsuppressed: 'no longer suppressed',
      'old-only': 'only in the old run',
      'new-only': 'only in the new run',
      table: 'table',
      row: 'row',
      column: 'column',
    },
    reasons: {
      threshold: 'below the threshold',
      protects: 'protects another cell',
      differencing: 'would differ from an earlier export by too few persons',
      earlierCell: 'would narrow a cell suppressed in an earlier export',
    },
    kinds: 'Kind of change: other value {value}; now suppressed {suppressed}; no longer suppressed {unsuppressed}.',
    kindsWhy:
      'Now suppressed, per reason: below the threshold {threshold}; protects another cell {protects}; differs from an earlier export {differencing}; would narrow a cell suppressed earlier {earlierCell}.',
    internal:
      "This comparison names per cell why the new run suppressed it (from that run's internal/): it stays inside CBS.",
    heading: 'Differences',
    period: 'period {start} to {end} ({years} years)',
    lengthWarning:
      'Note: the periods differ in length ({oldYears} against {newYears} years). A difference is therefore not a change per year: a longer period counts more persons.',
    small:
      'Cells with a difference of 1 to {max}: {n}. Such a difference counts too few persons to publish; the output checker judges these cells (marked).',
    smallNote: 'small difference: check',
    protectedYes:
      'The new run was protected jointly with the old one (--previous): differences between them were taken into account.',
    protectedNo:
      'The new run was not protected with --previous against the old one: small differences between them may disclose persons.',
  },
});

/** footnotes: see reports/footnotes.ts. */
export const footnoteText: Record<Language, Record<'*' | '~', string> & { '**': (threshold: number) => string }> = {
  nl: {
    '*': 'Vanaf 2019 is deze categorie opgenomen in de dataset.',
    '~': 'Vanaf 2019 is deze categorie niet meer opgenomen in de dataset.',
    '**': (threshold) =>
      `Niet getoond: minder dan ${threshold} personen (onder de drempel), afgeschermd om zo’n aantal te beschermen, of afgeschermd omdat het met een eerdere export een klein verschil of een daar afgeschermd aantal zou prijsgeven.`,
  },
  en: {
    '*': 'This category is in the data from 2019 onwards.',
    '~': 'This category is no longer in the data from 2019 onwards.',
    '**': (threshold) =>
      `Not shown: fewer than ${threshold} persons (below the threshold), hidden to protect such a count, or hidden because together with an earlier export it would reveal a small difference or a count suppressed there.`,
  },
};

/** reportHtml: see reports/reportHtml.ts. */
export const reportPageText: Record<
  Language,
  {
    title: string;
    period: string;
    bgPeriod: string;
    contents: string;
    markers: string;
    pct: string;
    version: string;
    noChart: string;
  }
> = {
  nl: {
    title: 'Multigebruik van voorzieningen: tabellen en figuren',
    period: 'Analyseperiode',
    bgPeriod: 'achtergrondkenmerken (figuur 3.1–3.3)',
    contents: 'Inhoud',
    markers: 'Tekens in de tabellen',
    pct: 'Percentage van het groepstotaal',
    version: 'Gemaakt met multigebruik',
    noChart: 'Figuur niet beschikbaar.',
  },
  en: {
    title: 'Multiple use of provisions: tables and figures',
    period: 'Analysis period',
    bgPeriod: 'background characteristics (figures 3.1–3.3)',
    contents: 'Contents',
    markers: 'Symbols in the tables',
    pct: 'Percentage of the group total',
    version: 'Made with multigebruik',
    noChart: 'Figure not available.',
  },
};

/** tablesXlsx: see reports/tablesXlsx.ts. */
export const workbookSummaryText: Record<Language, { sheet: string; legend: string }> = {
  nl: { sheet: 'Samenvatting', legend: 'Tekens in de tabellen' },
  en: { sheet: 'Summary', legend: 'Symbols in the tables' },
};

/** tablesXlsx: see reports/tablesXlsx.ts. */
export const workbookPercentHeading: Record<Language, string> = {
  nl: 'Percentage van het groepstotaal (%)',
  en: 'Percentage of the group total (%)',
};

/** checkerNote: see reports/checkerNote.ts. */
export const checkerNoteText = bilingual({
  en: {
    title: 'multigebruik — note for the CBS output checker',
    other:
      'The same note in Dutch: LEESMIJ.txt; also the first sheet of tables.xlsx ("Samenvatting" in a Dutch run, "Summary" in an English one).',
    what: 'What this is',
    whatText: [
      'Tables and figures on multiple use of provisions (UWV, Pwet, Wmo). Every number is a count of unique persons,',
      'or a percentage derived from shown counts (figures 3.1-3.3). Files: tables.json, tables/<id>.csv, tables.xlsx,',
      'report.html, charts/. No file holds a person key or a count that is not in the tables.',
    ],
    period: 'Period',
    range: (start: string, end: string) => `${start} to ${end}`,
    bgPeriod: 'background characteristics',
    sources: 'Sources (input files: rows, first 12 hex digits of the SHA-256)',
    noSources: '(not recorded)',
    rows: 'rows',
    rule: 'Rule and parameters',
    primary: (t: number, zero: boolean) =>
      `- Primary suppression: a count from 1 to ${t - 1} is shown as **${zero ? '; zero counts are treated as unsafe too.' : '; zero counts are shown.'}`,
    pct: (t: number) =>
      `- Percentages are shown only when their count is shown and their base is shown and at least ${t}.`,
    secondary: [
      '- Secondary suppression: further cells are shown as ** so that no suppressed count can be worked back.',
      '  The attacker knows every published number, the table definitions, and that counts are whole numbers >= 0;',
      '  every count is a sum of atom counts (persons with one combination of memberships and classes), and the',
      '  attacker bounds each suppressed cell by linear programming over all tables at once.',
    ],
    ruleLine: (s: number) =>
      `- For every primary-suppressed count v the attacker interval [lo, hi] must reach lo <= max(0, v - p) and hi >= v + p, p = max(1, ceil(v * ${s})).`,
    consistency: '- A count that appears in several tables is suppressed in all of them or in none.',
    params: (p: NoteParams) =>
      `Parameters: threshold = ${p.threshold}, zero unsafe = ${p.zeroUnsafe ? 'yes' : 'no'}, safety range = ${p.safetyRange}.`,
    cells: 'Cells per table (shown / primary suppressed / secondary suppressed)',
    cellsPrevious:
      'Cells per table (shown / primary: below the threshold / secondary: protects another cell / differencing with an earlier export / would narrow a cell suppressed in an earlier export)',
    total: 'All tables',
    audit: 'Audit',
    passed: 'PASSED — every primary-suppressed cell is protected by the rule above (proven by linear programming).',
    failed: 'FAILED — do not release this export.',
    auditWhere:
      'Per suppressed cell its interval and what it protects: internal/audit.html and internal/suppression-audit.json (they stay inside); `multigebruik audit OUT` recomputes them.',
    quarantine: 'Quarantine',
    quarantined: (n: string) =>
      `${n} input row(s) with errors were set aside and not counted (internal/quarantine.csv); every table notes this.`,
    noQuarantine: 'No input rows were set aside.',
    fewer: (t: number) => `fewer than ${t}`,
    beyond: 'Checks beyond the threshold',
    dominance:
      '- Dominance (p% or (n,k) rules): not applicable. Every cell counts persons; no cell is a sum of amounts to which one person could contribute most.',
    group: [
      '- Group (class) disclosure: the threshold does not stop a table from showing that all, or nearly all, persons of a group',
      '  share a characteristic. Below, each row or column (the group) with the category (nearly) all its persons are in. Judge',
      '  per line whether publishing that tells something about the persons of that group (a small or recognisable group, a',
      '  sensitive characteristic); if so, suppress or merge categories. Rule: docs/disclosure.md, "Group disclosure".',
    ],
    groupNone:
      '- Group (class) disclosure: no row or column shows that all or nearly all of its persons are in one category.',
    groupLine: (caption: string, g: NoteGroupLine, threshold: number) =>
      `${caption}, ${g.line} "${g.label}": ${g.kind === 'all' ? 'all its persons are' : g.kind === 'nearlyAll' ? `all but fewer than ${threshold} of its persons are` : 'all its persons shown are'} in ${g.line === 'row' ? 'column' : 'row'} "${g.category}"${g.kind === 'onlyOne' ? ' (the other categories are 0)' : ''}`,
    more: (n: number) => `  … and ${n} more`,
    diff: 'Differencing against earlier exports',
    diffNone: [
      '- No earlier export was taken into account (the run had no --previous). An attacker who holds an earlier export of an',
      '  overlapping period may subtract it from this one; compare them with `multigebruik compare OLD NEW --out DIR`, which flags',
      '  changes too small to publish.',
    ],
    diffSome: '- Protected jointly with these earlier exports (--previous):',
    diffPrev: (p: NotePrevious) =>
      `  ${p.dir}: period ${p.period.start} to ${p.period.end}, tables.json SHA-256 ${p.tablesSha256.slice(0, 12)}, manifest ${p.manifestSha256.slice(0, 12)}`,
    diffKinds: (differencing: number, earlierCell: number, cost: number) => [
      `- Suppressed because shown they would differ from the same cell of an earlier export by fewer persons than the threshold (differencing): ${differencing || 'none'}.`,
      `- Suppressed because shown they would narrow a cell suppressed in an earlier export: ${earlierCell || 'none'}.`,
      `- What the earlier exports cost: ${cost} cell(s) suppressed only because of them (these two kinds and the secondary cells that protect only them).`,
    ],
    certificate: (witnessed: number, sides: number) => [
      'Protection certificate (internal/certificate.json, docs/certificate.md): every published cell as a sum of atom counts, and per protected cell two alternative populations in whole numbers (witnesses) that reproduce every shown number and put the cell at its bounds. Check it without multigebruik: `python3 internal/verify-certificate.py OUT` or `Rscript internal/verify-certificate.R OUT`.',
      witnessed === sides
        ? `- Witnesses: all ${sides} sides.`
        : `- Witnesses: ${witnessed} of ${sides} sides; for the other ${sides - witnessed} none was found within the search's limits, and the verifiers fail on them (the LP audit above still proves them).`,
    ],
    /** The line the verifiers read (docs/certificate.md), the same in both notes. */
    certificateHash: (sha256: string) => `certificate.json SHA-256: ${sha256}`,
    madeWith: (version: string, commit: string) =>
      `Made with multigebruik ${version || '(version unknown)'}, commit ${commit}.`,
    files:
      'Files of this export (SHA-256). export/SHA256SUMS lists these and the notes (README.txt, LEESMIJ.txt, tables.xlsx); check them all with `sha256sum -c SHA256SUMS` inside export/. `multigebruik audit OUT` fails when a file differs.',
  },
  nl: {
    title: 'multigebruik — toelichting voor de CBS-outputcontrole',
    other:
      'Dezelfde toelichting in het Engels: README.txt; ook het eerste werkblad van tables.xlsx ("Samenvatting" bij een Nederlandse run, "Summary" bij een Engelse).',
    what: 'Wat dit is',
    whatText: [
      'Tabellen en figuren over multigebruik van voorzieningen (UWV, Pwet, Wmo). Elk getal is een aantal unieke personen,',
      'of een percentage berekend uit getoonde aantallen (figuur 3.1-3.3). Bestanden: tables.json, tables/<id>.csv, tables.xlsx,',
      'report.html, charts/. Geen bestand bevat een persoonssleutel of een aantal dat niet in de tabellen staat.',
    ],
    period: 'Periode',
    range: (start: string, end: string) => `${start} t/m ${end}`,
    bgPeriod: 'achtergrondkenmerken',
    sources: 'Bronnen (invoerbestanden: rijen, eerste 12 hexadecimale tekens van de SHA-256)',
    noSources: '(niet vastgelegd)',
    rows: 'rijen',
    rule: 'Regel en parameters',
    primary: (t: number, zero: boolean) =>
      `- Primaire afscherming: een aantal van 1 tot en met ${t - 1} wordt getoond als **${zero ? '; ook nullen gelden als onveilig.' : '; nullen worden getoond.'}`,
    pct: (t: number) =>
      `- Percentages worden alleen getoond als hun aantal getoond wordt en hun noemer getoond wordt en minstens ${t} is.`,
    secondary: [
      '- Secundaire afscherming: meer cellen worden als ** getoond, zodat geen afgeschermd aantal terug te rekenen is.',
      '  De aanvaller kent elk gepubliceerd getal, de tabeldefinities, en weet dat aantallen gehele getallen >= 0 zijn;',
      '  elk aantal is een som van atomen (personen met precies dezelfde combinatie van voorzieningen en kenmerken), en de aanvaller',
      '  begrenst elke afgeschermde cel met lineair programmeren over alle tabellen tegelijk.',
    ],
    ruleLine: (s: number) =>
      `- Voor elk primair afgeschermd aantal v moet het aanvalsinterval [lo, hi] reiken tot lo <= max(0, v - p) en hi >= v + p, p = max(1, ceil(v * ${dutchDecimal(s)})).`,
    consistency: '- Een aantal dat in meer tabellen voorkomt, is in alle of in geen ervan afgeschermd.',
    params: (p: NoteParams) =>
      `Parameters: drempel = ${p.threshold}, nul onveilig = ${p.zeroUnsafe ? 'ja' : 'nee'}, veiligheidsmarge = ${dutchDecimal(p.safetyRange)}.`,
    cells: 'Cellen per tabel (getoond / primair afgeschermd / secundair afgeschermd)',
    cellsPrevious:
      'Cellen per tabel (getoond / primair: onder de drempel / secundair: beschermt een andere cel / verschil met een eerdere export / zou een in een eerdere export afgeschermde cel begrenzen)',
    total: 'Alle tabellen',
    audit: 'Audit',
    passed:
      'GESLAAGD — elke primair afgeschermde cel is beschermd volgens de regel hierboven (bewezen met lineair programmeren).',
    failed: 'MISLUKT — deze export niet vrijgeven.',
    auditWhere:
      'Per afgeschermde cel het interval en wat ze beschermt: internal/audit.html en internal/suppression-audit.json (die blijven binnen het CBS); `multigebruik audit OUT` rekent ze opnieuw na.',
    quarantine: 'Quarantaine',
    quarantined: (n: string) =>
      `${n} invoerrij(en) met fouten zijn terzijde gelegd en niet meegeteld (internal/quarantine.csv); elke tabel vermeldt dit.`,
    noQuarantine: 'Er zijn geen invoerrijen terzijde gelegd.',
    fewer: (t: number) => `minder dan ${t}`,
    beyond: 'Controles naast de drempel',
    dominance:
      '- Dominantie (p%- of (n,k)-regel): niet van toepassing. Elke cel telt personen; geen cel is een som van bedragen waaraan één persoon het meeste kan bijdragen.',
    group: [
      '- Groepsonthulling: de drempel voorkomt niet dat een tabel laat zien dat alle, of bijna alle, personen van een groep',
      '  één kenmerk delen. Hieronder elke rij of kolom (de groep) met de categorie waarin (bijna) al haar personen vallen.',
      '  Beoordeel per rij of kolom of dat iets zegt over de personen van die groep (een kleine of herkenbare groep, een',
      '  gevoelig kenmerk); zo ja, scherm af of voeg categorieën samen. Regel: docs/disclosure.md, "Group disclosure".',
    ],
    groupNone:
      '- Groepsonthulling: geen rij of kolom laat zien dat alle of bijna alle personen ervan in één categorie vallen.',
    groupLine: (caption: string, g: NoteGroupLine, threshold: number) =>
      `${caption}, ${g.line === 'row' ? 'rij' : 'kolom'} "${g.label}": ${g.kind === 'all' ? 'al haar personen vallen' : g.kind === 'nearlyAll' ? `op minder dan ${threshold} na vallen al haar personen` : 'al haar getoonde personen vallen'} in ${g.line === 'row' ? 'kolom' : 'rij'} "${g.category}"${g.kind === 'onlyOne' ? ' (de andere categorieën zijn 0)' : ''}`,
    more: (n: number) => `  … en nog ${n}`,
    diff: 'Verschillen met eerdere exports',
    diffNone: [
      '- Er is geen eerdere export meegenomen (de run had geen --previous). Wie een eerdere export over een overlappende periode',
      '  heeft, kan die van deze aftrekken; vergelijk ze met `multigebruik compare OUD NIEUW --out MAP`, dat te kleine',
      '  verschillen markeert.',
    ],
    diffSome: '- Samen beschermd met deze eerdere exports (--previous):',
    diffPrev: (p: NotePrevious) =>
      `  ${p.dir}: periode ${p.period.start} t/m ${p.period.end}, tables.json SHA-256 ${p.tablesSha256.slice(0, 12)}, manifest ${p.manifestSha256.slice(0, 12)}`,
    diffKinds: (differencing: number, earlierCell: number, cost: number) => [
      `- Afgeschermd omdat ze getoond minder personen dan de drempel zouden verschillen van dezelfde cel in een eerdere export (verschilonthulling): ${differencing || 'geen'}.`,
      `- Afgeschermd omdat ze getoond een in een eerdere export afgeschermde cel zouden begrenzen: ${earlierCell || 'geen'}.`,
      `- Wat de eerdere exports kosten: ${cost} cel(len) alleen vanwege die exports afgeschermd (deze twee soorten en de secundaire cellen die alleen die beschermen).`,
    ],
    certificate: (witnessed: number, sides: number) => [
      'Beschermingscertificaat (internal/certificate.json, docs/certificate.md): elke gepubliceerde cel als som van atoomaantallen, en per beschermde cel twee alternatieve populaties in hele getallen (getuigen) die elk getoond getal opleveren en de cel op haar grenzen zetten. Controleer het zonder multigebruik: `python3 internal/verify-certificate.py OUT` of `Rscript internal/verify-certificate.R OUT`.',
      witnessed === sides
        ? `- Getuigen: alle ${sides} kanten.`
        : `- Getuigen: ${witnessed} van ${sides} kanten; voor de overige ${sides - witnessed} is binnen de grenzen van de zoektocht geen getuige gevonden, en de controleprogramma's keuren die af (de LP-controle hierboven bewijst ze wel).`,
    ],
    /** The line the verifiers read (docs/certificate.md), the same in both notes. */
    certificateHash: (sha256: string) => `certificate.json SHA-256: ${sha256}`,
    madeWith: (version: string, commit: string) =>
      `Gemaakt met multigebruik ${version || '(versie onbekend)'}, commit ${commit}.`,
    files:
      'Bestanden van deze export (SHA-256). export/SHA256SUMS noemt deze en de toelichtingen (README.txt, LEESMIJ.txt, tables.xlsx); controleer ze alle met `sha256sum -c SHA256SUMS` in export/. `multigebruik audit OUT` faalt als een bestand afwijkt.',
  },
});
