/**
 * The explorer's static server (src/explorer/server.ts) over real HTTP on 127.0.0.1: it serves the
 * built page with its content types and the same-origin policy, refuses every path outside its folder
 * (dot segments, encoded dots and slashes, NUL, absolute paths), answers only GET and HEAD, and rejects
 * bad options and a taken port with one line naming them.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXPLORER_CSP, startExplorerServer, type ExplorerServer } from '../../src/explorer/server.js';

/** A raw request (the path sent as it is, no client-side normalisation). */
function get(port: number, path: string, method = 'GET'): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port, path, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        body += c;
      });
      res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

let server: ExplorerServer;
let secretDir: string;
beforeAll(async () => {
  // A folder to serve, with a secret beside it that no request may reach.
  const root = mkdtempSync(join(tmpdir(), 'attn-explorer-serve-'));
  secretDir = root;
  writeFileSync(join(root, 'secret.txt'), 'do not serve');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(join(root, 'site', 'sub'), { recursive: true });
  writeFileSync(join(root, 'site', 'index.html'), '<p>page</p>');
  writeFileSync(join(root, 'site', 'a.js'), 'x');
  server = await startExplorerServer({ port: 0, dir: join(root, 'site') });
});
afterAll(() => server?.close());

describe('explorer server', () => {
  test('serves index.html at / with its type and the same-origin policy', async () => {
    const r = await get(server.port, '/');
    expect(r).toMatchObject({ status: 200, body: '<p>page</p>' });
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['content-security-policy']).toBe(EXPLORER_CSP);
    expect((await get(server.port, '/a.js?x=1#y')).headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(await get(server.port, '/a.js', 'HEAD')).toMatchObject({ status: 200, body: '' });
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
  });

  test.each(['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/sub/../../secret.txt', '//etc/passwd', '/%00', '/a.js%00', '/%E0%A4%A', '/sub', '/sub/', `/${secretDir}/secret.txt`])(
    '%s is 404',
    async (path) => {
      const r = await get(server.port, path);
      expect(r.status).toBe(404);
      expect(r.body).not.toContain('do not serve');
    },
  );

  test('only GET and HEAD', async () => {
    const r = await get(server.port, '/', 'POST');
    expect(r.status).toBe(405);
    expect(r.headers.allow).toBe('GET, HEAD');
  });

  test('bad options and a taken port: one line naming them', async () => {
    await expect(startExplorerServer({ port: 70000 })).rejects.toThrow('startExplorerServer: port must be an integer in 0..65535 (got 70000)');
    await expect(startExplorerServer({ port: 1.5 })).rejects.toThrow('startExplorerServer: port must be an integer in 0..65535 (got 1.5)');
    await expect(startExplorerServer({ prot: 1 })).rejects.toThrow('startExplorerServer: unknown field prot (did you mean port?)');
    await expect(startExplorerServer({ port: server.port })).rejects.toThrow(`startExplorerServer: port must be free and allowed (got ${server.port}: EADDRINUSE)`);
  });
});
