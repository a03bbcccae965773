/**
 * The cells published in the 2023 report (real population 2017–2022), transcribed once from the report's tables
 * (this literal is the repository's only copy): the calibration targets of the synthetic generator. Keys as in
 * docs/spec/tables.md; cells published as `**` (1–9)
 * and the garbled row "Wajong (tot 2015)" of table 3.9 are absent. `shares` holds the published gender and
 * education shares of figures F3.2 and F3.3 (fractions of the persons with a known value).
 */
export interface PublishedTables {
  tables: Record<string, Record<string, Record<string, number>>>;
  shares: Record<string, Record<string, Record<string, number>>>;
}

export const PUBLISHED_TABLES: PublishedTables = {
  tables: {
    '3.1': {
      pwet: {
        total: 72512,
        uwv: 781,
        wmo: 18897,
      },
      uwv: {
        pwet: 781,
        total: 61396,
        wmo: 19801,
      },
      wmo: {
        pwet: 18897,
        total: 38273,
        uwv: 19801,
      },
    },
    '3.10': {
      begeleiding_jobcoach: {
        intermediair: 24,
        jobcoach: 26,
        meeneembaar: 26,
        total: 3792,
        vervoer: 12,
      },
      ondersteuning_werkplek: {
        intermediair: 120,
        jobcoach: 225,
        meeneembaar: 137,
        total: 26768,
        vervoer: 117,
      },
      overig: {
        intermediair: 34,
        jobcoach: 33,
        meeneembaar: 38,
        total: 19155,
        vervoer: 24,
      },
      overig_faciliterend: {
        intermediair: 17,
        jobcoach: 14,
        meeneembaar: 30,
        total: 10927,
        vervoer: 19,
      },
      total: {
        intermediair: 8227,
        jobcoach: 26306,
        meeneembaar: 22304,
        startkrediet: 1032,
        vervoer: 7137,
      },
      vervoer: {
        intermediair: 11,
        jobcoach: 15,
        meeneembaar: 24,
        total: 20737,
        vervoer: 49,
      },
    },
    '3.11': {
      begeleiding_jobcoach: {
        tolk_wmo: 23,
        wga: 60,
      },
      ondersteuning_werkplek: {
        onderwijs: 68,
        tolk_pwet: 25,
        tolk_wmo: 109,
        wajong: 81,
        wajong_tot_2015: 49,
        wga: 356,
      },
      overig: {
        onderwijs: 12,
        tolk_wmo: 34,
        wajong: 15,
        wga: 74,
      },
      overig_faciliterend: {
        onderwijs: 12,
        tolk_wmo: 16,
        wga: 46,
      },
      vervoer: {
        onderwijs: 20,
        tolk_wmo: 10,
        wajong: 10,
        wga: 63,
      },
    },
    '3.2': {
      begeleiding_jobcoach: {
        users: 3792,
      },
      ondersteuning_werkplek: {
        users: 26768,
      },
      overig: {
        users: 19155,
      },
      overig_faciliterend: {
        users: 10927,
      },
      total: {
        users: 72512,
      },
      vervoer: {
        users: 20737,
      },
    },
    '3.3': {
      begeleiding_jobcoach: {
        overig: 250,
        overig_faciliterend: 81,
        vervoer: 76,
      },
      ondersteuning_werkplek: {
        begeleiding_jobcoach: 2075,
        overig: 1213,
        overig_faciliterend: 989,
        vervoer: 1500,
      },
      overig_faciliterend: {
        overig: 814,
        vervoer: 1459,
      },
      vervoer: {
        overig: 1088,
      },
    },
    '3.4': {
      intermediair: {
        users: 8227,
      },
      jobcoach: {
        users: 26306,
      },
      meeneembaar: {
        users: 22304,
      },
      startkrediet: {
        users: 1032,
      },
      total: {
        users: 61396,
      },
      vervoer: {
        users: 7137,
      },
    },
    '3.5': {
      intermediair: {
        jobcoach: 363,
        meeneembaar: 249,
        vervoer: 221,
      },
      jobcoach: {
        meeneembaar: 687,
        startkrediet: 26,
        vervoer: 455,
      },
      meeneembaar: {
        startkrediet: 36,
        vervoer: 1793,
      },
      startkrediet: {
        vervoer: 32,
      },
    },
    '3.6': {
      intermediair: {
        onderwijs: 947,
        tolk_pwet: 128,
        tolk_wmo: 7501,
        total: 8227,
        wajong: 310,
        wajong_tot_2015: 463,
        wao: 118,
        waz: 13,
        wga: 2061,
      },
      jobcoach: {
        total: 26306,
        wajong: 14669,
        wajong_tot_2015: 12082,
        wao: 219,
        wga: 3443,
      },
      meeneembaar: {
        onderwijs: 6257,
        total: 22304,
        wajong: 749,
        wajong_tot_2015: 905,
        wao: 516,
        waz: 47,
        wga: 14713,
      },
      startkrediet: {
        total: 1032,
        wajong: 161,
        wajong_tot_2015: 111,
        wao: 46,
        waz: 30,
        wga: 642,
      },
      total: {
        onderwijs: 8747,
        tolk_pwet: 137,
        tolk_wmo: 7501,
        total: 61396,
        wajong: 16193,
        wajong_tot_2015: 14073,
        wao: 1224,
        waz: 114,
        wga: 23580,
      },
      vervoer: {
        onderwijs: 2140,
        total: 7137,
        wajong: 846,
        wajong_tot_2015: 1306,
        wao: 436,
        waz: 24,
        wga: 3971,
      },
    },
    '3.7': {
      begeleiding_jobcoach: {
        huishouden: 106,
        hulpmiddelen_diensten: 133,
        ondersteuning_thuis: 1102,
        overig: 273,
        total: 3792,
        verblijf_opvang: 279,
      },
      ondersteuning_werkplek: {
        huishouden: 677,
        hulpmiddelen_diensten: 771,
        ondersteuning_thuis: 6973,
        overig: 1460,
        total: 26768,
        verblijf_opvang: 1825,
      },
      overig: {
        huishouden: 890,
        hulpmiddelen_diensten: 799,
        ondersteuning_thuis: 3240,
        overig: 1107,
        total: 19155,
        verblijf_opvang: 722,
      },
      overig_faciliterend: {
        huishouden: 472,
        hulpmiddelen_diensten: 380,
        ondersteuning_thuis: 2029,
        overig: 355,
        total: 10927,
        verblijf_opvang: 401,
      },
      vervoer: {
        huishouden: 458,
        hulpmiddelen_diensten: 564,
        ondersteuning_thuis: 2714,
        overig: 436,
        total: 20737,
        verblijf_opvang: 622,
      },
    },
    '3.8': {
      intermediair: {
        huishouden: 723,
        hulpmiddelen_diensten: 1052,
        ondersteuning_thuis: 1641,
        overig: 228,
        total: 8227,
        verblijf_opvang: 73,
      },
      jobcoach: {
        huishouden: 1214,
        hulpmiddelen_diensten: 1000,
        ondersteuning_thuis: 7889,
        overig: 1564,
        total: 26306,
        verblijf_opvang: 1431,
      },
      meeneembaar: {
        huishouden: 1150,
        hulpmiddelen_diensten: 3687,
        ondersteuning_thuis: 1089,
        overig: 354,
        total: 22304,
        verblijf_opvang: 127,
      },
      startkrediet: {
        huishouden: 56,
        hulpmiddelen_diensten: 51,
        ondersteuning_thuis: 131,
        overig: 36,
        total: 1032,
        verblijf_opvang: 33,
      },
      vervoer: {
        huishouden: 1325,
        hulpmiddelen_diensten: 3612,
        ondersteuning_thuis: 1098,
        overig: 398,
        total: 7137,
        verblijf_opvang: 178,
      },
    },
    '3.9': {
      onderwijs: {
        huishouden: 249,
        hulpmiddelen_diensten: 2708,
        ondersteuning_thuis: 669,
        overig: 187,
        total: 8747,
        verblijf_opvang: 110,
      },
      tolk_pwet: {
        ondersteuning_thuis: 43,
        total: 137,
      },
      tolk_wmo: {
        huishouden: 681,
        hulpmiddelen_diensten: 917,
        ondersteuning_thuis: 1580,
        overig: 208,
        total: 7501,
        verblijf_opvang: 65,
      },
      wajong: {
        huishouden: 744,
        hulpmiddelen_diensten: 999,
        ondersteuning_thuis: 4837,
        overig: 1000,
        total: 16193,
        verblijf_opvang: 1090,
      },
      wao: {
        huishouden: 201,
        hulpmiddelen_diensten: 352,
        ondersteuning_thuis: 157,
        overig: 56,
        total: 1224,
        verblijf_opvang: 19,
      },
      waz: {
        huishouden: 11,
        hulpmiddelen_diensten: 18,
        ondersteuning_thuis: 11,
        overig: 0,
        total: 114,
        verblijf_opvang: 0,
      },
      wga: {
        huishouden: 1702,
        hulpmiddelen_diensten: 2971,
        ondersteuning_thuis: 2192,
        overig: 601,
        total: 23580,
        verblijf_opvang: 277,
      },
    },
    '4.1': {
      visueel: {
        onderwijs: 660,
        total: 1609,
        wajong: 206,
        wajong_tot_2015: 260,
        wao: 48,
        wga: 813,
      },
    },
    '4.2': {
      tolk: {
        begeleiding_jobcoach: 24,
        ondersteuning_werkplek: 116,
        overig: 34,
        overig_faciliterend: 17,
        total: 161,
        vervoer: 11,
      },
    },
    '4.3': {
      tolk: {
        jobcoach: 350,
        meeneembaar: 139,
        vervoer: 35,
      },
    },
    '4.4': {
      tolk: {
        huishouden: 625,
        hulpmiddelen_diensten: 828,
        ondersteuning_thuis: 1490,
        overig: 194,
        total: 2228,
        verblijf_opvang: 66,
      },
    },
    '4.5': {
      tolk: {
        onderwijs: 889,
        tolk_pwet: 125,
        tolk_wmo: 7283,
        total: 7728,
        wajong: 329,
        wajong_tot_2015: 473,
        wao: 108,
        waz: 12,
        wga: 1936,
      },
    },
    A: {
      lks: {
        huishouden: 1307,
        hulpmiddelen_diensten: 1660,
        ondersteuning_thuis: 12272,
        overig: 2941,
        total: 54907,
        verblijf_opvang: 3222,
      },
    },
    B: {
      lks: {
        intermediair: 209,
        jobcoach: 348,
        meeneembaar: 296,
        total: 54907,
        vervoer: 257,
      },
    },
    C: {
      lks: {
        onderwijs: 142,
        tolk_pwet: 37,
        tolk_wmo: 189,
        total: 54907,
        wajong: 112,
        wajong_tot_2015: 64,
        wao: 17,
        wga: 747,
      },
    },
  },
  shares: {
    'F3.2': {
      uwv_pwet: {
        man: 0.38,
        vrouw: 0.62,
      },
      pwet_wmo: {
        man: 0.43,
        vrouw: 0.57,
      },
      uwv_wmo: {
        man: 0.41,
        vrouw: 0.59,
      },
      uwv_pwet_wmo: {
        man: 0.39,
        vrouw: 0.61,
      },
    },
    'F3.3': {
      uwv_pwet: {
        laag: 0.43,
        midden: 0.45,
        hoog: 0.12,
      },
      pwet_wmo: {
        laag: 0.54,
        midden: 0.39,
        hoog: 0.07,
      },
      uwv_wmo: {
        laag: 0.47,
        midden: 0.39,
        hoog: 0.14,
      },
      uwv_pwet_wmo: {
        laag: 0.41,
        midden: 0.48,
        hoog: 0.11,
      },
    },
  },
};
