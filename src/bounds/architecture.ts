/**
 * The norm budgets of a whole model class, as every covering result reads them (notation.md, section
 * "Capacity bounds"). Built from a BoundRequest (api.ts) or measured from a model file.
 */

/** Budgets of one attention head (or `count` identical heads), as thm-head-covering and thm-transformer-covering read them. */
export interface HeadBudget {
  /** Frobenius budget of W_QK (a request's (2,1) budget bounds it: ‖W‖_F ≤ ‖W‖_{2,1}). */
  readonly qkFrobenius: number;
  /** Spectral budget of W_QK (used by the Lipschitz lemma). */
  readonly qkSpectral: number;
  /** Frobenius budget of W_V. */
  readonly valueFrobenius: number;
  /**
   * Optional budget of ‖W_V‖_{2,1} (columns convention, Σ_j ‖W_{:,j}‖₂): a request's B_V^{2,1}. Used by the
   * Maurey value cover (lem-maurey-l2-cover); absent (model files), √k·valueFrobenius stands for it.
   */
  readonly valueGroup21?: number;
  /** B_V: spectral budget of W_V. */
  readonly valueSpectral: number;
  /** k: output dimension of W_V. */
  readonly valueDim: number;
  /** L_σ. */
  readonly activationLipschitz: number;
  /** σ is the identity (enables the combined value·readout cover of thm-head-covering). */
  readonly identity: boolean;
  /** Frobenius budget of W_C (layer heads only). */
  readonly outputFrobenius: number;
  /** Spectral budget of W_C (layer heads only). */
  readonly outputSpectral: number;
  /** Number of identical heads with these budgets. */
  readonly count: number;
}

/** Budgets of one dense readout stage v ↦ σ(Wᵀv [+ bias]) (thm-head-covering, lem-head-perturbation). */
export interface ReadoutBudget {
  /** Frobenius budget of W (bias row included when bias). */
  readonly frobenius: number;
  /** Spectral budget of W (bias row included when bias). */
  readonly spectral: number;
  /** Input dimension of the stage (rows of W, bias row excluded). */
  readonly inputDim: number;
  /** Output dimension of the stage (columns of W); 1 for the last stage. */
  readonly outputDim: number;
  /** Lipschitz constant of the stage's activation (σ(0) = 0 assumed). */
  readonly lipschitz: number;
  /** Whether the stage has a bias (covered as an extra input coordinate fixed to 1). */
  readonly bias: boolean;
  /** Whether σ is the identity (the stage is linear). */
  readonly identity: boolean;
  /**
   * Σ_i ‖W_{i,:}‖₂ (rows convention, bias row excluded) when known: the stage's Lipschitz constant from
   * ℓ∞ inputs to ℓ2 outputs, enabling the per-coordinate value route of thm-head-covering.
   */
  readonly rowGroup21?: number;
}

/** One self-attention layer's budgets (thm-transformer-covering). */
export interface LayerBudget {
  /** Budgets of the layer's heads (each entry may stand for `count` identical heads). */
  readonly heads: readonly HeadBudget[];
  /** Whether the layer adds x_t before the projection (contributes 1 to its Lipschitz constant). */
  readonly residual: boolean;
  /**
   * R of Π_R: rows of the layer's output (and of every cover centre's output) have norm ≤ R. null: no
   * projection; the row bounds are then propagated forward (thm-transformer-covering, "no Π_R").
   */
  readonly projectionRadius: number | null;
}

/** A whole model class: the norm budgets every covering result reads (thm-transformer-covering). */
export interface Architecture {
  /**
   * Which result the class comes from: one head with an arbitrary query (thm-head-covering), the scalar
   * head (lem-head-perturbation), H [CLS] heads (thm-multihead-covering), or L layers (thm-transformer-covering).
   */
  readonly kind: 'head' | 'scalar' | 'multihead' | 'transformer';
  /** T. */
  readonly contextLength: number;
  /** d. */
  readonly width: number;
  /** B_X. */
  readonly inputRowNorm: number;
  /** The L self-attention layers' budgets, in order (empty for one-layer classes). */
  readonly layers: readonly LayerBudget[];
  /** [CLS] heads (query x_0; for kind 'head' an arbitrary query of norm ≤ B_X). Summed. */
  readonly clsHeads: readonly HeadBudget[];
  /** Readout chain after the summed heads; the last stage has one output. */
  readonly readout: readonly ReadoutBudget[];
}
