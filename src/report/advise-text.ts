import type { Addition, AdviceResult } from "../analysis/advise.ts";
import type { ModelAdviceResult } from "../analysis/advise-model.ts";
import { DEFAULT_WIDTH, unbroken, wrap } from "./wrap.ts";

const FAMILY = (window: number) => `tasks on positions 1..${window}, 1–2 given and 1–2 predicted tokens; cheapest first: predicted, then given tokens, then window length`;

/** The human report of `maskid advise`, wrapped to `width` columns. */
export function renderAdvice(r: AdviceResult | ModelAdviceResult, width: number = DEFAULT_WIDTH): string {
  if (r.kind === "model-advice") return renderModelAdvice(r, width);
  const m = r.model;
  const lines: string[] = [];
  const say = (text: string, indent = "") => lines.push(...wrap(text, width, indent, `${indent}    `));
  say(`model: ${m.family} (k=${m.states}, d=${m.symbols}, ${m.init} π); task set: ${r.tasks.map(unbroken).join("; ")}; n = ${r.parameterCount} parameters; seed ${r.seed}`);
  say(`rank of J mod p at a random point: ${r.rank} of ${r.parameterCount}`);
  say(r.note);
  if (r.additions.length) {
    lines.push("");
    say(`add one of (${FAMILY(r.window)}):`);
    r.additions.forEach((a, i) => say(`${i + 1}. ${additionLine(a)}`, "  "));
  }
  return lines.join("\n");
}

function additionLine(a: Addition): string {
  return `${unbroken(a.task)}: predicts ${a.cost.predicted}, given ${a.cost.given}, window ${a.cost.length}; rank ${a.rank} mod ${a.prime} (a proof); check: ${a.confirmed}`;
}

/** A model with no task set: the cheapest single task, then the smallest pairwise set. */
function renderModelAdvice(r: ModelAdviceResult, width: number): string {
  const m = r.model;
  const n = r.parameterCount;
  const lines: string[] = [];
  const say = (text: string, indent = "") => lines.push(...wrap(text, width, indent, `${indent}    `));
  say(`model: ${m.family} (k=${m.states}, d=${m.symbols}, ${m.init} π); no task set; n = ${n} parameters; seed ${r.seed}`);
  lines.push("");
  const s = r.single;
  say(`cheapest single task (${FAMILY(r.window)}):`);
  if (s.found) say(additionLine(s.found), "  ");
  else say(`none of the ${s.candidates} tasks identifies the model: each has rank below ${n} at a random point (evidence, not proof)`, "  ");
  const shifted = s.shifted ? `; ${s.shifted} left out: they miss position 1, and with a stationary π their shift to it, cheaper, was tried first` : "";
  say(`${s.tried} of ${s.candidates} candidates tried${shifted}`, "  ");
  lines.push("");
  const p = r.pairwise;
  say(`smallest set of pairwise tasks (xi -> xj, i ≠ j in 1..${r.window}; fewest tasks, then window length, then the sum of the tasks' last positions):`);
  if (p.found) {
    const f = p.found;
    const size = f.tasks.length;
    const fewer = size > 1 ? `; no set of fewer tasks does (rank below ${n} at the point: evidence, not proof)` : "";
    say(`${f.tasks.map(unbroken).join("; ")}: ${tasks(size)}, window ${f.window}; rank ${f.rank} mod ${f.prime} (a proof); check: ${f.confirmed}`, "  ");
    const ties = f.ties === 1 ? `the only identifying set of ${tasks(size)} on positions 1..${f.window}` : `${f.ties} sets of ${tasks(size)} on positions 1..${f.window} identify`;
    say(`${ties}${fewer}`, "  ");
    say(`ranks computed: the ${p.familySize} tasks together (rank ${p.familyRank}), then ${p.tried} of the ${p.covered} sets searched (the others ruled out without one, docs/math.md §11.8); budget ${p.budget} sets`, "  ");
  } else {
    say(`none of the ${p.covered} sets of the ${p.familySize} pairwise tasks on positions 1..${r.window} identifies the model: all of them together reach rank ${p.familyRank} of ${n} mod ${p.prime} (evidence, not proof), and a set's rank is no larger`, "  ");
    if (p.keptBy) say(`a proof that none does: ${p.keptBy}`, "  ");
  }
  return lines.join("\n");
}

const tasks = (count: number) => `${count} task${count === 1 ? "" : "s"}`;
