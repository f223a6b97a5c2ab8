import type { ApiGatewayKind } from "./common-items.js";
import { IssueCollector } from "./cost-model-error.js";
import { isValidFargateSize } from "./fargate-sizes.js";
import type { Architecture, PriceTable } from "./price-table.js";
import type { TrafficProfile } from "./traffic-profile.js";

/** Where the sync service runs: Fargate tasks of a valid size, or EC2 instances of a listed type. */
export type SyncPlatform =
  | {
      readonly kind: "fargate";
      readonly architecture: Architecture;
      readonly vcpu: number;
      readonly memoryGb: number;
    }
  | { readonly kind: "ec2"; readonly instanceType: string };

/** ALB usage per request; each field defaults from SYNC_DEFAULTS.loadBalancer. */
export interface LoadBalancerUsage {
  readonly kind: "alb" | "none";
  /** New TCP/TLS connections per request (1 = no client keep-alive). */
  readonly newConnectionsPerRequest?: number;
  /** How long a connection stays open, seconds (for the active-connections dimension). */
  readonly connectionSeconds?: number;
  /** Listener rules evaluated per request (the first 10 are free). */
  readonly rulesPerRequest?: number;
  /** Public IPv4 addresses of the ALB (one per AZ when internet-facing). */
  readonly publicIpv4Addresses?: number;
}

/** How the service's tasks reach the network, and what that costs (aws-facts.md 0.13). */
export const SyncNetworkKinds = ["public-ipv4", "nat-gateway", "none"] as const;
/** One of SyncNetworkKinds. */
export type SyncNetworkKind = (typeof SyncNetworkKinds)[number];

/** The sync tasks' network; each field defaults from SYNC_DEFAULTS.network. */
export interface SyncNetwork {
  /** `public-ipv4`: one public address per task; `nat-gateway`: private subnets behind NAT gateways. */
  readonly kind: SyncNetworkKind;
  /** NAT gateways (one per AZ). */
  readonly natGateways?: number;
  /** Bytes per request passing the NAT gateway (the task's own outbound calls; responses leave through the ALB). */
  readonly natBytesPerRequest?: number;
}

/** Measured usage and choices for architecture A (always-on service behind a load balancer). */
export interface SyncCostInput {
  /** Requests per second one vCPU sustains at the latency objective (measured by the bench). */
  readonly capacityPerVcpu: number;
  readonly traffic: TrafficProfile;
  readonly platform: SyncPlatform;
  /** Bytes per request and per response (ALB processed bytes, API Gateway metering). */
  readonly requestBytes: number;
  readonly responseBytes: number;
  readonly targetUtilisation?: number;
  readonly minTasks?: number;
  readonly scaling?: "peak" | "hourly";
  readonly loadBalancer?: LoadBalancerUsage;
  readonly apiGateway?: ApiGatewayKind;
  readonly logBytesPerRequest?: number;
  readonly includeFreeTier?: boolean;
  /** Public IPv4 per task (default) or NAT gateways; docs/cost-model.md, "Architecture A". */
  readonly network?: SyncNetwork;
  /**
   * The month's task-hours as a simulation of the autoscaler gave them (the projection); when
   * set it replaces the `scaling` plan, so the fleet is billed as it scaled, lag included.
   */
  readonly simulatedTaskHours?: number;
}

/** Defaults of SyncCostInput (why each value: docs/cost-model.md, "Architecture A"). */
export const SYNC_DEFAULTS = Object.freeze({
  targetUtilisation: 0.6, // fraction of measured capacity used at the planned rate (headroom for bursts and slow scale-out)
  minTasks: 2, // tasks; two AZs for availability
  scaling: "peak" as "peak" | "hourly", // provision for the peak all month unless "hourly" autoscaling is chosen
  apiGateway: "none" as ApiGatewayKind,
  logBytesPerRequest: 0, // bytes of stdout per request shipped to CloudWatch Logs
  includeFreeTier: false, // the account's free tier is shared with other workloads
  loadBalancer: Object.freeze({
    kind: "alb" as "alb" | "none",
    newConnectionsPerRequest: 1, // connections; conservative: no client keep-alive
    connectionSeconds: 1, // seconds a connection stays open
    rulesPerRequest: 1, // rules; under the 10 free ones
    publicIpv4Addresses: 2, // addresses; one per AZ
  }),
  network: Object.freeze({
    kind: "public-ipv4" as SyncNetworkKind, // Fargate tasks with public IPs: $0.005/h each (aws-facts.md 0.13, 8.5, A)
    natGateways: 2, // gateways; one per AZ, as minTasks
    natBytesPerRequest: 0, // bytes; requests and responses pass the ALB, not the NAT gateway
  }),
});
/** SyncCostInput with every default filled in. */
export type ResolvedSyncInput = Required<
  Omit<SyncCostInput, "loadBalancer" | "network" | "simulatedTaskHours">
> & {
  readonly loadBalancer: Required<LoadBalancerUsage>;
  readonly network: Required<SyncNetwork>;
  readonly simulatedTaskHours?: number;
};

/** Fills defaults and validates; throws QS_COST_INVALID_INPUT with every issue. */
export function resolveSyncInput(input: SyncCostInput, prices: PriceTable): ResolvedSyncInput {
  const lb = { ...SYNC_DEFAULTS.loadBalancer, ...defined(input.loadBalancer ?? {}) };
  const network = { ...SYNC_DEFAULTS.network, ...defined(input.network ?? {}) };
  const r = { ...SYNC_DEFAULTS, ...defined(input), loadBalancer: lb, network } as ResolvedSyncInput;
  const c = new IssueCollector();
  c.number(r.capacityPerVcpu, "capacityPerVcpu", Number.MIN_VALUE);
  c.number(r.targetUtilisation, "targetUtilisation", 0.01, 1);
  c.number(r.minTasks, "minTasks", 0);
  c.check(Number.isInteger(r.minTasks), "minTasks", "must be an integer");
  c.check(r.scaling === "peak" || r.scaling === "hourly", "scaling", "must be peak or hourly");
  c.number(r.requestBytes, "requestBytes", 0);
  c.number(r.responseBytes, "responseBytes", 0);
  c.number(r.logBytesPerRequest, "logBytesPerRequest", 0);
  if (r.simulatedTaskHours !== undefined) c.number(r.simulatedTaskHours, "simulatedTaskHours", 0);
  oneOf(c, r.apiGateway, ["none", "http", "rest"], "apiGateway");
  c.number(lb.newConnectionsPerRequest, "loadBalancer.newConnectionsPerRequest", 0);
  c.number(lb.connectionSeconds, "loadBalancer.connectionSeconds", 0);
  c.number(lb.rulesPerRequest, "loadBalancer.rulesPerRequest", 0);
  c.number(lb.publicIpv4Addresses, "loadBalancer.publicIpv4Addresses", 0);
  oneOf(c, network.kind, SyncNetworkKinds, "network.kind");
  c.number(network.natGateways, "network.natGateways", 0);
  c.number(network.natBytesPerRequest, "network.natBytesPerRequest", 0);
  c.check(
    network.kind !== "nat-gateway" || prices.natGateway !== undefined,
    "network.kind",
    "the price table has no natGateway prices",
  );
  const p = r.platform;
  if (p.kind === "fargate") {
    c.check(
      p.architecture === "x86" || p.architecture === "arm64",
      "platform.architecture",
      "must be x86 or arm64",
    );
    c.check(
      isValidFargateSize(p.vcpu, p.memoryGb),
      "platform",
      `${p.vcpu} vCPU / ${p.memoryGb} GB is not a valid Fargate task size`,
    );
  } else {
    c.check(
      p.instanceType in prices.ec2.instances,
      "platform.instanceType",
      `unknown; known: ${Object.keys(prices.ec2.instances).join(", ")}`,
    );
  }
  c.throwIfAny("QS_COST_INVALID_INPUT");
  return r;
}

function oneOf(c: IssueCollector, value: string, options: readonly string[], path: string): void {
  c.check(options.includes(value), path, `must be ${options.join(", ")}`);
}

function defined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
