/**
 * Output piped into a reader that stops early (`attn-theory certify --json --full-input | head -c 100`)
 * ends quietly: exit 0 and nothing on stderr, where it used to die with an EPIPE stack trace. The
 * output (the worst input as 2^17 bits) is larger than a pipe's buffer, so the write really fails.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { CLI_BIN, runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'attn-epipe-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a closed output pipe', () => {
  test('certify --json --full-input | head exits 0 with nothing on stderr', () => {
    const model = join(dir, 'big.json');
    expect(runCli(['construct', '--T', String(2 ** 17), '--s', '3', '--fn', 'parity', '--codes', 'compact', '--out', model]).code).toBe(0);
    const script = `"${process.execPath}" "${CLI_BIN}" certify "${model}" --json --full-input | head -c 100 > /dev/null; echo "status=\${PIPESTATUS[0]}"`;
    const r = spawnSync('bash', ['-c', script], { encoding: 'utf8', timeout: 120_000 });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('status=0');
  });
});
