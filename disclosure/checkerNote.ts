import type { ExportTables, Period } from '../schemas/tablesJson.js';
import type { DisclosureParams } from './protectionRule.js';

export type NoteLang = 'nl' | 'en';

/** Cells of one table as published: shown, primary and secondary suppressed. */
export interface TableCellCounts {
  id: string;
  shown: number;
  primary: number;
  secondary: number;
}

/** One input file as recorded in the manifest. */
export interface NoteSource {
  source: string;
  file: string;
  rows: number;
  sha256: string;
}

/** An earlier export the run was protected against (`--previous`), as recorded in manifest.json. */
export interface PreviousExport {
  dir: string;
  period: Period;
  tablesSha256: string;
  manifestSha256: string;
}

/** Everything the checker's note states. Every number in it is a parameter, a row count of an input file, or a count of cells. */
export interface CheckerFacts {
  period: Period;
  backgroundPeriod?: Period | undefined;
  sources: NoteSource[];
  params: DisclosureParams;
  tables: TableCellCounts[];
  passed: boolean;
  /** Input rows set aside with --quarantine (0: none). */
  quarantinedRows: number;
  /** Rows or columns of a table where every shown person falls in one category (group disclosure). */
  groupDisclosure: { table: string; label: string }[];
  /** Present when the run was given earlier exports (`--previous`). */
  previous?: PreviousExport[] | undefined;
  /** Cells suppressed against differencing with the earlier exports (from internal/suppression-audit.json). */
  differencingCells?: number | undefined;
}

function caption(id: string, lang: NoteLang): string {
  if (/^F/.test(id)) return `${lang === 'nl' ? 'Figuur' : 'Figure'} ${id.slice(1)}`;
  return `${lang === 'nl' ? 'Tabel' : 'Table'} ${id}`;
}

function num(n: number, lang: NoteLang): string {
  // no Intl: the same bytes on every machine
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'nl' ? '.' : ',');
}

function periodText(p: Period, lang: NoteLang): string {
  return lang === 'nl' ? `${p.start} t/m ${p.end}` : `${p.start} to ${p.end}`;
}

/** Sum of the per-table counts. */
export function totalCounts(tables: readonly TableCellCounts[]): { shown: number; primary: number; secondary: number } {
  return tables.reduce((a, t) => ({ shown: a.shown + t.shown, primary: a.primary + t.primary, secondary: a.secondary + t.secondary }), { shown: 0, primary: 0, secondary: 0 });
}

/** Per table (in the given order): cells shown, primary and secondary suppressed, from the suppression marks. */
export function tableCellCounts(
  tables: Record<string, { cells: (number | string | null)[][] }>,
  marks: Record<string, ('primary' | 'secondary' | null)[][]>,
  order: readonly string[],
): TableCellCounts[] {
  return order.map((id) => {
    const c = { id, shown: 0, primary: 0, secondary: 0 };
    tables[id]!.cells.forEach((row, i) =>
      row.forEach((v, j) => {
        if (v === null) return;
        const m = marks[id]?.[i]?.[j] ?? null;
        if (m === null) c.shown++;
        else c[m]++;
      }),
    );
    return c;
  });
}

/**
 * Group (class) disclosure candidates: a row or column with at least three shown cells, at least two of them 0 and at
 * most two not 0 (suppressed cells are left out of the count) (a total and one category), so that nearly all persons it counts share one characteristic. The
 * threshold rule does not catch this; the checker judges it. Returns table ids and line labels (no counts).
 */
export function groupDisclosureLines(tables: ExportTables, order: readonly string[]): { table: string; label: string }[] {
  const out: { table: string; label: string }[] = [];
  for (const id of order) {
    const t = tables.tables[id];
    if (!t) continue;
    const check = (values: (number | string | null)[], label: string) => {
      const shown = values.filter((v): v is number => typeof v === 'number');
      const nonZero = shown.filter((v) => v > 0).length;
      if (shown.length >= 3 && nonZero >= 1 && nonZero <= 2 && shown.length - nonZero >= 2) out.push({ table: id, label });
    };
    t.rows.forEach((r, i) => check(t.cells[i] ?? [], r.label));
    t.columns.forEach((c, j) => check(t.cells.map((row) => row[j] ?? null), c.label));
  }
  return out;
}

const T = {
  en: {
    title: 'multigebruik — note for the CBS output checker',
    other: 'The same note in Dutch: LEESMIJ.txt; also the first sheet ("Summary") of tables.xlsx.',
    what: 'What this is',
    whatText: [
      'Tables and figures on multiple use of provisions (UWV, Pwet, Wmo). Every number is a count of unique persons,',
      'or a percentage derived from shown counts (figures 3.1-3.3). Files: tables.json, tables/<id>.csv, tables.xlsx,',
      'report.html, charts/. No file holds a person key or a count that is not in the tables.',
    ],
    period: 'Period',
    bgPeriod: 'background characteristics',
    sources: 'Sources (input files: rows, first 12 hex digits of the SHA-256)',
    noSources: '(not recorded)',
    rows: 'rows',
    rule: 'Rule and parameters',
    primary: (t: number, zero: boolean) => `- Primary suppression: a count from 1 to ${t - 1} is shown as **${zero ? '; zero counts are treated as unsafe too.' : '; zero counts are shown.'}`,
    pct: (t: number) => `- Percentages are shown only when their count is shown and their base is shown and at least ${t}.`,
    secondary: [
      '- Secondary suppression: further cells are shown as ** so that no suppressed count can be worked back.',
      '  The attacker knows every published number, the table definitions, and that counts are whole numbers >= 0;',
      '  every count is a sum of atom counts (persons with one combination of memberships and classes), and the',
      '  attacker bounds each suppressed cell by linear programming over all tables at once.',
    ],
    ruleLine: (s: number) => `- For every primary-suppressed count v the attacker interval [lo, hi] must reach lo <= max(0, v - p) and hi >= v + p, p = max(1, ceil(v * ${s})).`,
    consistency: '- A count that appears in several tables is suppressed in all of them or in none.',
    params: (p: DisclosureParams) => `Parameters: threshold = ${p.threshold}, zero unsafe = ${p.zeroUnsafe ? 'yes' : 'no'}, safety range = ${p.safetyRange}.`,
    cells: 'Cells per table (shown / primary suppressed / secondary suppressed)',
    total: 'All tables',
    audit: 'Audit',
    passed: 'PASSED — every primary-suppressed cell is protected by the rule above (proven by linear programming).',
    failed: 'FAILED — do not release this export.',
    auditWhere: 'Per suppressed cell its interval and what it protects: internal/audit.html and internal/suppression-audit.json (they stay inside); `multigebruik audit OUT` recomputes them.',
    quarantine: 'Quarantine',
    quarantined: (n: string) => `${n} input row(s) with errors were set aside and not counted (internal/quarantine.csv); every table notes this.`,
    noQuarantine: 'No input rows were set aside.',
    fewer: (t: number) => `fewer than ${t}`,
    beyond: 'Checks beyond the threshold',
    dominance: '- Dominance (p% or (n,k) rules): not applicable. Every cell counts persons; no cell is a sum of amounts to which one person could contribute most.',
    group: '- Group (class) disclosure: the threshold does not prevent a table from showing that (nearly) all persons of a group share a characteristic. Lines where all shown persons fall in one category (judge these):',
    groupNone: '- Group (class) disclosure: no row or column has all its shown persons in one category.',
    more: (n: number) => `  … and ${n} more`,
    diff: 'Differencing against earlier exports',
    diffNone: [
      '- No earlier export was taken into account (the run had no --previous). An attacker who holds an earlier export of an',
      '  overlapping period may subtract it from this one; compare them with `multigebruik compare OLD NEW --out DIR`, which flags',
      '  changes too small to publish.',
    ],
    diffSome: '- Protected jointly with these earlier exports (--previous):',
    diffPrev: (p: PreviousExport) => `  ${p.dir}: period ${p.period.start} to ${p.period.end}, tables.json SHA-256 ${p.tablesSha256.slice(0, 12)}, manifest ${p.manifestSha256.slice(0, 12)}`,
    diffCells: (n: number | undefined) => `- Cells suppressed against differencing: ${n && n > 0 ? n : 'none'}.`,
  },
  nl: {
    title: 'multigebruik — toelichting voor de CBS-outputcontrole',
    other: 'Dezelfde toelichting in het Engels: README.txt; ook het eerste werkblad ("Samenvatting") van tables.xlsx.',
    what: 'Wat dit is',
    whatText: [
      'Tabellen en figuren over multigebruik van voorzieningen (UWV, Pwet, Wmo). Elk getal is een aantal unieke personen,',
      'of een percentage berekend uit getoonde aantallen (figuur 3.1-3.3). Bestanden: tables.json, tables/<id>.csv, tables.xlsx,',
      'report.html, charts/. Geen bestand bevat een persoonssleutel of een aantal dat niet in de tabellen staat.',
    ],
    period: 'Periode',
    bgPeriod: 'achtergrondkenmerken',
    sources: 'Bronnen (invoerbestanden: rijen, eerste 12 hexadecimale tekens van de SHA-256)',
    noSources: '(niet vastgelegd)',
    rows: 'rijen',
    rule: 'Regel en parameters',
    primary: (t: number, zero: boolean) => `- Primaire afscherming: een aantal van 1 tot en met ${t - 1} wordt getoond als **${zero ? '; ook nullen gelden als onveilig.' : '; nullen worden getoond.'}`,
    pct: (t: number) => `- Percentages worden alleen getoond als hun aantal getoond wordt en hun noemer getoond wordt en minstens ${t} is.`,
    secondary: [
      '- Secundaire afscherming: meer cellen worden als ** getoond, zodat geen afgeschermd aantal terug te rekenen is.',
      '  De aanvaller kent elk gepubliceerd getal, de tabeldefinities, en weet dat aantallen gehele getallen >= 0 zijn;',
      '  elk aantal is een som van atomen (personen met één combinatie van lidmaatschappen en klassen), en de aanvaller',
      '  begrenst elke afgeschermde cel met lineair programmeren over alle tabellen tegelijk.',
    ],
    ruleLine: (s: number) => `- Voor elk primair afgeschermd aantal v moet het aanvalsinterval [lo, hi] reiken tot lo <= max(0, v - p) en hi >= v + p, p = max(1, ceil(v * ${s})).`,
    consistency: '- Een aantal dat in meer tabellen voorkomt, is in alle of in geen ervan afgeschermd.',
    params: (p: DisclosureParams) => `Parameters: drempel = ${p.threshold}, nul onveilig = ${p.zeroUnsafe ? 'ja' : 'nee'}, veiligheidsmarge = ${p.safetyRange}.`,
    cells: 'Cellen per tabel (getoond / primair afgeschermd / secundair afgeschermd)',
    total: 'Alle tabellen',
    audit: 'Audit',
    passed: 'GESLAAGD — elke primair afgeschermde cel is beschermd volgens de regel hierboven (bewezen met lineair programmeren).',
    failed: 'MISLUKT — deze export niet vrijgeven.',
    auditWhere: 'Per afgeschermde cel het interval en wat ze beschermt: internal/audit.html en internal/suppression-audit.json (blijven binnen); `multigebruik audit OUT` rekent ze opnieuw na.',
    quarantine: 'Quarantaine',
    quarantined: (n: string) => `${n} invoerrij(en) met fouten zijn terzijde gelegd en niet meegeteld (internal/quarantine.csv); elke tabel vermeldt dit.`,
    noQuarantine: 'Er zijn geen invoerrijen terzijde gelegd.',
    fewer: (t: number) => `minder dan ${t}`,
    beyond: 'Controles naast de drempel',
    dominance: '- Dominantie (p%- of (n,k)-regel): niet van toepassing. Elke cel telt personen; geen cel is een som van bedragen waaraan één persoon het meeste kan bijdragen.',
    group: '- Groepsonthulling: de drempel voorkomt niet dat een tabel laat zien dat (bijna) alle personen van een groep één kenmerk delen. Regels waarin alle getoonde personen in één categorie vallen (beoordeel deze):',
    groupNone: '- Groepsonthulling: geen rij of kolom heeft al haar getoonde personen in één categorie.',
    more: (n: number) => `  … en nog ${n}`,
    diff: 'Verschillen met eerdere exports',
    diffNone: [
      '- Er is geen eerdere export meegenomen (de run had geen --previous). Wie een eerdere export over een overlappende periode',
      '  heeft, kan die van deze aftrekken; vergelijk ze met `multigebruik compare OUD NIEUW --out MAP`, dat te kleine',
      '  verschillen markeert.',
    ],
    diffSome: '- Samen beschermd met deze eerdere exports (--previous):',
    diffPrev: (p: PreviousExport) => `  ${p.dir}: periode ${p.period.start} t/m ${p.period.end}, tables.json SHA-256 ${p.tablesSha256.slice(0, 12)}, manifest ${p.manifestSha256.slice(0, 12)}`,
    diffCells: (n: number | undefined) => `- Cellen afgeschermd tegen verschillen: ${n && n > 0 ? n : 'geen'}.`,
  },
};

const GROUP_LIMIT = 20;

/**
 * The note for the CBS output checker, as lines: export/README.txt (English), export/LEESMIJ.txt (Dutch) and the
 * first sheet of tables.xlsx (the run's language) carry the same content. It states the period, the sources with row
 * counts and hash prefixes, the rule and its parameters, per table the cells shown / primary / secondary, the audit
 * verdict, quarantined rows, and the checks beyond the threshold (dominance, group disclosure, differencing).
 */
export function checkerNoteLines(f: CheckerFacts, lang: NoteLang): string[] {
  const t = T[lang];
  const L: string[] = [t.title, t.other, ''];
  L.push(t.what, ...t.whatText.map((s) => `  ${s}`), '');
  let period = `${t.period}: ${periodText(f.period, lang)}`;
  if (f.backgroundPeriod && (f.backgroundPeriod.start !== f.period.start || f.backgroundPeriod.end !== f.period.end)) {
    period += ` (${t.bgPeriod}: ${periodText(f.backgroundPeriod, lang)})`;
  }
  L.push(period, '');
  L.push(t.sources);
  if (f.sources.length === 0) L.push(`  ${t.noSources}`);
  const w = Math.max(0, ...f.sources.map((s) => s.file.length));
  for (const s of f.sources) L.push(`  ${s.file.padEnd(w)}  ${s.source.padEnd(9)} ${num(s.rows, lang).padStart(12)} ${t.rows}  ${s.sha256.slice(0, 12)}`);
  L.push('');
  L.push(t.rule, t.primary(f.params.threshold, f.params.zeroUnsafe), t.pct(f.params.threshold), ...t.secondary, t.ruleLine(f.params.safetyRange), t.consistency, t.params(f.params), '');
  L.push(t.cells);
  const tot = totalCounts(f.tables);
  const iw = Math.max(t.total.length, ...f.tables.map((x) => caption(x.id, lang).length));
  const row = (name: string, c: { shown: number; primary: number; secondary: number }) =>
    `  ${name.padEnd(iw)}  ${String(c.shown).padStart(4)} / ${String(c.primary).padStart(3)} / ${String(c.secondary).padStart(3)}`;
  for (const x of f.tables) L.push(row(caption(x.id, lang), x));
  L.push(row(t.total, tot), '');
  L.push(`${t.audit}: ${f.passed ? t.passed : t.failed}`, t.auditWhere, '');
  const q = f.quarantinedRows;
  L.push(`${t.quarantine}: ${q > 0 ? t.quarantined(q < f.params.threshold ? t.fewer(f.params.threshold) : String(q)) : t.noQuarantine}`, '');
  L.push(t.beyond, t.dominance);
  if (f.groupDisclosure.length === 0) L.push(t.groupNone);
  else {
    L.push(t.group);
    for (const g of f.groupDisclosure.slice(0, GROUP_LIMIT)) L.push(`  ${caption(g.table, lang)}: ${g.label}`);
    if (f.groupDisclosure.length > GROUP_LIMIT) L.push(t.more(f.groupDisclosure.length - GROUP_LIMIT));
  }
  L.push('', t.diff);
  if (!f.previous || f.previous.length === 0) L.push(...t.diffNone);
  else {
    L.push(t.diffSome);
    for (const p of f.previous) L.push(t.diffPrev(p));
    L.push(t.diffCells(f.differencingCells));
  }
  return L;
}

/** The note as a text file (LF line ends, final newline). */
export function checkerNote(f: CheckerFacts, lang: NoteLang): string {
  return `${checkerNoteLines(f, lang).join('\n')}\n`;
}
