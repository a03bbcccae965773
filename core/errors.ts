/** Exit codes relied on by users' scripts (docs/spec/outputs.md). */
export const EXIT_OK = 0;
/** @internal exported for its test (and only used there) */
export const EXIT_BAD_INPUT = 1;
export const EXIT_INTERNAL = 2;

/** Bad input or configuration: the user can fix it. Exit code 1. Messages must never contain a RINPERSOON. */
export class InputError extends Error {
  readonly exitCode = EXIT_BAD_INPUT;
  constructor(
    message: string,
    readonly details: string[] = [],
  ) {
    super(message);
    this.name = 'InputError';
  }
}

/** Configuration file problems (a kind of bad input). Exit code 1. */
export class ConfigError extends InputError {
  constructor(message: string, details: string[] = []) {
    super(message, details);
    this.name = 'ConfigError';
  }
}

/** A fault in multigebruik itself. Exit code 2. */
export class InternalError extends Error {
  readonly exitCode = EXIT_INTERNAL;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InternalError';
  }
}

export function exitCodeOf(err: unknown): number {
  if (err instanceof InputError) return EXIT_BAD_INPUT;
  return EXIT_INTERNAL;
}
