import type { ExportCell, ExportTable, ExportTables, Header } from '../../schemas/tablesJson.js';

/**
 * A realistic protected `ExportTables` with all 28 tables, for renderer tests and for looking at the
 * output. Magnitudes from synthetic/publishedTables.ts (the 2023 report, 2017–2022); cells
 * the report shows as `**` are `**` here too, plus a few more so every renderer meets suppression.
 * Hand-made: the numbers are plausible, not a consistent population.
 */

const S = '**' as const;
type C = ExportCell;

const h = (key: string, label: string): Header => ({ key, label });

const PWET: Header[] = [
  h('ondersteuning_werkplek', 'Ondersteuning op de werkplek *'),
  h('begeleiding_jobcoach', 'Begeleiding op werkkring/jobcoach ~'),
  h('overig_faciliterend', 'Overige faciliterende voorziening *'),
  h('vervoer', 'Vervoer'),
  h('overig', 'Overig'),
];
const UWV: Header[] = [
  h('intermediair', 'Intermediair'),
  h('jobcoach', 'Jobcoach'),
  h('meeneembaar', 'Meeneembare voorzieningen'),
  h('startkrediet', 'Startkrediet'),
  h('vervoer', 'Vervoer'),
];
const BG: Header[] = [
  h('wajong', 'Wajong'),
  h('wajong_tot_2015', 'Wajong (tot 2015)'),
  h('wao', 'WAO'),
  h('waz', 'WAZ'),
  h('wga', 'WGA'),
  h('onderwijs', 'Onderwijsvoorzieningen'),
  h('tolk_wmo', 'Tolk Wmo'),
  h('tolk_pwet', 'Tolk Pwet'),
];
const WMO: Header[] = [
  h('huishouden', 'Hulp bij het huishouden'),
  h('ondersteuning_thuis', 'Ondersteuning thuis'),
  h('hulpmiddelen_diensten', 'Hulpmiddelen en diensten'),
  h('verblijf_opvang', 'Verblijf en opvang'),
  h('overig', 'Overig'),
];
const TOTAL = h('total', 'Totaal');
const USERS = h('users', 'Aantal gebruikers');
const GROUPS: Header[] = [
  h('uwv_pwet', 'UWV & Pwet'),
  h('pwet_wmo', 'Pwet & Wmo'),
  h('uwv_wmo', 'UWV & Wmo'),
  h('uwv_pwet_wmo', 'UWV & Pwet & Wmo'),
];
const count = (from: number, to: number, word: [string, string]): Header[] =>
  Array.from({ length: to - from + 1 }, (_, i) => {
    const n = from + i;
    return h(`n${n}`, `${n} ${n === 1 ? word[0] : word[1]}`);
  });
const VOORZ: [string, string] = ['voorziening', 'voorzieningen'];

const P = '2017–2022';

function table(title: string, rows: Header[], columns: Header[], cells: C[][]): ExportTable {
  if (cells.length !== rows.length || cells.some((r) => r.length !== columns.length)) {
    throw new Error(`sampleExport: shape mismatch in "${title}"`);
  }
  return { title, rows, columns, cells };
}

/** A share figure: counts per class from the group total and shares; percentages derived, one decimal. */
function shares(title: string, classes: Header[], groups: { total: number; counts: C[] }[]): ExportTable {
  const cells: C[][] = groups.map((g) => [...g.counts, g.total]);
  const percentages = groups.map((g) => [
    ...g.counts.map((c) => (typeof c === 'number' ? Math.round((c / g.total) * 1000) / 10 : c === S ? S : null)),
    100,
  ]);
  return { ...table(title, GROUPS, [...classes, TOTAL], cells), percentages };
}

export function sampleExport(): ExportTables {
  return {
    period: { start: '2017-01-01', end: '2022-12-31' },
    backgroundPeriod: { start: '2017-01-01', end: '2021-12-31' },
    tables: {
      '3.0': table(
        `Aantal gebruikers van werkvoorzieningen en multigebruikers in de periode ${P}.`,
        [
          h('work', 'Gebruikers van een werkvoorziening (Pwet of UWV)'),
          h('multi', 'Multigebruikers (twee of meer domeinen)'),
          h('uwv_pwet_wmo', 'Gebruikers van UWV, Pwet én Wmo'),
        ],
        [USERS],
        [[133127], [38052], [425]],
      ),
      '3.1': table(
        `Aantal mensen dat gebruik heeft gemaakt van voorzieningen vanuit verschillende domeinen in de periode ${P}.`,
        [h('pwet', 'Pwet'), h('uwv', 'UWV'), h('wmo', 'Wmo (plus één of meerdere werkvoorzieningen)')],
        [TOTAL, h('pwet', 'Pwet'), h('uwv', 'UWV'), h('wmo', 'Wmo')],
        [
          [72512, null, 781, 18897],
          [61396, 781, null, 19801],
          [38273, 18897, 19801, null],
        ],
      ),
      'F3.1': shares(
        `Verdeling van de mensen die in de periode 2017–2021 gebruik hebben gemaakt van voorzieningen vanuit verschillende domeinen naar leeftijdscategorie.`,
        [
          h('lt18', 'jonger dan 18'),
          h('18_27', '18–27 jaar'),
          h('28_55', '28–55 jaar'),
          h('gt55', 'ouder dan 55'),
          h('onbekend', 'onbekend'),
        ],
        [
          { total: 702, counts: [12, 251, 380, 59, 0] },
          { total: 16853, counts: [147, 3320, 10987, 2381, 18] },
          { total: 17960, counts: [410, 3912, 10540, 3074, 24] },
          { total: 389, counts: [S, 88, 241, 52, S] },
        ],
      ),
      'F3.2': shares(
        `Verdeling van de mensen die in de periode 2017–2021 gebruik hebben gemaakt van voorzieningen vanuit verschillende domeinen naar geslacht.`,
        [h('man', 'man'), h('vrouw', 'vrouw'), h('onbekend', 'onbekend')],
        [
          { total: 702, counts: [267, 435, 0] },
          { total: 16853, counts: [7236, 9599, 18] },
          { total: 17960, counts: [7350, 10586, 24] },
          { total: 389, counts: [S, 237, S] },
        ],
      ),
      'F3.3': shares(
        `Verdeling van de mensen die in de periode 2017–2021 gebruik hebben gemaakt van voorzieningen vanuit verschillende domeinen naar opleidingsniveau.`,
        [
          h('laag', 'Laag opgeleid'),
          h('midden', 'Middelbaar opgeleid'),
          h('hoog', 'Hoog opgeleid'),
          h('onbekend', 'onbekend'),
        ],
        [
          { total: 702, counts: [259, 271, 72, 100] },
          { total: 16853, counts: [7821, 5649, 1013, 2370] },
          { total: 17960, counts: [7092, 5878, 2110, 2880] },
          { total: 389, counts: [140, 164, 37, 48] },
        ],
      ),
      '3.2': table(
        `Aantal mensen dat voorzieningen vanuit de Pwet heeft gebruikt in de periode ${P}.`,
        [h('total', 'Totaal aantal unieke gebruikers'), ...PWET],
        [USERS],
        [[72512], [26768], [3792], [10927], [20737], [19155]],
      ),
      'F3.4': table(
        `Aantal mensen dat één of meerdere voorzieningen van de Pwet heeft gebruikt in de periode ${P}.`,
        count(1, 5, VOORZ),
        [USERS],
        [[64200], [7420], [790], [S], [S]],
      ),
      '3.3': table(
        `Aantal mensen dat gebruik heeft gemaakt van combinaties van voorzieningen vanuit de Pwet in de periode ${P}.`,
        PWET,
        PWET,
        [
          [null, 2075, 989, 1500, 1213],
          [null, null, 81, 76, 250],
          [null, null, null, 1459, 814],
          [null, null, null, null, 1088],
          [null, null, null, null, null],
        ],
      ),
      '3.4': table(
        `Aantal mensen dat gebruik heeft gemaakt van voorzieningen van UWV in de periode ${P}, uitgesplitst naar type voorziening.`,
        [h('total', 'Totaal aantal unieke gebruikers'), ...UWV],
        [USERS],
        [[61396], [8227], [26306], [22304], [1032], [7137]],
      ),
      '3.5': table(
        `Aantal mensen dat gebruik heeft gemaakt van combinaties van typen voorzieningen van het UWV in de periode ${P}.`,
        UWV,
        UWV,
        [
          [null, 363, 249, S, 221],
          [null, null, 687, 26, 455],
          [null, null, null, 36, 1793],
          [null, null, null, null, 32],
          [null, null, null, null, null],
        ],
      ),
      '3.6': table(
        `Aantal gebruikers van voorzieningen door UWV per wettelijke achtergrond in de periode ${P}, uitgesplitst naar type voorziening.`,
        [TOTAL, ...UWV],
        [TOTAL, ...BG],
        [
          [61396, 16193, 14073, 1224, 114, 23580, 8747, 7501, 137],
          [8227, 310, 463, 118, 13, 2061, 947, 7501, 128],
          [26306, 14669, 12082, 219, S, 3443, S, S, S],
          [22304, 749, 905, 516, 47, 14713, 6257, S, S],
          [1032, 161, 111, 46, 30, 642, S, S, S],
          [7137, 846, 1306, 436, 24, 3971, 2140, S, S],
        ],
      ),
      'F3.5': table(
        `Aantal mensen dat één of meerdere voorzieningen van UWV heeft gebruikt in de periode ${P}.`,
        count(1, 5, VOORZ),
        [USERS],
        [[54005], [6900], [460], [31], [S]],
      ),
      '3.7': table(
        `Aantal mensen dat gebruik heeft gemaakt van Pwet-voorzieningen en Wmo-voorzieningen in de periode ${P}.`,
        PWET,
        [TOTAL, ...WMO],
        [
          [26768, 677, 6973, 771, 1825, 1460],
          [3792, 106, 1102, 133, 279, 273],
          [10927, 472, 2029, 380, 401, 355],
          [20737, 458, 2714, 564, 622, 436],
          [19155, 890, 3240, 799, 722, 1107],
        ],
      ),
      '3.8': table(
        `Aantal mensen dat gebruik heeft gemaakt van voorzieningen van UWV en voorzieningen vanuit de Wmo in de periode ${P}, uitgesplitst naar type voorziening.`,
        UWV,
        [TOTAL, ...WMO],
        [
          [8227, 723, 1641, 1052, 73, 228],
          [26306, 1214, 7889, 1000, 1431, 1564],
          [22304, 1150, 1089, 3687, 127, 354],
          [1032, 56, 131, 51, 33, 36],
          [7137, 1325, 1098, 3612, 178, 398],
        ],
      ),
      '3.9': table(
        `Aantal mensen dat gebruik heeft gemaakt van voorzieningen door UWV verstrekt en voorzieningen vanuit de Wmo in de periode ${P}, uitgesplitst naar wettelijke achtergrond.`,
        BG,
        [TOTAL, ...WMO],
        [
          [16193, 744, 4837, 999, 1090, 1000],
          [14073, 802, 3105, 611, 1182, 905],
          [1224, 201, 157, 352, 19, 56],
          [114, 11, 11, 18, 0, 0],
          [23580, 1702, 2192, 2971, 277, 601],
          [8747, 249, 669, 2708, 110, 187],
          [7501, 681, 1580, 917, 65, 208],
          [137, S, 43, S, S, S],
        ],
      ),
      '3.10': table(
        `Aantal mensen dat gebruik heeft gemaakt van Pwet-voorzieningen én UWV-voorzieningen in de periode ${P}.`,
        [TOTAL, ...PWET],
        [TOTAL, ...UWV],
        [
          [null, 8227, 26306, 22304, 1032, 7137],
          [26768, 120, 225, 137, S, 117],
          [3792, 24, 26, 26, S, 12],
          [10927, 17, 14, 30, S, 19],
          [20737, 11, 15, 24, S, 49],
          [19155, 34, 33, 38, S, 24],
        ],
      ),
      '3.11': table(
        `Aantal mensen dat gebruik heeft gemaakt van Pwet-voorzieningen met de wettelijke achtergrond van UWV in de periode ${P}.`,
        PWET,
        BG,
        [
          [81, 49, S, 0, 356, 68, 109, 25],
          [S, S, S, 0, 60, S, 23, S],
          [S, S, 0, 0, 46, 12, 16, S],
          [10, S, S, 0, 63, 20, 10, S],
          [15, S, S, 0, 74, 12, 34, S],
        ],
      ),
      '4.1': table(
        `Aantal mensen dat gebruik heeft gemaakt van UWV-voorzieningen voor mensen met een visuele beperking in de periode ${P}, uitgesplitst naar wettelijke achtergrond.`,
        [h('visueel', 'Aantal gebruikers dat tevens voorzieningen gebruikt gericht op visuele beperking')],
        [TOTAL, ...BG],
        [[1609, 206, 260, 48, S, 813, 660, S, 0]],
      ),
      'F4.1': table(
        `Aantal mensen dat naast voorzieningen gericht op visuele beperkingen ook één of meerdere voorzieningen van de Wmo heeft gehad in de periode ${P}.`,
        count(0, 5, VOORZ),
        [USERS],
        [[1020], [390], [140], [45], [12], [S]],
      ),
      '4.2': table(
        `Aantal mensen dat naast een tolkenvoorziening ook werkvoorzieningen vanuit de Pwet heeft gebruikt in de periode ${P}, uitgesplitst naar type Pwet-voorziening.`,
        [h('tolk', 'Aantal gebruikers van de tolkenvoorziening')],
        [
          h('total', 'Totaal aantal gebruikers tolkenvoorziening dat ook voorzieningen vanuit de Pwet gebruikte'),
          ...PWET,
        ],
        [[161, 116, 24, 17, 11, 34]],
      ),
      'F4.3': table(
        `Aantal mensen dat één of meerdere voorzieningen vanuit de Pwet hebben gebruikt in de periode ${P}, die tevens een tolkenvoorziening gebruiken.`,
        count(1, 5, VOORZ),
        [USERS],
        [[140], [17], [S], [S], [0]],
      ),
      '4.3': table(
        `Aantal mensen dat gebruik heeft gemaakt van een tolkenvoorziening van UWV en andere voorzieningen van UWV in de periode ${P}, uitgesplitst naar type voorziening van het UWV.`,
        [h('tolk', 'Aantal gebruikers van de tolkenvoorziening')],
        UWV.filter((c) => c.key !== 'intermediair'),
        [[350, 139, S, 35]],
      ),
      '4.4': table(
        `Aantal mensen dat gebruik heeft gemaakt van een tolkenvoorziening van UWV en voorzieningen vanuit de Wmo in de periode ${P}, uitgesplitst naar type Wmo-voorziening.`,
        [h('tolk', 'Aantal gebruikers van de tolkenvoorziening')],
        [
          h('total', 'Totaal aantal gebruikers tolkenvoorziening dat ook voorzieningen vanuit de Wmo gebruikte'),
          ...WMO,
        ],
        [[2228, 625, 1490, 828, 66, 194]],
      ),
      'F4.4': table(
        `Aantal mensen dat één of meerdere voorzieningen vanuit de Wmo hebben gebruikt in de periode ${P}, die tevens een tolkenvoorziening gebruiken.`,
        count(1, 5, VOORZ),
        [USERS],
        [[1210], [690], [270], [52], [S]],
      ),
      '4.5': table(
        `Aantal mensen dat gebruik heeft gemaakt van de tolkenvoorziening in de periode ${P}, uitgesplitst naar wettelijke achtergrond.`,
        [h('tolk', 'Aantal gebruikers van de tolkenvoorziening')],
        [TOTAL, ...BG],
        [[7728, 329, 473, 108, 12, 1936, 889, 7283, 125]],
      ),
      A: table(
        `Aantal mensen dat gebruik maakte van LKS en Wmo-voorzieningen in de periode ${P}.`,
        [h('lks', 'Loonkostensubsidie')],
        [TOTAL, ...WMO],
        [[54907, 1307, 12272, 1660, 3222, 2941]],
      ),
      B: table(
        `Aantal mensen dat gebruik heeft gemaakt van LKS en UWV-voorzieningen in de periode ${P}, uitgesplitst naar type voorziening.`,
        [h('lks', 'Loonkostensubsidie')],
        [TOTAL, ...UWV],
        [[54907, 209, 348, 296, S, 257]],
      ),
      C: table(
        `Aantal mensen dat gebruik heeft gemaakt van LKS en UWV-voorzieningen in de periode ${P}, uitgesplitst naar wettelijke achtergrond.`,
        [h('lks', 'Loonkostensubsidie')],
        [TOTAL, ...BG],
        [[54907, 112, 64, 17, S, 747, 142, 189, 37]],
      ),
    },
  };
}
