import type { TopLevelSpec } from "vega-lite";

export type VegaLiteSpec = TopLevelSpec;

/**
 * Renders a vega-lite spec to a self-contained SVG string, headless (vega's string renderer:
 * no canvas, no browser). vega and vega-lite are loaded here on first use, so only commands
 * that draw pay for them. A compile warning means the spec is wrong: it throws.
 *
 * Marks given a `description` get it as an SVG <title>: vega writes it as an aria-label,
 * which browsers do not show on hover (a title serves screen readers as well).
 */
export async function renderVegaLite(spec: VegaLiteSpec): Promise<string> {
  const [vega, vegaLite] = await Promise.all([import("vega"), import("vega-lite")]);
  const logger = vega.logger(vega.Warn, undefined, (_method, level, message) => {
    throw new Error(`vega-lite ${level}: ${message.join(" ")}`);
  });
  const compiled = vegaLite.compile(spec, { logger }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none" });
  try {
    return withTitles(await view.toSVG());
  } finally {
    view.finalize();
  }
}

/**
 * A mark item vega wrote as `<path aria-label="X" role="graphics-symbol" …/>` → the same
 * element holding `<title>X</title>` instead (X is already escaped). Groups (axes, legends)
 * are not self-closing, and text marks hold their text, so neither matches.
 */
export function withTitles(svg: string): string {
  return svg.replace(/<([a-z]+) aria-label="([^"]*)"( role="graphics-symbol"[^>]*?)\/>/g, "<$1$3><title>$2</title></$1>");
}
