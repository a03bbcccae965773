import { z } from 'zod';

/** The shape of `internal/tables.json` and `export/tables.json` (docs/spec/outputs.md). */

export const SUPPRESSED = '**' as const;

const HeaderSchema = z.object({ key: z.string(), label: z.string() });
export type Header = z.infer<typeof HeaderSchema>;

export const PeriodSchema = z.object({
  start: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  end: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});
export type Period = z.infer<typeof PeriodSchema>;

const count = z.number().int().nonnegative();

const InternalTableSchema = z.object({
  title: z.string(),
  rows: z.array(HeaderSchema),
  columns: z.array(HeaderSchema),
  cells: z.array(z.array(count.nullable())),
  /** Set when rows were quarantined: how many input rows were set aside. */
  note: z.string().optional(),
});
export type InternalTable = z.infer<typeof InternalTableSchema>;

/** @internal exported for its test (and only used there) */
export const ExportCellSchema = z.union([count, z.literal(SUPPRESSED), z.null()]);
export type ExportCell = z.infer<typeof ExportCellSchema>;

const ExportTableSchema = z.object({
  title: z.string(),
  rows: z.array(HeaderSchema),
  columns: z.array(HeaderSchema),
  cells: z.array(z.array(ExportCellSchema)),
  note: z.string().optional(),
  /** Figures F3.1–F3.3 only: percentage of the row's group total, one decimal; "**" where not publishable. */
  percentages: z.array(z.array(z.union([z.number(), z.literal(SUPPRESSED), z.null()]))).optional(),
});
export type ExportTable = z.infer<typeof ExportTableSchema>;

export const InternalTablesSchema = z.object({
  period: PeriodSchema,
  backgroundPeriod: PeriodSchema.optional(),
  tables: z.record(z.string(), InternalTableSchema),
});
export type InternalTables = z.infer<typeof InternalTablesSchema>;

export const ExportTablesSchema = z.object({
  period: PeriodSchema,
  backgroundPeriod: PeriodSchema.optional(),
  tables: z.record(z.string(), ExportTableSchema),
});
export type ExportTables = z.infer<typeof ExportTablesSchema>;
