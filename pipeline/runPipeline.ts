import type { Config } from '../schemas/config.js';
import {
  buildManifest,
  type InputFacts,
  type ManifestInputFile,
  manifestInputs,
  type Software,
} from '../schemas/manifest.js';
import type { InternalTables, Period } from '../schemas/tablesJson.js';
import type { Atom } from '../model/atom.js';
import { declarationsFor, type TableDeclaration } from '../model/tableDeclarations.js';
import { InternalError } from '../core/errors.js';
import { messagesFor } from '../core/messages.js';
import type { FileMap } from '../reports/renderExport.js';
import { linkPersons, setSpans } from './link.js';
import { type ReleaseSpans, windowNesting } from '../model/setSpans.js';
import { type Protect, type ProtectOutput, type ProtectProgress, protect } from './protect.js';
import { type ReadEffects, type ReadResult, read } from './read.js';
import { render, rowCounts, summaryOf } from './render.js';
import type { RunSummary } from '../reports/runSummary.js';
import type { EarlierExport } from '../disclosure/earlierExports.js';
import { tabulate } from '../model/tabulate.js';
import { earlierWindows, periodRelation, sameInputs } from '../disclosure/earlierExports.js';
import { type ValidationResult, validateSources } from './validate.js';

/** The commit recorded when the caller does not say which software runs. */
const UNKNOWN_COMMIT = 'unknown';

/** Everything from outside: the input listing, the DuckDB connection (both as the read stage has them), the clock, and optional hooks. */
export interface PipelineEffects extends ReadEffects {
  /** Protection; the real one unless a test gives a faster one. */
  protect?: Protect | undefined;
  /** SHA-256 and line count of every input file (started by the caller when the scans are done). */
  inputFacts?: (() => Promise<Map<string, InputFacts>>) | undefined;
  /** Which software runs (version, commit, Node), for the report and the manifest. */
  software?: Software | undefined;
  /** Monotonic clock in ms, for the per-stage timings of the manifest. */
  now: () => number;
  onStage?: (stage: string) => void;
  /** Progress within the protect stage (a terminal progress line; not for plain-line logs, it is called per cell). */
  onProtectProgress?: ((p: ProtectProgress) => void) | undefined;
  /** Exports already published (run --previous), read and checked by the caller: protected jointly with them. */
  previous?: readonly EarlierExport[] | undefined;
  /** Also find the set spans in the link stage (for the nesting of rolling windows); always done with `previous`. */
  setSpans?: boolean | undefined;
  /** Build the protection certificate (run --certificate), shipped with the verifiers' sources (name → text). */
  certificate?: { verifiers: Record<string, string> } | undefined;
}

/** What the stages have made so far; each stage adds its part. */
interface RunState {
  period: Period;
  backgroundPeriod: Period;
  /** The tables of this run (shipped ones kept by the config, plus the config's own), for tabulate, protect and render. */
  declarations: readonly TableDeclaration[];
  read?: ReadResult;
  validation?: ValidationResult;
  atoms?: Atom[];
  /** The set spans of the records in use (link, only with earlier exports or when asked): model/setSpans.ts. */
  spans?: ReleaseSpans;
  internal?: InternalTables;
  protection?: ProtectOutput;
  /** The input files as recorded in the manifest (rows, SHA-256). */
  inputs?: ManifestInputFile[];
  /** Relative path under OUT → content: export/, internal/ and manifest.json. */
  output?: FileMap;
}

type StageRun = (s: RunState, config: Config, fx: PipelineEffects) => Promise<Partial<RunState>>;

function need<K extends keyof RunState>(s: RunState, key: K): NonNullable<RunState[K]> {
  const v = s[key];
  if (v === undefined) throw new InternalError(`pipeline: stage ran before ${String(key)} was made`);
  return v as NonNullable<RunState[K]>;
}

/** The flow, stated once and iterated by `runPipeline`: read → validate → link → tabulate → protect → render. */
const STAGES = [
  { name: 'read', run: async (_s, config, fx) => ({ read: await read(config, fx) }) },
  {
    name: 'validate',
    run: async (s, config, fx) => ({
      validation: await validateSources(
        fx.conn,
        need(s, 'read').files,
        config,
        { period: s.period, background: s.backgroundPeriod },
        fx.onStage,
        fx.diagnoseCsv,
        fx.loadSav,
      ),
    }),
  },
  {
    name: 'link',
    run: async (s, _config, fx) => ({
      atoms: await linkPersons(fx.conn),
      ...((fx.previous?.length ?? 0) > 0 || fx.setSpans
        ? { spans: await setSpans(fx.conn, { period: s.period, background: s.backgroundPeriod }) }
        : {}),
    }),
  },
  {
    name: 'tabulate',
    run: async (s, config) => {
      const internal = tabulate({
        atoms: need(s, 'atoms'),
        declarations: s.declarations,
        period: s.period,
        backgroundPeriod: s.backgroundPeriod,
      });
      const setAside = need(s, 'validation').quarantined.length;
      if (setAside > 0)
        for (const t of Object.values(internal.tables))
          t.note = messagesFor(config.language).quarantineNote(String(setAside));
      return { internal };
    },
  },
  {
    name: 'protect',
    run: async (s, config, fx) => {
      const previous = withNesting(s, await sameDataExports(s, fx));
      const input = {
        internal: need(s, 'internal'),
        atoms: need(s, 'atoms'),
        declarations: s.declarations,
        params: config.disclosure,
        previous,
        onProgress: fx.onProtectProgress,
        certificate: fx.certificate !== undefined,
      };
      return {
        protection: await protect(input, need(s, 'validation').quarantined.length, config.language, fx.protect),
      };
    },
  },
  {
    name: 'render',
    run: async (s, config, fx) => {
      const inputs = await inputRecords(need(s, 'read').files, fx);
      const files = await render(config, {
        period: s.period,
        backgroundPeriod: s.backgroundPeriod,
        internal: need(s, 'internal'),
        protection: need(s, 'protection'),
        quarantined: need(s, 'validation').quarantined,
        inputs,
        previous: previousRecords(fx),
        declarations: s.declarations,
        version: fx.software?.version ?? '',
        commit: fx.software?.commit ?? UNKNOWN_COMMIT,
        verifiers: fx.certificate?.verifiers,
      });
      return { inputs, output: files };
    },
  },
] as const satisfies readonly { name: string; run: StageRun }[];

export type Stage = (typeof STAGES)[number]['name'];

export interface PipelineResult extends RunState {
  stageMs: Partial<Record<Stage, number>>;
  /** What the run did (after render): for the terminal and manifest.json. */
  summary?: RunSummary;
}

function periodsOf(config: Config): { period: Period; backgroundPeriod: Period } {
  return { period: config.period, backgroundPeriod: config.backgroundPeriod ?? config.period };
}

/**
 * Run the stages in order, timing each. `until` stops after a stage (the `validate` command stops after validate;
 * tests that only need counts stop after protect). After render, the manifest is added to the files.
 */
export async function runPipeline(
  config: Config,
  fx: PipelineEffects,
  until: Stage = 'render',
): Promise<PipelineResult> {
  const started = fx.now();
  let s: RunState = { ...periodsOf(config), declarations: declarationsFor(config) };
  const stageMs: Partial<Record<Stage, number>> = {};
  for (const stage of STAGES) {
    fx.onStage?.(stage.name);
    const t = fx.now();
    s = { ...s, ...(await (stage.run as StageRun)(s, config, fx)) };
    stageMs[stage.name] = Math.round(fx.now() - t);
    if (stage.name === until) break;
  }
  if (!s.output) return { ...s, stageMs };
  const totalMs = Math.round(fx.now() - started);
  const v = need(s, 'validation');
  const summary = summaryOf({
    period: s.period,
    declarations: s.declarations,
    internal: need(s, 'internal'),
    protection: need(s, 'protection'),
    quarantinedRows: v.quarantined.length,
    stageMs,
    totalMs,
  });
  s.output['manifest.json'] = `${JSON.stringify(manifest(s, config, fx, stageMs, totalMs, summary), null, 2)}\n`;
  return { ...s, stageMs, summary };
}

/** The input files used, with SHA-256 and rows (the hashing ran in a worker during protection). */
async function inputRecords(files: ReadResult['files'], fx: PipelineEffects): Promise<ManifestInputFile[]> {
  const facts = fx.inputFacts ? await fx.inputFacts() : new Map<string, InputFacts>();
  const rows = rowCounts(files);
  return manifestInputs(
    Object.entries(files).flatMap(([source, list]) =>
      list.map((f) => ({
        source,
        name: f.file.name,
        bytes: f.file.size,
        facts: facts.get(f.file.path) ?? { sha256: '', lines: 0 },
        rows: rows.get(f.file.name),
      })),
    ),
  );
}

/**
 * The earlier exports, those of the same period made from input files with the same SHA-256 as this run's (their
 * manifests say so) given this run's atoms (`sameData`): one atom set for both exports. Awaits the hashing only
 * when there is such a candidate.
 */
async function sameDataExports(s: RunState, fx: PipelineEffects): Promise<EarlierExport[]> {
  const previous = fx.previous ?? [];
  if (!previous.some((e) => e.relation === 'same' && e.atoms === null && e.inputsSha256)) return [...previous];
  const mine = (await inputRecords(need(s, 'read').files, fx)).map((f) => f.sha256);
  return previous.map((e) =>
    e.relation === 'same' && e.atoms === null && sameInputs(e.inputsSha256, mine)
      ? { ...e, atoms: need(s, 'atoms'), sameData: true }
      : e,
  );
}

/**
 * Each earlier export whose windows are not nested with this run's (analysis or background period) and whose set
 * spans are known, with the sets nested between the windows (category breaks: model/setSpans.ts).
 */
function withNesting(s: RunState, previous: readonly EarlierExport[]): EarlierExport[] {
  return previous.map((e) => {
    const w = earlierWindows(e);
    if (!w || !s.spans) return e;
    const rolling =
      periodRelation(w.period, s.period) === 'other' ||
      periodRelation(w.backgroundPeriod, s.backgroundPeriod) === 'other';
    if (!rolling) return e;
    return {
      ...e,
      nesting: windowNesting(w, { spans: s.spans, period: s.period, backgroundPeriod: s.backgroundPeriod }),
    };
  });
}

/** The earlier exports as the manifest records them: folder, period, SHA-256 of their tables.json and manifest.json. */
function previousRecords(fx: PipelineEffects) {
  return (fx.previous ?? []).map((e) => ({ ...e.record }));
}

function manifest(
  s: RunState,
  config: Config,
  fx: PipelineEffects,
  stageMs: Record<string, number>,
  totalMs: number,
  summary: RunSummary,
) {
  const r = need(s, 'read');
  const v = need(s, 'validation');
  return buildManifest({
    config,
    software: fx.software ?? { name: 'multigebruik', version: '', commit: UNKNOWN_COMMIT, node: process.version },
    period: s.period,
    backgroundPeriod: s.backgroundPeriod,
    inputs: need(s, 'inputs'),
    ignoredFiles: r.ignoredFiles,
    rowsKept: v.keptRows,
    duplicateRecords: v.duplicates,
    quarantinedRows: v.quarantined.length,
    previous: previousRecords(fx),
    anyPersons: need(s, 'atoms').reduce((a, x) => a + x.n, 0) > 0,
    stageMs,
    totalMs,
    summary,
  });
}
