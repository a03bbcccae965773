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
  previousUnreadable: (dir: string, file: string) =>
    `Earlier export ${dir} (--previous): cannot read ${file}, or it is not the file a multigebruik run writes. Give the output folder of an earlier run (it needs export/tables.json and manifest.json).`,
  previousCorrection: (dir: string, table: string, row: string, column: string, persons: number, threshold: number) =>
    `This run covers the same period as the earlier export ${dir}, and its total ${table} ${row}/${column} differs from it by only ${persons} person(s) (fewer than ${threshold}). ` +
    `Publishing both would reveal those persons, and suppression cannot prevent it short of hiding every total. ` +
    `Do not publish this correction as a new export: withdraw or replace ${dir} instead, or wait until at least ${threshold} persons differ, or (if ${dir} was never published) run without --previous ${dir}.`,
  previousDifferentData: (dir: string, table: string, row: string, column: string) =>
    `Earlier export ${dir} covers another period, but this input does not reproduce its shown count ${table} ${row}/${column} for that period: it was made from other data, so the joint protection cannot be computed. Run on the input ${dir} was made from (extended with the new years).`,
  previousUnprotectable: (dir: string, detail: string) =>
    `Together with the earlier export ${dir}, a suppressed count cannot be protected by suppressing cells of the new export (${detail}). Choose a period that contains the earlier one, or contact the output checker.`,
  noPrevious: () => 'No earlier export was taken into account (run --previous DIR to protect jointly with exports already published).',
  previousTaken: (dirs: string) => `Protected jointly with the earlier export(s): ${dirs}.`,
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
  previousUnreadable: (dir, file) =>
    `Eerdere export ${dir} (--previous): ${file} is niet te lezen, of is niet het bestand dat een multigebruik-run schrijft. Geef de uitvoermap van een eerdere run (met export/tables.json en manifest.json).`,
  previousCorrection: (dir, table, row, column, persons, threshold) =>
    `Deze run beslaat dezelfde periode als de eerdere export ${dir}, en het totaal ${table} ${row}/${column} verschilt daarvan maar ${persons} persoon/personen (minder dan ${threshold}). ` +
    `Beide publiceren onthult die personen, en onderdrukken kan dat alleen voorkomen door alle totalen te verbergen. ` +
    `Publiceer deze correctie niet als nieuwe export: trek ${dir} in of vervang haar, of wacht tot minstens ${threshold} personen verschillen, of draai (als ${dir} nooit is gepubliceerd) zonder --previous ${dir}.`,
  previousDifferentData: (dir, table, row, column) =>
    `De eerdere export ${dir} beslaat een andere periode, maar deze invoer geeft voor die periode niet haar getoonde aantal ${table} ${row}/${column}: ze is van andere gegevens gemaakt, dus de gezamenlijke beveiliging is niet te berekenen. Draai op de invoer waarvan ${dir} is gemaakt (aangevuld met de nieuwe jaren).`,
  previousUnprotectable: (dir, detail) =>
    `Samen met de eerdere export ${dir} is een onderdrukt aantal niet te beschermen door cellen van de nieuwe export te onderdrukken (${detail}). Kies een periode die de eerdere omvat, of overleg met de outputcontroleur.`,
  noPrevious: () => 'Er is geen eerdere export meegenomen (draai met --previous MAP om samen met al gepubliceerde exports te beveiligen).',
  previousTaken: (dirs) => `Samen beveiligd met de eerdere export(s): ${dirs}.`,
  internal: (what) => `Interne fout in multigebruik (meld dit alstublieft): ${what}`,
};

const catalogue: Record<Language, Messages> = { en, nl };

/** The catalogue in one language (for texts inside outputs, which follow the run's `language`). */
export function messagesFor(lang: Language): Messages {
  return catalogue[lang];
}

/** Terminal messages (English). */
export const messages: Messages = en;
