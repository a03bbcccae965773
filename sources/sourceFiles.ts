import { extname } from 'node:path';
import type { Config } from '../schemas/config.js';
import { InputError } from '../core/errors.js';
import { messages } from '../core/messages.js';

export type SourceKey = 'srg' | 'uwv' | 'wmo' | 'gba' | 'education';
/** Processing order: provision sources first (they define the study persons), then the characteristics. */
export const SOURCE_KEYS: readonly SourceKey[] = ['srg', 'uwv', 'wmo', 'gba', 'education'];

export const SOURCE_NAMES: Record<SourceKey, string> = {
  srg: 'PWETSRGVOORZIENINGTAB',
  uwv: 'UWV extract (UWVVOORZIENING)',
  wmo: 'WMOBUS',
  gba: 'GBAPERSOONTAB',
  education: 'HOOGSTEOPLTAB',
};

export type FileFormat = 'csv' | 'parquet' | 'sav';

export interface InputFile {
  /** Absolute path. */
  path: string;
  /** File name as listed (used in messages and the manifest). */
  name: string;
  size: number;
  format: FileFormat;
}

export interface DirectoryEntry {
  name: string;
  path: string;
  size: number;
}

const FORMATS: Record<string, FileFormat> = { '.csv': 'csv', '.parquet': 'parquet', '.sav': 'sav', '.zsav': 'sav' };

export function formatOf(name: string): FileFormat | undefined {
  return FORMATS[extname(name).toLowerCase()];
}

export interface DiscoveredSources {
  files: Record<SourceKey, InputFile[]>;
  /** Files in the folder that belong to no source (reported in the manifest). */
  ignored: string[];
}

/**
 * Stage "read", part 1: which files make up which source. A file belongs to the source whose configured prefix
 * its name starts with (case-insensitive; the longest prefix wins); CSV, Parquet and SPSS .sav by extension.
 * A source may be split over several files (read together). Pure: the directory listing comes from outside.
 */
export function discoverSources(entries: readonly DirectoryEntry[], config: Config, inputDir: string): DiscoveredSources {
  const files = { srg: [], uwv: [], wmo: [], gba: [], education: [] } as Record<SourceKey, InputFile[]>;
  const ignored: string[] = [];
  const prefixes = SOURCE_KEYS.map((k) => [k, config.sources[k].prefix.toUpperCase()] as const).sort(
    (a, b) => b[1].length - a[1].length,
  );
  for (const e of [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const format = formatOf(e.name);
    const match = prefixes.find(([, p]) => e.name.toUpperCase().startsWith(p));
    if (!format || !match) {
      ignored.push(e.name);
      continue;
    }
    files[match[0]].push({ path: e.path, name: e.name, size: e.size, format });
  }
  const missing = SOURCE_KEYS.filter((k) => config.sources[k].required && files[k].length === 0);
  if (missing.length > 0) {
    throw new InputError(
      messages.missingSources(inputDir),
      missing.map((k) => messages.missingSource(SOURCE_NAMES[k], config.sources[k].prefix)),
    );
  }
  return { files, ignored };
}

/** The year in a file name such as HOOGSTEOPL2019TABV1.sav (first 19xx/20xx group of four digits). */
export function yearFromFileName(name: string): number | undefined {
  const m = /(?<!\d)(19\d\d|20\d\d)(?!\d)/.exec(name) ?? /(19\d\d|20\d\d)/.exec(name);
  return m ? Number(m[1]) : undefined;
}
