import { InputError } from './errors.js';
import { messages } from './messages.js';

/**
 * DuckDB errors, translated in ONE place by their exception type, never by the prose of the message. DuckDB's
 * node API throws a plain Error whose message starts with the exception type's name followed by " Error: "
 * (C++ `Exception::ExceptionTypeToString`); that name is the only part of the message read here.
 */

/** DuckDB's exception types (the names it prints). */
const DUCKDB_ERROR_TYPES = [
  'Invalid',
  'Out of Range',
  'Conversion',
  'Unknown Type',
  'Decimal',
  'Mismatch Type',
  'Divide by Zero',
  'Object Size',
  'Invalid type',
  'Serialization',
  'TransactionContext',
  'Not implemented',
  'Expression',
  'Catalog',
  'Parser',
  'Binder',
  'Planner',
  'Scheduler',
  'Executor',
  'Constraint',
  'Index',
  'Stat',
  'Connection',
  'Syntax',
  'Settings',
  'Optimizer',
  'NullPointer',
  'IO',
  'INTERRUPT',
  'FATAL',
  'INTERNAL',
  'Invalid Input',
  'Out of Memory',
  'Permission',
  'Parameter Not Resolved',
  'Parameter Not Allowed',
  'Dependency',
  'HTTP',
  'Missing Extension',
  'Auto-load',
  'Sequence',
  'INVALID_CONFIGURATION',
] as const;
type DuckDBErrorType = (typeof DUCKDB_ERROR_TYPES)[number];

const BY_NAME = new Map<string, DuckDBErrorType>(DUCKDB_ERROR_TYPES.map((t) => [t.toLowerCase(), t]));

/** The exception type of a DuckDB error, or undefined for any other error. */
function duckdbErrorType(err: unknown): DuckDBErrorType | undefined {
  if (!(err instanceof Error) || (err as NodeJS.ErrnoException).code !== undefined) return undefined;
  const i = err.message.indexOf(' Error: ');
  if (i <= 0) return undefined;
  return BY_NAME.get(err.message.slice(0, i).toLowerCase());
}

/**
 * Types that, raised while DuckDB reads a user's file, mean the file is not what it should be (corrupt Parquet,
 * ragged CSV, a value the reader cannot convert, a file that vanished or cannot be opened). A Binder error there means
 * the file's columns differ from what its header promised (DuckDB's sniffer read another layout).
 */
const FILE_FAULTS = new Set<DuckDBErrorType>([
  'Invalid Input',
  'IO',
  'Conversion',
  'Out of Range',
  'Invalid',
  'Serialization',
  'Binder',
  'Mismatch Type',
  'Permission',
]);

/** DuckDB's explanation, made safe to show: its first line, type name removed, long digit runs masked (never a key). */
export function duckdbDetail(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  const first = msg.split('\n')[0]!;
  const i = first.indexOf(' Error: ');
  return maskNumbers(i > 0 ? first.slice(i + ' Error: '.length) : first);
}

/**
 * Long digit runs masked (a reader's message may quote bytes of a corrupt file, which could be part of a key); byte
 * offsets, which tell the user where the file is damaged and never hold file content, are kept.
 */
export function maskNumbers(text: string): string {
  return text.replace(/(offset )?(\d{5,})/g, (_, offset: string | undefined, digits: string) =>
    offset ? `${offset}${digits}` : '…',
  );
}

export interface DuckDBErrorContext {
  /** The input file(s) being read, when the failing statement reads them. */
  file?: string;
  /** The configured memory limit (for an out-of-memory error). */
  memoryLimit?: string;
  /** Where DuckDB spills, and how to tell whether its disk is full (injected: this module does no I/O). */
  spill?: { dir: string; freeBytes: () => number | undefined };
}

/** Free space under which an IO error of a statement is taken for a full disk. */
const NEARLY_FULL = 16 * 1024 * 1024;

/**
 * A DuckDB error becomes bad input (exit 1) when its type says the user can fix it: out of memory, a full spill disk,
 * or (with a file in the context) a file DuckDB cannot read. Anything else is returned unchanged (a fault of ours).
 */
export function translateDuckDBError(err: unknown, ctx: DuckDBErrorContext = {}): unknown {
  const type = duckdbErrorType(err);
  if (type === undefined) return err;
  if (type === 'Out of Memory') {
    const free = ctx.spill?.freeBytes();
    if (ctx.spill && free !== undefined && free < NEARLY_FULL)
      return new InputError(messages.noSpace(ctx.spill.dir, 1 + Math.ceil(NEARLY_FULL / 1e6)));
    return ctx.memoryLimit === undefined ? err : new InputError(messages.outOfMemory(ctx.memoryLimit));
  }
  if (type === 'IO' && ctx.spill) {
    const free = ctx.spill.freeBytes();
    if (free !== undefined && free < NEARLY_FULL)
      return new InputError(messages.noSpace(ctx.spill.dir, 1 + Math.ceil(NEARLY_FULL / 1e6)));
  }
  if (ctx.file !== undefined && FILE_FAULTS.has(type))
    return new InputError(messages.unreadable(ctx.file, duckdbDetail(err)));
  return err;
}
