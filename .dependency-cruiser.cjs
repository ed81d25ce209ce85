/**
 * maskid's layers, bottom up: a folder may import from its own layer and the layers
 * below it, never from above, and there are no cycles. `npm test` runs this.
 */
const LAYERS = [
  "base",
  "task",
  "field",
  "linalg",
  "model",
  "predictor",
  "families",
  "identify",
  "witness",
  "uniqueness",
  "recover",
  "symbolic",
  "analysis",
  "map",
  "claims",
  "report",
  "cli",
  "testing",
];

const upward = LAYERS.slice(0, -1).map((layer, i) => ({
  name: `no-upward-from-${layer}`,
  comment: `src/${layer}/ sits below ${LAYERS.slice(i + 1).join(", ")}; move shared code down instead`,
  severity: "error",
  from: { path: `^src/${layer}/` },
  to: { path: `^src/(${LAYERS.slice(i + 1).join("|")})/` },
}));

/** Each library is reached through one adapter file, so replacing it never ripples outward. */
const ADAPTERS = [
  { library: "ml-matrix", adapter: "src/linalg/float-matrix.ts" },
  { library: "nerdamer", adapter: "src/field/nerdamer.ts" },
  { library: "mathjs", adapter: "src/claims/size-formula.ts" },
  { library: "vega", adapter: "src/report/vega-svg.ts" },
  { library: "vega-lite", adapter: "src/report/vega-svg.ts" },
  // An optional peer dependency: only the maskid/arbitraries entry (src/testing/) may load it.
  { library: "fast-check", adapter: "src/testing/" },
];

const adapterRules = ADAPTERS.map(({ library, adapter }) => ({
  name: `${library}-behind-its-adapter`,
  comment: `${adapter} is the one file that talks to ${library}`,
  severity: "error",
  from: { path: "^src/", pathNot: adapter.endsWith("/") ? `^${adapter}` : `^${adapter.replace(/\./g, "\\.")}$` },
  to: { path: `node_modules/${library}/` },
}));

module.exports = {
  forbidden: [
    ...upward,
    {
      name: "no-cycles",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "layers-are-known",
      comment: "every file under src/ lives in a layer folder (or is src/index.ts); add new folders to LAYERS",
      severity: "error",
      from: { path: "^src/", pathNot: [`^src/(${LAYERS.join("|")})/`, "^src/index\\.ts$"] },
      to: {},
    },
    {
      name: "index-is-not-imported-inside",
      comment: "src/index.ts is the public API: the library itself imports the files it re-exports",
      severity: "error",
      from: { path: "^src/" },
      to: { path: "^src/index\\.ts$" },
    },
    {
      name: "index-excludes-cli",
      severity: "error",
      from: { path: "^src/index\\.ts$" },
      to: { path: "^src/(cli|testing)/" },
    },
    {
      name: "proofs-use-the-public-api",
      comment: "proofs/ reads maskid as a user does: through src/index.ts only",
      severity: "error",
      from: { path: "^proofs/" },
      to: { path: "^src/", pathNot: "^src/index\\.ts$" },
    },
    {
      name: "only-the-cli-runs-proofs",
      severity: "error",
      from: { path: "^src/", pathNot: "^src/cli/" },
      to: { path: "^proofs/" },
    },
    ...adapterRules,
    {
      name: "no-file-system-below-the-cli",
      comment: "the mathematics is pure: only cli/ reads and writes files",
      severity: "error",
      from: { path: "^src/", pathNot: "^src/cli/" },
      to: { path: "^(node:)?(fs|fs/promises|path|child_process)$", dependencyTypes: ["core"] },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { extensions: [".ts", ".mjs", ".js"] },
  },
};
