/**
 * The process driver (docs/conformance.md, "The conversation"): starts the user's program through the
 * shell, speaks JSON lines with it one request at a time, and turns every way the conversation can go
 * wrong (no reply in time, an exit, an unsolicited line) into a protocol violation. The program runs in
 * its own process group, so stopping it also stops what its shell started.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { CONFORMANCE_PROTOCOL, classifyEvalReply, classifyHelloReply, type Classified, type ErrorReply, type EvalRequest, type HelloReply, type ResultReply, type Violation } from './protocol.js';

/** How much of the program's stderr is kept for the report. */
export const STDERR_TAIL_CHARS = 4096;

/** Options of startClient. */
export interface ClientOptions {
  /** The command line, run through the shell as given. */
  readonly command: string;
  /** How long to wait for each reply line, and for the exit after stdin is closed (ms, >= 1). */
  readonly timeoutMs: number;
  /** Working directory of the program (default: the runner's). */
  readonly cwd?: string;
}

type Waiter = (line: string | Violation) => void;

/** What starting a program gave: a client that has answered the hello, or the violation that ended the handshake. */
export type ClientStart =
  | {
      /** The running program. */
      readonly client: ConformanceClient;
    }
  | {
      /** What went wrong during the handshake. */
      readonly violation: Violation;
      /** The last characters of the program's stderr. */
      readonly stderrTail: string;
    };

/** A running program that has answered the hello. */
export class ConformanceClient {
  private readonly lines: string[] = [];
  private buffer = '';
  private waiter: Waiter | null = null;
  private closed = false;
  private exitCode: number | null = null;
  private exitSignal: NodeJS.Signals | null = null;
  private stderr = '';
  private readonly closedPromise: Promise<void>;
  /** The hello reply, once the handshake is done. */
  hello: HelloReply | null = null;

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly timeoutMs: number,
  ) {
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => this.onData(chunk));
    child.stderr.on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-STDERR_TAIL_CHARS);
    });
    // A program that exits early makes our writes fail with EPIPE; the exit is what gets reported.
    child.stdin.on('error', () => {});
    // The program has its own process group, so a signal that ends the runner does not reach it: when
    // the runner exits (process.exit, including from a SIGINT handler), stop the program too.
    const onRunnerExit = () => this.killGroup();
    process.once('exit', onRunnerExit);
    this.closedPromise = new Promise((resolve) => {
      child.on('error', (err) => {
        this.stderr = (this.stderr + `\n[runner] cannot start the command: ${err.message}`).slice(-STDERR_TAIL_CHARS);
      });
      child.on('close', (code, signal) => {
        process.removeListener('exit', onRunnerExit);
        this.closed = true;
        this.exitCode = code;
        this.exitSignal = signal;
        if (this.buffer !== '') this.pushLine(this.buffer);
        this.buffer = '';
        this.wake(this.exitViolation('before replying'));
        resolve();
      });
    });
  }

  /**
   * Start the program and do the hello handshake.
   * @returns the client, or the violation that ended the handshake (the program is then stopped).
   */
  static async start(opts: ClientOptions): Promise<ClientStart> {
    const child = spawn(opts.command, { shell: true, cwd: opts.cwd, stdio: ['pipe', 'pipe', 'pipe'], detached: process.platform !== 'win32' });
    const client = new ConformanceClient(child, opts.timeoutMs);
    client.send({ type: 'hello', protocol: CONFORMANCE_PROTOCOL });
    const line = await client.nextLine('the hello');
    const reply: Classified<HelloReply> = typeof line === 'string' ? classifyHelloReply(line) : { ok: false, violation: line };
    if (!reply.ok) {
      await client.stop();
      return { violation: reply.violation, stderrTail: client.stderrTail() };
    }
    client.hello = reply.message;
    return { client };
  }

  /** The last STDERR_TAIL_CHARS characters the program wrote on stderr. */
  stderrTail(): string {
    return this.stderr;
  }

  /** Send an eval request and classify the reply (a result, an error reply, or a violation). */
  async evaluate(request: EvalRequest): Promise<Classified<ResultReply | ErrorReply>> {
    const early = this.unsolicited();
    if (early) return { ok: false, violation: early };
    this.send(request);
    const line = await this.nextLine(`request ${request.id}`);
    return typeof line === 'string' ? classifyEvalReply(line, request) : { ok: false, violation: line };
  }

  /**
   * End the conversation: close stdin and wait for a clean exit.
   * @returns null on a clean exit (status 0, no stray line), else the violation; the program is stopped either way.
   */
  async finish(): Promise<Violation | null> {
    const early = this.unsolicited();
    this.child.stdin.end();
    const exited = await Promise.race([this.closedPromise.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), this.timeoutMs).unref())]);
    if (!exited) {
      await this.stop();
      return early ?? { kind: 'timeout', detail: `the program did not exit within ${this.timeoutMs} ms after its stdin was closed` };
    }
    const late = early ?? this.unsolicited();
    if (late) return late;
    if (this.exitCode !== 0) return this.exitViolation('after its stdin was closed');
    return null;
  }

  /** Stop the program now (SIGKILL to its process group) and wait until its pipes close. */
  async stop(): Promise<void> {
    if (!this.closed) {
      this.killGroup();
      this.child.stdin.destroy();
      await Promise.race([this.closedPromise, new Promise((r) => setTimeout(r, 2000).unref())]);
    }
  }

  private killGroup(): void {
    if (this.closed) return;
    try {
      if (this.child.pid !== undefined && process.platform !== 'win32') process.kill(-this.child.pid, 'SIGKILL');
      else this.child.kill('SIGKILL');
    } catch {
      /* already gone */
    }
  }

  private send(message: object): void {
    if (!this.closed) this.child.stdin.write(JSON.stringify(message) + '\n');
  }

  private onData(chunk: string): void {
    this.buffer += chunk;
    let nl = this.buffer.indexOf('\n');
    while (nl >= 0) {
      this.pushLine(this.buffer.slice(0, nl));
      this.buffer = this.buffer.slice(nl + 1);
      nl = this.buffer.indexOf('\n');
    }
  }

  private pushLine(raw: string): void {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (this.waiter) this.wake(line);
    else this.lines.push(line);
  }

  private wake(value: string | Violation): void {
    const w = this.waiter;
    this.waiter = null;
    if (w) w(value);
  }

  private unsolicited(): Violation | null {
    if (this.lines.length === 0) return null;
    const line = this.lines[0];
    return { kind: 'unsolicited-output', detail: `a line when no reply was awaited: ${JSON.stringify(line.length > 80 ? `${line.slice(0, 77)}...` : line)}` };
  }

  private exitViolation(when: string): Violation {
    const how = this.exitSignal ? `was killed by ${this.exitSignal}` : `exited with status ${this.exitCode}`;
    const hint = this.exitCode === 127 ? ' (the shell could not find the command)' : '';
    return { kind: 'exited', detail: `the program ${how} ${when}${hint}` };
  }

  private nextLine(what: string): Promise<string | Violation> {
    if (this.lines.length > 0) return Promise.resolve(this.lines.shift() as string);
    if (this.closed) return Promise.resolve(this.exitViolation(`before replying to ${what}`));
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        resolve({ kind: 'timeout', detail: `no reply to ${what} within ${this.timeoutMs} ms` });
      }, this.timeoutMs);
      this.waiter = (value) => {
        clearTimeout(timer);
        if (typeof value !== 'string' && value.kind === 'exited') resolve(this.exitViolation(`before replying to ${what}`));
        else resolve(value);
      };
    });
  }
}
