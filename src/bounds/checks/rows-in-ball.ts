/**
 * Instances for the adversarial searches: a search point's leading rows·d coordinates read as a
 * rows×d input matrix whose rows are projected onto the ball of radius B (the lemmas' ‖x_t‖₂ ≤ B_X),
 * with the model's own projection Π_B.
 */
import { fromData, type Matrix } from '../../core/matrix.js';
import { shapeError } from '../../core/errors.js';
import { projectToBallInPlace } from '../../model/layer.js';

/** The first rows·d entries of x as a rows×d matrix with every row of norm ≤ B (x is not mutated). */
export function rowsInBall(x: ArrayLike<number>, rows: number, d: number, B: number): Matrix {
  if (x.length < rows * d) throw shapeError('rowsInBall', `x must hold rows·d = ${rows * d} entries`, String(x.length));
  const data = new Float64Array(rows * d);
  for (let i = 0; i < data.length; i++) data[i] = x[i];
  for (let r = 0; r < rows; r++) projectToBallInPlace(data.subarray(r * d, (r + 1) * d), B);
  return fromData(rows, d, data);
}
