#!/usr/bin/env node
// Entry point of the `attn-theory` command. The toolkit runs from its TypeScript sources through tsx's
// loader, so `npx attn-theory ...` works right after `npm ci` with no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
