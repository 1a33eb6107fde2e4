/**
 * The scalar-head bound request of the README's worked example as CLI flags (σ Lipschitz unless
 * overridden), for tests and benches that run `attn-theory bound`.
 */

/** The flags and values of the worked example: scalar head, T = 1024, d = 64, m = 10^7, all budgets 1, γ = 1, δ = 0.05. */
export const WORKED_BOUND_FLAGS: Readonly<Record<string, string>> = {
  '--model': 'scalar',
  '--T': '1024',
  '--d': '64',
  '--m': '10000000',
  '--BX': '1',
  '--BV': '1',
  '--BV21': '1',
  '--BQK21': '1',
  '--Bw': '1',
  '--Lsigma': '1',
  '--margin': '1',
  '--delta': '0.05',
};

/** `bound` and the worked example's flags as argv, with some values replaced or added. */
export function boundArgv(overrides: Readonly<Record<string, string>> = {}): string[] {
  return ['bound', ...Object.entries({ ...WORKED_BOUND_FLAGS, ...overrides }).flat()];
}
