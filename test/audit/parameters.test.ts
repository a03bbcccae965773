import { describe, expect, it } from 'vitest';
import { noteStatesParameters } from '../../audit/parameters.js';
import { checkerNoteText } from '../../core/messages.js';

const params = { threshold: 10, zeroUnsafe: false, safetyRange: 0.3 };
const note = (p: typeof params) =>
  `Rule and parameters\n- a line\n${checkerNoteText.en.params(p)}\n\nCells per table\n`;

describe('audit/parameters: the checker note states the run parameters', () => {
  it('no finding when the note holds the statement rendered from the parameters', () => {
    expect(noteStatesParameters('export/README.txt', note(params), params)).toEqual([]);
    expect(noteStatesParameters('export/README.txt', note(params).replace(/\n/g, '\r\n'), params)).toEqual([]);
  });

  it('another threshold, zero rule or safety range: the finding quotes the note line and the expected statement', () => {
    for (const other of [
      { ...params, threshold: 2 },
      { ...params, zeroUnsafe: true },
      { ...params, safetyRange: 0.25 },
    ]) {
      const f = noteStatesParameters('export/README.txt', note(other), params);
      expect(f).toEqual([
        `export/README.txt states "${checkerNoteText.en.params(other)}"; the run's config gives "${checkerNoteText.en.params(params)}"`,
      ]);
    }
  });

  it('a note without the statement: says it states no parameters', () => {
    expect(noteStatesParameters('export/README.txt', 'Rule and parameters\n- threshold is ten\n', params)).toEqual([
      'export/README.txt does not state the rule parameters',
    ]);
  });
});
