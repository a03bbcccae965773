import { csv } from './runOnFolder.js';

/**
 * A hand-checked fixture: every trait below was worked out by hand from docs/spec/tables.md.
 * R1: Pwet 30 (2019) and 12 (from 2017, open), UWV jobcoach/Wajong on exactly 2017-01-01, Wmo 01 → in all three.
 * R2 (key written unpadded "2"): Pwet 57 starting exactly on 2022-12-31.  R3: LKS only.  R4: ignored SRG code only.
 * R5: Pwet record in 2016 only (outside P).  R6: UWV vervoer/WGA ending exactly 2017-01-01.
 * R7: UWV intermediair/Tolk Wmo with a sign-language product, Wmo "2" (= 02).  B1: same number as R1 under RINPERSOONS B,
 * a visual aid under WAO.  R9: Wmo only (never counted).
 */
export const GOLDEN_FILES = {
  'PWETSRGVOORZIENINGTAB.csv': csv('RINPERSOONS,RINPERSOON,SRGVOORZIENING,SRGDATUMAANVANG,SRGDATUMEINDE', [
    ['R', '000000001', '30', '20190101', '20191231'],
    ['R', '000000001', '12', '20170101', ''],
    ['R', '2', '57', '2022-12-31', ''],
    ['R', '000000003', '40', '20180101', '20181231'],
    ['R', '000000004', '23', '20180101', '20181231'],
    ['R', '000000005', '30', '20160101', '20161231'],
    ['R', '000000001', '12', '20170101', ''],
  ]),
  'UWVVOORZIENING.csv': csv(
    'RINPERSOONS,RINPERSOON,UWVSOORTVOORZIENING,UWVWETTELIJKEACHTERGROND,UWVPRODUCT,UWVDATUMAANVANG,UWVDATUMEINDE',
    [
      ['R', '000000001', 'JOBCOACH', 'WAJONG', 'JOBCOACH_EXTERN', '20170101', '20170101'],
      ['R', '000000006', 'VERVOER', 'WGA', 'TAXI', '20161231', '20170101'],
      ['R', '000000007', 'INTERMEDIAIR', 'TOLK_WMO', 'TOLK_GEBAREN', '20200101', ''],
      ['B', '000000001', 'MEENEEMBAAR', 'WAO', 'BRAILLELEESREGEL', '20200101', ''],
    ],
  ),
  'WMO2019BUSV1.csv': csv('RINPERSOONS,RINPERSOON,WMOTYPEMAATWERKARRANGEMENT,WMODATUMAANVANG,WMODATUMEINDE', [
    ['R', '000000001', '01', '20190101', '20190601'],
    ['R', '000000007', '2', '20190101', ''],
    ['R', '000000009', '13', '20190101', ''],
  ]),
  'GBAPERSOON2022TABV1.csv': csv('RINPERSOONS,RINPERSOON,GBAGESLACHT,GBAGEBOORTEJAAR,GBAGEBOORTEMAAND,GBAGEBOORTEDAG', [
    ['R', '000000001', '1', '1990', '05', '--'],
    ['R', '000000002', '2', '2000', '--', '--'],
    ['R', '000000007', '2', '1960', '12', '01'],
    ['R', '000000010', '1', '1950', '01', '01'],
  ]),
  'HOOGSTEOPL2019TABV1.csv': csv('RINPERSOONS,RINPERSOON,OPLNIVSOI2021AGG4HBmetNIRWO', [
    ['R', '000000001', '2111'],
    ['R', '000000007', '----'],
  ]),
  'HOOGSTEOPL2016TABV1.csv': csv('RINPERSOONS,RINPERSOON,OPLNIVSOI2016AGG4HBMETNIRWO', [['R', '000000007', '3111']]),
  'HOOGSTEOPL2023TABV1.csv': csv('RINPERSOONS,RINPERSOON,OPLNIVSOI2021AGG4HBmetNIRWO', [['R', '000000001', '3111']]),
};
