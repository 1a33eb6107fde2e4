/**
 * Canonical JSON and content hashes for stored runs: object keys sorted, numbers in JavaScript's
 * shortest round-trip form, so two equal configurations always hash the same (def-sweep-store).
 */
import { createHash } from 'node:crypto';
import { domainError } from '../../core/errors.js';

/**
 * JSON text with every object's keys sorted (recursively), the form hashed into run keys (def-run-store).
 * Float64Arrays become arrays; undefined object fields are dropped and undefined array entries become
 * null, as JSON.stringify does.
 * @throws DomainError naming the path (e.g. `$.config.lr`) of a NaN or infinite number.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value, '$'));
}

function sortKeys(v: unknown, path: string): unknown {
  if (typeof v === 'number' && !Number.isFinite(v)) throw domainError('canonicalJson', path, 'a finite number', v);
  if (Array.isArray(v)) return v.map((x, i) => sortKeys(x, `${path}[${i}]`));
  if (v instanceof Float64Array) return Array.from(v);
  if (v !== null && typeof v === 'object') {
    // A null-prototype object, so a key named "__proto__" stays an ordinary own key.
    const out: Record<string, unknown> = Object.create(null);
    for (const k of Object.keys(v).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) out[k] = sortKeys(x, `${path}.${k}`);
    }
    return out;
  }
  return v;
}

/**
 * The key of a stored run that is not a train run: hex SHA-256 (first 32 hex digits) of the canonical
 * JSON of `{ kind, config }` (def-run-store).
 * @param kind - the run kind, e.g. 'bound' or 'construct'.
 * @param config - the run's full normalized configuration.
 * @throws DomainError for a NaN or infinite number in config.
 */
export function contentHash(kind: string, config: unknown): string {
  return createHash('sha256').update(canonicalJson({ kind, config })).digest('hex').slice(0, 32);
}
