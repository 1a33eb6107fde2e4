/**
 * GET /docs: one hand-written static HTML page (no script, no stylesheet or font from the network)
 * listing the routes of route-table.ts with a curl command per POST route, the limits and the error
 * format. The curl commands name the address the page was fetched from.
 */
import { ROUTES } from './route-table.js';
import type { ServeLimits } from './limits.js';
import type { ZodFastify } from './routes.js';

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The curl command that posts `body` to `url` on `base` (as the README prints it). */
export function curlCommand(base: string, url: string, body: unknown): string {
  return `curl -s -X POST ${base}${url} -H 'content-type: application/json' -d '${JSON.stringify(body)}'`;
}

/** The page's HTML for a service reached at `base` (e.g. http://127.0.0.1:8765). */
export function docsPage(base: string, limits: ServeLimits): string {
  const rows = ROUTES.map((r) => `<tr><td><code>${r.method}</code></td><td><code>${esc(r.url)}</code></td><td>${esc(r.summary)}</td><td>${esc(r.sameAs)}</td></tr>`).join('\n');
  const curls = ROUTES.filter((r) => r.example !== undefined)
    .map((r) => `<h3><code>${r.method} ${esc(r.url)}</code></h3>\n<pre>${esc(curlCommand(base, r.url, r.example))}</pre>`)
    .join('\n');
  const lim = Object.entries(limits)
    .map(([k, v]) => `<tr><td><code>${esc(k)}</code></td><td>${esc(String(v))}</td></tr>`)
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>attn-theory serve</title>
<style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}td,th{border-bottom:1px solid #ddd;padding:.3rem;text-align:left;vertical-align:top}pre{background:#f4f4f4;padding:.5rem;overflow-x:auto;white-space:pre-wrap}</style>
</head><body>
<h1>attn-theory serve</h1>
<p>JSON over HTTP: every POST route takes the request the library and the CLI take (their zod schemas), and answers the JSON that <code>attn-theory &lt;command&gt; --json</code> prints. Models travel in the body as model-file JSON; the service never reads or writes a path. The machine-readable description is <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1).</p>
<h2>Routes</h2>
<table><tr><th>method</th><th>path</th><th>what</th><th>same answer as</th></tr>
${rows}
</table>
<h2>Examples</h2>
${curls}
<p>To certify a construction, post its reply's <code>model</code>: <code>{"model": {...}, "target": "parity@2,5,7"}</code> to <code>/v1/certify</code> (target optional: default the stored one), <code>{"model": {...}}</code> to <code>/v1/norms</code>.</p>
<h2>Errors</h2>
<p>Every error is JSON <code>{"error", "field", "value", "message"}</code>: 400 <code>bad_field</code> / <code>unknown_field</code> / <code>malformed_json</code> / <code>bad_model</code>, 404 <code>not_found</code>, 413 <code>body_too_large</code>, 415 <code>unsupported_media_type</code>, 422 <code>limit_exceeded</code> (with <code>limit: {name, value}</code>) / <code>unprocessable</code>, 503 <code>busy</code>, 500 <code>internal</code> (no stack trace). The message is the CLI's: <code>normBounds.readout must be a finite number &gt; 0 (got -1)</code>.</p>
<h2>Limits</h2>
<table><tr><th>limit</th><th>value</th></tr>
${lim}
</table>
</body></html>
`;
}

/** Add GET /docs (hidden from the OpenAPI document). */
export function registerDocsRoute(app: ZodFastify, limits: ServeLimits): void {
  app.get('/docs', { schema: { hide: true } }, async (req, reply) => reply.type('text/html; charset=utf-8').send(docsPage(`${req.protocol}://${req.host}`, limits)));
}
