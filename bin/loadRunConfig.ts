import { existsSync, readFileSync } from 'node:fs';
import type { Config } from '../schemas/config.js';
import { ConfigError } from '../core/errors.js';
import { parseConfig } from '../schemas/loadConfig.js';
import { messages } from '../core/messages.js';

/** Read the config file (if any) and apply the command-line overrides (--period, --quarantine). */
export function loadRunConfig(opts: { config?: string | undefined; period?: string | undefined; quarantine?: boolean | undefined }): Config {
  let text: string | undefined;
  if (opts.config !== undefined) {
    if (!existsSync(opts.config)) throw new ConfigError(messages.configRead(opts.config, 'file not found'));
    text = readFileSync(opts.config, 'utf8');
  }
  const config = parseConfig(text, opts.config ?? '(default config)');
  if (opts.period !== undefined) {
    const m = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(opts.period.trim());
    if (!m || m[1]! > m[2]! || Number.isNaN(Date.parse(m[1]!)) || Number.isNaN(Date.parse(m[2]!))) throw new ConfigError(messages.badPeriod(opts.period));
    config.period = { start: m[1]!, end: m[2]! };
  }
  if (opts.quarantine) config.onBadRows = 'quarantine';
  return config;
}
