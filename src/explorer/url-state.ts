/**
 * The explorer's request in its URL: the fragment holds the given inputs' texts under their option
 * keys, in the CLI's flag order (`#model=head&T=256&d=32&m=1e10&...`), so a link restores the page
 * and reads like the `attn-theory bound` command it stands for (cliCommand prints that command).
 * The fragment, not the query, because a page opened from disk (file://) may change only its fragment.
 * Browser-safe.
 */
import { optionKey } from '../cli/schema-flags.js';
import { closestKey } from '../core/zod-issue.js';
import type { ExplorerTexts } from './compute.js';
import { EXPLORER_REQUEST_FLAGS, EXPLORER_TARGET_GAP_FLAG } from './fields.js';

const FLAGS = [...EXPLORER_REQUEST_FLAGS, EXPLORER_TARGET_GAP_FLAG];

/** The option keys the URL may hold, in flag order (`model`, `T`, `d`, `m`, ..., `targetGap`). */
export const EXPLORER_URL_KEYS: readonly string[] = FLAGS.map((f) => optionKey(f.flag));

/** The fragment (without '#') for these texts: the given ones only, in flag order; '' when none. */
export function textsToFragment(texts: ExplorerTexts): string {
  const q = new URLSearchParams();
  for (const k of EXPLORER_URL_KEYS) {
    const t = texts[k];
    if (t !== undefined && t.trim() !== '') q.append(k, t);
  }
  return q.toString();
}

/** What a fragment holds: the texts by option key, or a one-line problem naming the bad parameter. */
export type FragmentState = { readonly ok: true; readonly texts: Record<string, string> } | { readonly ok: false; readonly message: string };

/**
 * Read a fragment back (with or without its '#'). An unknown or repeated parameter is a problem named
 * in one line (`URL: unknown parameter Tt (did you mean T?)`), never dropped silently.
 */
export function fragmentToTexts(fragment: string): FragmentState {
  const q = new URLSearchParams(fragment.replace(/^#/, ''));
  const texts: Record<string, string> = {};
  for (const [k, v] of q) {
    if (!EXPLORER_URL_KEYS.includes(k)) {
      const near = closestKey(k, EXPLORER_URL_KEYS);
      return { ok: false, message: `URL: unknown parameter ${k}${near !== undefined ? ` (did you mean ${near}?)` : ` (known: ${EXPLORER_URL_KEYS.join('|')})`}` };
    }
    if (k in texts) return { ok: false, message: `URL: parameter ${k} must be given once (got ${JSON.stringify(texts[k])} and ${JSON.stringify(v)})` };
    texts[k] = v;
  }
  return { ok: true, texts };
}

/** A word for a POSIX shell: as it is when plain, else single-quoted. */
function shellWord(s: string): string {
  return /^[\w.+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The `attn-theory bound` command line these texts stand for (given inputs only, flag order). */
export function cliCommand(texts: ExplorerTexts): string {
  const words = ['attn-theory', 'bound'];
  for (const f of FLAGS) {
    const t = texts[optionKey(f.flag)];
    if (t !== undefined && t.trim() !== '') words.push(f.flag, shellWord(t));
  }
  return words.join(' ');
}
