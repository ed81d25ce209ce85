/** A command line that cannot be run as written. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** Each command's synopsis and options, in the order `maskid help` lists them. */
export const COMMAND_HELP = {
  claims: `  maskid claims [--id ID …] [--claims FILE|-] [--seed N] [--json]
          Check the catalogue of claims (the paper's and maskid's own) at their sizes,
          or the claims in FILE (same schema, see docs/claims.md). Exit 1 if any claim
          is contradicted.
`,
  check: `  maskid check --model hmm|ghmm --states K --symbols D --task "x2 -> x1 ⊗ x3" [--task …]
               [--init stationary|free] [--sigma S] [--params FILE|-] [--seed N]
               [--witness] [--global [--starts N]] [--plot FILE.svg] [--json]
          Jacobian-rank analysis of a task set: verdict, evidence, per-entry table.
          --task may repeat, or hold several tasks separated by ';'.
          Tensor targets: "x1 ⊗ x3", "x1 (x) x3" or "x1 * x3".
          --params FILE analyses at that point ({"pi","T","O"} or {"pi","T","M","sigma"};
          rows first: T[i][j] = P(h'=i | h=j), O[a][j] = P(x=a | h=j)); "-" reads it
          from standard input.
          --witness: for a non-identifiable verdict, a second valid point with the same
          predictions (and an exact rational one where a family of docs/math.md §7 applies).
          --global: Kruskal ranks with an exact read-back, and a multi-start search
          from N starts (default 20), each reported with the strength it has.
          --plot FILE.svg: draw the singular values at each float point (log scale)
          with the rank cut and the gap, as a self-contained SVG written atomically.
`,
  explain: `  maskid explain --model hmm|ghmm --states K --symbols D --task "x1 -> x2" [--task …]
               [--init stationary|free] [--sigma S] [--seed N] [--json]
          What a task set determines and what it leaves free, at a random point mod p:
          the window laws P(x_A) (up to 3 of its positions) it is locally equivalent
          to, the matrix words over O, T, Tᵀ, diag(π), π, 1 whose entries it
          identifies (a spanning subset, or the rank they explain; text and LaTeX), a
          basis of its fiber directions by parameter name (exact over Q where the lift
          succeeds), and whether the W1 or W2 family is that fiber (docs/math.md §11).
          Gaussian emissions (ghmm), numerically at two random float points with the
          gap rule: the cross moments E[x_i], E[x_i x_jᵀ], E[x_i ⊗ x_j ⊗ x_l], E[x_i x_iᵀ]
          and one-token mixture laws it is equivalent to, the matrix words with M for O
          whose entries it identifies, a numerical basis of its fiber and the W3 match
          (free π); inconclusive when a rank is undecided (§11.7).
`,
  advise: `  maskid advise --model hmm --states K --symbols D --task "x1 -> x2" [--task …]
               [--init stationary|free] [--window L] [--top N] [--seed N] [--json]
  maskid advise --model hmm --states K --symbols D [--init stationary|free]
               [--window L] [--max-sets N] [--seed N] [--json]
          With a task set: the cheapest single tasks whose addition makes it
          identifying. Candidates on positions 1..L (default: 3 or the set's last
          position, at most 6) with 1–2 given and 1–2 predicted tokens, cheapest first
          (predicted, then given tokens, then window length); each needs rank n mod p
          (a proof) and is confirmed by a full check. Up to N (default 5).
          Without --task: the cheapest single task of that family (L default 4) that
          identifies the model alone, and the smallest set of pairwise tasks xi -> xj
          on 1..L that does (fewest tasks, then window length), both confirmed by a full
          check, or the statement that none does. The pairwise search goes by size and
          refuses a size that would take it past N sets (default 1000000).
          Discrete emissions only.
`,
  predictor: `  maskid predictor --model … --states K --symbols D --task "…" [--init …] [--sigma S]
               [--params FILE|- | --symbolic [--latex]] [--seed N] [--json]
          The optimal predictor: a table at a point (--params, or a random point from
          --seed), or with --symbolic its closed form and its entries as expressions in
          the parameters (checked against forward–backward; --latex writes them as LaTeX).
`,
  prove: `  maskid prove [NAME …] [--json]
          Run the executable proofs in proofs/ and print a pass/fail line per step.
`,
  docs: `  maskid docs [--check] [--dir DIR] [--json]
          Regenerate docs/derivations/ (or DIR) from the claims and proofs (--check: only
          report documents that are out of date, exit 1 if any). DIR is created if
          missing (its parent must exist); system folders are refused.
`,
  recover: `  maskid recover --model hmm --states K --symbols D --task "x2 -> x1 ⊗ x3" [--init stationary|free]
               [--samples N | --sweep [N1,N2,…] [--plot FILE]] [--params FILE|-] [--seed N] [--json]
          Recover (π, T, O) up to relabelling from the predictor of "x2 -> x1 ⊗ x3" or
          "x1 -> x2 ⊗ x3": the exact predictor (no --samples, or 0), or one estimated
          from N sampled sequences. Truth: --params FILE or a random point from --seed.
          --sweep runs several N (default 1e3 … 1e6) and writes a log–log plot of the
          error (default docs/figures/recovery-error.svg). Exit 1 if recovery fails.
          Method and figures: docs/recovery.md.
`,
  map: `  maskid map SPEC.json [--out FILE] [--workers N] [--shard I/N] [--svg DIR] [--html DIR]
  maskid map --model hmm[,ghmm] --states 2..6 --symbols 2,4,8 --task "…" [--task …]
             [--init stationary,free] [--where "k <= d"] [--sigma S] [--seed N]
             [--name NAME] [--out FILE] [--workers N] [--shard I/N] [--svg DIR] [--html DIR]
  maskid map merge OUT IN…
          Run a grid of checks (models × inits × sizes × task sets, docs/maps.md) on N
          worker threads (default: every core), cheapest first, one JSON line per cell
          appended to FILE (default SPEC.jsonl or NAME.jsonl here). Run it again to
          finish an interrupted map: cells already in FILE are skipped. A grid given
          by flags takes lists (2,4,8) or ranges (2..6), one task set per --task.
          --shard I/N runs the I-th of N parts (also read from SLURM_ARRAY_TASK_ID and
          SLURM_ARRAY_TASK_COUNT); merge joins the parts. Prints the fiber dimension
          of each task set over (k, d); --svg DIR writes one heatmap per task set,
          model and init; --html DIR writes DIR/index.html with the heatmaps (each
          square's reason on hover), the summary and the spec, and the SVG files
          there too unless --svg names another folder.
`,
  version: `  maskid version   (or maskid --version)
          Print maskid's version.
`,
  help: `  maskid help [COMMAND]   (or maskid --help, maskid COMMAND --help)
          Print this text, or one command's.
`,
} as const;

export type CommandName = keyof typeof COMMAND_HELP;

/** The commands that take the budget options. */
const BUDGETED: readonly string[] = ["check", "claims", "predictor", "recover"];

const BUDGETS = `Budgets (check, claims, predictor, recover; docs/budgets.md):
  --max-memory SIZE   refuse when the estimated peak memory exceeds SIZE
                      (8GiB, 500MB or bytes; default 4GiB)
  --max-seconds S     refuse when the estimated time exceeds S; a run that passes S
                      stops: check reports "inconclusive: time budget reached" with
                      the evidence so far, claims reports the rows it checked
                      (defaults: check 300, predictor 120, recover 600, claims 1800)
`;

const CONVENTIONS = `Options: each option except --task and --id is given once; numbers are decimal
(3, 0.5, 1e-3); an option that only means something with another (--starts with
--global, --latex with --symbolic, recover's --plot with --sweep) is refused without
it; --json prints the result as JSON; FILE "-" reads standard input; -h or --help
after a command prints its options. On a terminal, a long run shows what it is doing
on a status line on standard error (never with --json).
`;

const EXIT_CODES = `Exit codes: 0 done, 1 a check, claim or proof failed (or an internal error: please
report it; MASKID_DEBUG=1 prints the stack), 2 bad input (including a file that cannot
be read or written).
`;

const TITLE = "maskid — does a masked-prediction task identify an HMM's parameters?\n";

export const USAGE = `${TITLE}
Usage:
${Object.values(COMMAND_HELP).join("\n")}
${BUDGETS}
${CONVENTIONS}
${EXIT_CODES}`;

/** One command's help: its synopsis and options, the budgets if it takes them, and the conventions. */
export function commandHelp(command: CommandName): string {
  return `Usage:\n${COMMAND_HELP[command]}\n${BUDGETED.includes(command) ? `${BUDGETS}\n` : ""}${CONVENTIONS}\n${EXIT_CODES}`;
}
