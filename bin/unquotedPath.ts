import type { Command } from 'commander';
import { messages } from '../core/messages.js';

/**
 * The most likely Windows mistake: a path with spaces, unquoted (`run --input H:\Mijn project\invoer`), which the
 * shell splits into two arguments, so commander says only "too many arguments for 'run'". This rebuilds the command
 * as it was probably meant: the words after an option's value up to the next option joined to that value, or, for a
 * command with one positional argument (`audit DIR`), all positional words joined; values with spaces quoted. Returns
 * undefined when the split cannot be undone unambiguously (or nothing would change).
 * @internal exported for its test, which checks the rebuilt command word by word
 */
export function quotedCommand(sub: Command, args: readonly string[], programName: string): string | undefined {
  const takesValue = new Set<string>();
  for (const o of sub.options)
    if (o.required || o.optional) for (const f of [o.long, o.short]) if (f) takesValue.add(f);
  const words: { text: string; value: boolean }[] = [];
  const positional: string[] = [];
  let joined = false;
  let open: { text: string; value: boolean } | undefined; // the option value that following plain words extend
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') return undefined;
    if (a.startsWith('-')) {
      const name = a.split('=')[0]!;
      if (a.includes('=') && takesValue.has(name)) {
        open = { text: a.slice(name.length + 1), value: true };
        words.push({ text: name, value: false }, open);
      } else if (takesValue.has(a) && i + 1 < args.length) {
        open = { text: args[++i]!, value: true };
        words.push({ text: a, value: false }, open);
      } else {
        open = undefined;
        words.push({ text: a, value: false });
      }
    } else if (open) {
      open.text += ` ${a}`;
      joined = true;
    } else positional.push(a);
  }
  const expected = sub.registeredArguments.length;
  if (positional.length > expected) {
    if (expected !== 1) return undefined;
    joined = true;
  }
  if (!joined) return undefined;
  const pos = positional.length > 0 ? [{ text: positional.join(' '), value: true }] : [];
  const quote = (w: { text: string; value: boolean }) => (w.value && /\s/.test(w.text) ? `"${w.text}"` : w.text);
  return [programName, sub.name(), ...pos.map(quote), ...words.map(quote)].join(' ');
}

/** The hint for commander's "too many arguments" error, or undefined when the arguments do not look like a split path. */
export function unquotedPathHint(
  program: Command,
  argv: readonly string[],
  platform: NodeJS.Platform = process.platform,
): string | undefined {
  const sub = program.commands.find((c) => c.name() === argv[0]);
  if (!sub) return undefined;
  const command = quotedCommand(sub, argv.slice(1), platform === 'win32' ? 'multigebruik.cmd' : 'multigebruik');
  return command === undefined ? undefined : messages.unquotedPath(command);
}
