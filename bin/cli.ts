import { Command, CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT_INTERNAL, EXIT_OK, InputError, exitCodeOf } from '../pipeline/errors.js';
import { messages } from '../pipeline/messages.js';
import { packageRoot } from '../pipeline/packageRoot.js';
import { runCommand, validateCommand } from './runCommand.js';

/** bin/ only parses arguments, wires real effects and turns errors into exit codes (0 ok, 1 bad input, 2 internal). */

function report(err: unknown): number {
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

async function main(argv: string[]): Promise<number> {
  const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string };
  const program = new Command('multigebruik')
    .description('Tables on multiple use of provisions (UWV, Pwet, Wmo) from CBS microdata, with disclosure control.')
    .version(pkg.version)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  program
    .command('run')
    .description('validate, link, tabulate, protect and render')
    .requiredOption('--input <dir>', 'folder with the input files (.csv, .parquet, .sav)')
    .requiredOption('--out <dir>', 'output folder (export/, internal/, manifest.json)')
    .option('--config <file>', 'config file (JSON); default: the default layout and codes')
    .option('--period <start..end>', 'analysis period, e.g. 2017-01-01..2022-12-31')
    .option('--quarantine', 'set bad rows aside (internal/quarantine.csv) instead of stopping')
    .option('--force', 'replace a non-empty output folder')
    .action(async (o) => {
      await runCommand(o);
      process.stdout.write(`Wrote ${o.out} (export/, internal/, manifest.json).\n`);
    });

  program
    .command('validate')
    .description('check the inputs only; same errors as run')
    .requiredOption('--input <dir>', 'folder with the input files')
    .option('--config <file>', 'config file (JSON)')
    .option('--period <start..end>', 'analysis period')
    .action(async (o) => {
      for (const line of await validateCommand(o)) process.stdout.write(`${line}\n`);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT_OK;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT_OK : 1;
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
