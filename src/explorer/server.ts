/**
 * The static server behind `attn-theory explore`: node:http serving the built explorer folder
 * (assets.ts) on loopback by default. GET and HEAD only; a path outside the folder, or a folder, is
 * 404; every answer carries a Content-Security-Policy that allows nothing but the page's own origin,
 * so the page cannot fetch anything from elsewhere even by mistake (vega compiles its expressions
 * with `new Function`, hence 'unsafe-eval'; KaTeX sets inline styles, hence style 'unsafe-inline').
 */
import { readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { z } from 'zod';
import { DomainError } from '../core/errors.js';
import { parseOrThrow } from '../core/zod-issue.js';
import { integerIn } from '../core/zod-fields.js';
import { explorerDir, EXPLORER_INDEX } from './assets.js';

/** Default port of `attn-theory explore` (one above the JSON service's 8765). */
export const EXPLORER_DEFAULT_PORT = 8766;
/** Default host: loopback only. */
export const EXPLORER_DEFAULT_HOST = '127.0.0.1';

/** The policy sent with every answer: the page's own origin only. */
export const EXPLORER_CSP =
  "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** zod schema of startExplorerServer's options (strict). */
export const explorerServerOptionsSchema = z.strictObject({
  /** TCP port, 0..65535 (0: any free port); default EXPLORER_DEFAULT_PORT. */
  port: integerIn(0, 65535).optional().describe(`TCP port, 0 for any free one (default ${EXPLORER_DEFAULT_PORT})`),
  /** Address to listen on; default EXPLORER_DEFAULT_HOST (loopback). */
  host: z.string({ error: 'a host name or address' }).min(1, { error: 'a host name or address' }).optional().describe(`address to listen on (default ${EXPLORER_DEFAULT_HOST}: loopback only)`),
  /** The folder to serve; default explorerDir() (the built page). */
  dir: z.string({ error: 'a folder path' }).min(1, { error: 'a folder path' }).optional(),
});

/** Input type of explorerServerOptionsSchema. */
export type ExplorerServerOptions = z.input<typeof explorerServerOptionsSchema>;

/** A running explorer server. */
export interface ExplorerServer {
  /** The page's address, e.g. http://127.0.0.1:8766/ (IPv6 hosts in brackets). */
  readonly url: string;
  /** The port actually bound (useful with port 0). */
  readonly port: number;
  /** Stop listening and close open connections. */
  close(): Promise<void>;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

/** The file of `dir` a request names, or null (outside dir, not a file, bad encoding). */
function fileFor(dir: string, url: string): string | null {
  let path: string;
  try {
    path = decodeURIComponent(new URL(url, 'http://x').pathname);
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;
  const file = resolve(dir, `.${path.endsWith('/') ? `${path}${EXPLORER_INDEX}` : path}`);
  if (!file.startsWith(dir + sep)) return null;
  try {
    return statSync(file).isFile() ? file : null;
  } catch {
    return null;
  }
}

function handler(dir: string) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const headers = { 'content-security-policy': EXPLORER_CSP, 'x-content-type-options': 'nosniff', 'cache-control': 'no-cache', 'referrer-policy': 'no-referrer' };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...headers, allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }).end('method not allowed\n');
      return;
    }
    const file = fileFor(dir, req.url ?? '/');
    if (!file) {
      res.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    const body = readFileSync(file);
    res.writeHead(200, { ...headers, 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', 'content-length': body.length });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}

/**
 * Serve the explorer folder over HTTP.
 * @param options - { port, host, dir } (explorerServerOptionsSchema; defaults 8766, 127.0.0.1, the built page).
 * @returns the running server (its url and a close()).
 * @throws DomainError on a bad option (`startExplorerServer: port must be an integer in 0..65535 (got 70000)`),
 *   when the page is not built, or when the address cannot be bound (`port must be free (got 8766: EADDRINUSE)`).
 */
export async function startExplorerServer(options: unknown = {}): Promise<ExplorerServer> {
  const o = parseOrThrow(explorerServerOptionsSchema, options, 'startExplorerServer', 'options');
  const dir = resolve(o.dir ?? explorerDir());
  const host = o.host ?? EXPLORER_DEFAULT_HOST;
  const server = createServer(handler(dir));
  await new Promise<void>((ok, fail) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      const what =
        err.code === 'EADDRINUSE' || err.code === 'EACCES'
          ? `port must be free and allowed (got ${o.port ?? EXPLORER_DEFAULT_PORT}: ${err.code})`
          : `host must be a local address (got ${JSON.stringify(host)}: ${err.code ?? err.message})`;
      fail(new DomainError(`startExplorerServer: ${what}`));
    });
    server.listen(o.port ?? EXPLORER_DEFAULT_PORT, host, () => ok());
  });
  const port = (server.address() as { port: number }).port;
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shown}:${port}/`,
    port,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
