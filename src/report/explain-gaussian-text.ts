import type { GaussianExplainResult, GaussianPoint } from "../analysis/explain/gaussian.ts";
import { MAX_WORD_LENGTH } from "../analysis/explain/words.ts";
import type { RankEvidence } from "../analysis/explain/gaussian-point.ts";
import { ROUNDOFF_GRADIENT } from "../analysis/explain/gaussian-words.ts";
import { combinationLines } from "./explain-text.ts";
import { DEFAULT_WIDTH, unbroken, wrap } from "./wrap.ts";

const sci = (x: number) => x.toExponential(1);
/** Basis entries smaller than this share of a vector's largest are not printed. */
const SHOWN_ENTRY = 1e-3;

/** The human report of `maskid explain` for Gaussian emissions (numerical), wrapped to `width` columns. */
export function renderGaussianExplain(r: GaussianExplainResult, width: number = DEFAULT_WIDTH): string {
  const m = r.model;
  const lines: string[] = [];
  const say = (text: string, indent = "") => lines.push(...wrap(text, width, indent, `${indent}    `));
  const taskSet = r.tasks.map(unbroken).join("; ");
  const subject = r.tasks.length === 1 ? unbroken(r.tasks[0]) : `the ${r.tasks.length} tasks`;
  say(`model: ${m.family} (k=${m.states}, d=${m.symbols}, ${m.init} π, σ = ${m.sigma}); task set: ${taskSet}; n = ${r.parameterCount} parameters; seed ${r.seed}`);
  const gaps = r.points.map((p) => `${p.point}: rank ${p.taskRank.rank}${p.taskRank.decided ? `, gap ${sci(p.taskRank.gapRatio)}` : " undecided"}`);
  say(`numerical rank of J at random float points (σ units, columns scaled; docs/math.md §6.3): ${gaps.join("; ")}`);
  if (!r.conclusive) {
    lines.push("");
    say(`inconclusive: ${r.reason}`);
  } else {
    say(`fiber dimension ${r.fiberDimension}`);
    lines.push("");
    say("what the task set determines (cross moments and one-token mixture laws of its positions; numerically):");
    for (const line of observableLines(r, subject)) say(line, "  ");
    lines.push("");
    say(`what it determines entry-wise (matrix words up to length ${MAX_WORD_LENGTH} with M for O, docs/math.md §11.4; T column-stochastic; numerically):`);
    for (const line of wordLines(r)) say(line, "  ");
    lines.push("", `fiber directions: ${r.fiberDimension === 0 ? "none (J has full rank)" : "a numerical basis of null J"}`);
    if (r.fiber) {
      const f = r.fiber;
      say(`free (the fiber's own parameters): ${f.free.join(", ")}`, "  ");
      say(
        `at ${f.point}, means in units of σ; numerical (right singular vectors below the decided cut, in reduced echelon form), not exact; ` +
          `entries below ${SHOWN_ENTRY} of a vector's largest are not shown`,
        "  ",
      );
      f.echelon.forEach((v, i) => {
        const moved = v.map((x, j) => (j === f.coordinates.indexOf(f.free[i]) ? 0 : x));
        say(`${i + 1}. along ${f.free[i]}: ${moved.some((x) => x !== 0) ? namedEntries(moved, f.coordinates, Math.max(...v.map(Math.abs))) : "nothing else moves"}`, "  ");
      });
    }
    lines.push("", "families of docs/math.md §7:");
    for (const f of r.families) say(`${f.family}: ${f.summary}`, "  ");
    if (r.familiesNote) say(r.familiesNote, "  ");
  }
  lines.push("");
  say("evidence (rank and gap ratio σ_r/σ_{r+1} of each comparison; a law is implied, and a word kept, when stacking it on J keeps J's rank):");
  for (const p of r.points) say(pointLine(p), "  ");
  lines.push("");
  say(
    "every statement is numerical: each rank is decided by the gap rule (ratio ≥ 1e6) at two independent random float points that agree, " +
      "an undecided rank or a disagreement makes the answer inconclusive; none is a proof (docs/math.md §11.7)",
  );
  return lines.join("\n");
}

function observableLines(r: GaussianExplainResult, subject: string): string[] {
  const o = r.observables!;
  const law = (names: readonly string[], join: string) => names.map(unbroken).join(join);
  const out: string[] = [];
  if (o.equivalent) {
    // The narrowest gap among the ranks the statement rests on: J's, and the determined laws' together.
    const decided = r.points.filter((p) => p.undecided === null);
    const gap = Math.min(...decided.flatMap((p) => [p.taskRank.gapRatio, p.explainedRank?.gapRatio ?? Infinity]));
    out.push(`${subject} ≡ ${law(o.smallest ?? o.maximal, " plus ")} (numerically, rank ${o.taskRank}; gaps ≥ ${sci(gap)} at ${decided.length} points)`);
    if (o.smallest && o.smallest.length < o.maximal.length) out.push(`it determines ${law(o.maximal, ", ")}; the others add nothing`);
  } else {
    out.push(`no candidate set is equivalent to ${subject}`);
    out.push(o.maximal.length ? `it determines ${law(o.maximal, ", ")}: rank ${o.explainedRank} of its ${o.taskRank}` : `it determines none of them (rank ${o.taskRank})`);
  }
  if (o.notImplied.length) out.push(`not determined: ${law(o.notImplied, ", ")}`);
  return out;
}

function wordLines(r: GaussianExplainResult): string[] {
  const c = r.combinations;
  if (!c) return [`inconclusive: ${r.combinationsReason}`];
  const decided = r.points.filter((p) => p.words !== null);
  const gap = Math.min(...decided.map((p) => p.words!.narrowestGap ?? Infinity));
  const [headline, ...rest] = combinationLines(c, r.tasks, `(every entry ≤ ${ROUNDOFF_GRADIENT} in σ units) at both points`);
  return [`${headline} (numerically; every word rank decided with gap ≥ ${sci(gap)} at ${decided.length} points)`, ...rest];
}

function namedEntries(v: readonly number[], names: readonly string[], largest: number): string {
  return v.flatMap((x, j) => (Math.abs(x) >= SHOWN_ENTRY * largest ? [unbroken(`${names[j]} ${x.toFixed(3)}`)] : [])).join(", ");
}

function rankText(e: RankEvidence): string {
  return e.decided ? `${e.rank} (${sci(e.gapRatio)})` : `undecided (${sci(e.gapRatio)})`;
}

function pointLine(p: GaussianPoint): string {
  const parts = [`J ${rankText(p.taskRank)}`, ...p.candidates.map((c) => unbroken(`${c.law} ${rankText(c.rank)}, with J ${rankText(c.stacked)}`))];
  if (p.explainedRank) parts.push(`determined laws together ${rankText(p.explainedRank)}`);
  const w = p.words;
  if (w && w.undecided === null) {
    const spanning = w.explainedRank ? `, the spanning ones together ${rankText(w.explainedRank)}` : "";
    parts.push(`words: ${w.kept.length} kept${spanning}, narrowest gap ${w.narrowestGap === null ? "none" : sci(w.narrowestGap)}`);
  }
  const undecided = [p.undecided, w?.undecided ? `words: ${w.undecided}` : null].filter((x) => x !== null);
  return `${p.point}: ${parts.join("; ")}${undecided.length ? `; undecided: ${undecided.join("; ")}` : ""}`;
}
