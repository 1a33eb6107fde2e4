/**
 * The explorer's URL fragment (src/explorer/url-state.ts): any texts round-trip exactly through it,
 * an unknown or repeated parameter is named (never dropped), and cliCommand's line, run by a POSIX
 * shell, hands the CLI exactly the texts (checked on adversarial texts with quotes and spaces).
 */
import { describe, expect } from 'vitest';
import { fc, test } from '../helpers/fc-test.js';
import { spawnSync } from 'node:child_process';
import { cliCommand, EXPLORER_URL_KEYS, fragmentToTexts, textsToFragment } from '../../src/explorer/url-state.js';
import { EXPLORER_DEFAULT_TEXTS } from '../../src/explorer/fields.js';

const arbTexts = fc.dictionary(
  fc.constantFrom(...EXPLORER_URL_KEYS),
  fc.string({ unit: 'grapheme', maxLength: 12 }).filter((s) => s.trim() !== ''),
);

describe('URL fragment', () => {
  test.prop([arbTexts], { seed: 1401, numRuns: 300 })('texts -> fragment -> texts is the identity (blank texts are not given)', (texts) => {
    const back = fragmentToTexts(`#${textsToFragment(texts)}`);
    expect(back).toEqual({ ok: true, texts });
  });

  test('the fragment lists the given fields in flag order under the option keys', () => {
    expect(textsToFragment({ delta: '0.05', T: '256', model: 'head', d: '', targetGap: '0.1' })).toBe('model=head&T=256&delta=0.05&targetGap=0.1');
    expect(fragmentToTexts('')).toEqual({ ok: true, texts: {} });
  });

  test('an unknown or repeated parameter is a one-line problem naming it', () => {
    expect(fragmentToTexts('#model=head&Tt=4')).toEqual({ ok: false, message: 'URL: unknown parameter Tt (did you mean T?)' });
    expect(fragmentToTexts('#T=4&T=8')).toEqual({ ok: false, message: 'URL: parameter T must be given once (got "4" and "8")' });
  });

  test.prop(
    [
      fc.dictionary(
        fc.constantFrom('T', 'd', 'margin'),
        fc.string({ maxLength: 8 }).filter((s) => s.trim() !== '' && !s.includes('\0')),
      ),
    ],
    { seed: 1402, numRuns: 50 },
  )('cliCommand quotes every text so a shell passes it through unchanged', (texts) => {
    const line = cliCommand(texts).replace(/^attn-theory /, '');
    const r = spawnSync('/bin/sh', ['-c', `for a in ${line}; do printf '%s\\0' "$a"; done`], { encoding: 'utf8' });
    const words = r.stdout.split('\0').slice(0, -1);
    expect(words[0]).toBe('bound');
    const expected = Object.entries(texts).sort(([a], [b]) => EXPLORER_URL_KEYS.indexOf(a) - EXPLORER_URL_KEYS.indexOf(b));
    expect(words.slice(1)).toEqual(expected.flatMap(([k, v]) => [k === 'margin' ? '--margin' : `--${k}`, v]));
  });

  test('the default request as a command line', () => {
    expect(cliCommand(EXPLORER_DEFAULT_TEXTS)).toBe('attn-theory bound --model scalar --T 256 --d 32 --m 1e10 --BX 1 --BV 1 --BV21 1 --BQK21 2 --Bw 1 --Lsigma 1 --margin 0.5 --delta 0.05');
  });
});
