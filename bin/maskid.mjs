#!/usr/bin/env node
// The command line: runs the JavaScript that `npm run build` compiles from src/ into dist/.

// A reader that stops early (`maskid … | head`) closes the pipe: that is a normal end.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (e) => {
    if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw e;
  });
}
let main;
try {
  ({ main } = await import("../dist/src/cli/main.js"));
} catch (e) {
  if (e.code !== "ERR_MODULE_NOT_FOUND" || !String(e.url ?? e.message).includes("/dist/src/cli/main.js")) throw e;
  process.stderr.write('maskid: error: maskid is not built; run "npm run build" (npm install does it) in its folder\n');
  process.exit(1);
}
process.exitCode = await main(process.argv.slice(2));
