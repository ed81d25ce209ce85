import { type Field, sum } from "../field/field.ts";
import { solveSquare } from "../linalg/elimination.ts";
import { transpose } from "../linalg/matrix.ts";
import { type ModelSpec, type Parameters, entryOf, freeCoordinates, parameterCount } from "./spec.ts";

/**
 * The stationary law of a column-stochastic T over any field: solve (T − I)π = 0 with
 * the last equation replaced by 1ᵀπ = 1 (the rows of T − I are dependent since 1ᵀ(T − I) = 0).
 * Throws DivisionByZero when the stationary law is not unique at this point.
 */
export function stationaryLaw<E>(field: Field<E>, T: readonly (readonly E[])[]): E[] {
  const k = T.length;
  const A = T.map((row, i) => row.map((t, j) => (i === j ? field.sub(t, field.one) : t)));
  A[k - 1] = new Array(k).fill(field.one);
  const b = new Array(k).fill(field.zero);
  b[k - 1] = field.one;
  return solveSquare(field, A, b);
}

/** Completes a column whose last entry is 1 minus the others. */
function stochasticColumn<E>(field: Field<E>, head: E[]): E[] {
  return [...head, field.sub(field.one, sum(field, head))];
}

/** Maps free coordinates θ (chart order of `freeCoordinates`) to (π, T, O|M) in `field`. */
export function fromCoordinates<E>(field: Field<E>, spec: ModelSpec, theta: readonly E[]): Parameters<E> {
  const { states: k, symbols: d } = spec;
  if (theta.length !== parameterCount(spec)) {
    throw new Error(`expected ${parameterCount(spec)} coordinates, got ${theta.length}`);
  }
  let at = 0;
  const take = (count: number) => theta.slice(at, (at += count));
  const freePi = spec.init === "free" ? stochasticColumn(field, take(k - 1)) : null;
  const Tcols = Array.from({ length: k }, () => stochasticColumn(field, take(k - 1)));
  const Ecols = Array.from({ length: k }, () =>
    spec.family === "hmm" ? stochasticColumn(field, take(d - 1)) : take(d),
  );
  const T = transpose(Tcols);
  const emission = transpose(Ecols);
  const pi = freePi ?? stationaryLaw(field, T);
  return { pi, T, emission };
}

/** The free coordinates of a parameter point (inverse of fromCoordinates on valid points). */
export function toCoordinates<E>(spec: ModelSpec, p: Parameters<E>): E[] {
  return freeCoordinates(spec).map((e) => entryOf(p, e));
}

/** Applies a function entrywise to a parameter point (e.g. rationals → F_p or → floats). */
export function mapParameters<A, B>(p: Parameters<A>, f: (x: A) => B): Parameters<B> {
  return { pi: p.pi.map(f), T: p.T.map((r) => r.map(f)), emission: p.emission.map((r) => r.map(f)) };
}
