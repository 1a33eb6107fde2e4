/**
 * Progress for long steps: a cli-progress bar on a terminal, plain lines ("label: 3/12 ...") when the
 * stream is not a TTY (CI logs, pipes): one line per quarter of the items, or after 15 s of silence, and the last.
 */
import type cliProgressModule from 'cli-progress';
import { requireOptional } from '../core/optional-dependency.js';

/** Plain mode prints a line each time another quarter of the items is done... */
export const PLAIN_BUCKETS = 4;
/** ...and at least every 15 s while items keep finishing. */
export const PLAIN_MAX_SILENCE_MS = 15_000;

/** A progress reporter for one step with a known number of items. */
export interface Progress {
  /** Set the number of items done (and an optional short note about the last one). */
  update(done: number, note?: string): void;
  /** Change the total (for steps whose size is only estimated up front). */
  setTotal(total: number): void;
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
}

/** A progress reporter named `label` over `total` items. */
export function createProgress(label: string, initialTotal: number, opts: ProgressOptions = {}): Progress {
  let total = initialTotal;
  const stream = opts.stream ?? process.stderr;
  if (opts.silent) return { update() {}, setTotal() {}, stop() {} };
  // A bar only when both the drawing stream and stdout are terminals (stdout piped => plain lines).
  const plain = opts.plain ?? !(stream.isTTY && process.stdout.isTTY);
  if (!plain) {
    const cliProgress = requireOptional<typeof cliProgressModule>('cli-progress', 'the progress bars');
    const bar = new cliProgress.SingleBar(
      { format: `${label.padEnd(16)} [{bar}] {value}/{total} {note}`, stream, hideCursor: true, clearOnComplete: false, etaBuffer: 20 },
      cliProgress.Presets.shades_classic,
    );
    bar.start(initialTotal, 0, { note: '' });
    return {
      update(done, note) {
        bar.update(done, { note: note ?? '' });
      },
      setTotal(t) {
        bar.setTotal(t);
      },
      stop() {
        bar.stop();
      },
    };
  }
  const start = Date.now();
  let lastAt = start;
  let lastBucket = 0;
  let last = -1;
  const line = (done: number, note?: string) => {
    const secs = ((Date.now() - start) / 1000).toFixed(1);
    stream.write(`${label}: ${done}/${total} (${secs} s)${note ? ' ' + note : ''}\n`);
    last = done;
    lastAt = Date.now();
  };
  return {
    update(done, note) {
      const bucket = total > 0 ? Math.floor((PLAIN_BUCKETS * done) / total) : 0;
      const stale = Date.now() - lastAt >= PLAIN_MAX_SILENCE_MS;
      if (bucket !== lastBucket || done === total || stale) {
        lastBucket = bucket;
        if (done !== last) line(done, note);
      }
    },
    setTotal(t) {
      total = t;
    },
    stop() {
      if (last !== total) line(total === 0 ? 0 : Math.max(last, 0));
    },
  };
}
