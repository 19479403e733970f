/**
 * The linear algebra of the best-times model (model.ts): the Gaussian posterior of the slot
 * effects f(d, h) = D_d + H_h + I_{d,h} given weighted slot means.
 *
 * Unknowns: u = (D_0…D_6, H_0…H_23), 31 of them, and v = I, 168 of them. Prior precisions:
 * D independent N(0, tauDay²); H and each weekday's row of I a circular random walk with a ridge
 * (`circularWalkPrecision`). The data of slot s add λ_s = W_s / σ² (W_s its summed weights) to
 * the precision along a_s = e(I_s) + e(D_d) + e(H_h), and λ_s · ȳ_s · a_s to the right-hand side.
 *
 * The 199 × 199 precision is sparse where it matters: I's block B is block-diagonal by weekday
 * (7 × 24 × 24), so I is eliminated day by day (Schur complement S = P_uu − Cᵀ B⁻¹ C, C the I–u
 * coupling) and a dense 31 × 31 system is left. A slot's posterior variance follows from the
 * block inverse:  Var f_s = G_d[h, h] + q_sᵀ S⁻¹ q_s,  q_s = c_s − Cᵀ G_d e_h,  G_d = B_d⁻¹,
 * c_s = e(D_d) + e(H_h). A fit costs the same small amount whatever the number of posts.
 * Cholesky factorisations are ml-matrix's; the triangular solves and products run on flat arrays,
 * much faster than through its element accessors.
 */
import { CholeskyDecomposition, Matrix } from "ml-matrix";

const DAYS = 7;
const HOURS = 24;
const DIM = DAYS + HOURS;

/**
 * Precision of n values around a circle: neighbours differ by N(0, step²) — a first-order random
 * walk, the last value next to the first — and each value has an independent N(0, sd²) pull
 * toward 0, which makes the prior proper. Row-major, n × n.
 */
export function circularWalkPrecision(n: number, step: number, sd: number): Float64Array {
  const q = new Float64Array(n * n);
  const s = 1 / step ** 2;
  for (let i = 0; i < n; i++) {
    const j = (i + 1) % n;
    q[i * n + i]! += 1 / sd ** 2 + 2 * s;
    q[i * n + j]! -= s;
    q[j * n + i]! -= s;
  }
  return q;
}

/** Inverse of a symmetric positive-definite n × n matrix, row-major in and out. */
export function spdInverse(a: Float64Array, n: number): Float64Array {
  // Symmetric up to rounding; ml-matrix wants it exactly so.
  const sym = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j <= i; j++) {
      const v = (a[i * n + j]! + a[j * n + i]!) / 2;
      sym[i * n + j] = v;
      sym[j * n + i] = v;
    }
  const chol = new CholeskyDecomposition(Matrix.from1DArray(n, n, sym));
  if (!chol.isPositiveDefinite()) throw new Error("matrix is not positive definite");
  const l = Float64Array.from(chol.lowerTriangularMatrix.to1DArray());
  // M = L⁻¹ (lower triangular) by forward substitution; then A⁻¹ = Mᵀ M.
  const m = new Float64Array(n * n);
  for (let c = 0; c < n; c++)
    for (let j = c; j < n; j++) {
      let s = j === c ? 1 : 0;
      for (let i = c; i < j; i++) s -= l[j * n + i]! * m[i * n + c]!;
      m[j * n + c] = s / l[j * n + j]!;
    }
  const inv = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = i; k < n; k++) s += m[k * n + i]! * m[k * n + j]!;
      inv[i * n + j] = s;
      inv[j * n + i] = s;
    }
  return inv;
}

export interface SlotPrior {
  /** Prior precision of u = (D, H), 31 × 31 row-major. */
  u: Float64Array;
  /** Prior precision of one weekday's row of I, 24 × 24 row-major, and its inverse. */
  row: Float64Array;
  rowInverse: Float64Array;
}

export function slotPrior(tauDay: number, hour: Float64Array, row: Float64Array): SlotPrior {
  const u = new Float64Array(DIM * DIM);
  for (let d = 0; d < DAYS; d++) u[d * DIM + d] = 1 / tauDay ** 2;
  for (let i = 0; i < HOURS; i++) for (let j = 0; j < HOURS; j++) u[(DAYS + i) * DIM + DAYS + j] = hour[i * HOURS + j]!;
  return { u, row, rowInverse: spdInverse(row, HOURS) };
}

export interface SlotPosterior {
  /** Posterior mean and variance of f per slot (168 each); variances only where asked. */
  mean: Float64Array;
  variance: Float64Array;
}

/**
 * Posterior of f given, per slot, the precision λ of its observed mean (0 = no posts) and the
 * mean ȳ itself. `allVariances` false computes variances only for slots with posts.
 */
export function slotPosterior(prior: SlotPrior, lambda: Float64Array, ybar: Float64Array, allVariances: boolean): SlotPosterior {
  const s = Float64Array.from(prior.u);
  const r = new Float64Array(DIM);
  const g: Float64Array[] = [];
  const hasData: boolean[] = [];
  for (let d = 0; d < DAYS; d++) {
    const base = d * HOURS;
    const any = lambda.subarray(base, base + HOURS).some((l) => l > 0);
    hasData.push(any);
    if (!any) {
      g.push(prior.rowInverse);
      continue;
    }
    const block = Float64Array.from(prior.row);
    for (let h = 0; h < HOURS; h++) block[h * HOURS + h]! += lambda[base + h]!;
    const gd = spdInverse(block, HOURS);
    g.push(gd);
    // The day's data on u, less what I explains of it (Schur complement).
    for (let h = 0; h < HOURS; h++) {
      const l = lambda[base + h]!;
      if (l === 0) continue;
      const hi = DAYS + h;
      let rh = l * ybar[base + h]!;
      s[d * DIM + d]! += l;
      s[d * DIM + hi]! += l;
      s[hi * DIM + d]! += l;
      s[hi * DIM + hi]! += l;
      for (let h2 = 0; h2 < HOURS; h2++) {
        const l2 = lambda[base + h2]!;
        if (l2 === 0) continue;
        const k = l * l2 * gd[h * HOURS + h2]!;
        const h2i = DAYS + h2;
        rh -= k * ybar[base + h2]!;
        s[d * DIM + d]! -= k;
        s[d * DIM + h2i]! -= k;
        s[hi * DIM + d]! -= k;
        s[hi * DIM + h2i]! -= k;
      }
      r[d]! += rh;
      r[hi]! += rh;
    }
  }
  const sInv = spdInverse(s, DIM);
  const u = new Float64Array(DIM);
  for (let i = 0; i < DIM; i++) {
    let a = 0;
    for (let j = 0; j < DIM; j++) a += sInv[i * DIM + j]! * r[j]!;
    u[i] = a;
  }

  const mean = new Float64Array(DAYS * HOURS);
  const variance = new Float64Array(DAYS * HOURS);
  const q = new Float64Array(DIM);
  const rhs = new Float64Array(HOURS);
  for (let d = 0; d < DAYS; d++) {
    const gd = g[d]!;
    const base = d * HOURS;
    // I's row: G_d (b − C u), b = λ ȳ.
    for (let h = 0; h < HOURS; h++) rhs[h] = lambda[base + h]! * (ybar[base + h]! - u[d]! - u[DAYS + h]!);
    for (let h = 0; h < HOURS; h++) {
      let m = u[d]! + u[DAYS + h]!;
      if (hasData[d]) for (let j = 0; j < HOURS; j++) m += gd[h * HOURS + j]! * rhs[j]!;
      mean[base + h] = m;
      if (!allVariances && lambda[base + h] === 0) continue;
      // q = c_s − Cᵀ G_d e_h; only D_d and the hours are non-zero.
      q.fill(0);
      q[d] = 1;
      q[DAYS + h] = 1;
      if (hasData[d])
        for (let h2 = 0; h2 < HOURS; h2++) {
          const t = lambda[base + h2]! * gd[h * HOURS + h2]!;
          q[d]! -= t;
          q[DAYS + h2]! -= t;
        }
      let quad = 0;
      for (let i = 0; i < DIM; i++) {
        const qi = q[i]!;
        if (qi === 0) continue;
        let a = 0;
        for (let j = 0; j < DIM; j++) a += sInv[i * DIM + j]! * q[j]!;
        quad += qi * a;
      }
      variance[base + h] = Math.max(0, gd[h * HOURS + h]! + quad);
    }
  }
  return { mean, variance };
}
