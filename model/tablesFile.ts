import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { messages } from '../core/messages.js';
import { InternalError } from '../core/errors.js';
import { packageRoot } from '../core/packageRoot.js';

/**
 * The shape of `model/tables.json` (the shipped tables and figures, their category lists and their labels) and of
 * the tables a config adds (`tables.add`): one zod schema for both, so a user table is declared exactly like a
 * shipped one. The declarations are expanded into `TableDeclaration`s by `model/tableDeclarations.ts`.
 */

/** A title in one language: a missing one is named plainly ("title.en is missing: …"), not as a type error. */
const titleText = (lang: 'nl' | 'en') =>
  z
    .string({ error: (iss) => (iss.input === undefined ? messages.tableTitleMissing(lang) : undefined) })
    .min(1, messages.tableTitleMissing(lang));

const LabelSchema = z.object({ nl: z.string().min(1), en: z.string().min(1).optional() }).strict();
export type Label = z.infer<typeof LabelSchema>;

const CellTermSchema = z.union([
  z.object({ set: z.string().min(1) }).strict(),
  z.object({ dim: z.enum(['age', 'gender', 'education']), value: z.string().min(1) }).strict(),
  z.object({ countOf: z.enum(['pwet', 'uwv', 'wmo']), n: z.number().int().min(0) }).strict(),
  z.object({ atLeast: z.number().int().min(1), of: z.array(z.string().min(1)).min(1) }).strict(),
]);

const overrides = {
  key: z
    .string()
    .regex(/^[A-Za-z0-9_]+$/, 'a key is letters, digits and _')
    .optional(),
  label: LabelSchema.optional(),
};

/** One entry of `rows` or `columns`; see the `_comment` of model/tables.json. */
const AxisItemSchema = z.union([
  z.string().min(1),
  z.object({ ref: z.string().min(1), ...overrides }).strict(),
  z.object({ each: z.string().min(1) }).strict(),
  z
    .object({ count: z.enum(['pwet', 'uwv', 'wmo']), from: z.number().int().min(0), to: z.number().int().min(0) })
    .strict(),
  z.object({ count: z.enum(['pwet', 'uwv', 'wmo']), n: z.number().int().min(0), ...overrides }).strict(),
  z
    .object({
      key: z.string().regex(/^[A-Za-z0-9_]+$/, 'a key is letters, digits and _'),
      label: LabelSchema,
      terms: z.array(CellTermSchema),
    })
    .strict(),
]);
export type AxisItem = z.infer<typeof AxisItemSchema>;

export const TableSpecSchema = z
  .object({
    id: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'an id is letters, digits, ".", "_" or "-" (it becomes a file name)'),
    /** Published order (tables sort by it; without one a table comes after the shipped ones, in declaration order). */
    order: z.number().optional(),
    kind: z.enum(['table', 'figure']),
    /** Figures only: "bars" (a bar per row of the first column) or "share" (100 % stacked bars of the row's total). */
    chart: z.enum(['bars', 'share']).optional(),
    // a missing title is the likeliest slip of a user table: say so plainly, naming the language
    title: z.object({ nl: titleText('nl'), en: titleText('en') }).strict(),
    basis: z.enum(['period', 'background']).default('period'),
    base: z.array(CellTermSchema).default([]),
    rows: z.array(AxisItemSchema),
    columns: z.array(AxisItemSchema),
    cells: z.enum(['all', 'offDiagonal', 'aboveDiagonal', 'noCorner']).default('all'),
  })
  .strict();
export type TableSpec = z.infer<typeof TableSpecSchema>;

const CategorySchema = z
  .object({ key: z.string().min(1), label: LabelSchema, terms: z.array(CellTermSchema).optional() })
  .strict();

const TablesFileSchema = z
  .object({
    _comment: z.string().optional(),
    categories: z.record(
      z.string(),
      z
        .object({
          setPrefix: z.string().optional(),
          dimension: z.boolean().optional(),
          items: z.array(CategorySchema).min(1),
        })
        .strict(),
    ),
    counts: z
      .object({
        pwet: z.string(),
        uwv: z.string(),
        wmo: z.string(),
        label: z.object({ nl: z.tuple([z.string(), z.string()]), en: z.tuple([z.string(), z.string()]) }).strict(),
      })
      .strict(),
    axes: z.record(
      z.string(),
      z.object({ label: LabelSchema, terms: z.array(CellTermSchema), population: z.boolean().optional() }).strict(),
    ),
    tables: z.array(TableSpecSchema),
  })
  .strict();
export type TablesFile = z.infer<typeof TablesFileSchema>;

let cached: TablesFile | undefined;

/** model/tables.json, validated (a fault there is a fault of the program: exit 2). */
export function shippedTablesFile(): TablesFile {
  if (cached) return cached;
  const path = join(packageRoot(), 'model', 'tables.json');
  const parsed = TablesFileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new InternalError(`${path}, field ${i.path.join('.')}: ${i.message}`);
  }
  cached = parsed.data;
  return cached;
}

/** The keys of a category list of model/tables.json, in order (pwet, uwvType, uwvBackground, wmo, groups, age, …). */
export function categoryKeys(list: string): string[] {
  const c = shippedTablesFile().categories[list];
  if (!c) throw new InternalError(`model/tables.json has no category list ${list}`);
  return c.items.map((i) => i.key);
}
