import type { AdviceResult } from "../analysis/advise.ts";
import { DEFAULT_WIDTH, unbroken, wrap } from "./wrap.ts";

/** The human report of `maskid advise`, wrapped to `width` columns. */
export function renderAdvice(r: AdviceResult, width: number = DEFAULT_WIDTH): string {
  const m = r.model;
  const lines: string[] = [];
  const say = (text: string, indent = "") => lines.push(...wrap(text, width, indent, `${indent}    `));
  say(`model: ${m.family} (k=${m.states}, d=${m.symbols}, ${m.init} π); task set: ${r.tasks.map(unbroken).join("; ")}; n = ${r.parameterCount} parameters; seed ${r.seed}`);
  say(`rank of J mod p at a random point: ${r.rank} of ${r.parameterCount}`);
  say(r.note);
  if (r.additions.length) {
    lines.push("");
    say(`add one of (tasks on positions 1..${r.window}, 1–2 given and 1–2 predicted tokens; cheapest first: predicted, then given tokens, then window length):`);
    r.additions.forEach((a, i) => {
      const cost = `predicts ${a.cost.predicted}, given ${a.cost.given}, window ${a.cost.length}`;
      say(`${i + 1}. ${a.task}: ${cost}; rank ${a.rank} mod ${a.prime} (a proof); check: ${a.confirmed}`, "  ");
    });
  }
  return lines.join("\n");
}
