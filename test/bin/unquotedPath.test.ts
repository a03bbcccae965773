import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { quotedCommand, unquotedPathHint } from '../../bin/unquotedPath.js';
import { cli } from '../support/cli.js';

/** The commands' shape as bin/cli.ts declares them (options with and without a value, one positional argument). */
function program(): Command {
  const p = new Command('multigebruik');
  p.command('run')
    .requiredOption('--input <dir>', '')
    .requiredOption('--out <dir>', '')
    .option('--config <file>', '')
    .option('--force', '');
  p.command('audit').argument('<out>', '');
  p.command('compare').argument('<old_out>', '').argument('<new_out>', '').requiredOption('--out <dir>', '');
  return p;
}
const sub = (name: string) => program().commands.find((c) => c.name() === name)!;

describe('quotedCommand: the command as meant, when an unquoted path with spaces was split', () => {
  it('joins the words after an option value up to the next option and quotes the value', () => {
    expect(
      quotedCommand(
        sub('run'),
        ['--input', 'H:\\Mijn', 'project\\invoer', '--out', 'H:\\Mijn', 'project\\uitvoer', '--force'],
        'multigebruik.cmd',
      ),
    ).toBe('multigebruik.cmd run --input "H:\\Mijn project\\invoer" --out "H:\\Mijn project\\uitvoer" --force');
  });

  it('joins the words after an --option=value form too', () => {
    expect(quotedCommand(sub('run'), ['--input=H:\\a', 'b', 'c', '--out', 'x'], 'multigebruik')).toBe(
      'multigebruik run --input "H:\\a b c" --out x',
    );
  });

  it('joins the words of the one positional argument of audit', () => {
    expect(quotedCommand(sub('audit'), ['H:\\Mijn', 'project\\uitvoer'], 'multigebruik.cmd')).toBe(
      'multigebruik.cmd audit "H:\\Mijn project\\uitvoer"',
    );
  });

  it('gives no guess when the split is ambiguous or nothing was split', () => {
    expect(quotedCommand(sub('compare'), ['a', 'b', 'c', '--out', 'x'], 'multigebruik')).toBeUndefined();
    expect(quotedCommand(sub('run'), ['--input', 'a', '--out', 'b'], 'multigebruik')).toBeUndefined();
    expect(quotedCommand(sub('audit'), ['H:\\uitvoer'], 'multigebruik')).toBeUndefined();
  });

  it('names the launcher the platform uses', () => {
    const argv = ['audit', 'H:\\Mijn', 'project'];
    expect(unquotedPathHint(program(), argv, 'win32')).toContain('multigebruik.cmd audit "H:\\Mijn project"');
    expect(unquotedPathHint(program(), argv, 'linux')).toContain('\n  multigebruik audit "H:\\Mijn project"');
    expect(unquotedPathHint(program(), ['nosuch', 'a', 'b'], 'linux')).toBeUndefined();
  });
});

describe('the CLI on an unquoted path with spaces', () => {
  it('run: exit 1 with the quoting hint and the corrected command', () => {
    const r = cli(['run', '--input', '/tmp/Mijn', 'project/invoer', '--out', '/tmp/Mijn', 'project/uitvoer']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('too many arguments');
    expect(r.stderr).toContain('double quotes');
    expect(r.stderr).toContain('multigebruik run --input "/tmp/Mijn project/invoer" --out "/tmp/Mijn project/uitvoer"');
  });

  it('audit and validate get it too', () => {
    const audit = cli(['audit', '/tmp/Mijn', 'project/uitvoer']);
    expect([audit.code, audit.stderr.includes('multigebruik audit "/tmp/Mijn project/uitvoer"')]).toEqual([1, true]);
    const validate = cli(['validate', '--input', '/tmp/Mijn', 'project/invoer']);
    expect([
      validate.code,
      validate.stderr.includes('multigebruik validate --input "/tmp/Mijn project/invoer"'),
    ]).toEqual([1, true]);
  });
});
