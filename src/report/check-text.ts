import { emissionName } from "../model/spec.ts";
import type { AnalysisResult } from "../analysis/result.ts";
import type { ParameterVerdict } from "../identify/result.ts";
import type { Witness } from "../witness/witness-pair.ts";
import type { GlobalEvidence } from "../uniqueness/evidence.ts";
import type { ParameterFile } from "../model/params-file.ts";
import { DEFAULT_WIDTH, padEnd, textWidth, wrap } from "./wrap.ts";

const MARK = { identifiable: "✓", "not identifiable": "✗", inconclusive: "?" } as const;
const sci = (x: number) => x.toExponential(2);

/**
 * The human report of `maskid check`: verdict line, evidence, per-entry table, laid out for
 * `width` columns (long lines wrap at spaces with a hanging indent; the witness points do not wrap).
 */
export function renderAnalysis(r: AnalysisResult, width: number = DEFAULT_WIDTH): string {
  const m = r.model;
  const lines: string[] = [];
  const size = `k=${m.states}, d=${m.symbols}, ${m.init} π${m.family === "ghmm" ? `, σ=${m.sigma}` : ""}`;
  lines.push(`model: ${m.family} (${size}); task set: ${r.tasks.map((t) => t.text).join("; ")}; n = ${r.parameterCount} parameters`);
  const where = r.scope === "generic" ? "generically" : "at this point";
  lines.push(`verdict: ${headline(r, where)}`);
  lines.push(`reason: ${r.reason}`);
  lines.push("evidence:");
  for (const e of r.evidence.exact) {
    const drawn = `${e.sample.rows} drawn at random, seed ${e.sample.seed}${e.streamed ? ", then every other row in order" : ""}`;
    lines.push(`  exact rank mod ${e.prime}: ${e.rank} of ${e.columns} (rows reduced ${e.rowsSeen} of ${e.rows}: ${drawn}${e.resampled ? `; ${e.resampled} points resampled` : ""})`);
  }
  const ub = r.evidence.rankUpperBound;
  if (ub) {
    // The statement is printed once: by the proof line below when the family is the whole fiber.
    const explained = r.verdict === "not identifiable" && r.familyProof?.family === ub.family;
    lines.push(`  upper bound: rank ≤ n − ${ub.dimension} = ${ub.rank} generically: family ${ub.family} of dimension ${ub.dimension} lies in every fiber${explained ? "" : ` (${ub.statement})`}`);
  }
  const sz = r.evidence.schwartzZippel;
  if (sz) lines.push(`  Schwartz–Zippel: minor degree ≤ ${sz.degreeBound}; miss probability ≤ ${sz.perTrial.map(sci).join(", ")} per trial, ${sci(sz.combined)} together`);
  for (const f of r.evidence.float) {
    const around = f.singularValuesAroundCut.map((s) => `σ${s.index}=${sci(s.value)}${s.index === f.rank ? " |" : ""}`).join(" ");
    const gapText = f.rank === r.parameterCount ? `σ${f.rank}/noise floor ${sci(f.gapRatio)}` : `gap σ${f.rank}/σ${f.rank + 1} ${sci(f.gapRatio)}`;
    const status = f.decided ? gapText : `undecided: ${f.reason}`;
    const rows = f.rowsUsed < f.rows ? `a random ${f.rowsUsed} of ${f.rows} rows, whose σ bound the full Jacobian's from below` : `all ${f.rows} rows`;
    const scaling = `${f.sigmaUnits ? "in units of σ, " : ""}columns scaled to unit norm from ${sci(f.columnNorms.smallest)}…${sci(f.columnNorms.largest)}`;
    lines.push(`  float rank at ${f.point}: ${f.rank} (${status}; σ1=${sci(f.largestSingularValue)}; ${around}; ${rows}; ${scaling})`);
  }
  for (const v of r.evidence.verified) {
    const enclosure = v.widestRelativeWidth === null ? "" : `; widest entry of the enclosure ${sci(v.widestRelativeWidth)} of its size`;
    const outcome = v.verified ? "full rank verified" : "not verified";
    lines.push(`  interval arithmetic at ${v.point}: ${outcome} — ${v.reason} (${v.rowsUsed} rows × ${v.columns} columns${enclosure})`);
  }
  if (r.verdict === "not identifiable" && r.familyProof) {
    lines.push(`  proof: explicit family of dimension ${r.familyProof.dimension} = n − rank, so it is the whole fiber: ${r.familyProof.statement}`);
  }
  if (r.evidence.design) lines.push(`  design: ${r.evidence.design}`);
  for (const c of r.evidence.regularity ?? []) lines.push(`  regularity: ${c.name}: ${c.holds ? "holds" : "FAILS"} (${c.detail})`);
  for (const note of r.evidence.notes) lines.push(`  note: ${note}`);
  lines.push(`  seed: ${r.seed}`);
  if (r.global) lines.push(...renderGlobal(r.global));
  if (r.parameters.length > 0) lines.push(...renderParameterTable(r));
  const out = lines.flatMap((line) => wrapLine(line, width));
  if (r.verdict === "not identifiable" && r.witness) {
    const { numerical, exact, notes } = r.witness;
    if (numerical) out.push(...renderWitness("witness", numerical, r, width));
    if (exact) out.push(...renderWitness("exact witness", exact, r, width));
    if (notes.length > 0) out.push(...wrapLine(`witness note: ${notes.join("; ")}`, width));
  }
  return out.join("\n");
}

/** A report line wrapped at `width`, its continuation lines indented 4 past its own indent. */
function wrapLine(line: string, width: number): string[] {
  if (textWidth(line) <= width) return [line];
  const indent = line.slice(0, line.length - line.trimStart().length);
  return wrap(line.trimStart(), width, indent, `${indent}    `);
}

/** The strongest verdict first: a global proof (then the local rank), else the local verdict with where it holds. */
function headline(r: AnalysisResult, where: string): string {
  const local = r.fiberDimension === null ? "" : `rank ${r.rank} of ${r.parameterCount}, fiber dimension ${r.fiberDimension}`;
  if (r.verdict === "identifiable" && r.global?.level === "proof") {
    return `globally identifiable (generically) — proof: Kruskal, exact${local && `; ${local}`}`;
  }
  const verdict = r.verdict === "inconclusive" ? "inconclusive" : `${r.verdict} (locally, ${where})`;
  return `${verdict}${local && ` — ${local}`}${localProof(r)}`;
}

/**
 * What a local verdict rests on: for "identifiable" a proof or a numerical certificate; for
 * "not identifiable" the exact rank meeting a family's bound (the rank proven from both
 * sides), else an explicit family when one is the whole fiber.
 */
function localProof(r: AnalysisResult): string {
  if (r.verdict === "identifiable") return r.proof === null ? "; numerical certificate" : `; proof: ${r.proof}`;
  const ub = r.evidence.rankUpperBound;
  if (r.verdict === "not identifiable" && r.proof !== null && ub) return `; proof: exact rank mod p ≥ ${r.rank}, family ${ub.family} (dimension ${ub.dimension}) ≤ ${ub.rank}`;
  if (r.verdict === "not identifiable" && r.familyProof) return `; proof: explicit family ${r.familyProof.family} (dimension ${r.familyProof.dimension})`;
  return "";
}

/** Decimals of the printed witness points: enough that a printed point reads back as a valid parameter file. */
const WITNESS_DECIMALS = 10;

/** A witness: how it was found and checked, then both points in the parameter file format. */
function renderWitness(title: string, w: Witness, r: AnalysisResult, width: number): string[] {
  const em = emissionName(r.model);
  const relabellings = Array.from({ length: r.model.states }, (_, i) => i + 1).reduce((a, b) => a * b, 1);
  const precision = w.exact ? "exact rationals in --json" : "full precision in --json";
  const head = [
    `${title}: two valid parameter points with the same predictions that are not relabellings of each other`,
    `  method: ${w.method} (${w.steps} step${w.steps === 1 ? "" : "s"})`,
    `  distance modulo relabelling: ${sci(w.distance)} (min over the ${relabellings} relabellings of the max |difference| over the entries of π, T, ${em})`,
    `  max prediction difference: ${w.exact ? "0" : sci(w.maxPredictionDifference)} (${w.verification})`,
    ...(w.shortfall ? [`  short of the target: ${w.shortfall}`] : []),
    `  first (rounded to ${WITNESS_DECIMALS} decimals; ${precision}):`,
  ].flatMap((line) => wrapLine(line, width));
  const points = [...formatParameterFile(w.first, "    "), `  second:`, ...formatParameterFile(w.second, "    ")];
  return [...head, ...points.flatMap((line) => wrapLine(line, width))];
}

/** A parameter file as JSON, one matrix per line, entries rounded for display. */
function formatParameterFile(file: ParameterFile, indent: string): string[] {
  const round = (x: number) => Number(x.toFixed(WITNESS_DECIMALS)) || 0;
  const entries = Object.entries(file).map(([key, value]) => {
    const text = Array.isArray(value)
      ? `[${(value as (number | number[])[]).map((row) => (Array.isArray(row) ? `[${row.map(round).join(", ")}]` : `${round(row)}`)).join(", ")}]`
      : `${value}`;
    return `${indent}  "${key}": ${text}`;
  });
  return [`${indent}{`, ...entries.map((line, i) => (i < entries.length - 1 ? `${line},` : line)), `${indent}}`];
}

/**
 * π, T and O|M laid out as matrices of marks under the states 1..k (the column index of every
 * matrix), each row labelled by its entries (`T[2,·]` is row 2 of T); derived entries starred.
 */
function renderParameterTable(r: AnalysisResult): string[] {
  const byName = new Map<string, ParameterVerdict>(r.parameters.map((p) => [p.name, p]));
  const { states: k, symbols: d } = r.model;
  const em = emissionName(r.model);
  const cellWidth = Math.max(2, String(k).length);
  const cell = (name: string) => {
    const p = byName.get(name)!;
    return padEnd(`${MARK[p.verdict]}${p.free ? "" : "*"}`, cellWidth);
  };
  const states = Array.from({ length: k }, (_, j) => j + 1);
  const rows: [string, string[]][] = [
    ["π", states.map((i) => cell(`pi[${i}]`))],
    ...states.map((i): [string, string[]] => [`T[${i},·]`, states.map((j) => cell(`T[${i},${j}]`))]),
    ...Array.from({ length: d }, (_, a): [string, string[]] => [`${em}[${a + 1},·]`, states.map((j) => cell(`${em}[${a + 1},${j}]`))]),
  ];
  const header: [string, string[]] = ["state", states.map((j) => padEnd(String(j), cellWidth))];
  const labelWidth = Math.max(...[header, ...rows].map(([label]) => textWidth(label)));
  const out = ["parameters (✓ locally identifiable, ✗ moves along the fiber, ? undecided; * derived entry):"];
  for (const [label, cells] of [header, ...rows]) out.push(`  ${padEnd(label, labelWidth)}  ${cells.join(" ")}`.trimEnd());
  const counts = { identifiable: 0, "not identifiable": 0, inconclusive: 0 };
  for (const p of r.parameters) counts[p.verdict]++;
  out.push(`  ${counts.identifiable} identifiable, ${counts["not identifiable"]} not, ${counts.inconclusive} undecided, of ${r.parameters.length} entries`);
  return out;
}

/** The global evidence block: its strength first, then what supports it. */
function renderGlobal(g: GlobalEvidence): string[] {
  const out = [`global identifiability: ${g.strength}`, `  ${g.statement}`];
  for (const k of g.kruskal) {
    if (k.exact) {
      const r = k.exact.ranks;
      out.push(`  Kruskal, ${k.task}: k_C = ${r.kC.rank}, k_A = ${r.kA.rank}, k_B = ${r.kB.rank}, sum ${k.exact.sum} vs 2k + 2 = ${k.threshold} (${k.exact.field}${k.exact.prime ? ` p = ${k.exact.prime}` : ""}); read-back ${k.exact.readBack.established ? "established" : `not established: ${k.exact.readBack.reason}`}`);
    } else if (k.numerical) {
      const r = k.numerical.ranks;
      out.push(`  Kruskal (numerical only), ${k.task}: k_C = ${r.kC.rank}, k_A = ${r.kA.rank}, k_B = ${r.kB.rank}, sum ${k.numerical.sum} vs ${k.threshold}`);
    }
  }
  const s = g.search;
  if (s) out.push(`  search at a ${g.pointSource}: ${s.converged} of ${s.starts} starts converged, ${s.distinctSolutionsModuloRelabelling} distinct solution(s) modulo relabelling, ${s.otherSolutions} other than the truth`);
  for (const note of g.notes) out.push(`  note: ${note}`);
  return out;
}
