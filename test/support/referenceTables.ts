/**
 * An independent reference computation of docs/spec/tables.md, straight from raw records, written without any pipeline
 * code (no atoms, no declarations, no SQL): a person is "S|NNNNNNNNN", sets are JS Sets of such keys.
 */

interface SrgRec {
  s: string;
  n: string;
  code: string;
  begin: string;
  end: string;
}
interface UwvRec {
  s: string;
  n: string;
  type: string;
  bg: string;
  product: string;
  begin: string;
  end: string;
}
interface WmoRec {
  s: string;
  n: string;
  code: string;
  begin: string;
  end: string;
}
export interface GbaRec {
  s: string;
  n: string;
  gender: string;
  year: string;
  month: string;
}
interface EduRec {
  s: string;
  n: string;
  level: string;
  fileYear: number;
}
export interface RawData {
  srg: SrgRec[];
  uwv: UwvRec[];
  wmo: WmoRec[];
  gba: GbaRec[];
  edu: EduRec[];
}

const SRG: Record<string, string> = {
  '30': 'ondersteuning_werkplek',
  '31': 'ondersteuning_werkplek',
  '59': 'overig_faciliterend',
  '57': 'vervoer',
  '69': 'overig',
  '23': 'ignore',
  '29': 'ignore',
  '40': 'lks',
  '41': 'lks',
  '42': 'lks',
  '12': 'begeleiding_jobcoach',
  '13': 'vervoer',
  '14': 'overig',
  '19': 'overig',
  '16': 'lks',
  '11': 'ignore',
};
const WMO = (c: number) =>
  c === 1
    ? 'huishouden'
    : c <= 7
      ? 'ondersteuning_thuis'
      : c <= 12
        ? 'hulpmiddelen_diensten'
        : c <= 16
          ? 'verblijf_opvang'
          : 'overig';
const TYPES: Record<string, string> = {
  INTERMEDIAIR: 'intermediair',
  JOBCOACH: 'jobcoach',
  MEENEEMBAAR: 'meeneembaar',
  STARTKREDIET: 'startkrediet',
  VERVOER: 'vervoer',
};
const BGS: Record<string, string> = {
  WAJONG: 'wajong',
  WAJONG_OUD: 'wajong_tot_2015',
  WAO: 'wao',
  WAZ: 'waz',
  WGA: 'wga',
  ONDERWIJS: 'onderwijs',
  TOLK_WMO: 'tolk_wmo',
  TOLK_PWET: 'tolk_pwet',
};
const TOLK = ['TOLK_GEBAREN', 'TOLK_SCHRIJF'];
const VIS = ['BRAILLELEESREGEL', 'VERGROTINGSSOFTWARE', 'SCREENREADER', 'BEELDSCHERMLOEP', 'VOORLEESHULP'];
const PC = ['ondersteuning_werkplek', 'begeleiding_jobcoach', 'overig_faciliterend', 'vervoer', 'overig'];
const UT = ['intermediair', 'jobcoach', 'meeneembaar', 'startkrediet', 'vervoer'];
const BG = ['wajong', 'wajong_tot_2015', 'wao', 'waz', 'wga', 'onderwijs', 'tolk_wmo', 'tolk_pwet'];
const WC = ['huishouden', 'ondersteuning_thuis', 'hulpmiddelen_diensten', 'verblijf_opvang', 'overig'];

const key = (s: string, n: string) => `${s.trim()}|${String(Number(n)).padStart(9, '0')}`;
const iso = (d: string) =>
  d.length === 8 && !d.includes('-') ? `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}` : d;
const inUse = (b: string, e: string, ps: string, pe: string) => iso(b) <= pe && (e === '' || iso(e) >= ps);

export function referenceTables(raw: RawData, P = { start: '2017-01-01', end: '2022-12-31' }) {
  const sets = new Map<string, Set<string>>();
  const add = (name: string, k: string) => {
    if (!sets.has(name)) sets.set(name, new Set());
    sets.get(name)!.add(k);
  };
  const firstUse = new Map<string, string>();
  const use = (k: string, b: string) => {
    const d = iso(b) < P.start ? P.start : iso(b);
    if (!firstUse.has(k) || d < firstUse.get(k)!) firstUse.set(k, d);
  };
  for (const r of raw.srg) {
    const cat = SRG[String(Number(r.code))];
    if (!cat || cat === 'ignore' || !inUse(r.begin, r.end, P.start, P.end)) continue;
    const k = key(r.s, r.n);
    if (cat === 'lks') add('lks', k);
    else {
      add(`pwet.${cat}`, k);
      add('pwet', k);
      use(k, r.begin);
    }
  }
  for (const r of raw.uwv) {
    if (!inUse(r.begin, r.end, P.start, P.end)) continue;
    const k = key(r.s, r.n);
    add(`uwv.${TYPES[r.type]}`, k);
    add(`uwv.bg.${BGS[r.bg]}`, k);
    add('uwv', k);
    if (TOLK.includes(r.product)) add('tolk', k);
    if (VIS.includes(r.product)) add('visueel', k);
    use(k, r.begin);
  }
  const get = (name: string) => sets.get(name) ?? new Set<string>();
  const work = new Set([...get('pwet'), ...get('uwv')]);
  for (const r of raw.wmo) {
    if (!inUse(r.begin, r.end, P.start, P.end)) continue;
    const k = key(r.s, r.n);
    // Wmo users outside work are never counted — except in tables A (LKS ∩ Wmo), so keep them for LKS persons too
    add(`wmo.${WMO(Number(r.code))}`, k);
    add('wmo', k);
  }
  const I = (...names: (string | Set<string>)[]) => {
    const ss = names.map((x) => (typeof x === 'string' ? get(x) : x));
    let out = [...ss[0]!];
    for (const s of ss.slice(1)) out = out.filter((k) => s.has(k));
    return new Set(out);
  };
  const n = (...names: (string | Set<string>)[]) => I(...names).size;
  const count = (base: Set<string>, fam: string, cats: string[], k: number) =>
    [...base].filter((p) => cats.filter((c) => get(`${fam}.${c}`).has(p)).length === k).length;

  // background characteristics
  const gba = new Map<string, GbaRec>();
  for (const g of raw.gba) gba.set(key(g.s, g.n), g);
  const endYear = Number(P.end.slice(0, 4));
  const edu = new Map<string, { y: number; level: string }>();
  for (const e of raw.edu) {
    if (e.fileYear > endYear) continue;
    const k = key(e.s, e.n);
    const lvl = /^\d{4}$/.test(e.level)
      ? (({ '1': 'laag', '2': 'midden', '3': 'hoog' } as Record<string, string>)[e.level[0]!] ?? 'onbekend')
      : 'onbekend';
    const prev = edu.get(k);
    if (!prev || e.fileYear > prev.y) edu.set(k, { y: e.fileYear, level: lvl });
  }
  const ageClass = (k: string) => {
    const g = gba.get(k);
    const d = firstUse.get(k);
    if (!g || !d || !/^\d{4}$/.test(g.year)) return 'onbekend';
    const m = /^\d+$/.test(g.month) ? Number(g.month) : 7;
    const a = Number(d.slice(0, 4)) - Number(g.year) - (Number(d.slice(5, 7)) < m ? 1 : 0);
    return a < 18 ? 'lt18' : a <= 27 ? '18_27' : a <= 55 ? '28_55' : 'gt55';
  };
  const gender = (k: string) =>
    (({ '1': 'man', '2': 'vrouw' }) as Record<string, string>)[gba.get(k)?.gender ?? ''] ?? 'onbekend';
  const education = (k: string) => edu.get(k)?.level ?? 'onbekend';

  const groups: [string, Set<string>][] = [
    ['uwv_pwet', I('uwv', 'pwet')],
    ['pwet_wmo', I('pwet', 'wmo')],
    ['uwv_wmo', I('uwv', 'wmo')],
    ['uwv_pwet_wmo', I('uwv', 'pwet', 'wmo')],
  ];
  const fig = (classes: string[], f: (k: string) => string) =>
    groups.map(([, g]) => [...classes.map((c) => [...g].filter((k) => f(k) === c).length), g.size]);
  const multi = [...work].filter((k) => ['pwet', 'uwv', 'wmo'].filter((s) => get(s).has(k)).length >= 2).length;
  const pair = (fam: string, cats: string[]) =>
    cats.map((r, i) => cats.map((c, j) => (j > i ? n(`${fam}.${r}`, `${fam}.${c}`) : null)));
  const tolkPwet = I('tolk', 'pwet');
  const tolkWmo = I('tolk', 'wmo');
  const W = (x: string) => I(x, work);

  return {
    '3.0': [[work.size], [multi], [n('uwv', 'pwet', 'wmo')]],
    '3.1': [
      [W('pwet').size, null, n('pwet', 'uwv', work), n('pwet', 'wmo', work)],
      [W('uwv').size, n('uwv', 'pwet', work), null, n('uwv', 'wmo', work)],
      [W('wmo').size, n('wmo', 'pwet', work), n('wmo', 'uwv', work), null],
    ],
    '3.2': [[get('pwet').size], ...PC.map((c) => [n(`pwet.${c}`)])],
    '3.3': pair('pwet', PC),
    '3.4': [[get('uwv').size], ...UT.map((c) => [n(`uwv.${c}`)])],
    '3.5': pair('uwv', UT),
    '3.6': [
      [get('uwv').size, ...BG.map((b) => n(`uwv.bg.${b}`))],
      ...UT.map((t) => [n(`uwv.${t}`), ...BG.map((b) => n(`uwv.${t}`, `uwv.bg.${b}`))]),
    ],
    '3.7': PC.map((c) => [n(`pwet.${c}`), ...WC.map((w) => n(`pwet.${c}`, `wmo.${w}`))]),
    '3.8': UT.map((c) => [n(`uwv.${c}`), ...WC.map((w) => n(`uwv.${c}`, `wmo.${w}`))]),
    '3.9': BG.map((c) => [n(`uwv.bg.${c}`), ...WC.map((w) => n(`uwv.bg.${c}`, `wmo.${w}`))]),
    '3.10': [
      [null, ...UT.map((t) => n(`uwv.${t}`))],
      ...PC.map((c) => [n(`pwet.${c}`), ...UT.map((t) => n(`pwet.${c}`, `uwv.${t}`))]),
    ],
    '3.11': PC.map((c) => BG.map((b) => n(`pwet.${c}`, `uwv.bg.${b}`))),
    'F3.1': fig(['lt18', '18_27', '28_55', 'gt55', 'onbekend'], ageClass),
    'F3.2': fig(['man', 'vrouw', 'onbekend'], gender),
    'F3.3': fig(['laag', 'midden', 'hoog', 'onbekend'], education),
    'F3.4': [1, 2, 3, 4, 5].map((k) => [count(get('pwet'), 'pwet', PC, k)]),
    'F3.5': [1, 2, 3, 4, 5].map((k) => [count(get('uwv'), 'uwv', UT, k)]),
    '4.1': [[get('visueel').size, ...BG.map((b) => n('visueel', `uwv.bg.${b}`))]],
    'F4.1': [0, 1, 2, 3, 4, 5].map((k) => [count(get('visueel'), 'wmo', WC, k)]),
    '4.2': [[tolkPwet.size, ...PC.map((c) => n('tolk', `pwet.${c}`))]],
    'F4.3': [1, 2, 3, 4, 5].map((k) => [count(tolkPwet, 'pwet', PC, k)]),
    '4.3': [['jobcoach', 'meeneembaar', 'startkrediet', 'vervoer'].map((t) => n('tolk', `uwv.${t}`))],
    '4.4': [[tolkWmo.size, ...WC.map((w) => n('tolk', `wmo.${w}`))]],
    'F4.4': [1, 2, 3, 4, 5].map((k) => [count(tolkWmo, 'wmo', WC, k)]),
    '4.5': [[get('tolk').size, ...BG.map((b) => n('tolk', `uwv.bg.${b}`))]],
    A: [[get('lks').size, ...WC.map((w) => n('lks', `wmo.${w}`))]],
    B: [[get('lks').size, ...UT.map((t) => n('lks', `uwv.${t}`))]],
    C: [[get('lks').size, ...BG.map((b) => n('lks', `uwv.bg.${b}`))]],
  } as Record<string, (number | null)[][]>;
}
