import { z } from 'zod';

/**
 * The configuration file: every column name, code and category mapping lives here, not in code.
 * `schemas/default.config.json` describes the default layout of inputs.md.
 */

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');
export const PeriodConfigSchema = z
  .object({ start: isoDate, end: isoDate })
  .strict()
  .refine((p) => p.start <= p.end, { message: 'start must not be after end' });

const columnName = z.string().min(1, 'a column name may not be empty');

const keyColumns = { rinpersoons: columnName, rinpersoon: columnName };

/** Every source: its file-name prefix and whether it must be there. */
const sourceHeader = { prefix: z.string().min(1), required: z.boolean().default(true) };

/** A provision source with one row per person, code and period (long form). */
const codedSource = z
  .object({
    ...sourceHeader,
    columns: z.object({ ...keyColumns, code: columnName, begin: columnName, end: columnName }).strict(),
  })
  .strict();
const uwvSource = z
  .object({
    ...sourceHeader,
    columns: z
      .object({ ...keyColumns, type: columnName, background: columnName, product: columnName, begin: columnName, end: columnName })
      .strict(),
  })
  .strict();

/** Category targets: a category key of tables.md, or "ignore". */
const target = (cats: readonly [string, ...string[]]) => z.enum([...cats, 'ignore'] as [string, ...string[]]);

export const PWET_TARGETS = ['ondersteuning_werkplek', 'begeleiding_jobcoach', 'overig_faciliterend', 'vervoer', 'overig', 'lks'] as const;
export const WMO_TARGETS = ['huishouden', 'ondersteuning_thuis', 'hulpmiddelen_diensten', 'verblijf_opvang', 'overig'] as const;
export const UWV_TYPE_TARGETS = ['intermediair', 'jobcoach', 'meeneembaar', 'startkrediet', 'vervoer'] as const;
export const UWV_BACKGROUND_TARGETS = ['wajong', 'wajong_tot_2015', 'wao', 'waz', 'wga', 'onderwijs', 'tolk_wmo', 'tolk_pwet'] as const;

const codeMap = (cats: readonly [string, ...string[]]) =>
  z.record(z.string().min(1, 'a code may not be empty'), target(cats));

export const ConfigSchema = z
  .object({
    /** Analysis period P (inclusive). */
    period: PeriodConfigSchema.default({ start: '2017-01-01', end: '2022-12-31' }),
    /** Period P_bg of figures F3.1–F3.3; null = the same as `period`. */
    backgroundPeriod: PeriodConfigSchema.nullable().default(null),
    sources: z
      .object({
        gba: z
          .object({
            ...sourceHeader,
            columns: z
              .object({
                ...keyColumns,
                gender: columnName,
                birthYear: columnName,
                birthMonth: columnName,
                birthDay: columnName.optional(),
              })
              .strict(),
            genderCodes: z.record(z.string(), z.enum(['man', 'vrouw'])),
          })
          .strict(),
        education: z
          .object({
            ...sourceHeader,
            columns: z
              .object({
                ...keyColumns,
                /** Candidate names of the level variable, tried in order (files to 2018 use SOI-2016, later SOI-2021). */
                level: z.array(columnName).min(1),
              })
              .strict(),
            /** First digit of the 4-digit SOI code → level; anything else is "onbekend". */
            firstDigit: z.record(z.string().regex(/^\d$/), z.enum(['laag', 'midden', 'hoog'])),
          })
          .strict(),
        srg: codedSource,
        wmo: codedSource,
        uwv: uwvSource,
      })
      .strict(),
    codes: z
      .object({
        srg: codeMap(PWET_TARGETS),
        wmo: codeMap(WMO_TARGETS),
        uwvType: codeMap(UWV_TYPE_TARGETS),
        uwvBackground: codeMap(UWV_BACKGROUND_TARGETS),
        /** UWVPRODUCT codes that set the flags; any other product sets no flag. */
        tolkProducts: z.array(z.string().min(1)),
        visueelProducts: z.array(z.string().min(1)),
      })
      .strict(),
    disclosure: z
      .object({
        threshold: z.number().int().min(1).default(10),
        zeroUnsafe: z.boolean().default(false),
        safetyRange: z.number().min(0).max(1).default(0.3),
      })
      .strict()
      .default({ threshold: 10, zeroUnsafe: false, safetyRange: 0.3 }),
    /** Labels in the export: Dutch as published, or English. */
    language: z.enum(['nl', 'en']).default('nl'),
    /** On bad rows: stop (default) or set them aside in internal/quarantine and go on. */
    onBadRows: z.enum(['error', 'quarantine']).default('error'),
    duckdb: z
      .object({
        memoryLimit: z.string().regex(/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i).default('4GB'),
        threads: z.number().int().min(1).default(2),
        tempDirectory: z.string().nullable().default(null),
      })
      .strict()
      .default({ memoryLimit: '4GB', threads: 2, tempDirectory: null }),
    /** Output folders of exports already published (as `run --previous DIR`): the new export is protected jointly with them. */
    previous: z.array(z.string().min(1)).default([]),
  })
  .strict();

export type Config = z.infer<typeof ConfigSchema>;
export type ConfigInput = z.input<typeof ConfigSchema>;
