/**
 * Progress for long steps: a cli-progress bar on a terminal, plain lines ("label: 3/12 ...") when the
 * stream is not a TTY (CI logs, pipes), at most one line per 5% of the total (and always the last).
 */
import cliProgress from 'cli-progress';

/** A progress reporter for one step with a known number of items. */
export interface Progress {
  /** Set the number of items done (and an optional short note about the last one). */
  update(done: number, note?: string): void;
  /** Finish the bar (prints the final line in plain mode). */
  stop(): void;
}

/** Options of createProgress. */
export interface ProgressOptions {
  /** Stream to draw on (default process.stderr, so stdout stays clean for data). */
  readonly stream?: NodeJS.WriteStream;
  /** Force plain lines (true) or a bar (false); default: bar iff the stream is a TTY. */
  readonly plain?: boolean;
  /** Draw nothing at all. */
  readonly silent?: boolean;
}

/** A progress reporter named `label` over `total` items. */
export function createProgress(label: string, total: number, opts: ProgressOptions = {}): Progress {
  const stream = opts.stream ?? process.stderr;
  if (opts.silent) return { update() {}, stop() {} };
  const plain = opts.plain ?? !stream.isTTY;
  if (!plain) {
    const bar = new cliProgress.SingleBar(
      { format: `${label.padEnd(16)} [{bar}] {value}/{total} {note}`, stream, hideCursor: true, clearOnComplete: false, etaBuffer: 20 },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { note: '' });
    return {
      update(done, note) {
        bar.update(done, { note: note ?? '' });
      },
      stop() {
        bar.stop();
      },
    };
  }
  const start = Date.now();
  let lastBucket = -1;
  let last = -1;
  const line = (done: number, note?: string) => {
    const secs = ((Date.now() - start) / 1000).toFixed(1);
    stream.write(`${label}: ${done}/${total} (${secs} s)${note ? ' ' + note : ''}\n`);
    last = done;
  };
  return {
    update(done, note) {
      const bucket = total > 0 ? Math.floor((20 * done) / total) : 0;
      if (bucket !== lastBucket || done === total) {
        lastBucket = bucket;
        if (done !== last) line(done, note);
      }
    },
    stop() {
      if (last !== total) line(total === 0 ? 0 : Math.max(last, 0));
    },
  };
}
