/**
 * Activations σ with their Lipschitz constants L_σ. Those allowed inside a head satisfy σ(0) = 0
 * (DIGEST §2); all of them are 1-Lipschitz (def-reference-model).
 */
export const ACTIVATIONS = ['identity', 'relu', 'tanh'] as const;

/** Name of an activation σ (def-reference-model). */
export type Activation = (typeof ACTIVATIONS)[number];

/** Lipschitz constant L_σ of each activation (in any ℓp norm, applied entrywise; def-reference-model). */
export const ACTIVATION_LIPSCHITZ: Readonly<Record<Activation, number>> = {
  identity: 1,
  relu: 1,
  tanh: 1,
};

/** Apply σ entrywise, in place on `v` (name says so: the caller owns v). */
export function applyActivationInPlace(act: Activation, v: Float64Array): void {
  switch (act) {
    case 'identity':
      return;
    case 'relu':
      for (let i = 0; i < v.length; i++) if (v[i] < 0) v[i] = 0;
      return;
    case 'tanh':
      for (let i = 0; i < v.length; i++) v[i] = Math.tanh(v[i]);
      return;
  }
}

/** σ applied to one number. */
export function activate(act: Activation, x: number): number {
  switch (act) {
    case 'identity':
      return x;
    case 'relu':
      // biome-ignore lint/complexity/useMathMinMax: the reference's relu is this comparison (Math.max(-0, 0) and NaN differ from it).
      return x > 0 ? x : 0;
    case 'tanh':
      return Math.tanh(x);
  }
}
