import { randomUUID } from "node:crypto";
import { epochMs } from "../../clock/index.js";

/** 32 random hex digits; `randomUUID` draws from a cached pool, `randomBytes` makes a syscall per call. */
const hex32 = () => randomUUID().replaceAll("-", "");

/**
 * An X-Ray trace header as Lambda passes it in `Lambda-Runtime-Trace-Id` (X-Ray docs, "Tracing
 * header"): `Root=1-<epoch seconds, 8 hex>-<24 hex>;Parent=<16 hex>;Sampled=0`. Unsampled:
 * nothing here records traces.
 */
export function traceIdHeader(nowMs: number = epochMs()): string {
  const seconds = Math.floor(nowMs / 1000)
    .toString(16)
    .padStart(8, "0");
  const bits = hex32() + hex32();
  return `Root=1-${seconds}-${bits.slice(0, 24)};Parent=${bits.slice(32, 48)};Sampled=0`;
}
