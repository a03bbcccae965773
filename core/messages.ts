/**
 * The message catalogue: every user-facing sentence, in English and Dutch, with its parameters filled in by the
 * caller (thresholds and counts are parameters, never literals in the prose). Messages name files, columns, rows and
 * values so a researcher can fix the input, but never print a RINPERSOON value: key problems are described, not
 * quoted. The terminal speaks English (`messages`); texts that go into outputs take the run's language
 * (`messagesFor(config.language)`). The Dutch catalogue must have every key of the English one (typechecked).
 */
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
  missingSource: (source: string, prefix: string) => `${source}: no .csv, .parquet or .sav file whose name starts with "${prefix}"`,
  missingColumn: (file: string, column: string, field: string, available: string[]) =>
    `${file}: column "${column}" (config field ${field}) not found; the file has: ${available.join(', ')}`,
  missingColumns: () => 'Input files lack required columns:',
  noYear: (file: string) => `${file}: cannot tell the year from the file name (HOOGSTEOPLTAB files need one, e.g. HOOGSTEOPL2021TABV1)`,
  badInput: (problems: number, rows: number) =>
    `Bad input: ${problems} kind(s) of problem in ${rows} row(s). Nothing was written to export/. ` +
    `Fix the input or the config, or run with --quarantine to set these rows aside.`,
  problem: (p: Problem) => {
    const where = p.rows.length > 0 ? ` at row ${p.rows.join(', ')}${p.count > p.rows.length ? ', …' : ''}` : '';
    const value = p.value === null ? '' : ` value "${p.value}"`;
    return `${p.file}, column ${p.column}: ${p.problem}${value}${where} (${p.count} row${p.count === 1 ? '' : 's'} with this problem)`;
  },
  outputExists: (dir: string) => `Output folder ${dir} exists and is not empty; use --force to replace it.`,
  configRead: (file: string, why: string) => `Config file ${file}: ${why}`,
  configField: (file: string, field: string, why: string) => `Config file ${file}, field ${field}: ${why}`,
  badPeriod: (text: string) => `--period "${text}": expected YYYY-MM-DD..YYYY-MM-DD with start <= end`,
  inputDirMissing: (dir: string) => `Input folder ${dir} does not exist or is not a folder.`,
  quarantineNote: (rows: string) => `${rows} input row(s) with errors were set aside (quarantine) and not counted.`,
  fewerThan: (threshold: number) => `fewer than ${threshold}`,
  badOption: (option: string, value: string, expected: string) => `${option} "${value}": expected ${expected}`,
  auditFailed: (out: string) => `Audit of ${out} FAILED: see the lines above.`,
  unreadable: (file: string, why: string) => `${file}: cannot be read (${why})`,
  outputOverlapsInput: (out: string, input: string) =>
    `Output folder ${out} is, contains or lies inside the input folder ${input}; choose an output folder outside the input (nothing was changed).`,
  outputNotFolder: (out: string) => `Output ${out} is a file, not a folder; choose a folder (the file was not changed, even with --force).`,
  outputNotOurs: (out: string) =>
    `Output folder ${out} is not empty and was not made by multigebruik (it has no manifest.json of a run); choose an empty or new folder (--force replaces only an earlier output).`,
  outputUnusable: (out: string, why: string) => `Output folder ${out} cannot be used (${why}).`,
  outputBelowFile: (out: string, file: string) => `Output folder ${out} cannot be made: ${file} is a file, not a folder.`,
  outputLocked: (out: string, pid: number) =>
    `Another multigebruik run${Number.isFinite(pid) ? ` (process ${pid})` : ''} is writing to ${out}; wait for it to finish or choose another output folder.`,
  noSpace: (where: string, mb: number) => `No space left on the disk of ${where} (needs about ${mb} MB); free some space or choose another output folder. Nothing was written.`,
  outOfMemory: (limit: string) => `DuckDB ran out of memory within duckdb.memoryLimit ${limit} and could not spill to disk; raise duckdb.memoryLimit or free disk space next to the output folder.`,
  ambiguousSource: (source: string) => `More than one candidate file for ${source}; keep one of them in the input folder (move or rename the others, e.g. old copies):`,
  gbaVariants: () => 'Both GBAPERSOONTAB and its restricted variant GBAPERSOONKTAB are in the input folder; keep only one of them:',
  emptyFile: (file: string) => `${file}: the file has no data rows (empty or header only); remove it, or run with --allow-empty to go on without it.`,
  emptyFileWarning: (file: string) => `warning: ${file} has no data rows (empty or header only); going on because of --allow-empty.`,
  duplicateColumn: (file: string, column: string, count: number) => `${file}: column "${column}" appears ${count} times; a column the config uses must appear once.`,
  floatColumn: (file: string, column: string, type: string) =>
    `${file}, column ${column}: stored as ${type}, which cannot hold every key or date exactly; store it as an integer, DOUBLE or text.`,
  fractionalColumn: (file: string, column: string, type: string) => `${file}, column ${column}: stored as ${type}; a key, date or code must be a whole number or text.`,
  configDuplicateKey: (file: string, key: string, line: number) => `Config file ${file}, line ${line}: key "${key}" appears twice in the same object; remove one.`,
  configNotJson: (file: string, why: string, line: number) => `Config file ${file}, line ${line}: not valid JSON (${why}).`,
  configIsFolder: (file: string) => `Config file ${file} is a folder, not a file.`,
  configUnreadable: (file: string, why: string) => `Config file ${file} cannot be read (${why}).`,
  badDate: (text: string) => `"${text}" is not a real date (YYYY-MM-DD)`,
  periodRange: (first: number, last: number) => `a period must lie within ${first}-01-01..${last}-12-31`,
  keyAsValue: (column: string) => `column "${column}" is a key column (RINPERSOONS/RINPERSOON) of this source and cannot be used as a value column`,
  inputUnlistable: (dir: string, why: string) => `Input folder ${dir} cannot be listed (${why}).`,
  brokenLink: (file: string) => `${file}: a symbolic link whose target does not exist or cannot be read.`,
  duckdbFailed: (what: string) => `the database engine stopped (${what})`,
  csvNotUtf8: (row: number) =>
    `${row === 0 ? 'the header' : `row ${row}`} is not UTF-8 text (the file may be Latin-1 or Windows-1252: save it as UTF-8)`,
  csvFieldCount: (row: number, found: number, expected: number) => `row ${row} has ${found} fields where the header has ${expected}`,
  csvOpenQuote: (row: number) => `a quote opened at or after row ${row} is never closed`,
  internal: (what: string) => `Internal error in multigebruik (please report): ${what}`,
};

export type Messages = typeof en;

const nl: Messages = {
  missingSources: (dir) => `Verplichte invoerbron(nen) ontbreken in ${dir}:`,
  missingSource: (source, prefix) => `${source}: geen .csv-, .parquet- of .sav-bestand waarvan de naam begint met "${prefix}"`,
  missingColumn: (file, column, field, available) =>
    `${file}: kolom "${column}" (configveld ${field}) niet gevonden; het bestand heeft: ${available.join(', ')}`,
  missingColumns: () => 'Invoerbestanden missen verplichte kolommen:',
  noYear: (file) => `${file}: het jaar is niet uit de bestandsnaam af te leiden (HOOGSTEOPLTAB-bestanden hebben er een nodig, bijv. HOOGSTEOPL2021TABV1)`,
  badInput: (problems, rows) =>
    `Foute invoer: ${problems} soort(en) probleem in ${rows} rij(en). Er is niets naar export/ geschreven. ` +
    `Herstel de invoer of de config, of draai met --quarantine om deze rijen apart te zetten.`,
  problem: (p) => {
    const where = p.rows.length > 0 ? ` in rij ${p.rows.join(', ')}${p.count > p.rows.length ? ', …' : ''}` : '';
    const value = p.value === null ? '' : ` waarde "${p.value}"`;
    return `${p.file}, kolom ${p.column}: ${p.problem}${value}${where} (${p.count} rij${p.count === 1 ? '' : 'en'} met dit probleem)`;
  },
  outputExists: (dir) => `Uitvoermap ${dir} bestaat en is niet leeg; gebruik --force om haar te vervangen.`,
  configRead: (file, why) => `Configbestand ${file}: ${why}`,
  configField: (file, field, why) => `Configbestand ${file}, veld ${field}: ${why}`,
  badPeriod: (text) => `--period "${text}": verwacht JJJJ-MM-DD..JJJJ-MM-DD met begin <= eind`,
  inputDirMissing: (dir) => `Invoermap ${dir} bestaat niet of is geen map.`,
  quarantineNote: (rows) => `${rows} invoerrij(en) met fouten zijn terzijde gelegd (quarantaine) en niet meegeteld.`,
  fewerThan: (threshold) => `minder dan ${threshold}`,
  badOption: (option, value, expected) => `${option} "${value}": verwacht ${expected}`,
  auditFailed: (out) => `Audit van ${out} MISLUKT: zie de regels hierboven.`,
  unreadable: (file, why) => `${file}: kan niet worden gelezen (${why})`,
  outputOverlapsInput: (out, input) =>
    `Uitvoermap ${out} is, bevat of ligt in de invoermap ${input}; kies een uitvoermap buiten de invoer (er is niets veranderd).`,
  outputNotFolder: (out) => `Uitvoer ${out} is een bestand, geen map; kies een map (het bestand is niet veranderd, ook niet met --force).`,
  outputNotOurs: (out) =>
    `Uitvoermap ${out} is niet leeg en niet door multigebruik gemaakt (er staat geen manifest.json van een run in); kies een lege of nieuwe map (--force vervangt alleen een eerdere uitvoer).`,
  outputUnusable: (out, why) => `Uitvoermap ${out} is niet te gebruiken (${why}).`,
  outputBelowFile: (out, file) => `Uitvoermap ${out} kan niet worden gemaakt: ${file} is een bestand, geen map.`,
  outputLocked: (out, pid) =>
    `Een andere multigebruik-run${Number.isFinite(pid) ? ` (proces ${pid})` : ''} schrijft naar ${out}; wacht tot die klaar is of kies een andere uitvoermap.`,
  noSpace: (where, mb) => `Geen ruimte meer op de schijf van ${where} (nodig: ongeveer ${mb} MB); maak ruimte vrij of kies een andere uitvoermap. Er is niets geschreven.`,
  outOfMemory: (limit) => `DuckDB had te weinig geheugen binnen duckdb.memoryLimit ${limit} en kon niet naar schijf uitwijken; verhoog duckdb.memoryLimit of maak schijfruimte vrij naast de uitvoermap.`,
  ambiguousSource: (source) => `Meer dan één kandidaat-bestand voor ${source}; houd er één in de invoermap (verplaats of hernoem de andere, bijv. oude kopieën):`,
  gbaVariants: () => 'Zowel GBAPERSOONTAB als de beperkte variant GBAPERSOONKTAB staan in de invoermap; houd er één van:',
  emptyFile: (file) => `${file}: het bestand heeft geen datarijen (leeg of alleen een kopregel); verwijder het, of draai met --allow-empty om zonder door te gaan.`,
  emptyFileWarning: (file) => `waarschuwing: ${file} heeft geen datarijen (leeg of alleen een kopregel); er wordt doorgegaan vanwege --allow-empty.`,
  duplicateColumn: (file, column, count) => `${file}: kolom "${column}" komt ${count} keer voor; een kolom die de config gebruikt mag maar één keer voorkomen.`,
  floatColumn: (file, column, type) =>
    `${file}, kolom ${column}: opgeslagen als ${type}, dat niet elke sleutel of datum exact kan bevatten; sla haar op als geheel getal, DOUBLE of tekst.`,
  fractionalColumn: (file, column, type) => `${file}, kolom ${column}: opgeslagen als ${type}; een sleutel, datum of code moet een geheel getal of tekst zijn.`,
  configDuplicateKey: (file, key, line) => `Configbestand ${file}, regel ${line}: sleutel "${key}" komt twee keer voor in hetzelfde object; verwijder er één.`,
  configNotJson: (file, why, line) => `Configbestand ${file}, regel ${line}: geen geldige JSON (${why}).`,
  configIsFolder: (file) => `Configbestand ${file} is een map, geen bestand.`,
  configUnreadable: (file, why) => `Configbestand ${file} kan niet worden gelezen (${why}).`,
  badDate: (text) => `"${text}" is geen bestaande datum (JJJJ-MM-DD)`,
  periodRange: (first, last) => `een periode moet binnen ${first}-01-01..${last}-12-31 liggen`,
  keyAsValue: (column) => `kolom "${column}" is een sleutelkolom (RINPERSOONS/RINPERSOON) van deze bron en kan geen waardekolom zijn`,
  inputUnlistable: (dir, why) => `Invoermap ${dir} kan niet worden gelezen (${why}).`,
  brokenLink: (file) => `${file}: een symbolische koppeling waarvan het doel niet bestaat of niet te lezen is.`,
  duckdbFailed: (what) => `de database-engine stopte (${what})`,
  csvNotUtf8: (row) =>
    `${row === 0 ? 'de kopregel' : `rij ${row}`} is geen UTF-8-tekst (het bestand is misschien Latin-1 of Windows-1252: sla het op als UTF-8)`,
  csvFieldCount: (row, found, expected) => `rij ${row} heeft ${found} velden waar de kopregel er ${expected} heeft`,
  csvOpenQuote: (row) => `een aanhalingsteken geopend in of na rij ${row} wordt nooit gesloten`,
  internal: (what) => `Interne fout in multigebruik (meld dit alstublieft): ${what}`,
};

const catalogue: Record<Language, Messages> = { en, nl };

/** The catalogue in one language (for texts inside outputs, which follow the run's `language`). */
export function messagesFor(lang: Language): Messages {
  return catalogue[lang];
}

/** Terminal messages (English). */
export const messages: Messages = en;
