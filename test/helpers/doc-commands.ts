/**
 * Extract the shell commands of a Markdown document: every line of its ```sh / ```bash fenced blocks,
 * with backslash-continued lines joined and the trailing `# comment` split off (kept: it often quotes the
 * expected result, e.g. "# exit 1"). Comment-only lines after a command (its quoted output) are appended
 * to that command's comment. A block that is a script for another system (`#!/bin/bash` followed by
 * `#SBATCH` lines: a Slurm batch script) is marked `slurm`, with the environment its directives give a
 * task (SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_COUNT, SLURM_CPUS_PER_TASK, SLURM_SUBMIT_DIR).
 * Used by test/docs/commands.test.ts.
 */

/** One command of a fenced shell block. */
export interface DocCommand {
  /** Document path relative to the repository root, e.g. `README.md`. */
  readonly file: string;
  /** 1-based line of the command's first physical line. */
  readonly line: number;
  /** 0-based index of its fenced shell block within the document. */
  readonly block: number;
  /** The command, continuation lines joined by one space, comment removed, trimmed. */
  readonly command: string;
  /** Its trailing comment and the comment-only lines after it, without `#`, joined by one space ('' if none). */
  readonly comment: string;
  /** `slurm` when the block is a Slurm batch script, else `shell`. */
  readonly system: 'shell' | 'slurm';
  /** For a Slurm script: the environment of its first array task, read from the `#SBATCH` lines. */
  readonly env: Readonly<Record<string, string>>;
}

/** Index of the `#` that starts a trailing comment (outside quotes, at line start or after a blank), or -1. */
export function commentStart(line: string): number {
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"') i++;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '\\') i++;
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1] as string))) return i;
  }
  return -1;
}

/** The environment a Slurm array script's first task sees, from its `#SBATCH` directives. */
function slurmEnv(lines: readonly string[]): Record<string, string> {
  const env: Record<string, string> = { SLURM_SUBMIT_DIR: '.' };
  for (const l of lines) {
    const array = /^#SBATCH\s+--array=(\d+)-(\d+)/.exec(l);
    if (array) {
      env.SLURM_ARRAY_TASK_ID = array[1] as string;
      env.SLURM_ARRAY_TASK_COUNT = String(Number(array[2]) - Number(array[1]) + 1);
    }
    const cpus = /^#SBATCH\s+--cpus-per-task=(\d+)/.exec(l);
    if (cpus) env.SLURM_CPUS_PER_TASK = cpus[1] as string;
  }
  return env;
}

/**
 * Every command of the ```sh / ```bash blocks of `markdown`, in document order.
 * @param markdown the document's text
 * @param file its path, recorded in each command
 */
export function extractCommands(markdown: string, file: string): DocCommand[] {
  const lines = markdown.split('\n');
  const out: DocCommand[] = [];
  let block = -1;
  for (let i = 0; i < lines.length; i++) {
    const fence = /^```(\w*)\s*$/.exec(lines[i] as string);
    if (!fence) continue;
    const lang = fence[1] as string;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !/^```\s*$/.test(lines[end] as string)) end++;
    i = end;
    if (lang !== 'sh' && lang !== 'bash') continue;
    block++;
    const body = lines.slice(start, end);
    const slurm = /^#!\/bin\/(ba)?sh/.test(body[0] ?? '') && body.some((l) => /^#SBATCH\s/.test(l));
    const env = slurm ? slurmEnv(body) : {};
    let last: { -readonly [K in keyof DocCommand]: DocCommand[K] } | null = null;
    for (let j = 0; j < body.length; j++) {
      const first = j;
      let text = body[j] as string;
      if (/^\s*#/.test(text)) {
        // A comment-only line: the quoted output of the command above (a shebang or directive in a script).
        if (last && !slurm) last.comment = `${last.comment} ${text.replace(/^\s*#\s?/, '').trim()}`.trim();
        continue;
      }
      if (text.trim() === '') continue;
      let comment = '';
      for (;;) {
        const at = commentStart(text);
        const code = at >= 0 ? text.slice(0, at) : text;
        if (at >= 0) comment = `${comment} ${text.slice(at + 1).trim()}`.trim();
        if (/\\\s*$/.test(code) && at < 0 && j + 1 < body.length) {
          text = `${code.replace(/\s*\\\s*$/, '')} ${(body[++j] as string).trim()}`;
          continue;
        }
        text = code;
        break;
      }
      last = { file, line: start + first + 1, block, command: text.trim(), comment, system: slurm ? 'slurm' : 'shell', env };
      out.push(last);
    }
  }
  return out;
}
