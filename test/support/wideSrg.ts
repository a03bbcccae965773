import { parse } from 'csv-parse/sync';

/**
 * The wide twin of a long SRG CSV: one row per (RINPERSOONS, RINPERSOON, begin, end) with a count column
 * `SRG_<code>` per code of `codes`, in first-seen order of the long file. Returns the CSV and the config's
 * `sources.srg.wide.columns` (column → code).
 */
export function wideSrg(longCsv: string, codes: readonly string[]): { csv: string; columns: Record<string, string> } {
  const rows = parse(longCsv, { columns: true }) as Record<string, string>[];
  const groups = new Map<string, { key: string[]; counts: Map<string, number> }>();
  for (const r of rows) {
    const key = [r.RINPERSOONS!, r.RINPERSOON!, r.SRGDATUMAANVANG!, r.SRGDATUMEINDE!];
    const k = key.join('\u0000');
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { key, counts: new Map() }));
    g.counts.set(r.SRGVOORZIENING!, (g.counts.get(r.SRGVOORZIENING!) ?? 0) + 1);
  }
  const columns = Object.fromEntries(codes.map((c) => [`SRG_${c}`, c]));
  const header = ['RINPERSOONS', 'RINPERSOON', 'SRGDATUMAANVANG', 'SRGDATUMEINDE', ...Object.keys(columns)];
  const lines = [header.join(',')];
  for (const g of groups.values()) lines.push([...g.key, ...codes.map((c) => String(g.counts.get(c) ?? 0))].join(','));
  return { csv: `${lines.join('\n')}\n`, columns };
}

/**
 * A long SRG CSV where every person's rows share the period of their first row: the shape a wide file can hold
 * (one period row per person), so that its wide twin has several types on one row.
 */
export function alignSrgPeriods(longCsv: string): string {
  const [header, ...lines] = longCsv.trimEnd().split('\n');
  const first = new Map<string, string[]>();
  const out = lines.map((l) => {
    const f = l.split(',');
    const who = `${f[0]},${f[1]}`;
    const p = first.get(who) ?? (first.set(who, [f[3]!, f[4]!]), first.get(who)!);
    return [f[0], f[1], f[2], p[0], p[1]].join(',');
  });
  return `${[header, ...out].join('\n')}\n`;
}
