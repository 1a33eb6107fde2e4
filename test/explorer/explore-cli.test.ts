/**
 * `attn-theory explore` through the real binary: --out writes a complete copy of the page (every file
 * the page names exists in it), serving answers on loopback and stops on SIGINT with status 0, and a
 * bad flag is one line, exit 2. The report's writeReport puts a copy beside the report. The README's
 * commands use only the command's flags.
 */
import { describe, expect, test } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI_BIN, isOneLineError, REPO_ROOT, runCli } from '../helpers/cli.js';
import { writeReport } from '../../src/report/write.js';
import { EXPLORE_FLAGS, exploreFlagsSchema } from '../../src/cli/commands/explore.js';
import { optionKey, parseSchemaFlags } from '../../src/cli/schema-flags.js';

/** Every local file index.html and katex.min.css refer to. */
function referencedFiles(dir: string): string[] {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const css = readFileSync(join(dir, 'katex', 'katex.min.css'), 'utf8');
  const fromHtml = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]).filter((u) => !u.startsWith('data:'));
  const fromCss = [...css.matchAll(/url\(([^)]+\.woff2)\)/g)].map((m) => join('katex', m[1]));
  return [...fromHtml, ...fromCss];
}

describe('attn-theory explore', () => {
  test('--out DIR writes the page with every file it refers to', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'attn-explore-out-')), 'page');
    const r = runCli(['explore', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`wrote the bound explorer \\(\\d+ files\\) to ${out}: open ${out}/index.html`));
    const refs = referencedFiles(out);
    expect(refs.length).toBeGreaterThan(10);
    for (const f of refs) expect(existsSync(join(out, f)), f).toBe(true);
    for (const lic of ['vega', 'vega-lite', 'katex', 'mathjs', 'zod']) expect(existsSync(join(out, 'licenses', `${lic}.txt`))).toBe(true);
  });

  test.each([
    [['--port', '70000'], '--port must be an integer in 0..65535 (got "70000")'],
    [['--port', '-1'], '--port must be an integer in 0..65535 (got "-1")'],
    [['--host', ''], '--host must be a host name or address (got "")'],
  ])('explore %j: one line, exit 2', (args, message) => {
    const r = runCli(['explore', ...args]);
    expect(isOneLineError(r)).toBe(true);
    expect(r.stderr).toBe(`attn-theory explore: ${message}\n`);
  });

  test('serves on 127.0.0.1 and stops on SIGINT with status 0', async () => {
    const child = spawn(process.execPath, [CLI_BIN, 'explore', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const url = await new Promise<string>((ok, fail) => {
      let out = '';
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /bound explorer at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
        if (m) ok(m[1]);
      });
      child.on('exit', (code) => fail(new Error(`explore exited early (${code}): ${out}`)));
    });
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>attn-theory bound explorer</title>');
    const code = await new Promise<number | null>((ok) => {
      child.removeAllListeners('exit');
      child.on('exit', (c) => ok(c));
      child.kill('SIGINT');
    });
    expect(code).toBe(0);
  });

  test('writeReport copies the page beside the report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'attn-explore-report-'));
    const w = await writeReport(dir, { title: 't', generatedAt: 'now', source: 'none', lines: [] }, []);
    expect(w.explorer).toBe(join(dir, 'explorer', 'index.html'));
    for (const f of referencedFiles(join(dir, 'explorer'))) expect(existsSync(join(dir, 'explorer', f)), f).toBe(true);
  });
});

describe('README section "Bound explorer"', () => {
  test('its commands use only the flags of attn-theory explore, with values the command accepts', () => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Bound explorer'));
    const block = /```sh\n([\s\S]*?)```/.exec(section)![1]!;
    const lines = block.split('\n').filter((l) => l.startsWith('npx attn-theory explore'));
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const line of lines) {
      const words = line.replace(/#.*$/, '').trim().split(/\s+/).slice(3);
      const opts: Record<string, string> = {};
      for (let i = 0; i < words.length; i += 2) {
        expect(EXPLORE_FLAGS.map((f) => f.flag)).toContain(words[i]);
        opts[optionKey(words[i])] = words[i + 1];
      }
      expect(() => parseSchemaFlags(exploreFlagsSchema, EXPLORE_FLAGS, opts)).not.toThrow();
    }
  });
});
