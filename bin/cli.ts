import { Command, CommanderError } from 'commander';
import { existsSync, readdirSync } from 'node:fs';
import { EXIT_INTERNAL, EXIT_OK, InputError, exitCodeOf } from '../core/errors.js';
import { helpText, messages } from '../core/messages.js';
import { join as joinPath, sep } from 'node:path';
import { versionText } from './version.js';
import { checkOptionSpelling, checkRepeatedOptions } from './optionSpelling.js';
import { unquotedPathHint } from './unquotedPath.js';

// Everything heavy (DuckDB, the pipeline, HiGHS, Vega, ExcelJS) is imported inside the command that needs it, so
// `--help` and `--version` answer without loading any of it.
const runModule = () => import('./runCommand.js');

/**
 * bin/ only parses arguments, wires real effects and turns errors into exit codes (0 ok, 1 bad input, 2 internal).
 * Commands are imported when run, so `--version` and `--help` load no DuckDB.
 */

/**
 * Whether an error is the process running out of memory (a low `ulimit -v`, a small machine): a WebAssembly solver
 * that cannot get its memory, a buffer that cannot be allocated, a worker that ran out. Then the user can act (raise
 * the limit, use a bigger machine), so it is exit 1 with what to do, not an internal fault.
 */
function isOutOfMemory(err: unknown): boolean {
  for (let e = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOMEM' || code === 'ERR_WORKER_OUT_OF_MEMORY' || code === 'ERR_MEMORY_ALLOCATION_FAILED')
      return true;
    const text = e instanceof Error ? e.message : String(e);
    if (
      /Out of memory|Cannot allocate Wasm memory|Array buffer allocation failed|Cannot enlarge memory|Aborted\(OOM\)/i.test(
        text,
      )
    )
      return true;
  }
  return false;
}

function report(err: unknown): number {
  if (!(err instanceof InputError) && isOutOfMemory(err)) err = new InputError(messages.processOutOfMemory());
  const code = exitCodeOf(err);
  if (err instanceof InputError) {
    process.stderr.write(`multigebruik: ${err.message}\n`);
    for (const d of err.details) process.stderr.write(`  - ${d}\n`);
  } else {
    const e = err as Error;
    process.stderr.write(`multigebruik: ${messages.internal(e?.message ?? String(err))}\n`);
    if (process.env.MULTIGEBRUIK_DEBUG && e?.stack) process.stderr.write(`${e.stack}\n`);
  }
  return code;
}

/**
 * commander's own errors ("error: required option '--input <dir>' not specified") in the program's voice: prefixed
 * "multigebruik:", a sentence, and what to do next (the command's --help).
 */
function commanderError(text: string, command: string | undefined): string {
  const sentence = text.replace(/^error:\s*/, '').trim();
  const known = ['run', 'validate', 'generate', 'demo', 'audit', 'compare'];
  const help = command && known.includes(command) ? `multigebruik ${command} --help` : 'multigebruik --help';
  return `multigebruik: ${messages.commanderError(sentence.replace(/\.$/, ''), help)}\n`;
}

/** How the user called the program, for the hints we print: through npm (`npx multigebruik`, a checkout) or directly. */
function invokedAs(): string {
  return process.env.npm_execpath || process.env.npm_command ? 'npx multigebruik' : 'multigebruik';
}

/** A folder from an earlier demo (only input/ and output/) may be replaced; anything else needs --force. */
function checkDemoFolder(dir: string, force: boolean) {
  if (!existsSync(dir) || force) return;
  const entries = readdirSync(dir);
  if (entries.some((e) => e !== 'input' && e !== 'output')) throw new InputError(messages.outputExists(dir));
}

/**
 * A reader that goes away (`run … | head`, `| true`) closes our stdout/stderr: the run's work is done or goes on
 * regardless, so a broken pipe is not an error and prints no stack trace; whatever is still written is dropped.
 */
function quietOnBrokenPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') return;
      throw e;
    });
  }
}

async function main(argv: string[]): Promise<number> {
  quietOnBrokenPipe();
  const program = new Command('multigebruik')
    .description(helpText.program)
    .version(versionText(), '-V, --version', helpText.version)
    .exitOverride()
    .configureOutput({
      writeErr: (s) => process.stderr.write(s),
      outputError: (s, write) => write(commanderError(s, argv[0])),
    });

  program
    .command('run')
    .description(helpText.run)
    .requiredOption('--input <dir>', helpText.input)
    .requiredOption('--out <dir>', helpText.out)
    .option('--config <file>', helpText.runConfig)
    .option('--period <start..end>', helpText.period)
    .option('--quarantine', helpText.quarantine)
    .option('--force', helpText.runForce)
    .option('--allow-empty', helpText.allowEmpty)
    .option('--previous <dir>', helpText.previous, (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--certificate', helpText.certificate)
    .action(async (o) => {
      const { runCommand, summaryLines } = await runModule();
      const r = await runCommand(o);
      for (const line of summaryLines(r.summary, o.out)) process.stdout.write(`${line}\n`);
      process.stdout.write(
        `${r.previous.length === 0 ? messages.noPrevious() : messages.previousTaken(r.previous.join(', '))}\n`,
      );
    });

  program
    .command('validate')
    .description(helpText.validate)
    .requiredOption('--input <dir>', helpText.input)
    .option('--config <file>', helpText.validateConfig)
    .option('--period <start..end>', helpText.period)
    .option('--allow-empty', helpText.allowEmpty)
    .action(async (o) => {
      const { validateCommand } = await runModule();
      for (const line of await validateCommand(o)) process.stdout.write(`${line}\n`);
    });

  program
    .command('generate')
    .description(helpText.generate)
    .requiredOption('--out <dir>', helpText.generateOut)
    .option('--scale <s>', helpText.scale)
    .option('--seed <n>', helpText.seed, '1')
    .option('--format <f>', helpText.format, 'csv')
    .option('--force', helpText.generateForce)
    .action(async (o) => {
      const { generateCommand } = await import('./generateCommand.js');
      const r = await generateCommand(o);
      process.stdout.write(`${messages.generateWrote(r.files.length, r.totalRows.toLocaleString('en'), o.out)}\n`);
    });

  program
    .command('demo')
    .description(helpText.demo)
    .option('--out <dir>', helpText.demoOut, 'demo-out')
    .option('--force', helpText.demoForce)
    .action(async (o) => {
      const input = joinPath(o.out, 'input');
      const output = joinPath(o.out, 'output');
      checkDemoFolder(o.out, Boolean(o.force));
      // in a pipe or a log there is no progress line: say each stage on a line of its own
      const plain = !process.stdout.isTTY;
      const say = (line: string) => process.stdout.write(`${line}\n`);
      if (plain) say(messages.demoGenerate(input));
      const [{ generateCommand }, { DEMO_SETTINGS }, { caption, tableOrder }, { demoLines }] = await Promise.all([
        import('./generateCommand.js'),
        import('../synthetic/generateSynthetic.js'),
        import('../reports/tableOrder.js'),
        import('../reports/runSummary.js'),
      ]);
      const { scale, populationScale, seed } = DEMO_SETTINGS;
      await generateCommand({ out: input, force: true, scale: String(scale), populationScale, seed: String(seed) });
      const { runCommand, summaryLines } = await runModule();
      const result = await runCommand({
        input,
        out: output,
        force: true,
        ...(plain ? { onStage: (stage: string) => say(messages.demoStage(stage)) } : {}),
      });
      // the summary without its own "Look first at" list: the demo's line below says where to look, more precisely
      const lines = summaryLines(result.summary, output);
      const next = lines.indexOf(messages.summaryNext());
      for (const line of next >= 0 ? lines.slice(0, next) : lines) say(line);
      // where to look first: the first figure, and the table where protection hides the most cells
      const tables = result.protection!.exported.tables;
      const ids = tableOrder(Object.keys(tables), result.declarations);
      const stars = (id: string) => tables[id]!.cells.flat().filter((c) => c === '**').length;
      const figure = ids.find((id) => result.declarations.find((d) => d.id === id)?.kind === 'figure') ?? ids[0]!;
      const busiest = ids.reduce((a, b) => (stars(b) > stars(a) ? b : a));
      const demo = {
        dir: o.out,
        command: invokedAs(),
        figure: caption(figure, 'en', result.declarations),
        busiest: caption(busiest, 'en', result.declarations),
        suppressed: stars(busiest),
      };
      const text = {
        written: messages.demoWritten,
        inputFolder: messages.demoInputFolder,
        exportFolder: messages.demoExportFolder,
        internalFolder: messages.demoInternalFolder,
        auditHint: messages.demoAuditHint,
        lookFirst: messages.demoLookFirst,
      };
      for (const line of demoLines(demo, text, { join: joinPath, sep })) say(line);
    });

  program
    .command('audit')
    .description(helpText.audit)
    .argument('<out>', helpText.auditOut)
    .option('--previous-at <old=new>', helpText.previousAt, (v: string, acc: string[]) => [...acc, v], [] as string[])
    .action(async (out: string, o: { previousAt: string[] }) => {
      const { auditCommand } = await import('./auditCommand.js');
      await auditCommand(out, undefined, o.previousAt);
    });

  program
    .command('compare')
    .description(helpText.compare)
    .argument('<old_out>', helpText.compareOld)
    .argument('<new_out>', helpText.compareNew)
    .requiredOption('--out <dir>', helpText.compareOut)
    .action(async (oldOut: string, newOut: string, o: { out: string }) => {
      const { compareCommand } = await import('./compareCommand.js');
      const r = await compareCommand(oldOut, newOut, o.out);
      for (const line of r.lines) process.stdout.write(`${line}\n`);
    });

  try {
    checkOptionSpelling(program, argv);
    checkRepeatedOptions(program, argv);
    await program.parseAsync(argv, { from: 'user' });
    return EXIT_OK;
  } catch (err) {
    if (err instanceof CommanderError) {
      const hint = err.code === 'commander.excessArguments' ? unquotedPathHint(program, argv) : undefined;
      if (hint) process.stderr.write(`multigebruik: ${hint}\n`);
      return err.exitCode === 0 ? EXIT_OK : 1;
    }
    return report(err);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`multigebruik: ${messages.internal(String(err))}\n`);
    process.exitCode = EXIT_INTERNAL;
  },
);
