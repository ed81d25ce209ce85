import { InputError } from "../base/errors.ts";
import { formatSeconds } from "../base/budget.ts";
import { directJacobianSupported } from "../identify/direct-jacobian.ts";
import { CORROBORATION_ROWS, MAX_CORROBORATED_COLUMNS, corroboratesOnBlock } from "../identify/float-corroboration.ts";
import { summaryRowCount } from "../identify/jacobian.ts";
import { DEFAULT_EXACT_TRIALS, VERIFICATION_MAX_PARAMETERS } from "../identify/local-analysis.ts";
import { largestDirectionCount } from "../families/applies.ts";
import { type ModelSpec, allEntries, parameterCount } from "../model/spec.ts";
import { designSize } from "../predictor/design.ts";
import { type Task, taskLength } from "../task/task.ts";

/**
 * The cost model: peak memory (bytes) and time (seconds) of every command that computes,
 * estimated up front from the sizes alone, so that a size that cannot finish is refused
 * with its estimate instead of running out of memory or running for hours (docs/budgets.md).
 *
 * What it counts is what the computation holds and does:
 * - a dual number carries a dense gradient of n doubles (8n bytes + object overhead), and
 *   every dual operation allocates and fills one: time ~ dual operations × n;
 * - one Jacobian point holds the n seeded variables (n² doubles), the parameter point
 *   (k + k² + dk duals), and the chain messages of every task (messages × k duals); the
 *   stationary law is a k×k elimination over duals (~⅔k³ dual operations);
 * - messages move by T step by step for gaps ≤ 16 and by powers of T (squaring, O(k³ log g))
 *   beyond, so far-apart positions cost O(log L);
 * - each summary row read is one k-term inner product of duals (2k + 1 operations);
 * - discrete emissions with tasks of length ≤ 64 compute exact rows one by one by reverse
 *   mode (direct-jacobian.ts): ~6L·k² + 2k² + n field operations per row, nothing held
 *   but the echelon (n² residues), so the m×n Jacobian is never charged;
 * - ranks: the exact trial reduces ~n rows mod p (`echelonWork`); a float point reads 3n
 *   rows when the summary has more than 6n, QR-reduces them when taller than 2n, and takes
 *   an SVD (cost m·n·r, plus n³ for the padding of a wide matrix). After a proof (assumed
 *   when rows > 6n, see below) one float point corroborates on a block of 1.25n direct
 *   rows, singular values only (~4mn² − 4n³/3 flops), and none above n = 2000.
 * The analysis keeps every trial's Jacobian (for per-entry verdicts), so memory adds up
 * over trials. Two paths, told apart by the row count alone:
 * - rows < n: the rank is certainly below n, so every exact trial runs (DEFAULT_EXACT_TRIALS,
 *   each reading all rows) and every entry's gradient is projected on the float null space
 *   (entries × n × (n − rank) flops, charged as entries × n², an upper bound);
 * - rows ≥ n: the estimate cannot know the rank (that is what the analysis computes), so it
 *   assumes full rank: one exact trial reading ~n rows, two float points on a row subset,
 *   no projections. A summary with rows ≥ n that is rank-deficient all the same (hmm
 *   x1 -> x2 at (10, 16): 256 rows, rank 150 of 240) runs three exact trials over all rows
 *   and projects every entry, more than estimated (bench/README.md measures one).
 * - a discrete family of docs/math.md §7 applies (f directions, its dimension by construction)
 *   and rows ≥ n − f: the rank is assumed to be n − f, which the exact trial proves against
 *   the family's bound (docs/math.md §6.5). One exact trial reads ~n − f rows, the family's
 *   tangents cost one evaluation of its move with duals of f entries, the per-entry verdicts
 *   are exact (each entry's gradient reduced against the echelon), and no float point runs.
 *   When the fiber is larger than the family (x1 -> x3 at k = 2) the run falls back to the
 *   rows ≥ n work, more than estimated.
 * The estimate is monotone in k, and in d and the task set as long as the summary stays on
 * one side of rows ≥ n; crossing to rows ≥ n (more symbols or more tasks) it drops, as the
 * work does: two exact trials and the projections are no longer certain to run.
 *
 * Constants were measured on a 2-core machine (Node 20); bench/cost-model.ts compares
 * estimates with measurements (bench/README.md).
 */
export const COST = {
  /** Seconds per dual operation per gradient entry (allocation included), float base. */
  dualFlop: 8e-9,
  /** The same mod p (a floor and a multiply per entry). */
  dualFlopModP: 1.2e-8,
  /** Bytes of one dual number besides its n doubles (object, typed-array header). */
  dualOverhead: 160,
  /**
   * Seconds per multiply-add of the mod-p row reduction, counted by `echelonWork` (n³/3 for
   * a full-rank trial): measured 2026-11-29 at ~2 ns (0.27 s for n = 736 on an idle machine,
   * scaled by the baseline kernel) while rows are added, ~1 ns for rows that reduce to zero.
   */
  echelonFlop: 2e-9,
  /**
   * Seconds per field operation of a row gradient by reverse mode (direct-jacobian.ts),
   * counted as 6L·k² + 2k² + n per row: measured 2026-11-29 at 0.13 ms per row at (16, 32)
   * and 0.3 ms at (32, 64) mod p, scaled to an idle machine by the baseline kernel.
   */
  directRowOp: 2.5e-8,
  /** Seconds per flop of the singular values without vectors (singular-values.ts). */
  singularValueFlop: 1e-9,
  /** Seconds per m·n² of the streaming Householder QR. */
  qrFlop: 2e-9,
  /** Seconds per m·n·r of the SVD (ml-matrix, with singular vectors). */
  svdFlop: 1.5e-8,
  /** Seconds per n³ of an SVD padded to n×n (zero rows). */
  svdPadFlop: 3e-10,
  /** Interval duals (two typed arrays and outward rounding) against float duals, per operation. */
  intervalFactor: 4,
  /** Seconds per n³ of the interval residual ‖I − R·B‖ (and the float inverse R). */
  intervalResidualFlop: 3e-8,
  /** Seconds per scalar operation of plain float arithmetic through the Field interface. */
  floatOp: 2e-8,
  /** Seconds per multiply-add of an entry's gradient projected on a null-space vector (per-entry verdicts). */
  projectFlop: 2e-9,
  /** Seconds per n² per row of JᵀJ (multi-start). */
  gramFlop: 1.5e-9,
  /** Resident memory of node with maskid loaded, before any work (compiled dist/: ~60 MiB measured). */
  baseBytes: 64 * 2 ** 20,
  /** Process start and module loading (compiled dist/: 0.14–0.15 s measured for a trivial check). */
  baseSeconds: 0.2,
  /**
   * What `claims` loads besides: mathjs (size formulas, src/claims/size-formula.ts) builds
   * its whole function library on import, ~90 MiB resident (72 → 167 MiB measured) that
   * stays for the run, and ~1.5 s.
   */
  claimsModuleBytes: 90 * 2 ** 20,
  claimsModuleSeconds: 1.5,
  /** Peak resident memory over live data (garbage awaiting collection, heap slack). */
  heapSlack: 1.4,
  /**
   * Jacobians and SVDs (with U) a witness search is allowed: one per accepted continuation
   * step (the chord corrections reuse it). Measured with the search to 0.2: 10–70 at
   * k ≤ 3, ~240 at hmm (5, 7), ~500 at hmm (8, 10) (up to 3 start points × 6 walks, each
   * with 2 bounces off the boundary); the deadline stops the rest.
   */
  witnessDecompositions: 500,
  /**
   * Levenberg–Marquardt iterations per multi-start start, measured typical (300 at most):
   * ~60 for discrete emissions; Gaussian searches average ~130 (ghmm (4, 4), free,
   * x1 -> x2; x1 -> x3: 126 over 20 starts).
   */
  lmIterations: { hmm: 60, ghmm: 130 },
  /**
   * A Gaussian LM iteration costs this many times the dual-number count (exp per design
   * point and per state, and a design of its own per task): measured 2.5× at ghmm (4, 4).
   */
  gaussianIterationFactor: 2.5,
  /**
   * Seconds per symbolic term of the predictor's entries (nerdamer). Measured 2026-11-29
   * at (k, d) = (2, 2) … (3, 3): 1.1–1.9 s in all, mostly start-up, since a closed form
   * with more than 2,000 expansion terms is checked at points of F_p, not by expansion.
   */
  symbolicTerm: 1e-4,
  /** Bytes per symbolic term held. */
  symbolicTermBytes: 2048,
  /** Seconds and bytes per printed number of a predictor table. */
  tableEntrySeconds: 1e-6,
  tableEntryBytes: 120,
  /** Seconds per sampled sequence and position (recover --samples). */
  sampleSeconds: 0.45e-6,
  /** Fixed cost of global evidence (loading the exact Kruskal machinery, first compilation). */
  globalSeconds: 1.5,
} as const;

/** Default budgets: memory for every command; seconds per command (a whole `claims` run included). */
export const DEFAULT_MAX_MEMORY_BYTES = 4 * 2 ** 30;
export const DEFAULT_MAX_SECONDS: Readonly<Record<BudgetedCommand, number>> = { check: 300, claims: 1800, predictor: 120, recover: 600 };
/**
 * Time estimates below this are never refused: at that scale start-up, compilation and
 * noise dominate the model's error, and a run over its budget stops at its deadline
 * with the evidence so far instead.
 */
export const MIN_REFUSED_SECONDS = 10;
/** Symbolic predictor entries are refused beyond this many terms in all (about a minute and a half). */
export const MAX_SYMBOLIC_TERMS = 10_000;

export type BudgetedCommand = "check" | "claims" | "predictor" | "recover";

/** One part of an estimate: what it is, its bytes held and its seconds. */
export interface CostTerm {
  readonly name: string;
  readonly bytes: number;
  readonly seconds: number;
}

export interface CostEstimate {
  /** Peak resident bytes: the process baseline plus the largest simultaneous holding. */
  readonly bytes: number;
  readonly seconds: number;
  readonly terms: readonly CostTerm[];
}

export interface Budget {
  maxMemoryBytes?: number;
  maxSeconds?: number;
}

/** What `analyse` will do besides the local analysis. */
export interface AnalysisPlan {
  readonly witness?: boolean;
  /** Multi-start starts of the global evidence; undefined: no global evidence. */
  readonly globalStarts?: number;
  /** Analysed at a given point too (one more float point). */
  readonly atPoint?: boolean;
}

const dualBytes = (n: number) => 8 * n + COST.dualOverhead;

/** Dual operations and held duals of one Jacobian point (the chart and every task's chain tensors). */
export function jacobianPointWork(spec: ModelSpec, tasks: readonly Task[]): { ops: number; held: number } {
  const { states: k, symbols: d } = spec;
  const n = parameterCount(spec);
  let ops = k * k + k * d + k + (spec.init === "stationary" ? (2 / 3) * k ** 3 + 2 * k * k : 0);
  let held = n + k + k * k + k * d + (spec.init === "stationary" ? k * k : 0);
  for (const task of tasks) {
    const given = task.given.map((p) => ({ position: p, count: spec.family === "hmm" ? d : 1 }));
    const predicted = task.predict.map((p) => ({ position: p, count: d }));
    const points = spec.family === "hmm" ? 1 : designSize(spec, task, n);
    const joint = chainWork(k, taskLength(task), [...given, ...predicted].sort((a, b) => a.position - b.position));
    const normaliser = chainWork(k, taskLength(task), given.sort((a, b) => a.position - b.position));
    const weights = spec.family === "ghmm" ? task.given.length * k * (2 * d + 4) : 0;
    const z = spec.family === "hmm" ? d ** task.given.length * 2 * k : 2 * k;
    ops += points * (joint.ops + normaliser.ops + weights + z);
    held += points * (joint.held + normaliser.held + (spec.family === "hmm" ? d ** task.given.length : 1));
  }
  return { ops, held };
}

/** One chain contraction: forward messages to the cheapest pivot, backward messages from it (mirrors ChainTensor). */
function chainWork(k: number, length: number, sites: readonly { position: number; count: number }[]): { ops: number; held: number } {
  if (sites.length === 0) return { ops: 0, held: 0 };
  const move = (gap: number) => (gap <= 16 ? gap * 2 * k * k : 2 * k * k);
  const power = (gap: number) => (gap <= 16 ? 0 : 3 * 2 * k ** 3 * Math.log2(gap));
  const counts = sites.map((s) => s.count);
  let best = { ops: Infinity, held: 0 };
  for (let c = 1; c <= counts.length; c++) {
    let ops = move(sites[0].position - 1) + power(sites[0].position - 1);
    let messages = 1;
    for (let i = 0; i < c; i++) {
      const gap = i === 0 ? 0 : sites[i].position - sites[i - 1].position;
      ops += messages * (move(gap) + counts[i] * k) + power(gap);
      messages *= counts[i];
    }
    const left = messages;
    const tail = length - sites[sites.length - 1].position;
    ops += move(tail) + power(tail);
    messages = 1;
    for (let i = sites.length - 1; i >= c; i--) {
      const gap = sites[i].position - sites[i - 1].position;
      messages *= counts[i];
      ops += messages * (k + move(gap)) + power(gap);
    }
    // Only the last forward and backward messages are kept (intermediate ones are garbage).
    if (ops < best.ops) best = { ops, held: (left + messages) * k };
  }
  return best;
}

/**
 * SVD seconds of an m×n matrix, its rank at most min(m, n); taller than 2n it is first
 * QR-reduced, which is cheaper than the direct SVD at 2n rows: the estimate charges the
 * larger of the two there, to stay monotone in m.
 */
function rankSeconds(m: number, n: number): { seconds: number; bytes: number } {
  const direct = (rows: number) => COST.svdFlop * Math.max(rows, n) * n * Math.min(rows, n) + COST.svdPadFlop * n ** 3;
  const bytes = (rows: number) => 8 * (2 * Math.max(rows, n) * n + n * n);
  if (m > 2 * n) return { seconds: Math.max(direct(2 * n), COST.qrFlop * m * n * n + COST.svdFlop * n ** 3), bytes: bytes(2 * n) };
  return { seconds: direct(m), bytes: bytes(m) };
}

/**
 * The local analysis (and, per `plan`, the witness search and global evidence) of
 * `analyse(spec, tasks)`. Terms: Jacobian points (exact and float), rows read, row
 * reduction, QR/SVD, witness, global.
 */
export function analysisCost(spec: ModelSpec, tasks: readonly Task[], plan: AnalysisPlan = {}): CostEstimate {
  const n = parameterCount(spec);
  const { states: k } = spec;
  const rows = summaryRowCount(spec, tasks, n);
  const point = jacobianPointWork(spec, tasks);
  const pointBytes = COST.heapSlack * point.held * dualBytes(n);
  const rowOps = 2 * k + 1;
  const terms: CostTerm[] = [];

  // Fewer rows than parameters: the rank is below n for certain (see the doc comment above).
  const path = analysisPath(spec, tasks);
  const deficient = path === "deficient";
  const familyBound = path === "W1 bound" || path === "W2 bound";
  if (familyBound) {
    terms.push(...familyBoundTerms(spec, tasks, rows));
  } else if (directJacobianSupported(spec, tasks)) {
    terms.push(directExactTerm(spec, tasks, rows, deficient));
  } else if (spec.family === "hmm") {
    // A full-rank trial stops at rank n, after ~n rows; a rank-deficient one reads all rows,
    // and every trial runs and is kept.
    const trials = deficient ? DEFAULT_EXACT_TRIALS : 1;
    const read = deficient ? rows : Math.min(rows, Math.ceil(1.05 * n));
    const rank = Math.min(rows, n);
    terms.push({
      name: `${trials === 1 ? "exact trial" : `${trials} exact trials`} mod p (${point.held.toFixed(0)} duals of ${n}, ${read} rows reduced${trials === 1 ? "" : " each"})`,
      bytes: trials * (pointBytes + 8 * rank * n),
      seconds: trials * (COST.dualFlopModP * n * (point.ops + read * rowOps) + COST.echelonFlop * echelonWork(read, n, rank)),
    });
  }
  // A given point is analysed by the full float treatment whatever the path.
  const floatPoints = (path === "corroborated" || path === "proof only" || familyBound ? 0 : 2) + (plan.atPoint ? 1 : 0);
  if (path === "corroborated") terms.push(corroborationTerm(spec, tasks, n));
  if (path === "proof only") terms.push({ name: `no float corroboration (n = ${n} > ${MAX_CORROBORATED_COLUMNS})`, bytes: 0, seconds: 0 });
  // A float point reads all rows up to 6n and a random 3n beyond; min(rows, 3n) is the
  // monotone envelope (it undercounts summaries of 3n to 6n rows by up to 2×).
  const used = Math.min(rows, 3 * n);
  const linear = rankSeconds(used, n);
  if (floatPoints > 0) {
    terms.push({
      name: `float points (${floatPoints} × ${point.held.toFixed(0)} duals of ${n}, ${used} rows each)`,
      bytes: floatPoints * pointBytes + 2 * 8 * used * n,
      seconds: floatPoints * COST.dualFlop * n * (point.ops + used * rowOps),
    });
    terms.push({ name: `float ranks (${floatPoints} × ${used > 2 * n ? `QR of ${used}×${n} and SVD of ${n}×${n}` : `SVD of ${Math.max(used, n)}×${n}`})`, bytes: linear.bytes, seconds: floatPoints * linear.seconds });
  }
  if (spec.family === "ghmm" && n <= VERIFICATION_MAX_PARAMETERS) {
    // One float point again in interval duals (all its rows: the summary is formed whole),
    // and the residual bound ‖I − R·B‖ over an n × n block.
    terms.push({
      name: `interval verification (1 point, ${used} rows of interval duals, residual of ${n}×${n})`,
      bytes: COST.intervalFactor * pointBytes,
      seconds: COST.intervalFactor * COST.dualFlop * n * (point.ops + used * rowOps) + COST.intervalResidualFlop * n ** 3,
    });
  }
  if (deficient) {
    // Each entry's gradient against the n − rank ≥ n − rows null-space vectors, charged as n.
    const entries = allEntries(spec).length;
    terms.push({ name: `per-entry verdicts (${entries} gradients projected on a null space of up to ${n} vectors)`, bytes: 8 * n * n, seconds: COST.projectFlop * entries * n * n });
  }

  if (plan.witness) {
    const tall = Math.max(rows, n);
    terms.push({
      name: `witness search (~${COST.witnessDecompositions} Jacobians of ${rows} rows and their SVDs; only for a non-identifiable verdict)`,
      bytes: pointBytes + 3 * 8 * tall * n,
      seconds: COST.witnessDecompositions * (COST.dualFlop * n * (point.ops + rows * rowOps) + COST.svdFlop * tall * n * Math.min(rows, n) + COST.svdPadFlop * n ** 3),
    });
  }
  if (plan.globalStarts !== undefined) terms.push(...globalTerms(spec, tasks, plan.globalStarts));
  return combine(terms);
}

/**
 * Which local analysis the estimate charges: `W1 bound` or `W2 bound` when that discrete
 * family is the largest that applies and rows ≥ n − f (the rank n − f is assumed, proven
 * by one exact trial against the family's bound; the two are told apart because the
 * smaller W2 costs less to measure but leaves a larger rank to reach); `deficient` when rows < n (the rank is below n for certain); otherwise
 * full rank is assumed, and a discrete summary of more than 6n rows with direct rows is
 * then `corroborated` by one float block after its proof, or `proof only` above
 * MAX_CORROBORATED_COLUMNS; anything else is `full` (two float points).
 */
export function analysisPath(spec: ModelSpec, tasks: readonly Task[]): "W1 bound" | "W2 bound" | "deficient" | "full" | "corroborated" | "proof only" {
  const n = parameterCount(spec);
  const k = spec.states;
  const f = spec.family === "hmm" ? largestDirectionCount(spec, tasks) : 0;
  if (f > 0 && directJacobianSupported(spec, tasks) && summaryRowCount(spec, tasks, n) >= n - f) return f === k * (k - 1) ? "W1 bound" : "W2 bound";
  if (summaryRowCount(spec, tasks, n) < n) return "deficient";
  if (!corroboratesOnBlock(spec, tasks)) return "full";
  return n > MAX_CORROBORATED_COLUMNS ? "proof only" : "corroborated";
}

/**
 * Multiply-adds of reducing `read` rows to rank `rank` over n columns: a row that meets r
 * pivots clears ~r·n − r²/2 entries, so the first `rank` rows cost rank²n/2 − rank³/6 and
 * each later one rank·n − rank²/2.
 */
function echelonWork(read: number, n: number, rank: number): number {
  return (rank * rank * n) / 2 - rank ** 3 / 6 + Math.max(0, read - rank) * (rank * n - (rank * rank) / 2);
}

/** Field operations of one row gradient by reverse mode: two chains (N and Z) of 3L·k² each, then the chart. */
function directRowOps(spec: ModelSpec, tasks: readonly Task[], n: number): number {
  const k = spec.states;
  const L = Math.max(...tasks.map(taskLength));
  return 6 * L * k * k + 2 * k * k + n;
}

/**
 * Exact trials on direct rows: each holds its echelon (n rows of n residues) and the rows
 * drawn (a few dozen bytes each); the m×n Jacobian is never formed. Below n rows every
 * trial reads every row and per-entry verdicts build the chart over duals once.
 */
function directExactTerm(spec: ModelSpec, tasks: readonly Task[], rows: number, deficient: boolean): CostTerm {
  const n = parameterCount(spec);
  const { states: k, symbols: d } = spec;
  const trials = deficient ? DEFAULT_EXACT_TRIALS : 1;
  const read = deficient ? rows : Math.min(rows, Math.ceil(1.05 * n));
  const rank = Math.min(rows, n);
  const chart = deficient ? COST.heapSlack * (k + k * k + d * k) * dualBytes(n) : 0;
  return {
    name: `${trials === 1 ? "exact trial" : `${trials} exact trials`} mod p (echelon of ${rank}×${n} residues, ${read} rows drawn and reduced${trials === 1 ? "" : " each"})`,
    bytes: trials * (8 * rank * n + 64 * read) + chart,
    seconds: trials * (COST.directRowOp * read * directRowOps(spec, tasks, n) + COST.echelonFlop * echelonWork(read, n, rank)),
  };
}

/**
 * The family-bound path: the family's tangents (one move over duals of f entries: about
 * 2k³ + 2dk² operations for its matrix products and inverses, plus its rank, f rows of n
 * reduced; garbage before the exact trial starts, so its memory counts only when larger),
 * one exact trial to rank n − f, and each entry's gradient reduced against that echelon
 * for its verdict (rank·n/4 multiply-adds per entry: most gradients are unit vectors, and
 * one meets only the pivots right of its column; measured 31 s for 3,930 entries at
 * (30, 100) under a load average of ~10, against 90 s for rank·n).
 */
function familyBoundTerms(spec: ModelSpec, tasks: readonly Task[], rows: number): CostTerm[] {
  const n = parameterCount(spec);
  const { states: k, symbols: d } = spec;
  const f = largestDirectionCount(spec, tasks);
  const rank = n - f;
  const read = Math.min(rows, Math.ceil(1.05 * rank));
  const moveOps = 2 * k ** 3 + 2 * d * k * k + 3 * k * k * (k + 2);
  const entries = allEntries(spec).length;
  const tangentBytes = COST.heapSlack * (k * k + d * k) * dualBytes(f) + 8 * n * f + 8 * f * f;
  const echelonBytes = 8 * rank * n + 64 * read;
  return [
    {
      name: `family tangents (${f} directions, duals of ${f}, rank of ${n}×${f})`,
      bytes: Math.max(0, tangentBytes - echelonBytes),
      seconds: COST.dualFlopModP * f * moveOps + COST.echelonFlop * echelonWork(n, f, f),
    },
    {
      name: `exact trial mod p to the family's bound (echelon of ${rank}×${n} residues, ${read} rows drawn and reduced)`,
      bytes: echelonBytes,
      seconds: COST.directRowOp * read * directRowOps(spec, tasks, n) + COST.echelonFlop * echelonWork(read, n, rank),
    },
    { name: `per-entry verdicts (${entries} gradients reduced against the echelon mod p)`, bytes: 8 * n, seconds: (COST.echelonFlop * entries * rank * n) / 4 },
  ];
}

/** One corroborating float point: a block of ⌈1.25n⌉ direct rows (raw, scaled, column-major copy) and its singular values. */
function corroborationTerm(spec: ModelSpec, tasks: readonly Task[], n: number): CostTerm {
  const m = Math.ceil(CORROBORATION_ROWS * n);
  return {
    name: `float corroboration (1 point, ${m} of the rows formed directly, singular values of ${m}×${n})`,
    bytes: 3 * 8 * m * n,
    seconds: COST.directRowOp * m * directRowOps(spec, tasks, n) + COST.singularValueFlop * (4 * m * n * n - (4 / 3) * n ** 3),
  };
}

/** Kruskal with read-back (per tensor task) and the multi-start search (`starts` × LM iterations × full Jacobian + JᵀJ). */
function globalTerms(spec: ModelSpec, tasks: readonly Task[], starts: number): CostTerm[] {
  const n = parameterCount(spec);
  const { states: k, symbols: d } = spec;
  const rows = summaryRowCount(spec, tasks, n);
  const point = jacobianPointWork(spec, tasks);
  const tensor = tasks.filter((t) => t.given.length === 1 && t.predict.length === 2).length;
  const terms: CostTerm[] = [
    { name: `Kruskal evidence (${tensor} tensor task${tensor === 1 ? "" : "s"})`, bytes: 8 * 4 * d * d * k, seconds: COST.globalSeconds + tensor * COST.floatOp * 20 * (d ** 3 * k + k ** 4) },
  ];
  if (starts > 0) {
    const iteration = COST.dualFlop * n * (point.ops + rows * (2 * k + 1)) + COST.gramFlop * rows * n * n + COST.floatOp * n ** 3;
    terms.push({
      name: `multi-start search (${starts} starts × ~${COST.lmIterations[spec.family]} iterations × Jacobian of ${rows} rows and JᵀJ)`,
      bytes: COST.heapSlack * point.held * dualBytes(n) + 3 * 8 * n * n,
      seconds: starts * COST.lmIterations[spec.family] * iteration * (spec.family === "ghmm" ? COST.gaussianIterationFactor : 1),
    });
  }
  return terms;
}

/**
 * `maskid claims`: the rows run one after another (time adds up; memory is the largest
 * row's: a row's Jacobians are garbage once its verdict is kept, measured flat at ~36 MiB
 * of live heap between rows), on top of the modules only `claims` loads.
 */
export function claimsCost(rows: readonly { spec: ModelSpec; tasks: readonly Task[]; starts: number }[]): CostEstimate {
  const each = rows.map((r) => ({ r, cost: analysisCost(r.spec, r.tasks, { globalStarts: summaryRowCount(r.spec, r.tasks, parameterCount(r.spec)) >= parameterCount(r.spec) ? r.starts : undefined }) }));
  // Each row's estimate includes the process start-up and, with global evidence, the first
  // load of the Kruskal machinery: a claims run pays both once.
  const withGlobal = each.filter((e) => e.cost.terms.some((t) => t.name.startsWith("Kruskal evidence"))).length;
  const seconds = each.reduce<number>((s, e) => s + e.cost.seconds - COST.baseSeconds, COST.baseSeconds) - Math.max(0, withGlobal - 1) * COST.globalSeconds;
  const largest = each.reduce<(typeof each)[number] | null>((a, e) => (a === null || e.cost.bytes > a.cost.bytes ? e : a), null);
  const slowest = each.reduce<(typeof each)[number] | null>((a, e) => (a === null || e.cost.seconds > a.cost.seconds ? e : a), null);
  const label = (e: (typeof each)[number]) => `${e.r.spec.family} k=${e.r.spec.states}, d=${e.r.spec.symbols}`;
  const terms: CostTerm[] = [
    { name: "mathjs loaded for the size formulas", bytes: COST.claimsModuleBytes, seconds: COST.claimsModuleSeconds },
    { name: `${rows.length} claim rows in sequence`, bytes: 0, seconds: seconds - COST.baseSeconds },
  ];
  if (largest) terms.push({ name: `largest row (${label(largest)}): ${dominant(largest.cost)}`, bytes: largest.cost.bytes - COST.baseBytes, seconds: 0 });
  if (slowest) terms.push({ name: `slowest row (${label(slowest)}) takes ${formatSeconds(slowest.cost.seconds)}`, bytes: 0, seconds: 0 });
  const largestBytes = Math.max(0, ...each.map((e) => e.cost.bytes - COST.baseBytes));
  return { bytes: COST.baseBytes + COST.claimsModuleBytes + largestBytes, seconds: seconds + COST.claimsModuleSeconds, terms };
}

/** Terms per symbolic entry: a sum over k^L hidden paths, each emission factor of an observed position a sum of up to d − 1 terms. */
export function symbolicTerms(spec: ModelSpec, task: Task): { entries: number; termsPerEntry: number; total: number } {
  const { states: k, symbols: d } = spec;
  const observed = task.given.length + task.predict.length;
  const entries = d ** observed;
  const termsPerEntry = k ** taskLength(task) * Math.max(1, d - 1) ** observed * (spec.init === "stationary" ? k - 1 || 1 : 1);
  return { entries, termsPerEntry, total: entries * termsPerEntry };
}

/** `maskid predictor`: a table of d^|S| × d^|U| numbers, or (--symbolic) expressions whose size is `symbolicTerms`. */
export function predictorCost(spec: ModelSpec, task: Task, symbolic: boolean, checked = false): CostEstimate {
  const { states: k, symbols: d } = spec;
  if (symbolic) {
    const { entries, termsPerEntry, total } = symbolicTerms(spec, task);
    return combine([
      { name: `symbolic entries (${entries} entries × ~${termsPerEntry} terms${checked ? ", checked symbolically against the closed form" : ""})`, bytes: total * COST.symbolicTermBytes, seconds: (checked ? 2 : 1) * total * COST.symbolicTerm + 1.2 },
    ]);
  }
  const inputs = d ** task.given.length;
  const outputs = d ** task.predict.length;
  const perInput = COST.floatOp * (d ** task.predict.length * k * 2 + taskLength(task) * 2 * k * k + d * k);
  return combine([
    { name: `predictor at ${inputs} inputs (forward–backward)`, bytes: 0, seconds: inputs * perInput },
    { name: `table of ${inputs} × ${outputs} numbers`, bytes: inputs * outputs * COST.tableEntryBytes, seconds: inputs * outputs * COST.tableEntrySeconds },
  ]);
}

/** `maskid recover`: the exact tensor (d³), Jennrich and refinement, plus N sampled sequences per run. */
export function recoverCost(spec: ModelSpec, task: Task, samples: readonly number[]): CostEstimate {
  const { states: k, symbols: d } = spec;
  const L = taskLength(task);
  const terms: CostTerm[] = [{ name: `predictor tensor and Jennrich (d³ = ${d ** 3})`, bytes: 8 * 4 * d ** 3, seconds: COST.floatOp * 40 * (d ** 3 * k + d * k ** 3) }];
  const total = samples.reduce((a, b) => a + b, 0);
  if (total > 0) terms.push({ name: `${total.toExponential(1)} sampled sequences of length ${L}`, bytes: 8 * 2 * d ** 3 * samples.length, seconds: total * COST.sampleSeconds * L });
  return combine(terms);
}

function combine(terms: readonly CostTerm[]): CostEstimate {
  const bytes = COST.baseBytes + terms.reduce((s, t) => s + t.bytes, 0);
  const seconds = COST.baseSeconds + terms.reduce((s, t) => s + t.seconds, 0);
  return { bytes, seconds, terms };
}

/** The term that dominates, for the one-line refusal. */
function dominant(estimate: CostEstimate, by: "bytes" | "seconds" = "bytes"): string {
  const top = [...estimate.terms].sort((a, b) => b[by] - a[by])[0];
  return top ? `${top.name}: ${by === "bytes" ? formatBytes(top.bytes) : formatSeconds(top.seconds)}` : "";
}

/**
 * Throws InputError (field `options.maxMemoryBytes` or `options.maxSeconds`, or the CLI
 * flags) when the estimate exceeds the budget; the message is one line with the estimate
 * and the term that dominates it.
 */
export function enforceBudget(what: string, estimate: CostEstimate, budget: Required<Budget>): void {
  const flags = { memory: "options.maxMemoryBytes", seconds: "options.maxSeconds" };
  if (estimate.bytes > budget.maxMemoryBytes) {
    throw new InputError(
      `refusing ${what}: estimated peak memory ${formatBytes(estimate.bytes)} exceeds the budget of ${formatBytes(budget.maxMemoryBytes)} ` +
        `(largest term: ${dominant(estimate, "bytes")}; estimated time ${formatSeconds(estimate.seconds)}); raise --max-memory (${flags.memory}) to try`,
      { field: flags.memory },
    );
  }
  if (estimate.seconds > budget.maxSeconds && estimate.seconds > MIN_REFUSED_SECONDS) {
    throw new InputError(
      `refusing ${what}: estimated time ${formatSeconds(estimate.seconds)} exceeds the budget of ${formatSeconds(budget.maxSeconds)} ` +
        `(largest term: ${dominant(estimate, "seconds")}; estimated peak memory ${formatBytes(estimate.bytes)}); raise --max-seconds (${flags.seconds}) to try`,
      { field: flags.seconds },
    );
  }
}

/** Validates library budget options (positive numbers) and fills in the defaults. */
export function budgetOf(options: Budget, command: BudgetedCommand): Required<Budget> {
  for (const [name, value] of [["maxMemoryBytes", options.maxMemoryBytes], ["maxSeconds", options.maxSeconds]] as const) {
    if (value !== undefined && !(typeof value === "number" && value > 0 && !Number.isNaN(value))) {
      throw new InputError(`options.${name} must be a positive number, got ${String(value)}`, { field: `options.${name}` });
    }
  }
  return { maxMemoryBytes: options.maxMemoryBytes ?? DEFAULT_MAX_MEMORY_BYTES, maxSeconds: options.maxSeconds ?? DEFAULT_MAX_SECONDS[command] };
}

const UNITS: Record<string, number> = { B: 1, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12, KIB: 2 ** 10, MIB: 2 ** 20, GIB: 2 ** 30, TIB: 2 ** 40 };

/** `8GiB`, `500MB`, `1.5 GB`, `123456` (bytes) → bytes; null when it does not parse. */
export function parseByteSize(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(text);
  if (!m) return null;
  const unit = UNITS[(m[2] || "B").toUpperCase()];
  const bytes = Number(m[1]) * (unit ?? NaN);
  return Number.isFinite(bytes) && bytes > 0 ? bytes : null;
}

export function formatBytes(bytes: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
  let i = 0;
  while (bytes >= 1024 && i < units.length - 1) {
    bytes /= 1024;
    i++;
  }
  return `${bytes.toFixed(bytes < 10 ? 1 : 0)} ${units[i]}`;
}
