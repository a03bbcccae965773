/**
 * A small strict JSON reader (RFC 8259) that, unlike JSON.parse, reports a key that appears twice in one object
 * (JSON.parse silently keeps the last: `"31": "a", "31": "b"` would change numbers without a word). A leading UTF-8
 * BOM is accepted. Errors carry the 1-based line.
 */
export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'JsonSyntaxError';
  }
}

export class JsonDuplicateKeyError extends Error {
  constructor(
    readonly key: string,
    readonly path: string,
    readonly line: number,
  ) {
    super(`duplicate key "${key}"`);
    this.name = 'JsonDuplicateKeyError';
  }
}

export function parseStrictJson(input: string): Json {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  let i = 0;
  const lineAt = (pos: number) => {
    let n = 1;
    for (let k = 0; k < pos && k < text.length; k++) if (text.charCodeAt(k) === 10) n++;
    return n;
  };
  const fail = (what: string): never => {
    throw new JsonSyntaxError(
      i >= text.length ? `unexpected end of text (${what})` : `unexpected ${JSON.stringify(text[i])} (${what})`,
      lineAt(i),
    );
  };
  const ws = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const str = (): string => {
    if (text[i] !== '"') fail('expected a string');
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') i += text[i + 1] === 'u' ? 6 : 2;
      else if (text.charCodeAt(i) < 0x20) fail('control character in a string');
      else i++;
    }
    if (i >= text.length) fail('unterminated string');
    i++;
    try {
      return JSON.parse(text.slice(start, i)) as string;
    } catch {
      i = start;
      return fail('bad escape in a string');
    }
  };
  const num = (): number => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) fail('expected a value');
    i += m![0].length;
    return Number(m![0]);
  };
  const value = (path: string): Json => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const out: { [k: string]: Json } = {};
      const seen = new Set<string>();
      ws();
      if (text[i] === '}') {
        i++;
        return out;
      }
      for (;;) {
        ws();
        const keyPos = i;
        const k = str();
        if (seen.has(k)) throw new JsonDuplicateKeyError(k, path ? `${path}.${k}` : k, lineAt(keyPos));
        seen.add(k);
        ws();
        if (text[i] !== ':') fail('expected ":"');
        i++;
        const v = value(path ? `${path}.${k}` : k);
        Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return out;
        }
        fail('expected "," or "}"');
      }
    }
    if (c === '[') {
      i++;
      const out: Json[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return out;
      }
      for (;;) {
        out.push(value(`${path}[${out.length}]`));
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return out;
        }
        fail('expected "," or "]"');
      }
    }
    if (c === '"') return str();
    if (text.startsWith('true', i)) return ((i += 4), true);
    if (text.startsWith('false', i)) return ((i += 5), false);
    if (text.startsWith('null', i)) return ((i += 4), null);
    return num();
  };
  const v = value('');
  ws();
  if (i < text.length) fail('text after the value');
  return v;
}
