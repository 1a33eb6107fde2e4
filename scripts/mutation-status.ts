/**
 * How a StrykerJS mutant status counts in the score, shared by scripts/mutation.ts (the per-group line)
 * and scripts/mutation-summary.ts (the per-folder table), so the two cannot disagree. Stryker's own
 * definition: detected = Killed + Timeout, undetected = Survived + NoCoverage; errors (RuntimeError,
 * CompileError) and Ignored mutants are in neither.
 */
export const DETECTED: ReadonlySet<string> = new Set(['Killed', 'Timeout']);
export const UNDETECTED: ReadonlySet<string> = new Set(['Survived', 'NoCoverage']);
export const ERRORS: ReadonlySet<string> = new Set(['RuntimeError', 'CompileError']);
