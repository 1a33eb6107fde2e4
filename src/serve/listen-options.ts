/**
 * The one strict schema of `attn-theory serve`'s own options (its flags): where to listen. Light (zod
 * only), so the CLI can parse the flags before it loads fastify.
 */
import { isIP } from 'node:net';
import { z } from 'zod';
import { integerIn } from '../core/zod-fields.js';

/** The default bind address: loopback only. */
export const DEFAULT_HOST = '127.0.0.1';
/** The default port. */
export const DEFAULT_PORT = 8765;

/** zod schema of the listen options (host: an IP address or localhost; port 0..65535, 0 = any free port). */
export const listenOptionsSchema = z.strictObject({
  host: z
    .string()
    .refine((h) => isIP(h) !== 0 || h === 'localhost', { error: 'an IP address (127.0.0.1, ::1, 0.0.0.0, ...) or localhost' })
    .default(DEFAULT_HOST)
    .describe(`address to bind (default ${DEFAULT_HOST}: loopback only)`),
  port: integerIn(0, 65535).default(DEFAULT_PORT).describe(`port (default ${DEFAULT_PORT}; 0 picks a free port)`),
});

/** Parsed listen options. */
export type ListenOptions = z.output<typeof listenOptionsSchema>;
