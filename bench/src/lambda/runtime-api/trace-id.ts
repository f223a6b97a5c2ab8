import { randomBytes } from "node:crypto";
import { epochMs } from "../../clock/index.js";

/**
 * An X-Ray trace header as Lambda passes it in `Lambda-Runtime-Trace-Id` (X-Ray docs, "Tracing
 * header"): `Root=1-<epoch seconds, 8 hex>-<24 hex>;Parent=<16 hex>;Sampled=0`. Unsampled:
 * nothing here records traces.
 */
export function traceIdHeader(nowMs: number = epochMs()): string {
  const seconds = Math.floor(nowMs / 1000)
    .toString(16)
    .padStart(8, "0");
  const root = `1-${seconds}-${randomBytes(12).toString("hex")}`;
  return `Root=${root};Parent=${randomBytes(8).toString("hex")};Sampled=0`;
}
