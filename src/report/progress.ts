/**
 * Progress for long steps: a cli-progress bar with an ETA on a terminal, plain lines ("label: 3/12
 * (1.2 s, ETA 4 s) ...") when the stream is not a TTY (CI logs, pipes): one line per quarter of the
 * items, or after 15 s of silence, and the last. The total is fixed when the bar is created and never
 * changes (a step whose size is only bounded up front counts the items it will not need as done,
 * see plan.ts), and `done` is clamped to it.
 */
import type cliProgressModule from 'cli-progress';
import { requireOptional } from '../core/optional-dependency.js';
import { formatSeconds } from './format.js';

/** Plain mode prints a line each time another quarter of the items is done... */
export const PLAIN_BUCKETS = 4;
/** ...and at least every 15 s while items keep finishing. */
export const PLAIN_MAX_SILENCE_MS = 15_000;

/** A progress reporter for one step with a known number of items. */
export interface Progress {
  /** The fixed total. */
  readonly total: number;
  /** Set the number of items done (clamped to [0, total]; an optional short note about the last one). */
  update(done: number, note?: string): void;
  /** Finish the bar (prints the final line in plain mode). */
  stop(): void;
}

/** Options of createProgress. */
export interface ProgressOptions {
  /** Stream to draw on (default process.stderr, so stdout stays clean for data). */
  readonly stream?: NodeJS.WriteStream;
  /** Force plain lines (true) or a bar (false); default: bar iff the stream and stdout are TTYs. */
  readonly plain?: boolean;
  /** Draw nothing at all. */
  readonly silent?: boolean;
  /** Clock in milliseconds (default Date.now; tests pass their own). */
  readonly now?: () => number;
}

/**
 * The remaining time at the average pace so far: elapsed · (total − done)/done, or null before the
 * first item (no pace yet).
 * @param elapsedMs - time since the start.
 * @param done - items done.
 * @param total - the fixed total.
 */
export function etaSeconds(elapsedMs: number, done: number, total: number): number | null {
  if (done <= 0) return null;
  return ((elapsedMs / 1000) * Math.max(0, total - done)) / done;
}

/**
 * A progress reporter named `label` over a fixed `total` of items.
 * @throws MissingDependencyError when a bar is asked for and cli-progress cannot be loaded.
 */
export function createProgress(label: string, total: number, opts: ProgressOptions = {}): Progress {
  const stream = opts.stream ?? process.stderr;
  const clamp = (d: number) => Math.max(0, Math.min(total, d));
  if (opts.silent) return { total, update() {}, stop() {} };
  // A bar only when both the drawing stream and stdout are terminals (stdout piped => plain lines).
  const plain = opts.plain ?? !(stream.isTTY && process.stdout.isTTY);
  if (!plain) {
    const cliProgress = requireOptional<typeof cliProgressModule>('cli-progress', 'the progress bars');
    const bar = new cliProgress.SingleBar(
      { format: `${label.padEnd(16)} [{bar}] {value}/{total} ETA {eta_formatted} {note}`, stream, hideCursor: true, clearOnComplete: false, etaBuffer: 20 },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { note: '' });
    return {
      total,
      update(done, note) {
        bar.update(clamp(done), { note: note ?? '' });
      },
      stop() {
        bar.stop();
      },
    };
  }
  const now = opts.now ?? Date.now;
  const start = now();
  let lastAt = start;
  let lastBucket = 0;
  let last = -1;
  const line = (done: number, note?: string) => {
    const elapsed = now() - start;
    const eta = etaSeconds(elapsed, done, total);
    stream.write(`${label}: ${done}/${total} (${(elapsed / 1000).toFixed(1)} s, ETA ${done >= total ? '0 s' : eta === null ? 'unknown' : formatSeconds(eta)})${note ? ' ' + note : ''}\n`);
    last = done;
    lastAt = now();
  };
  return {
    total,
    update(raw, note) {
      const done = clamp(raw);
      const bucket = total > 0 ? Math.floor((PLAIN_BUCKETS * done) / total) : 0;
      const stale = now() - lastAt >= PLAIN_MAX_SILENCE_MS;
      if (bucket !== lastBucket || done === total || stale) {
        lastBucket = bucket;
        if (done !== last) line(done, note);
      }
    },
    stop() {
      if (last !== total) line(total === 0 ? 0 : Math.max(last, 0));
    },
  };
}
