import { parentPort } from "node:worker_threads";
import type { CellRun, MapCell } from "../map/cells.ts";
import { runCell } from "../map/record.ts";

/** A map worker thread (map-pool.ts): runs one cell per message and answers with its result. */
parentPort?.on("message", (job: { cell: MapCell; run: CellRun }) => parentPort!.postMessage(runCell(job.cell, job.run)));
