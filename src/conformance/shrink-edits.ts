/**
 * The shrinker's candidate edits (docs/conformance.md, "Shrinking"), in stages from the most reducing
 * to the most cosmetic. Each stage lists thunks; a thunk returns a smaller or simpler valid case, or
 * null when the edit does not apply (nothing to remove, already zero). Validity is kept by construction
 * (every shape that depends on T, d or k is cut together) and checked again by the shrinker.
 */
import { matmul, zeros, type Matrix } from '../core/matrix.js';
import { positionRow } from '../model/position-codes.js';
import type { ConformanceCase } from './generate.js';
import { cloneCase, dropCol, dropEntry, dropRow, fitRows, weightArrays, type DraftCase, type DraftModel } from './draft.js';

/** One candidate: a new case, or null when the edit does not apply to this case. */
export type Candidate = () => ConformanceCase | null;
/** A stage: every candidate of one kind of edit for the current case. */
export type ShrinkStage = (c: ConformanceCase) => Candidate[];

/** A candidate applying `f` to a copy of c. */
const edit =
  (c: ConformanceCase, f: (d: DraftCase) => void): Candidate =>
  () => {
    const d = cloneCase(c);
    f(d);
    return d;
  };

/** A candidate applying `f` to a copy of c; null when f says the edit changed nothing. */
const editIf =
  (c: ConformanceCase, f: (d: DraftCase) => boolean): Candidate =>
  () => {
    const d = cloneCase(c);
    return f(d) ? d : null;
  };

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** E_pos as one dense T×d block (the model's position blocks summed). */
function materializePositions(m: DraftModel): void {
  const T = m.contextLength;
  const d = m.width;
  const dense = zeros(T, d);
  for (let t = 0; t < T; t++) dense.data.set(positionRow(m.embedding.position, t, d), t * d);
  m.embedding.position = [{ kind: 'dense', matrix: dense }];
}

function dropPosition(c: DraftCase, t: number): void {
  const m = c.model;
  m.contextLength -= 1;
  m.embedding.position = m.embedding.position.map((b) => (b.kind === 'dense' ? { kind: 'dense', matrix: dropRow(b.matrix, t) } : b));
  c.inputs = [...new Set(c.inputs.map((s) => s.slice(0, t) + s.slice(t + 1)))];
  delete m.target;
}

/** Whether column j lies inside a generated (onehot or sign-hash) position block. */
function inGeneratedBlock(m: DraftModel, j: number): boolean {
  return m.embedding.position.some((b) => (b.kind === 'onehot' ? j >= b.column && j < b.column + m.contextLength : b.kind === 'sign-hash' ? j >= b.column && j < b.column + b.width : false));
}

/**
 * Drop column j of the width d from every matrix and vector indexed by it. Generated position blocks
 * are kept when j lies outside them (their columns shift down past j); otherwise the position blocks
 * are first made one dense block.
 */
function dropWidthColumn(m: DraftModel, j: number): void {
  if (inGeneratedBlock(m, j)) materializePositions(m);
  m.embedding.position = m.embedding.position.map((b) => (b.kind !== 'dense' && b.column > j ? { ...b, column: b.column - 1 } : b));
  m.width -= 1;
  m.embedding.token = dropCol(m.embedding.token, j);
  m.embedding.cls = dropEntry(m.embedding.cls, j);
  m.embedding.position = m.embedding.position.map((b) => (b.kind === 'dense' ? { kind: 'dense', matrix: dropCol(b.matrix, j) } : b));
  const square = (w: Matrix) => dropCol(dropRow(w, j), j);
  for (const l of m.layers) {
    for (const h of l.heads) {
      h.wQK = square(h.wQK);
      h.wV = dropRow(h.wV, j);
      h.wC = dropCol(h.wC, j);
    }
  }
  for (const h of m.clsHeads) {
    h.wQK = square(h.wQK);
    h.wV = dropRow(h.wV, j);
  }
  if (m.clsHeads.length === 0) m.readout[0].weight = dropRow(m.readout[0].weight, j);
}

const structure: ShrinkStage = (c) => {
  const m = c.model;
  const out: Candidate[] = [];
  if (c.inputs.length > 1) for (const i of range(c.inputs.length)) out.push(edit(c, (d) => void d.inputs.splice(i, 1)));
  for (const l of range(m.layers.length)) out.push(edit(c, (d) => void d.model.layers.splice(l, 1)));
  for (const l of range(m.layers.length)) for (const h of range(m.layers[l].heads.length)) out.push(edit(c, (d) => void d.model.layers[l].heads.splice(h, 1)));
  for (const j of range(m.clsHeads.length)) {
    out.push(
      edit(c, (d) => {
        d.model.clsHeads.splice(j, 1);
        if (d.model.clsHeads.length === 0) d.model.readout[0].weight = fitRows(d.model.readout[0].weight, d.model.width);
      }),
    );
  }
  return out;
};

const readout: ShrinkStage = (c) => {
  const out: Candidate[] = [];
  const r = c.model.readout;
  for (let i = 0; i + 1 < r.length; i++) {
    out.push(
      edit(c, (d) => {
        const ro = d.model.readout;
        ro.splice(i, 2, { weight: matmul(ro[i].weight, ro[i + 1].weight), bias: ro[i + 1].bias, activation: ro[i + 1].activation });
      }),
    );
    if (r[i].weight.cols > 1) {
      for (const u of range(r[i].weight.cols)) {
        out.push(
          edit(c, (d) => {
            const ro = d.model.readout;
            ro[i].weight = dropCol(ro[i].weight, u);
            const bias = ro[i].bias;
            if (bias) ro[i].bias = dropEntry(bias, u);
            ro[i + 1].weight = dropRow(ro[i + 1].weight, u);
          }),
        );
      }
    }
  }
  return out;
};

const input: ShrinkStage = (c) => {
  const out: Candidate[] = [];
  if (c.model.contextLength > 1) for (const t of range(c.model.contextLength)) out.push(edit(c, (d) => dropPosition(d, t)));
  for (const t of range(c.model.contextLength)) {
    out.push(
      editIf(c, (d) => {
        if (!d.inputs.some((s) => s[t] === '1')) return false;
        d.inputs = [...new Set(d.inputs.map((s) => `${s.slice(0, t)}0${s.slice(t + 1)}`))];
        return true;
      }),
    );
  }
  return out;
};

const widths: ShrinkStage = (c) => {
  const m = c.model;
  const out: Candidate[] = [];
  const pos = m.embedding.position;
  if (pos.length > 1 || (pos.length === 1 && pos[0].kind !== 'dense')) out.push(edit(c, (d) => materializePositions(d.model)));
  for (const b of range(pos.length)) out.push(edit(c, (d) => void d.model.embedding.position.splice(b, 1)));
  for (const b of range(pos.length)) {
    const block = pos[b];
    if (block.kind === 'sign-hash' && block.width > 1) {
      // Its last code column dropped; the others keep their values (signHash depends on j, not on the width).
      out.push(edit(c, (d) => void d.model.embedding.position.splice(b, 1, { ...block, width: block.width - 1 })));
    }
  }
  if (m.width > 1) for (const j of range(m.width)) out.push(edit(c, (d) => dropWidthColumn(d.model, j)));
  for (const l of range(m.layers.length)) {
    for (const h of range(m.layers[l].heads.length)) {
      const k = m.layers[l].heads[h].wV.cols;
      if (k < 2) continue;
      for (const col of range(k)) {
        out.push(
          edit(c, (d) => {
            const head = d.model.layers[l].heads[h];
            head.wV = dropCol(head.wV, col);
            head.wC = dropRow(head.wC, col);
          }),
        );
      }
    }
  }
  const kCls = m.clsHeads.length > 0 ? m.clsHeads[0].wV.cols : 0;
  if (kCls > 1) {
    for (const col of range(kCls)) {
      out.push(
        edit(c, (d) => {
          for (const h of d.model.clsHeads) h.wV = dropCol(h.wV, col);
          d.model.readout[0].weight = dropRow(d.model.readout[0].weight, col);
        }),
      );
    }
  }
  return out;
};

const simplify: ShrinkStage = (c) => {
  const m = c.model;
  const out: Candidate[] = [];
  if (m.target || m.meta) {
    out.push(
      edit(c, (d) => {
        delete d.model.target;
        delete d.model.meta;
      }),
    );
  }
  if (c.encoding === 'packed')
    out.push(
      edit(c, (d) => {
        d.encoding = 'nested';
      }),
    );
  for (const l of range(m.layers.length)) {
    if (m.layers[l].residual)
      out.push(
        edit(c, (d) => {
          d.model.layers[l].residual = false;
        }),
      );
    if (m.layers[l].projectionRadius !== null)
      out.push(
        edit(c, (d) => {
          d.model.layers[l].projectionRadius = null;
        }),
      );
    for (const h of range(m.layers[l].heads.length)) {
      if (m.layers[l].heads[h].activation !== 'identity')
        out.push(
          edit(c, (d) => {
            d.model.layers[l].heads[h].activation = 'identity';
          }),
        );
    }
  }
  for (const h of range(m.clsHeads.length))
    if (m.clsHeads[h].activation !== 'identity')
      out.push(
        edit(c, (d) => {
          d.model.clsHeads[h].activation = 'identity';
        }),
      );
  for (const i of range(m.readout.length)) {
    if (m.readout[i].activation !== 'identity')
      out.push(
        edit(c, (d) => {
          d.model.readout[i].activation = 'identity';
        }),
      );
    if (m.readout[i].bias)
      out.push(
        edit(c, (d) => {
          d.model.readout[i].bias = null;
        }),
      );
  }
  return out;
};

const zeroing: ShrinkStage = (c) => {
  const arrays = weightArrays(cloneCase(c).model);
  const out: Candidate[] = [];
  for (const a of range(arrays.length)) {
    if (arrays[a].some((x) => x !== 0)) out.push(edit(c, (d) => void weightArrays(d.model)[a].fill(0)));
  }
  for (const a of range(arrays.length)) {
    for (const e of range(arrays[a].length)) {
      if (arrays[a][e] !== 0)
        out.push(
          edit(c, (d) => {
            weightArrays(d.model)[a][e] = 0;
          }),
        );
    }
  }
  return out;
};

function roundAll(d: DraftCase, decimals: number): boolean {
  const f = 10 ** decimals;
  const round = (x: number) => Math.round(x * f) / f || 0; // `|| 0` turns −0 into 0
  let changed = false;
  for (const a of weightArrays(d.model)) {
    for (let i = 0; i < a.length; i++) {
      const r = round(a[i]);
      if (r !== a[i]) changed = true;
      a[i] = r;
    }
  }
  for (const b of d.model.embedding.position) {
    if (b.kind !== 'dense' && round(b.scale) !== b.scale) {
      b.scale = round(b.scale);
      changed = true;
    }
  }
  return changed;
}

const rounding: ShrinkStage = (c) => [editIf(c, (d) => roundAll(d, 3)), editIf(c, (d) => roundAll(d, 1))];

/** The stages in the order the shrinker tries them (docs/conformance.md, "Shrinking"). */
export const SHRINK_STAGES: readonly ShrinkStage[] = [structure, readout, input, widths, simplify, zeroing, rounding];
