/**
 * `attn-theory serve [--host 127.0.0.1] [--port 8765]`: the bound, construct, certify and norms API as a
 * JSON HTTP service (src/serve/, docs/serve.md). Prints one line `listening on http://HOST:PORT` and
 * shuts down cleanly on SIGINT or SIGTERM. fastify loads only here, when the command runs.
 */
import type { Command } from 'commander';
import { action, flagError } from '../errors.js';
import { declareFlags, parseSchemaFlags, type SchemaFlag } from '../schema-flags.js';
import { listenOptionsSchema } from '../../serve/listen-options.js';
import { commandSummary } from '../command-table.js';
import type { RunningServer } from '../../serve/app.js';

/** The flags of `serve`, one per field of listenOptionsSchema. */
export const SERVE_FLAGS: readonly SchemaFlag[] = [
  { flag: '--host', path: ['host'], arg: 'address' },
  { flag: '--port', path: ['port'], arg: 'port' },
];

/** A listen failure as the flag at fault (port in use or privileged, host not of this machine), else as it is. */
function listenError(err: NodeJS.ErrnoException, host: string, port: number): Error {
  if (err.code === 'EADDRINUSE') return flagError('--port', `a free port (${port} is in use on ${host})`, port);
  if (err.code === 'EACCES') return flagError('--port', `a port this user may bind (${port} needs privileges)`, port);
  if (err.code === 'EADDRNOTAVAIL') return flagError('--host', 'an address of this machine', host);
  return err;
}

/** Register the command. */
export function register(program: Command): void {
  const cmd = program.command('serve').description(commandSummary('serve'));
  declareFlags(cmd, listenOptionsSchema, SERVE_FLAGS);
  cmd.action(
    action('serve', async (opts: Record<string, unknown>) => {
      const { host, port } = parseSchemaFlags(listenOptionsSchema, SERVE_FLAGS, opts);
      // Handlers first: a signal that arrives while the service starts still shuts it down cleanly.
      let server: RunningServer | undefined;
      let closing = false;
      const shutdown = () => {
        if (closing) return;
        closing = true;
        (server ? server.close() : Promise.resolve()).then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
      const { startServer } = await import('../../serve/app.js');
      server = await startServer(host, port, {
        onInternalError: (err) => process.stderr.write(`attn-theory serve: internal error: ${(err instanceof Error ? err.message : String(err)).split('\n')[0]}\n`),
      }).catch((err: NodeJS.ErrnoException) => {
        throw listenError(err, host, port);
      });
      if (closing) return void (await server.close());
      process.stdout.write(`listening on ${server.url}\n`);
    }),
  );
}
