/**
 * `attn-theory explore [--port N] [--host 127.0.0.1] [--out DIR]`: the interactive bound explorer, a
 * static page that runs the bound calculus in the browser (src/explorer/). Without --out it serves the
 * built page over HTTP (loopback by default) until interrupted; with --out DIR it writes a copy of the
 * page into DIR (open DIR/index.html) and exits. Bad flags: one line naming the flag, exit 2.
 */
import type { Command } from 'commander';
import { z } from 'zod';
import { action } from '../errors.js';
import { commandSummary } from '../command-table.js';
import { declareFlags, parseSchemaFlags, type SchemaFlag } from '../schema-flags.js';
import { copyExplorer, EXPLORER_INDEX } from '../../explorer/assets.js';
import { explorerServerOptionsSchema, startExplorerServer } from '../../explorer/server.js';

/** zod schema of the command's flags: the server's port and host, or a folder to write the page into. */
export const exploreFlagsSchema = z.strictObject({
  port: explorerServerOptionsSchema.shape.port,
  host: explorerServerOptionsSchema.shape.host,
  /** Folder to write a copy of the page into instead of serving it. */
  out: z.string({ error: 'a folder path' }).min(1, { error: 'a folder path' }).optional().describe('write a copy of the page into this folder (open its index.html) instead of serving it'),
});

/** The command's flags, one per field of exploreFlagsSchema. */
export const EXPLORE_FLAGS: readonly SchemaFlag[] = [
  { flag: '--port', path: ['port'], arg: 'N' },
  { flag: '--host', path: ['host'], arg: 'address' },
  { flag: '--out', path: ['out'], arg: 'DIR' },
];

/** Register the command. */
export function register(program: Command): void {
  const cmd = program.command('explore').description(commandSummary('explore'));
  declareFlags(cmd, exploreFlagsSchema, EXPLORE_FLAGS);
  cmd.action(
    action('explore', async (opts: Record<string, unknown>) => {
      const flags = parseSchemaFlags(exploreFlagsSchema, EXPLORE_FLAGS, opts);
      if (flags.out !== undefined) {
        const written = copyExplorer(flags.out);
        process.stdout.write(`wrote the bound explorer (${written.length} files) to ${flags.out}: open ${flags.out.replace(/[\\/]$/, '')}/${EXPLORER_INDEX}\n`);
        return;
      }
      const server = await startExplorerServer({ ...(flags.port !== undefined ? { port: flags.port } : {}), ...(flags.host !== undefined ? { host: flags.host } : {}) });
      process.stdout.write(`bound explorer at ${server.url} (Ctrl-C stops it)\n`);
      await new Promise<void>((done) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void server.close().then(done);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    }),
  );
}
