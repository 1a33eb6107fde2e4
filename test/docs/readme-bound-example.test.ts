/**
 * The README's worked bound example runs as printed and gives the numbers the README quotes beside it
 * (issue 11 item 7): the command is read from the README itself (the first `npx attn-theory bound
 * --model scalar` line of the Capacity bounds section, with its continuation), run through the CLI, and
 * its gap, its least m for a gap of 0.5, and the same at T = 2^20 are compared with the quoted figures.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { REPO_ROOT, runCli } from '../helpers/cli.js';

const README = readFileSync(`${REPO_ROOT}/README.md`, 'utf8');

/** The command as printed: backslash continuations joined, `npx attn-theory` dropped, optional `[--flag]`s left out. */
function printedBoundCommand(): string[] {
  const section = README.slice(README.indexOf('## Capacity bounds'));
  const block = /```sh\n([\s\S]*?)```/.exec(section)![1]!;
  const joined = block.replace(/\\\n\s*/g, ' ');
  const line = joined.split('\n').find((l) => l.startsWith('npx attn-theory bound --model scalar'))!;
  return line
    .replace(/\[[^\]]*\]/g, '')
    .trim()
    .split(/\s+/)
    .slice(2);
}

/** A figure quoted in the README's worked-example paragraph, as a number. */
function quoted(re: RegExp): number {
  const m = re.exec(README);
  expect(m, `README quotes ${re}`).not.toBeNull();
  return Number(m![1]!.replace(/·10⁶/, 'e6').replace(/\s/g, ''));
}

test("the README's bound command gives the quoted gap and least m, and the log-T law at T = 2^20", () => {
  const args = printedBoundCommand();
  expect(args).toContain('--value-activation');
  const run = (a: string[]) => {
    const r = runCli([...a, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout) as { generalizationGap: number; leastSampleSize?: { sampleSize: number } };
  };
  const at10 = run(args);
  expect(at10.generalizationGap.toFixed(3)).toBe(quoted(/gap (0\.\d{3}) at T = 2¹⁰/).toFixed(3));
  expect((at10.leastSampleSize!.sampleSize / 1e6).toFixed(2)).toBe(quoted(/Least m for a gap of 0\.5: (\d\.\d\d)·10⁶ at T = 2¹⁰/).toFixed(2));
  const at20 = run(args.map((a, i) => (args[i - 1] === '--T' ? String(2 ** 20) : a)));
  expect(at20.generalizationGap.toFixed(3)).toBe(quoted(/and (0\.\d{3}) at T = 2²⁰/).toFixed(3));
  expect((at20.leastSampleSize!.sampleSize / 1e6).toFixed(2)).toBe(quoted(/(\d\.\d\d)·10⁶ at T = 2²⁰/).toFixed(2));
});
