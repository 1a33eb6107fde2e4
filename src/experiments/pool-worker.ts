/**
 * A training worker process (src/experiments/pool.ts): receives configs over IPC, trains each with
 * trainRun on its own tfjs backend, sends the result back. It exits as soon as its IPC channel closes,
 * so it dies with its parent even when the parent is killed with SIGKILL.
 */
import { trainRun } from './train.js';
import type { PoolRequest, PoolReply } from './pool-protocol.js';

process.on('disconnect', () => process.exit(0));
// Ctrl-C reaches the whole process group: the parent decides (it aborts and kills us), not the terminal.
process.on('SIGINT', () => {});

process.on('message', (msg: PoolRequest) => {
  void (async () => {
    let reply: PoolReply;
    try {
      const result = await trainRun(msg.config, { keepModel: msg.keepModel });
      reply = { id: msg.id, ok: true, result };
    } catch (err) {
      const e = err instanceof Error ? err : new Error(String(err));
      reply = { id: msg.id, ok: false, name: e.name, message: e.message.split('\n')[0] };
    }
    if (process.connected) process.send!(reply);
  })();
});

if (process.send) process.send({ id: -1, ok: true, ready: true });
