import {
  type ApiGatewayKind,
  type Architecture,
  CostModelError,
  mergePriceTable,
  type PriceOverrides,
  type PriceTable,
  priceTableFor,
  type SyncNetworkKind,
  SyncNetworkKinds,
} from "@queueshift/shared-model";
import { ReportError } from "../errors.js";

/** Where architecture A runs in the cost model. */
export type SyncPlatformKind = "fargate" | "ec2";

/** The user's price-table choices (CLI: --region, --arch, --platform, --api-gateway, --prices). */
export interface PriceChoiceOptions {
  readonly region?: string;
  /** Lambda and Fargate/EC2 architecture; unset = the run's Lambda architecture, else x86. */
  readonly arch?: Architecture;
  readonly platform?: SyncPlatformKind;
  /** Front door of both designs; unset = none for A, http for B (the cost model's defaults). */
  readonly apiGateway?: ApiGatewayKind;
  /** How the sync tasks reach the network (default public-ipv4: one address per task). */
  readonly syncNetwork?: SyncNetworkKind;
  /** Result polls per job the client makes through the API (default 0: results are pushed). */
  readonly resultPolls?: number;
  /** A parsed deep-partial override of the price table, applied with mergePriceTable. */
  readonly overrides?: unknown;
  /** Where the overrides came from (a file path), named in errors. */
  readonly overridesSource?: string;
}

/** Defaults of the price choice (units in comments). */
export const PRICE_CHOICE_DEFAULTS = Object.freeze({
  region: "us-east-1",
  platform: "fargate" as SyncPlatformKind,
  fargateVcpu: 1, // vCPU per task: one Node worker per vCPU (cost-model.md, "Architecture A")
  fargateMemoryGb: 2, // GB per task: the smallest valid size for 1 vCPU (aws-facts.md 8.2)
  ec2InstanceX86: "c7i.large", // 2 vCPU compute-optimised (aws-facts.md 9)
  ec2InstanceArm64: "c7g.large", // 2 vCPU Graviton (aws-facts.md 9)
  syncNetwork: "public-ipv4" as SyncNetworkKind, // $0.005/h per task address (aws-facts.md 0.13, 8.5)
  resultPolls: 0, // API calls per job to fetch its result: 0 = the result is pushed to the client
});

/** A validated, frozen price choice: the table to price with and the options that shape inputs. */
export interface PriceChoice {
  readonly table: PriceTable;
  readonly region: string;
  readonly arch: Architecture | null;
  readonly platform: SyncPlatformKind;
  readonly apiGateway: ApiGatewayKind | null;
  readonly syncNetwork: SyncNetworkKind;
  readonly resultPolls: number;
  /** Whether a user override changed the table (the report says so). */
  readonly overridden: boolean;
}

/** Validates the choice and builds the price table (region's table, then overrides). */
export function choosePrices(options: PriceChoiceOptions = {}): PriceChoice {
  const region = options.region ?? PRICE_CHOICE_DEFAULTS.region;
  let base: PriceTable;
  try {
    base = priceTableFor(region);
  } catch (cause) {
    throw new ReportError(
      "QS_REPORT_UNSUPPORTED_REGION",
      `--region ${region}: no price table (only us-east-1 for now; override figures with --prices)`,
      { cause },
    );
  }
  if (options.arch !== undefined && options.arch !== "x86" && options.arch !== "arm64") {
    throw new ReportError("QS_REPORT_USAGE", `--arch ${String(options.arch)}: use x86 or arm64`);
  }
  const platform = options.platform ?? PRICE_CHOICE_DEFAULTS.platform;
  if (platform !== "fargate" && platform !== "ec2") {
    throw new ReportError("QS_REPORT_USAGE", `--platform ${String(platform)}: use fargate or ec2`);
  }
  const gw = options.apiGateway;
  if (gw !== undefined && gw !== "none" && gw !== "http" && gw !== "rest") {
    throw new ReportError("QS_REPORT_USAGE", `--api-gateway ${String(gw)}: use none, http or rest`);
  }
  const network = options.syncNetwork ?? PRICE_CHOICE_DEFAULTS.syncNetwork;
  if (!SyncNetworkKinds.includes(network)) {
    throw new ReportError(
      "QS_REPORT_USAGE",
      `--sync-network ${String(network)}: use ${SyncNetworkKinds.join(", ")}`,
    );
  }
  const polls = options.resultPolls ?? PRICE_CHOICE_DEFAULTS.resultPolls;
  if (!(Number.isFinite(polls) && polls >= 0)) {
    throw new ReportError(
      "QS_REPORT_USAGE",
      `--result-polls ${String(polls)}: expected a number >= 0`,
    );
  }
  const table =
    options.overrides === undefined
      ? base
      : applyOverrides(base, options.overrides, options.overridesSource);
  return Object.freeze({
    table,
    region,
    arch: options.arch ?? null,
    platform,
    apiGateway: gw ?? null,
    syncNetwork: network,
    resultPolls: polls,
    overridden: options.overrides !== undefined,
  });
}

function applyOverrides(base: PriceTable, overrides: unknown, source = "--prices"): PriceTable {
  try {
    // mergePriceTable validates the shape itself and reports every bad path.
    return mergePriceTable(base, overrides as PriceOverrides);
  } catch (cause) {
    const detail =
      cause instanceof CostModelError
        ? cause.issues.map((i) => `${i.path}: ${i.message}`).join("; ")
        : String(cause);
    throw new ReportError("QS_REPORT_INVALID_PRICES", `${source}: ${detail}`, { cause });
  }
}
