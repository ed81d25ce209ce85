import { emissionName } from "../model/spec.ts";
import type { AnalysisResult, ParameterVerdict } from "../identify/result.ts";

const MARK = { identifiable: "✓", "not identifiable": "✗", inconclusive: "?" } as const;
const sci = (x: number) => x.toExponential(2);

/** The human report of `maskid check`: verdict line, evidence, per-entry table. */
export function renderAnalysis(r: AnalysisResult): string {
  const m = r.model;
  const lines: string[] = [];
  const size = `k=${m.states}, d=${m.symbols}, ${m.init} π${m.family === "ghmm" ? `, σ=${m.sigma}` : ""}`;
  lines.push(`model: ${m.family} (${size}); task set: ${r.tasks.join("; ")}; n = ${r.parameterCount} parameters`);
  const where = r.scope === "generic" ? "generically" : "at this point";
  const fiber = r.fiberDimension === null ? "" : ` — rank ${r.rank} of ${r.parameterCount}, fiber dimension ${r.fiberDimension}`;
  lines.push(`verdict: ${r.verdict === "inconclusive" ? "inconclusive" : `${r.verdict} (locally, ${where})`}${fiber}`);
  lines.push(`reason: ${r.reason}`);
  lines.push("evidence:");
  for (const e of r.evidence.exact) {
    lines.push(`  exact rank mod ${e.prime}: ${e.rank} of ${e.columns} (rows reduced ${e.rowsSeen} of ${e.rows}${e.resampled ? `, ${e.resampled} points resampled` : ""})`);
  }
  const sz = r.evidence.schwartzZippel;
  if (sz) lines.push(`  Schwartz–Zippel: minor degree ≤ ${sz.degreeBound}; miss probability ≤ ${sz.perTrial.map(sci).join(", ")} per trial, ${sci(sz.combined)} together`);
  for (const f of r.evidence.float) {
    const around = f.singularValuesAroundCut.map((s) => `σ${s.index}=${sci(s.value)}${s.index === f.rank ? " |" : ""}`).join(" ");
    const gapText = f.rank === r.parameterCount ? `σ${f.rank}/noise floor ${sci(f.gapRatio)}` : `gap σ${f.rank}/σ${f.rank + 1} ${sci(f.gapRatio)}`;
    const status = f.decided ? gapText : `undecided: ${f.reason}`;
    const rows = f.rowsUsed < f.rows ? `a random ${f.rowsUsed} of ${f.rows} rows, whose σ bound the full Jacobian's from below` : `all ${f.rows} rows`;
    lines.push(`  float rank at ${f.point}: ${f.rank} (${status}; σ1=${sci(f.largestSingularValue)}; ${around}; ${rows})`);
  }
  if (r.evidence.design) lines.push(`  design: ${r.evidence.design}`);
  for (const c of r.evidence.regularity ?? []) lines.push(`  regularity: ${c.name}: ${c.holds ? "holds" : "FAILS"} (${c.detail})`);
  for (const note of r.evidence.notes) lines.push(`  note: ${note}`);
  lines.push(`  seed: ${r.seed}`);
  if (r.parameters.length > 0) lines.push(...renderParameterTable(r));
  return lines.join("\n");
}

/** π, T and O|M laid out as matrices of marks, derived entries starred. */
function renderParameterTable(r: AnalysisResult): string[] {
  const byName = new Map<string, ParameterVerdict>(r.parameters.map((p) => [p.name, p]));
  const cell = (name: string) => {
    const p = byName.get(name)!;
    return `${MARK[p.verdict]}${p.free ? " " : "*"}`;
  };
  const { states: k, symbols: d } = r.model;
  const em = emissionName(r.model);
  const out = ["parameters (✓ locally identifiable, ✗ moves along the fiber, ? undecided; * derived entry):"];
  out.push(`  pi  ${Array.from({ length: k }, (_, i) => cell(`pi[${i + 1}]`)).join(" ")}`);
  for (let i = 0; i < k; i++) out.push(`  ${i === 0 ? "T " : "  "}  ${Array.from({ length: k }, (_, j) => cell(`T[${i + 1},${j + 1}]`)).join(" ")}`);
  for (let a = 0; a < d; a++) out.push(`  ${a === 0 ? `${em} ` : "  "}  ${Array.from({ length: k }, (_, j) => cell(`${em}[${a + 1},${j + 1}]`)).join(" ")}`);
  const counts = { identifiable: 0, "not identifiable": 0, inconclusive: 0 };
  for (const p of r.parameters) counts[p.verdict]++;
  out.push(`  ${counts.identifiable} identifiable, ${counts["not identifiable"]} not, ${counts.inconclusive} undecided, of ${r.parameters.length} entries`);
  return out;
}
