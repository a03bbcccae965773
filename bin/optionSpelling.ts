import type { Command } from 'commander';
import { InputError } from '../core/errors.js';
import { messages } from '../core/messages.js';

/** Levenshtein distance (small strings only). */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length]![b.length]!;
}

/**
 * A misspelled option of a subcommand (`run --imput DIR`) is named with the closest real one ("did you mean --input?")
 * before commander parses: commander would first complain that the required `--input` is missing, which sends the
 * user looking in the wrong place. Unknown options with no close match are left to commander.
 */
export function checkOptionSpelling(program: Command, argv: readonly string[]): void {
  const sub = program.commands.find((c) => c.name() === argv[0]);
  if (!sub) return;
  const known = [...sub.options.map((o) => o.long).filter((l): l is string => Boolean(l)), '--help'];
  const shorts = new Set([...sub.options.map((o) => o.short).filter((x): x is string => Boolean(x)), '-h']);
  for (const arg of argv.slice(1)) {
    if (arg === '--') return;
    // a short option the command does not have (`run -i DIR`): name the long one it most likely means
    if (/^-[A-Za-z]$/.test(arg) && !shorts.has(arg)) {
      const long = known.filter((k) => k !== '--help' && k[2] === arg[1]!.toLowerCase());
      if (long.length === 1) throw new InputError(messages.didYouMean(arg, long[0]!));
      throw new InputError(
        messages.unknownShortOption(arg, known.filter((k) => k !== '--help').join(', '), sub.name()),
      );
    }
    if (!arg.startsWith('--')) continue;
    const name = arg.split('=')[0]!;
    if (known.includes(name)) continue;
    let best: string | undefined;
    let bestD = Infinity;
    for (const k of known) {
      const dd = distance(name, k);
      if (dd < bestD) [best, bestD] = [k, dd];
    }
    if (best && bestD <= Math.max(1, Math.floor(name.length / 3)))
      throw new InputError(messages.didYouMean(name, best));
  }
}

/**
 * An option that takes one value given twice (`run --period A --period B`) is refused: commander would keep the
 * last one silently, and the run would not be the one the user meant. Repeatable options (`--previous`, whose
 * default is a list) may be given any number of times; flags without a value repeated are harmless.
 */
export function checkRepeatedOptions(program: Command, argv: readonly string[]): void {
  const sub = program.commands.find((c) => c.name() === argv[0]);
  if (!sub) return;
  const single = sub.options
    .filter((o) => (o.required || o.optional) && !Array.isArray(o.defaultValue) && o.long)
    .map((o) => o.long!);
  const seen = new Map<string, number>();
  for (const arg of argv.slice(1)) {
    if (arg === '--') return;
    const name = arg.split('=')[0]!;
    if (!single.includes(name)) continue;
    seen.set(name, (seen.get(name) ?? 0) + 1);
    if (seen.get(name) === 2) throw new InputError(messages.optionTwice(name));
  }
}
