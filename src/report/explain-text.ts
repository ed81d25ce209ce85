import type { WordCombinations, WordRank } from "../analysis/explain/combinations.ts";
import type { ExplainResult } from "../analysis/explain/explain.ts";
import { DEFAULT_WIDTH, unbroken, wrap } from "./wrap.ts";

const sci = (x: number) => x.toExponential(2);

/** The human report of `maskid explain`, wrapped to `width` columns with hanging indents. */
export function renderExplain(r: ExplainResult, width: number = DEFAULT_WIDTH): string {
  const m = r.model;
  const lines: string[] = [];
  const say = (text: string, indent = "") => lines.push(...wrap(text, width, indent, `${indent}    `));
  const taskSet = r.tasks.map(unbroken).join("; ");
  say(`model: ${m.family} (k=${m.states}, d=${m.symbols}, ${m.init} π); task set: ${taskSet}; n = ${r.parameterCount} parameters; seed ${r.seed}`);
  say(`rank of J mod ${r.prime} at a random point: ${r.rank} of ${r.parameterCount}; fiber dimension ${r.fiberDimension}`);
  lines.push("", "what the task set determines (observable laws of windows of its positions):");
  for (const line of observableLines(r)) say(line, "  ");
  lines.push("");
  say(`what it determines entry-wise (matrix words up to length ${r.combinations.maxLength}; T column-stochastic, ${unbroken("T[i][j] = P(h_{t+1} = i | h_t = j)")}):`);
  for (const line of combinationLines(r.combinations, r.tasks, "at the point")) say(line, "  ");
  lines.push("", `fiber directions: ${r.fiberDimension === 0 ? "none (J has full rank)" : "a basis of null J in reduced echelon form"}`);
  if (r.fiberDimension > 0) {
    say(`free (the fiber's own parameters): ${r.fiber.freeCoordinates.join(", ")}`, "  ");
    say(`bound (moved by them): ${r.fiber.boundCoordinates.join(", ")}`, "  ");
    const lift = r.fiber.lift;
    say(
      lift.exact
        ? `exact at the rational point θ = (${lift.point.join(", ")}); lifted from ${lift.primes.length} primes, checked mod ${lift.checkPrime} (a display aid: the statements above are made at the random point)`
        : `values mod ${r.prime} at the random point: ${lift.reason}`,
      "  ",
    );
    r.fiber.vectors.forEach((v, i) => {
      const moved = v.entries.filter((e) => e.coordinate !== v.free).map((e) => `${e.coordinate} = ${e.value}`);
      say(`${i + 1}. along ${v.free}: ${moved.length ? moved.join(", ") : "nothing else moves"}`, "  ");
    });
  }
  lines.push("", "families of docs/math.md §7 (tangents at the random point):");
  for (const f of r.families) say(`${f.family}: ${f.summary}`, "  ");
  lines.push("");
  const g = r.generic;
  say(
    g.fullRankProof
      ? "rank n at a point mod p proves generic full rank (docs/math.md §6.1); the other statements hold generically with probability ≥ " +
          `1 − ${sci(g.probability)}`
      : `every rank above is a lower bound for its generic value; all hold generically with probability ≥ 1 − ${sci(g.probability)} ` +
          `(Schwartz–Zippel over ${g.matrices} rank computations of minor degree ≤ ${g.degreeBound}, ${g.familyMatrices} of degree ≤ ${g.familyDegreeBound}` +
          `${g.combinationMatrices ? ` and ${g.combinationMatrices} of degree ≤ ${g.combinationDegreeBound}` : ""}, p = ${r.prime}; docs/math.md §11)`,
  );
  return lines.join("\n");
}

function observableLines(r: ExplainResult): string[] {
  const o = r.observables;
  const taskSet = r.tasks.length === 1 ? r.tasks[0] : `the ${r.tasks.length} tasks`;
  const out: string[] = [];
  if (o.equivalent) {
    out.push(`${taskSet} ≡ ${o.maximal.join(" plus ")} (rank ${o.taskRank})`);
    if (o.smallest && o.smallest.length < o.maximal.length) out.push(`already ≡ ${o.smallest.join(" plus ")}: the other laws add nothing`);
  } else {
    out.push(`no set of window laws (up to 3 positions) is equivalent to ${taskSet}`);
    out.push(o.maximal.length ? `it determines ${o.maximal.join(", ")}: rank ${o.explainedRank} of its ${o.taskRank}` : `it determines none of them (rank ${o.taskRank})`);
  }
  const beyond = o.candidates.filter((c) => !c.implied).map((c) => `${c.law} (rank ${c.rank})`);
  if (beyond.length) out.push(`not determined: ${beyond.join(", ")}`);
  return out;
}

/** Words shown besides the spanning ones: the shortest kept. */
const SHOWN_WORDS = 6;

/**
 * What the spanning words say, after `subject` ("x1 -> x2"): "identifies exactly the
 * entries of …", or how much rank they explain. `show` writes a word (its name, or its LaTeX).
 */
export function combinationHeadline(c: WordCombinations, subject: string, show: (w: WordRank) => string = (w) => w.word, plural = false): string {
  const words = c.spanning.map((w) => `${show(w)} (rank ${w.rank})`).join(", ");
  const together = c.spanning.length > 1 ? `: rank ${c.explainedRank} together` : "";
  if (c.spans) return `${subject} identif${plural ? "y" : "ies"} exactly the entries of ${words}${together}`;
  if (c.kept.length === 0) return `no word's entries are determined by ${subject}: words explain rank 0 of ${c.taskRank}`;
  return `words explain rank ${c.explainedRank} of ${c.taskRank} for ${subject}: ${words}; nothing in the grammar spans the rest`;
}

/** The headline, the other kept words, and how many were tried; `where` says where the constants were found. */
export function combinationLines(c: WordCombinations, tasks: readonly string[], where: string): string[] {
  const taskSet = tasks.length === 1 ? tasks[0] : `the ${tasks.length} tasks`;
  // A word is never split across lines.
  const whole = (w: WordRank) => unbroken(w.word);
  const out = [combinationHeadline(c, taskSet, whole, tasks.length > 1)];
  const others = c.kept.filter((w) => !c.spanning.some((s) => s.word === w.word));
  if (others.length) {
    const shown = others.slice(0, SHOWN_WORDS).map(whole).join(", ");
    out.push(`${others.length} more determined word${others.length === 1 ? " lies" : "s lie"} in that span: ${shown}${others.length > SHOWN_WORDS ? ", …" : ""}`);
  }
  out.push(`${c.candidates} words tried (one of each transpose pair); ${c.constant} have zero gradient ${where} (constants such as 1ᵀT = 1ᵀ) and count for nothing`);
  return out;
}
