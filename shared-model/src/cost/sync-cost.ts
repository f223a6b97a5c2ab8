import { apiGatewayItem, logIngestionItem } from "./common-items.js";
import { breakdown, type CostBreakdown, flatItem, type LineItem } from "./line-item.js";
import type { PriceTable } from "./price-table.js";
import { type ResolvedSyncInput, resolveSyncInput, type SyncCostInput } from "./sync-input.js";

/** Architecture A's cost with the capacity plan behind it. */
export interface SyncCostResult extends CostBreakdown {
  readonly plan: {
    readonly capacityPerTask: number;
    readonly tasksAtPeak: number;
    readonly taskHours: number;
    readonly lcuHours: number;
    readonly scaling: "peak" | "hourly";
  };
}

// Tasks needed at a rate; the epsilon keeps 9.0000000001 (floating error) from becoming 10.
function tasksFor(rate: number, capacityPerTask: number, r: ResolvedSyncInput): number {
  const raw = rate / (capacityPerTask * r.targetUtilisation);
  return Math.max(r.minTasks, Math.ceil(raw - 1e-9));
}

function computeItems(r: ResolvedSyncInput, prices: PriceTable, taskHours: number): LineItem[] {
  const p = r.platform;
  if (p.kind === "ec2") {
    const instance = prices.ec2.instances[p.instanceType];
    if (instance === undefined) return [];
    return [
      flatItem(
        {
          component: "ec2.instanceHours",
          description: `EC2 ${p.instanceType} (${instance.vcpu} vCPU, ${instance.memoryGiB} GiB)`,
          quantity: taskHours,
          unit: "instance-hours",
        },
        instance.hourly,
      ),
    ];
  }
  const rates = prices.fargate[p.architecture];
  const vcpuHours = taskHours * p.vcpu;
  const gbHours = taskHours * p.memoryGb;
  return [
    flatItem(
      {
        component: "fargate.vcpuHours",
        description: `Fargate ${p.architecture} vCPU (${p.vcpu} vCPU per task)`,
        quantity: vcpuHours,
        unit: "vCPU-hours",
      },
      rates.vcpuHour,
    ),
    flatItem(
      {
        component: "fargate.gbHours",
        description: `Fargate ${p.architecture} memory (${p.memoryGb} GB per task)`,
        quantity: gbHours,
        unit: "GB-hours",
      },
      rates.gbHour,
    ),
  ];
}

// The tasks' own network: a public IPv4 per task-hour, or NAT gateway hours and bytes
// (aws-facts.md 0.13, 8.5, 11).
function networkItems(r: ResolvedSyncInput, prices: PriceTable, taskHours: number): LineItem[] {
  const n = r.network;
  if (n.kind === "public-ipv4") {
    const item = {
      component: "network.taskPublicIpv4",
      description: "Public IPv4, one per task",
      quantity: taskHours,
      unit: "address-hours",
    };
    return [flatItem(item, prices.alb.publicIpv4Hour)];
  }
  const nat = prices.natGateway;
  if (n.kind === "none" || nat === undefined) return [];
  const hours = n.natGateways * r.traffic.hourlyRates.length;
  const gb = (r.traffic.monthlyRequests * n.natBytesPerRequest) / prices.bytesPerGb;
  return [
    flatItem(
      {
        component: "network.natGatewayHours",
        description: `NAT gateways (${n.natGateways}, one per AZ)`,
        quantity: hours,
        unit: "gateway-hours",
      },
      nat.hour,
    ),
    ...(gb > 0
      ? [
          flatItem(
            {
              component: "network.natGatewayGb",
              description: "NAT gateway data processed",
              quantity: gb,
              unit: "GB",
            },
            nat.perGb,
          ),
        ]
      : []),
  ];
}

/**
 * Monthly cost of architecture A: tasks for the load at the target utilisation (never below
 * minTasks), x hours, + the tasks' network (public IPv4 per task or NAT gateways), + ALB hours,
 * LCUs and IPv4, + optional API Gateway and log ingestion.
 */
export function syncMonthlyCost(input: SyncCostInput, prices: PriceTable): SyncCostResult {
  const r = resolveSyncInput(input, prices);
  const p = r.platform;
  const vcpu = p.kind === "fargate" ? p.vcpu : (prices.ec2.instances[p.instanceType]?.vcpu ?? 0);
  // Capacity scales with vCPUs: the service runs one Node worker per vCPU (documented assumption).
  const capacityPerTask = r.capacityPerVcpu * vcpu;
  const factor = r.traffic.intraHourPeakFactor;
  const tasksAtPeak = tasksFor(r.traffic.peakRate, capacityPerTask, r);
  const hours = r.traffic.hourlyRates;
  const simulated = r.simulatedTaskHours;
  const taskHours =
    simulated !== undefined
      ? simulated
      : r.scaling === "peak"
        ? tasksAtPeak * hours.length
        : hours.reduce((sum, rate) => sum + tasksFor(rate * factor, capacityPerTask, r), 0);
  const alb = albItems(r, prices);
  const items = [
    ...computeItems(r, prices, taskHours),
    ...networkItems(r, prices, taskHours),
    ...alb.items,
    ...apiGatewayItem(r.apiGateway, r.traffic.monthlyRequests, r.requestBytes, prices),
    ...logIngestionItem(
      "standard",
      r.traffic.monthlyRequests * r.logBytesPerRequest,
      r.includeFreeTier,
      prices,
    ),
  ];
  const notes = [
    `traffic: ${r.traffic.description}`,
    `capacity ${capacityPerTask.toFixed(1)} req/s per task at ${r.targetUtilisation * 100}% target utilisation; scaling: ${r.scaling}`,
    simulated !== undefined
      ? `simulated: ${simulated.toFixed(1)} task-hours as the simulated autoscaler ran the fleet (scale-out lag and scale-in delay billed)`
      : r.scaling === "hourly"
        ? "hourly: target tracking is assumed to follow each hour's load; scale-in lag (~15 min) and task start (1-3 min) are not billed"
        : "peak: the task count for the peak runs all month",
  ];
  const plan = {
    capacityPerTask,
    tasksAtPeak,
    taskHours,
    lcuHours: alb.lcuHours,
    scaling: r.scaling,
  };
  return { ...breakdown("sync", prices, items, notes), plan };
}

function albItems(
  r: ResolvedSyncInput,
  prices: PriceTable,
): { items: LineItem[]; lcuHours: number } {
  const lb = r.loadBalancer;
  if (lb.kind === "none") return { items: [], lcuHours: 0 };
  const { alb, bytesPerGb } = prices;
  const d = alb.lcuDimensions;
  const bytes = r.requestBytes + r.responseBytes;
  // Each hour bills the largest of the four LCU dimensions, not their sum (aws-facts.md 7).
  const lcuHours = r.traffic.hourlyRates.reduce((sum, rate) => {
    const newConnections = (rate * lb.newConnectionsPerRequest) / d.newConnectionsPerSecond;
    const active =
      (rate * lb.newConnectionsPerRequest * lb.connectionSeconds) / d.activeConnectionsPerMinute;
    const processed = (rate * 3600 * bytes) / bytesPerGb / d.processedGbPerHourInstanceTargets;
    const rules =
      (rate * Math.max(0, lb.rulesPerRequest - d.freeRulesPerRequest)) / d.ruleEvaluationsPerSecond;
    return sum + Math.max(newConnections, active, processed, rules);
  }, 0);
  const hours = r.traffic.hourlyRates.length;
  const ipHours = hours * lb.publicIpv4Addresses;
  const items = [
    flatItem(
      { component: "alb.hours", description: "ALB hours", quantity: hours, unit: "ALB-hours" },
      alb.hour,
    ),
    flatItem(
      {
        component: "alb.lcuHours",
        description: "ALB LCUs (largest dimension each hour)",
        quantity: lcuHours,
        unit: "LCU-hours",
      },
      alb.lcuHour,
    ),
    flatItem(
      {
        component: "alb.publicIpv4",
        description: "ALB public IPv4 addresses",
        quantity: ipHours,
        unit: "address-hours",
      },
      alb.publicIpv4Hour,
    ),
  ];
  return { items, lcuHours };
}
