import { seededRandom } from "../random";
import { Matrix, inverse } from "ml-matrix";
import { describe, expect, it } from "vitest";
import { circularWalkPrecision, slotPosterior, slotPrior, spdInverse } from "./posterior";

const rng = seededRandom;

const DAYS = 7;
const HOURS = 24;
const U = DAYS + HOURS;
const N = U + DAYS * HOURS;

/**
 * The same posterior the slow, obvious way: the whole 199 × 199 precision of (D, H, I), inverted
 * densely; f_s = a_sᵀ θ with a_s picking D_d, H_h and I_s.
 */
function densePosterior(tauDay: number, hour: Float64Array, row: Float64Array, lambda: Float64Array, ybar: Float64Array) {
  const p = Matrix.zeros(N, N);
  for (let d = 0; d < DAYS; d++) p.set(d, d, 1 / tauDay ** 2);
  for (let i = 0; i < HOURS; i++) for (let j = 0; j < HOURS; j++) p.set(DAYS + i, DAYS + j, hour[i * HOURS + j]!);
  for (let d = 0; d < DAYS; d++)
    for (let i = 0; i < HOURS; i++) for (let j = 0; j < HOURS; j++) p.set(U + d * HOURS + i, U + d * HOURS + j, row[i * HOURS + j]!);
  const b = new Array<number>(N).fill(0);
  const pick = (s: number) => [Math.floor(s / HOURS), DAYS + (s % HOURS), U + s];
  for (let s = 0; s < DAYS * HOURS; s++) {
    if (lambda[s] === 0) continue;
    for (const i of pick(s)) {
      b[i]! += lambda[s]! * ybar[s]!;
      for (const j of pick(s)) p.set(i, j, p.get(i, j) + lambda[s]!);
    }
  }
  const cov = inverse(p);
  const theta = cov.mmul(Matrix.columnVector(b)).getColumn(0);
  return Array.from({ length: DAYS * HOURS }, (_, s) => {
    const a = pick(s);
    return {
      mean: a.reduce((m, i) => m + theta[i]!, 0),
      variance: a.reduce((v, i) => v + a.reduce((w, j) => w + cov.get(i, j), 0), 0),
    };
  });
}

describe("slotPosterior", () => {
  it("matches the dense 199-unknown solution, with and without posts on each weekday", () => {
    const r = rng(42);
    const hour = circularWalkPrecision(HOURS, 0.25, 0.4);
    const row = circularWalkPrecision(HOURS, 0.15, 0.2);
    const lambda = new Float64Array(DAYS * HOURS);
    const ybar = new Float64Array(DAYS * HOURS);
    // Posts on about a third of the slots, none at all on Wednesday; some slots heavily weighted.
    for (let s = 0; s < DAYS * HOURS; s++) {
      if (Math.floor(s / HOURS) === 3 || r() > 0.35) continue;
      lambda[s] = r() < 0.1 ? 40 * r() : 4 * r();
      ybar[s] = 2 * r() - 0.8;
    }
    const fast = slotPosterior(slotPrior(0.2, hour, row), lambda, ybar, true);
    const dense = densePosterior(0.2, hour, row, lambda, ybar);
    for (let s = 0; s < DAYS * HOURS; s++) {
      expect(fast.mean[s]).toBeCloseTo(dense[s]!.mean, 9);
      expect(fast.variance[s]).toBeCloseTo(dense[s]!.variance, 9);
    }
    // The posts moved the answer: this is not the prior's zero mean.
    expect(Math.max(...fast.mean.map(Math.abs))).toBeGreaterThan(0.1);

    // Variances only where there are posts: the same means, and the same variances there.
    const lean = slotPosterior(slotPrior(0.2, hour, row), lambda, ybar, false);
    expect([...lean.mean]).toEqual([...fast.mean]);
    for (let s = 0; s < DAYS * HOURS; s++) expect(lean.variance[s]).toBe(lambda[s]! > 0 ? fast.variance[s] : 0);
  });

  it("is the prior when there are no posts", () => {
    const hour = circularWalkPrecision(HOURS, 0.3, 0.5);
    const row = circularWalkPrecision(HOURS, 0.2, 0.3);
    const none = new Float64Array(DAYS * HOURS);
    const post = slotPosterior(slotPrior(0.25, hour, row), none, none, true);
    const dense = densePosterior(0.25, hour, row, none, none);
    expect([...post.mean].every((m) => m === 0)).toBe(true);
    for (let s = 0; s < DAYS * HOURS; s++) expect(post.variance[s]).toBeCloseTo(dense[s]!.variance, 10);
    // Every slot alike a priori: the day's, the hour's and its own variance.
    expect(post.variance[5]).toBeCloseTo(post.variance[100]!, 12);
  });
});

describe("circularWalkPrecision and spdInverse", () => {
  it("ties the last hour to the first and inverts exactly", () => {
    const q = circularWalkPrecision(HOURS, 0.5, 1);
    expect(q[0 * HOURS + 23]).toBe(-4);
    expect(q[23 * HOURS + 0]).toBe(-4);
    expect(q[5 * HOURS + 7]).toBe(0);
    const inv = spdInverse(q, HOURS);
    for (let i = 0; i < HOURS; i++)
      for (let j = 0; j < HOURS; j++) {
        let s = 0;
        for (let k = 0; k < HOURS; k++) s += q[i * HOURS + k]! * inv[k * HOURS + j]!;
        expect(s).toBeCloseTo(i === j ? 1 : 0, 10);
      }
    // Neighbouring hours are correlated, and more than hours far apart.
    expect(inv[0 * HOURS + 23]!).toBeGreaterThan(inv[0 * HOURS + 12]!);
  });

  it("refuses a matrix that is not positive definite", () => {
    expect(() => spdInverse(Float64Array.from([1, 2, 2, 1]), 2)).toThrow(/positive definite/);
  });
});
