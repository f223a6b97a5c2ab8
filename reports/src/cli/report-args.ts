import { parseArgs } from "node:util";
import {
  type ApiGatewayKind,
  type Architecture,
  formatExitCodes,
  parseDecimalFlag,
  type SyncNetworkKind,
} from "@queueshift/shared-model";
import type { ProfileInput } from "../advice/profile.js";
import type { SyncPlatformKind } from "../cost/price-choice.js";
import { ReportError } from "../errors.js";

/** Usage text of `report` (exit codes included). */
export const REPORT_USAGE = `Usage: node reports/dist/bin/report.js <run-dir | result.json | run-id | latest> [flags]

Writes report.html, summary.md and summary.json next to the run's result.json.

Traffic and objectives (defaults: 10M requests/month, diurnal, p99=500ms):
  --profile <file>        JSON { monthlyRequests, shape, peakRate, slo }; flags override it
  --volume <n>            requests per month, e.g. 25M, 1.5B, 3e6
  --shape <s>             steady | diurnal | spiky
  --peak-rate <r>         busiest minute, requests/s, a plain decimal > 0 (default: the
                          shape's busiest hour)
  --slo <list>            latency objectives, e.g. p99=500ms,p50=100ms (units us, ms, s)
  --rate-file <csv>       per-minute rates (CSV minute,rate in requests/s) instead of a shape
  --burst <text>          with a profile: "10x for 5 min at 14:00" (repeatable)
At your scale (projection):
  A traffic profile (--profile, --volume, --shape or --rate-file) projects the run at it (npm run
  project's defaults), writes projection.json beside the run and bases the advice on it; without
  one the advice is the run's, and a projection.json beside the run is drawn in "At your scale".
  --projection <file>     draw this projection.json instead of the one beside the run
Prices:
  --region <r>            price table region (us-east-1 only for now)
  --arch <a>              x86 | arm64, for Lambda and Fargate/EC2 (default: the run's Lambda)
  --platform <p>          fargate | ec2 for the synchronous service (default fargate)
  --api-gateway <k>       none | http | rest in front of both (default: none for sync, http for async)
  --sync-network <n>      public-ipv4 | nat-gateway | none: the sync tasks' network (default
                          public-ipv4, $0.005/h per task; nat-gateway: $0.045/h per AZ + $0.045/GB)
  --result-polls <n>      API requests per job the client makes to fetch its result (default 0)
  --prices <file>         JSON deep-partial price-table override
Other:
  --results-dir <dir>     where run ids are looked up (default <repo>/results); must be a directory
  --help                  this text

${formatExitCodes()}`;

/** Parsed `report` command line. */
export interface ReportArgs {
  readonly run: string;
  readonly resultsDir?: string;
  readonly profileFile?: string;
  readonly profile: ProfileInput;
  readonly region?: string;
  readonly arch?: Architecture;
  readonly platform?: SyncPlatformKind;
  readonly apiGateway?: ApiGatewayKind;
  readonly syncNetwork?: SyncNetworkKind;
  readonly resultPolls?: number;
  readonly pricesFile?: string;
  readonly rateFile?: string;
  readonly bursts: readonly string[];
  readonly projectionFile?: string;
  readonly help: boolean;
}

/** Parses `25M`, `1.5B`, `250k`, `3e6` into a number; throws naming the flag. */
export function parseVolume(text: string, flag = "--volume"): number {
  const m = /^(\d+(?:\.\d+)?(?:e\d+)?)\s*([kmb])?$/i.exec(text.trim());
  if (m === null)
    throw new ReportError("QS_REPORT_USAGE", `${flag} ${text}: expected e.g. 25M or 3e6`);
  const unit = (m[2] ?? "").toLowerCase();
  const factor = unit === "k" ? 1e3 : unit === "m" ? 1e6 : unit === "b" ? 1e9 : 1;
  return Number(m[1]) * factor;
}

/** Parses the `report` command line; throws QS_REPORT_USAGE naming the flag. */
export function parseReportArgs(argv: readonly string[]): ReportArgs {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (cause) {
    throw new ReportError("QS_REPORT_USAGE", (cause as Error).message, { cause });
  }
  const v = parsed.values;
  if (v.help) return { run: "", profile: {}, bursts: [], help: true };
  const run = parsed.positionals[0];
  if (run === undefined || parsed.positionals.length > 1) {
    throw new ReportError(
      "QS_REPORT_USAGE",
      "expected exactly one run (directory, result.json, run id or latest)",
    );
  }
  return {
    run,
    resultsDir: v["results-dir"],
    profileFile: v.profile,
    profile: {
      monthlyRequests: v.volume === undefined ? undefined : parseVolume(v.volume),
      shape: v.shape,
      // Plain decimals only (`12`, `2.5`): Number() would also take `0x10` and `0b1`.
      peakRate: parseDecimalFlag("--peak-rate", v["peak-rate"], Number.MIN_VALUE, Infinity),
      slo: v.slo,
    },
    region: v.region,
    arch: v.arch as Architecture | undefined,
    platform: v.platform as SyncPlatformKind | undefined,
    apiGateway: v["api-gateway"] as ApiGatewayKind | undefined,
    syncNetwork: v["sync-network"] as SyncNetworkKind | undefined,
    resultPolls: parseDecimalFlag("--result-polls", v["result-polls"], 0, Infinity),
    pricesFile: v.prices,
    rateFile: v["rate-file"],
    bursts: v.burst ?? [],
    projectionFile: v.projection,
    help: false,
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      profile: { type: "string" },
      volume: { type: "string" },
      shape: { type: "string" },
      "peak-rate": { type: "string" },
      slo: { type: "string" },
      region: { type: "string" },
      arch: { type: "string" },
      platform: { type: "string" },
      "api-gateway": { type: "string" },
      prices: { type: "string" },
      "sync-network": { type: "string" },
      "result-polls": { type: "string" },
      "results-dir": { type: "string" },
      "rate-file": { type: "string" },
      burst: { type: "string", multiple: true },
      projection: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
}
