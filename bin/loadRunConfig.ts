import { existsSync, readFileSync, statSync } from 'node:fs';
import { type Config, FIRST_YEAR, LAST_YEAR } from '../schemas/config.js';
import type { Period } from '../schemas/tablesJson.js';
import { ConfigError } from '../core/errors.js';
import { parseConfig } from '../schemas/loadConfig.js';
import { messages } from '../core/messages.js';

/** Read the config file (if any) and apply the command-line overrides (--period, --quarantine). */
export function loadRunConfig(opts: {
  config?: string | undefined;
  period?: string | undefined;
  quarantine?: boolean | undefined;
  allowEmpty?: boolean | undefined;
}): Config {
  let text: string | undefined;
  if (opts.config !== undefined) {
    if (!existsSync(opts.config)) throw new ConfigError(messages.configRead(opts.config, 'file not found'));
    if (statSync(opts.config).isDirectory()) throw new ConfigError(messages.configIsFolder(opts.config));
    try {
      text = readFileSync(opts.config, 'utf8');
    } catch (e) {
      throw new ConfigError(messages.configUnreadable(opts.config, (e as NodeJS.ErrnoException).code ?? String(e)));
    }
  }
  const config = parseConfig(text, opts.config ?? '(default config)');
  if (opts.period !== undefined) config.period = parsePeriod(opts.period);
  if (opts.quarantine) config.onBadRows = 'quarantine';
  if (opts.allowEmpty) config.allowEmpty = true;
  return config;
}

/**
 * `--period START..END` with ISO dates. A wrong period says which part is wrong and how to write it: the Dutch
 * order (31-12-2021) gets the ISO form back, an impossible month or day is named, a start after the end is named.
 */
function parsePeriod(text: string): Period {
  const parts = text.trim().split('..');
  if (parts.length !== 2 || parts.some((p) => p.trim() === '')) throw new ConfigError(messages.periodShape(text));
  const [a, b] = parts.map((p) => p.trim()) as [string, string];
  const dutch = /^(\d{1,2})-(\d{1,2})-(\d{4})$/;
  const iso = (p: string) => {
    const m = dutch.exec(p);
    return m ? `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : p;
  };
  for (const p of [a, b])
    if (dutch.test(p)) throw new ConfigError(messages.periodDutchOrder(text, p, `${iso(a)}..${iso(b)}`));
  const check = (p: string, which: string): void => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(p);
    if (!m) throw new ConfigError(messages.periodBadDate(text, which, p, messages.periodNotIso()));
    const month = Number(m[2]);
    if (month < 1 || month > 12)
      throw new ConfigError(messages.periodBadDate(text, which, p, messages.periodMonth(m[2]!)));
    const days = new Date(Date.UTC(Number(m[1]), month, 0)).getUTCDate();
    const day = Number(m[3]);
    if (day < 1 || day > days)
      throw new ConfigError(messages.periodBadDate(text, which, p, messages.periodDay(m[3]!, m[2]!)));
    const year = Number(m[1]);
    if (year < FIRST_YEAR || year > LAST_YEAR)
      throw new ConfigError(messages.periodBadDate(text, which, p, messages.periodRange(FIRST_YEAR, LAST_YEAR)));
  };
  check(a, messages.whichStart());
  check(b, messages.whichEnd());
  if (a > b) throw new ConfigError(messages.periodStartAfterEnd(text, a, b));
  return { start: a, end: b };
}
