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

  maskid recover --model hmm --states K --symbols D --task "x2 -> x1 ⊗ x3" [--init stationary|free]
               [--samples N | --sweep [N1,N2,…] [--plot FILE]] [--params FILE] [--seed N] [--json]

  recover Recover (π, T, O) up to relabelling from the predictor of "x2 -> x1 ⊗ x3" or
          "x1 -> x2 ⊗ x3": the exact predictor (no --samples, or 0), or one estimated
          from N sampled sequences. Truth: --params FILE or a random point from --seed.
          --sweep runs several N (default 1e3 … 1e6) and writes a log–log plot of the
          error (default docs/figures/recovery-error.svg). Exit 1 if recovery fails.
          Method and figures: docs/recovery.md.

Exit codes: 0 analysis done, 1 a check or claim failed, 2 bad input.
`;
