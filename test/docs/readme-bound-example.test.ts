/**
 * The README's worked bound example runs as printed and gives the numbers the README quotes beside it
 * (issue 11 item 7): the command is read from the README itself (the first `npx attn-theory bound
 * --model scalar` line of the Capacity bounds section, with its continuation), run through the CLI, and
 * its gap, its least m for a gap of 0.5, the same at T = 2^20, the first chain (--disable-tightenings all),
 * the Lipschitz-σ and the H = 4 figures are compared with the quoted figures.
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

const SUPERSCRIPTS = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** A figure quoted in the README's worked-example paragraph, as a number (mantissa, and ·10ⁿ when the pattern has a second group). */
function quoted(re: RegExp): number {
  const m = re.exec(README);
  expect(m, `README quotes ${re}`).not.toBeNull();
  const mantissa = Number(m![1]!.replace(/\s/g, ''));
  if (m![2] === undefined) return mantissa;
  const exp = Number([...m![2]].map((c) => SUPERSCRIPTS.indexOf(c)).join(''));
  return mantissa * 10 ** exp;
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
  const least10 = quoted(/Least m for a gap of 0\.5: (\d\.\d\d)·10([⁰-⁹]+) at T = 2¹⁰/);
  expect(at10.leastSampleSize!.sampleSize.toPrecision(3)).toBe(least10.toPrecision(3));
  const at20 = run(args.map((a, i) => (args[i - 1] === '--T' ? String(2 ** 20) : a)));
  expect(at20.generalizationGap.toFixed(3)).toBe(quoted(/and (0\.\d{3}) at T = 2²⁰ \(the log law/).toFixed(3));
  const least20 = quoted(/(\d\.\d\d)·10([⁰-⁹]+) at T = 2²⁰\. The/);
  expect(at20.leastSampleSize!.sampleSize.toPrecision(3)).toBe(least20.toPrecision(3));
  // The first chain, as the README quotes it (--disable-tightenings all).
  const first = run([...args, '--disable-tightenings', 'all']);
  expect(first.generalizationGap.toFixed(3)).toBe(quoted(/first chain \((0\.\d{3}) at T = 2¹⁰/).toFixed(3));
  // The Lipschitz-σ and H = 4 figures of the same paragraph.
  const lip = run(args.map((a, i) => (args[i - 1] === '--value-activation' ? 'lipschitz' : a)));
  expect(lip.generalizationGap.toFixed(3)).toBe(quoted(/same example gives (0\.\d{3})/).toFixed(3));
  const mh = run([...args.map((a) => (a === 'scalar' ? 'multihead' : a)), '--heads', '4']);
  expect(mh.generalizationGap.toFixed(3)).toBe(quoted(/--heads 4`\), (0\.\d{3})/).toFixed(3));
});
