/** A command line that cannot be run as written. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

export const USAGE = `maskid — does a masked-prediction task identify an HMM's parameters?

Usage:
  maskid check --model hmm|ghmm --states K --symbols D --task "x2 -> x1 ⊗ x3" [--task …]
               [--init stationary|free] [--sigma S] [--params FILE] [--seed N] [--json]

  check   Jacobian-rank analysis of a task set: verdict, evidence, per-entry table.
          --task may repeat, or hold several tasks separated by ';'.
          Tensor targets: "x1 ⊗ x3", "x1 (x) x3" or "x1 * x3".
          --params FILE analyses at that point ({"pi","T","O"} or {"pi","T","M","sigma"};
          rows first: T[i][j] = P(h'=i | h=j), O[a][j] = P(x=a | h=j)).

Exit codes: 0 analysis done, 1 a check or claim failed, 2 bad input.
`;
