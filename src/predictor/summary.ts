import type { Field } from "../field/field.ts";
import type { ModelSpec, Parameters } from "../model/spec.ts";
import { type Task, formatTask } from "../task/task.ts";
import { ChainTensor } from "./chain.ts";
import { predictedOrder } from "./predict.ts";
import { digitsLabel } from "./support.ts";
import { allSymbolWeights, observationWeights, taskWeights } from "./weights.ts";

/**
 * The exhaustive summary F(θ) (docs/math.md §4): every output of every task's optimal predictor
 * over the input design, as lazily computed rows. Over dual numbers a row's gradient is
 * a row of the Jacobian, so callers that stop early pay only for the rows they read.
 */
export interface Summary<E> {
  readonly rows: number;
  value(row: number): E;
  /** Which task, input and output a row is, e.g. `x2 -> x1 ⊗ x3 | x2=3 | (1,4)`. */
  label(row: number): string;
}

/** Gaussian input design: for each task, points; each point lists one vector per given position (ascending). */
export type GaussianDesign = readonly (readonly (readonly (readonly number[])[])[])[];

export function exhaustiveSummary<E>(
  field: Field<E>,
  spec: ModelSpec,
  params: Parameters<E>,
  tasks: readonly Task[],
  design?: GaussianDesign,
): Summary<E> {
  if (spec.family === "ghmm" && !design) throw new Error("a Gaussian summary needs an input design");
  const parts = tasks.map((task, i) =>
    spec.family === "hmm" ? discreteTaskSummary(field, spec, params, task) : gaussianTaskSummary(field, spec, params, task, design![i]),
  );
  return concatenate(parts);
}

/** One discrete task at every input value: d^|S| inputs × d^|U| outputs, all from two chain tensors. */
function discreteTaskSummary<E>(field: Field<E>, spec: ModelSpec, params: Parameters<E>, task: Task): Summary<E> {
  const d = spec.symbols;
  const { joint, normaliser } = taskWeights(params, task, () => allSymbolWeights(params));
  const numerator = new ChainTensor(field, params.pi, params.T, joint);
  const z = new ChainTensor(field, params.pi, params.T, normaliser).entries();
  const outputs = d ** task.predict.length;
  const order = predictedOrder(task, d);
  // Position of each given and predicted digit in the joint tensor's radix.
  const sorted = [...task.given, ...task.predict].sort((a, b) => a - b);
  const stride = (t: number) => d ** (sorted.length - 1 - sorted.indexOf(t));
  const predictedAscending = [...task.predict].sort((a, b) => a - b);
  return {
    rows: z.length * outputs,
    value(row) {
      const input = Math.floor(row / outputs);
      let index = 0;
      let rest = input;
      for (let i = task.given.length - 1; i >= 0; i--) {
        index += (rest % d) * stride(task.given[i]);
        rest = Math.floor(rest / d);
      }
      // `order` maps an output to its index among predicted positions (ascending radix).
      let predicted = order[row % outputs];
      for (let i = predictedAscending.length - 1; i >= 0; i--) {
        index += (predicted % d) * stride(predictedAscending[i]);
        predicted = Math.floor(predicted / d);
      }
      return field.div(numerator.entry(index), z[input]);
    },
    label(row) {
      const input = Math.floor(row / outputs);
      return `${formatTask(task)} | ${digitsLabel(task.given, input, d)} | ${digitsLabel(task.predict, row % outputs, d)}`;
    },
  };
}

function gaussianTaskSummary<E>(
  field: Field<E>,
  spec: ModelSpec,
  params: Parameters<E>,
  task: Task,
  points: readonly (readonly (readonly number[])[])[],
): Summary<E> {
  const outputs = spec.symbols ** task.predict.length;
  const order = predictedOrder(task, spec.symbols);
  // Per design point: the joint tensor and its normaliser; each output is then one k-term
  // inner product, computed on demand (a random row subset of a d^2-output task at large
  // d reads a small share of each point's outputs).
  const cache = new Map<number, { tensor: ChainTensor<E>; z: E }>();
  const pointTensor = (p: number): { tensor: ChainTensor<E>; z: E } => {
    let entry = cache.get(p);
    if (!entry) {
      const weightsAt = new Map(task.given.map((t, i) => [t, [observationWeights(field, spec, params, points[p][i])]]));
      const { joint, normaliser } = taskWeights(params, task, (t) => weightsAt.get(t)!);
      const z = new ChainTensor(field, params.pi, params.T, normaliser).entry(0);
      entry = { tensor: new ChainTensor(field, params.pi, params.T, joint), z };
      cache.set(p, entry);
    }
    return entry;
  };
  return {
    rows: points.length * outputs,
    value: (row) => {
      const { tensor, z } = pointTensor(Math.floor(row / outputs));
      return field.div(tensor.entry(order[row % outputs]), z);
    },
    label: (row) => `${formatTask(task)} | design point ${Math.floor(row / outputs) + 1} | ${digitsLabel(task.predict, row % outputs, spec.symbols)}`,
  };
}

function concatenate<E>(parts: readonly Summary<E>[]): Summary<E> {
  const starts: number[] = [];
  let rows = 0;
  for (const p of parts) {
    starts.push(rows);
    rows += p.rows;
  }
  const locate = (row: number): [Summary<E>, number] => {
    if (row < 0 || row >= rows) throw new RangeError(`summary row ${row} outside 0..${rows - 1}`);
    let i = parts.length - 1;
    while (starts[i] > row) i--;
    return [parts[i], row - starts[i]];
  };
  return {
    rows,
    value: (row) => {
      const [part, local] = locate(row);
      return part.value(local);
    },
    label: (row) => {
      const [part, local] = locate(row);
      return part.label(local);
    },
  };
}
