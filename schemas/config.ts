import { z } from 'zod';
import { DIMENSIONS, PWET_CATS, UWV_BACKGROUNDS, UWV_TYPES, WMO_CATS } from '../model/personSets.js';
import { TableSpecSchema } from '../model/tablesFile.js';
import { DEFAULT_DISCLOSURE_PARAMS as D } from '../model/disclosureParams.js';

/**
 * The configuration file: every column name, code and category mapping lives here, not in code.
 * `schemas/default.config.json` describes the default layout of docs/spec/inputs.md.
 */

/** Periods must lie within these years (the register data start in the 1990s; a typo like 2107 is caught). */
export const FIRST_YEAR = 1980;
export const LAST_YEAR = 2099;

/** Whether `text` is a real calendar date YYYY-MM-DD (2017-02-30 is not). */
function isRealDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
  .refine(isRealDate, { message: 'not a real date (YYYY-MM-DD)' })
  .refine((d) => Number(d.slice(0, 4)) >= FIRST_YEAR && Number(d.slice(0, 4)) <= LAST_YEAR, {
    message: `a period must lie within ${FIRST_YEAR}-01-01..${LAST_YEAR}-12-31`,
  });
const PeriodConfigSchema = z
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
/**
 * SRG may come wide (docs/spec/inputs.md): one period row per person with a count column per provision type. `wide.columns`
 * maps each count column of the file to the SRG code it stands for (then `columns.code` is not read); the reader
 * turns every count above zero into one long-form row with that code, keeping the file's row number.
 */
const srgSource = codedSource.extend({
  wide: z
    .object({
      columns: z
        .record(columnName, z.string().min(1, 'a code may not be empty'))
        .refine((m) => Object.keys(m).length > 0, 'declare at least one count column'),
    })
    .strict()
    .optional(),
});
const uwvSource = z
  .object({
    ...sourceHeader,
    columns: z
      .object({
        ...keyColumns,
        type: columnName,
        background: columnName,
        product: columnName,
        begin: columnName,
        end: columnName,
      })
      .strict(),
  })
  .strict();

/** Category targets: a category key of docs/spec/tables.md, or "ignore". */
const target = (cats: readonly [string, ...string[]]) => z.enum([...cats, 'ignore'] as [string, ...string[]]);

type Keys = readonly [string, ...string[]];
/**
 * The category lists of model/tables.json (SRG codes may also mean loonkostensubsidie).
 * @internal exported for its test (and only used there)
 */
export const PWET_TARGETS = [...PWET_CATS, 'lks'] as unknown as Keys;
/** @internal exported for its test (and only used there) */
export const WMO_TARGETS = WMO_CATS as unknown as Keys;
/** @internal exported for its test (and only used there) */
export const UWV_TYPE_TARGETS = UWV_TYPES as unknown as Keys;
/** @internal exported for its test (and only used there) */
export const UWV_BACKGROUND_TARGETS = UWV_BACKGROUNDS as unknown as Keys;
/** Known classes of a background dimension (model/tables.json), without "onbekend" (what no code maps to). */
const known = (dim: 'gender' | 'education') =>
  DIMENSIONS[dim].map(([k]) => k).filter((k) => k !== 'onbekend') as unknown as Keys;

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
            genderCodes: z.record(z.string(), z.enum(known('gender'))),
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
            firstDigit: z.record(z.string().regex(/^\d$/), z.enum(known('education'))),
          })
          .strict(),
        srg: srgSource,
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
        threshold: z.number().int().min(1).default(D.threshold),
        zeroUnsafe: z.boolean().default(D.zeroUnsafe),
        safetyRange: z.number().min(0).max(1).default(D.safetyRange),
      })
      .strict()
      .default({ ...D }),
    /**
     * Which tables are published: the shipped ones of model/tables.json (all, or those matching `keep`, minus `drop`;
     * ids, `*` matches any text) and the tables and figures `add` declares in the same form. All are protected jointly.
     */
    tables: z
      .object({
        add: z.array(TableSpecSchema).default([]),
        keep: z.array(z.string().min(1)).optional(),
        drop: z.array(z.string().min(1)).default([]),
      })
      .strict()
      .optional(),
    /** Labels in the export: Dutch as published, or English. */
    language: z.enum(['nl', 'en']).default('nl'),
    /** On bad rows: stop (default) or set them aside in internal/quarantine and go on. */
    onBadRows: z.enum(['error', 'quarantine']).default('error'),
    /** A source file without data rows: stop (default) or warn and go on (--allow-empty). */
    allowEmpty: z.boolean().default(false),
    duckdb: z
      .object({
        memoryLimit: z
          .string()
          .regex(/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i)
          .default('4GB'),
        threads: z.number().int().min(1).max(256).default(2),
        tempDirectory: z.string().min(1).nullable().default(null),
      })
      .strict()
      .default({ memoryLimit: '4GB', threads: 2, tempDirectory: null }),
    /** Output folders of exports already published (as `run --previous DIR`): the new export is protected jointly with them. */
    previous: z.array(z.string().min(1)).default([]),
  })
  .strict();

export type Config = z.infer<typeof ConfigSchema>;
