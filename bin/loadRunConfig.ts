import { existsSync, readFileSync, statSync } from 'node:fs';
import { type Config, FIRST_YEAR, LAST_YEAR, isRealDate } from '../schemas/config.js';
import { ConfigError } from '../core/errors.js';
import { parseConfig } from '../schemas/loadConfig.js';
import { messages } from '../core/messages.js';

/** Read the config file (if any) and apply the command-line overrides (--period, --quarantine). */
export function loadRunConfig(opts: { config?: string | undefined; period?: string | undefined; quarantine?: boolean | undefined; allowEmpty?: boolean | undefined }): Config {
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
  if (opts.period !== undefined) {
    const m = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(opts.period.trim());
    if (!m || m[1]! > m[2]!) throw new ConfigError(messages.badPeriod(opts.period));
    for (const d of [m[1]!, m[2]!]) {
      if (!isRealDate(d)) throw new ConfigError(`${messages.badPeriod(opts.period)}: ${messages.badDate(d)}`);
      const year = Number(d.slice(0, 4));
      if (year < FIRST_YEAR || year > LAST_YEAR) throw new ConfigError(`${messages.badPeriod(opts.period)}: ${messages.periodRange(FIRST_YEAR, LAST_YEAR)}`);
    }
    config.period = { start: m[1]!, end: m[2]! };
  }
  if (opts.quarantine) config.onBadRows = 'quarantine';
  if (opts.allowEmpty) config.allowEmpty = true;
  return config;
}
