#!/usr/bin/env node
// Runs `analyze` on one request in a tight loop for a fixed time and prints ops/s as JSON.
// bench:sync pins this process to the service's cores to get the raw core throughput.
import { type AnalyzeRequest, analyze, parseAnalyzeRequest } from "@queueshift/shared-model";

const [requestJson = "", secondsArg = "5"] = process.argv.slice(2);
const request: AnalyzeRequest = parseAnalyzeRequest(JSON.parse(requestJson));
const seconds = Number(secondsArg);

// Warm-up: let V8 optimise the hot paths before measuring.
const warmEnd = process.hrtime.bigint() + 1_000_000_000n;
while (process.hrtime.bigint() < warmEnd) JSON.stringify(analyze(request));

let ops = 0;
const start = process.hrtime.bigint();
const end = start + BigInt(Math.round(seconds * 1e9));
let now = start;
while (now < end) {
  // Serialise too: the service's work per request includes producing the JSON body.
  JSON.stringify(analyze(request));
  ops += 1;
  now = process.hrtime.bigint();
}
const elapsed = Number(now - start) / 1e9;
process.stdout.write(`${JSON.stringify({ ops, seconds: elapsed, opsPerSecond: ops / elapsed })}\n`);
