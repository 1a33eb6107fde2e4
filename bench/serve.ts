/**
 * `attn-theory serve` throughput: analytic bound requests per second over HTTP and their latency
 * percentiles, against a direct library loop (computeBound on the same requests) in the same run, so
 * the ratio means something on a shared machine. The service is the compiled CLI (`node
 * dist/cli/main.js serve --port 0`, built first), in its own process with its default two workers;
 * CLIENTS concurrent clients (node fetch, keep-alive) send REQUESTS requests per repetition; figures
 * are medians over REPS repetitions. Targets (issue 13): >= 500 req/s on 2 cores with p99 <= 50 ms.
 * Run: npx tsx bench/serve.ts [--reps 5] [--requests 2000] [--clients 16]. Last line: JSON.
 */
import { execFileSync, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { computeBound, type BoundRequest } from '../src/bounds/api.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const REPS = arg('reps', 5);
const REQUESTS = arg('requests', 2000);
const CLIENTS = arg('clients', 16);

// Distinct analytic requests (no cache can help): the four model kinds over a grid of T and m.
const KINDS = [{ model: 'scalar', valueActivation: 'identity' }, { model: 'head' }, { model: 'multihead', heads: 2 }, { model: 'transformer' }] as const;
const requests: BoundRequest[] = [];
for (let i = 0; i < 256; i++) {
  requests.push({
    ...KINDS[i % 4],
    contextLength: 2 ** (1 + (i % 20)),
    width: 64,
    sampleSize: 10 ** (3 + (i % 9)),
    inputNorm: 1,
    normBounds: { valueSpectral: 1, valueGroup21: 1 + (i % 3), qkGroup21: 1 + (i % 5), readout: 1 },
    activationLipschitz: 1,
    margin: 0.5 + (i % 4) * 0.25,
    delta: 0.05,
  } as BoundRequest);
}
const bodies = requests.map((r) => JSON.stringify(r));

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}
function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
const child = spawn(process.execPath, ['dist/cli/main.js', 'serve', '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise<string>((resolve, reject) => {
  let out = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    const m = /listening on (\S+)\n/.exec(out);
    if (m) resolve(m[1]);
  });
  child.on('exit', (c) => reject(new Error(`serve exited (${c})`)));
});

async function httpRound(n: number): Promise<{ rps: number; p50: number; p99: number; mismatched: number }> {
  const lat: number[] = [];
  let next = 0;
  let bad = 0;
  const client = async () => {
    while (next < n) {
      const i = next++ % bodies.length;
      const t0 = performance.now();
      const r = await fetch(`${url}/v1/bound`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: bodies[i] });
      const json = (await r.json()) as { generalizationGap?: number };
      lat.push(performance.now() - t0);
      if (r.status !== 200 || json.generalizationGap !== expectedGap[i]) bad++;
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CLIENTS }, client));
  const s = (performance.now() - t0) / 1000;
  lat.sort((a, b) => a - b);
  return { rps: n / s, p50: percentile(lat, 50), p99: percentile(lat, 99), mismatched: bad };
}

function libraryRound(n: number): number {
  const t0 = performance.now();
  for (let k = 0; k < n; k++) computeBound(requests[k % requests.length]);
  return n / ((performance.now() - t0) / 1000);
}

const expectedGap = requests.map((r) => computeBound(r).generalizationGap);
await httpRound(Math.min(REQUESTS, 400)); // warm-up: both workers load the calculus, JIT settles
const rows: { rps: number; p50: number; p99: number; lib: number }[] = [];
let mismatched = 0;
console.log('rep  HTTP req/s  p50 ms  p99 ms  library calls/s  HTTP/library');
for (let rep = 0; rep < REPS; rep++) {
  const h = await httpRound(REQUESTS);
  const lib = libraryRound(REQUESTS);
  mismatched += h.mismatched;
  rows.push({ rps: h.rps, p50: h.p50, p99: h.p99, lib });
  console.log(
    `${String(rep + 1).padStart(3)}  ${h.rps.toFixed(0).padStart(10)}  ${h.p50.toFixed(2).padStart(6)}  ${h.p99.toFixed(2).padStart(6)}  ${lib.toFixed(0).padStart(15)}  ${(h.rps / lib).toFixed(3).padStart(12)}`,
  );
}
child.kill('SIGTERM');
const result = {
  bench: 'serve',
  requests: REQUESTS,
  clients: CLIENTS,
  reps: REPS,
  httpRequestsPerSec: Math.round(median(rows.map((r) => r.rps))),
  p50Ms: Number(median(rows.map((r) => r.p50)).toFixed(2)),
  p99Ms: Number(median(rows.map((r) => r.p99)).toFixed(2)),
  libraryCallsPerSec: Math.round(median(rows.map((r) => r.lib))),
  httpOverLibrary: Number(median(rows.map((r) => r.rps / r.lib)).toFixed(3)),
  mismatched,
  targets: { httpRequestsPerSec: 500, p99Ms: 50 },
};
console.log(
  `median: ${result.httpRequestsPerSec} req/s over HTTP (target >= 500), p99 ${result.p99Ms} ms (target <= 50), ${result.httpOverLibrary}x the direct library loop; ${mismatched} answers differed from computeBound`,
);
console.log(JSON.stringify(result));
