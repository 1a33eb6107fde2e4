// Preloaded with `node --import`: prints this process's CPU time (user + system, ms, bootstrap included)
// on stderr as `CPU_MS <n>` when it exits, so bench/startup.ts can time a CLI run's CPU, not only its wall.
process.on('exit', () => {
  const u = process.cpuUsage();
  process.stderr.write(`CPU_MS ${((u.user + u.system) / 1000).toFixed(1)}\n`);
});
