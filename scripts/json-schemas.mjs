// Generates docs/schemas/*.schema.json (JSON Schema draft 2020-12) from the result types in
// src/cli/json-types.ts with ts-json-schema-generator, so the schemas cannot drift from the
// types the commands print. `npm run schemas` writes them; `--check` exits 1 when a
// committed schema differs from a fresh one (test/cli/json-schemas.test.ts runs it).
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createGenerator } from "ts-json-schema-generator";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SOURCE = `${ROOT}src/cli/json-types.ts`;

/** One schema per result kind: its file name, root type, and what prints it. */
export const SCHEMAS = [
  { name: "check", type: "CheckJson", title: "maskid check --json" },
  { name: "explain", type: "ExplainJson", title: "maskid explain --json" },
  { name: "advise", type: "AdviseJson", title: "maskid advise --json" },
  { name: "claims", type: "ClaimsJson", title: "maskid claims --json" },
  { name: "predictor-table", type: "PredictorTableResult", title: "maskid predictor --json" },
  { name: "predictor-symbolic", type: "SymbolicPredictorResult", title: "maskid predictor --symbolic --json" },
  { name: "recover", type: "RecoverJson", title: "maskid recover --json" },
  { name: "prove", type: "ProveJson", title: "maskid prove --json" },
  { name: "docs", type: "DocsJson", title: "maskid docs --json" },
  { name: "map-line", type: "MapLineJson", title: "one line of maskid map's results file" },
  { name: "map-spec", type: "MapSpecJson", title: "a maskid map spec file (input)" },
];

/** draft-07 output of the generator, moved to draft 2020-12: `$defs` for `definitions`. */
function toDraft2020(schema, { name, title }) {
  const text = JSON.stringify(schema).replaceAll('"#/definitions/', '"#/$defs/');
  const { $schema: _, definitions, ...rest } = JSON.parse(text);
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    title,
    ...rest,
    ...(definitions ? { $defs: definitions } : {}),
  };
}

export function generateSchemas() {
  const generator = createGenerator({
    path: SOURCE,
    tsconfig: `${ROOT}tsconfig.json`,
    expose: "export",
    topRef: false,
    jsDoc: "extended",
    additionalProperties: false,
    skipTypeCheck: true,
  });
  return new Map(SCHEMAS.map((s) => [`${s.name}.schema.json`, `${JSON.stringify(toDraft2020(generator.createSchema(s.type), s), null, 2)}\n`]));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes("--check");
  const stale = [];
  for (const [file, text] of generateSchemas()) {
    const path = `${ROOT}docs/schemas/${file}`;
    if (!check) writeFileSync(path, text);
    else if (readFileSync(path, "utf8") !== text) stale.push(file);
  }
  if (stale.length) {
    process.stderr.write(`out of date (run "npm run schemas"): ${stale.join(", ")}\n`);
    process.exit(1);
  }
}
