/**
 * An executable proof: a list of steps, each a statement (Markdown with $…$ math) and a
 * check that returns the evidence for it. Evidence text must be deterministic (seeded,
 * no timings): the derivation documents are regenerated from it byte for byte.
 */
export interface Proof {
  /** File name in proofs/ without extension, e.g. `pairwise-w1`. */
  readonly name: string;
  readonly title: string;
  /** Catalogue claims this proof backs. */
  readonly claims: readonly string[];
  /** The setting, in Markdown. */
  readonly setting: string;
  readonly steps: readonly ProofStep[];
}

export interface ProofStep {
  readonly statement: string;
  check(): StepEvidence;
}

export interface StepEvidence {
  readonly passed: boolean;
  /** What was computed, in Markdown: figures, points, primes. */
  readonly evidence: string;
}

export interface StepRun extends StepEvidence {
  readonly statement: string;
  readonly seconds: number;
}

export interface ProofRun {
  readonly name: string;
  readonly title: string;
  readonly passed: boolean;
  readonly steps: readonly StepRun[];
}

/** Runs every step (a failing or throwing step does not stop the rest). */
export function runProof(proof: Proof, onStep?: (step: StepRun, index: number) => void): ProofRun {
  const steps = proof.steps.map((step, i) => {
    const start = performance.now();
    let result: StepEvidence;
    try {
      result = step.check();
    } catch (e) {
      result = { passed: false, evidence: `the check threw: ${(e as Error).message}` };
    }
    const run = { statement: step.statement, ...result, seconds: (performance.now() - start) / 1000 };
    onStep?.(run, i);
    return run;
  });
  return { name: proof.name, title: proof.title, passed: steps.every((s) => s.passed), steps };
}
