import type { ResultDocument } from "@queueshift/shared-model";
/** USD with cents, e.g. `$1,234.56`. */
export function usd(value: number): string {
  return `$${value.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** A latency in ms with sensible precision, e.g. `0.42 ms`, `12.3 ms`, `1,204 ms`. */
export function ms(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return "n/a";
  const digits = value < 1 ? 2 : value < 100 ? 1 : 0;
  return `${value.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits })} ms`;
}

/** A monthly volume, e.g. `3M`, `250M`, `1.2B`. */
export function volume(requests: number): string {
  if (requests >= 1e9) return `${trim(requests / 1e9)}B`;
  if (requests >= 1e6) return `${trim(requests / 1e6)}M`;
  if (requests >= 1e3) return `${trim(requests / 1e3)}k`;
  return trim(requests);
}

/** A share as a percentage, e.g. `12.5%`. */
export function pct(share: number): string {
  return `${(share * 100).toLocaleString("en-US", { maximumFractionDigits: 1 })}%`;
}

/** A plain number with grouping and at most `digits` decimals. */
export function num(value: number, digits = 1): string {
  return value.toLocaleString("en-US", { maximumFractionDigits: digits });
}

function trim(v: number): string {
  return v.toLocaleString("en-US", { maximumFractionDigits: v < 10 ? 2 : v < 100 ? 1 : 0 });
}

/**
 * What each design measured, from `settings.target` (written since issue 14), e.g.
 * `sync: command \`python -m uvicorn app:app\` ... (uvicorn); async: built-in core (...)`.
 * Older results name no target: they measured the built-in core.
 */
export function targetsLabel(doc: Pick<ResultDocument, "architectures">): string {
  return doc.architectures
    .map((a) => {
      const target = a.settings.target as { label?: unknown } | undefined;
      const label = typeof target?.label === "string" ? target.label : "built-in core";
      return `${a.architecture}: ${label}`;
    })
    .join("; ");
}

/** Where the stacks ran: `processes on this host`, or `containers: <image> (<size> MB), ...`. */
export function deploymentLabel(doc: Pick<ResultDocument, "deployment">): string {
  const d = doc.deployment;
  if (d === undefined || d.target === "processes") return "processes on this host";
  const images = d.images.map((i) => `${i.name} (${(i.sizeBytes / 1e6).toFixed(0)} MB)`);
  return `containers: ${images.join(", ")}`;
}

/** The broker a run used, named for people: `ElasticMQ 1.7.1 on the JVM`, `no broker (sync only)`. */
export function brokerLabel(
  broker: { kind: string; version?: string; endpoint: string } | null,
): string {
  if (broker === null) return "no broker (sync only)";
  const elasticmq = `ElasticMQ${broker.version ? ` ${broker.version}` : ""}`;
  if (broker.kind === "jvm") return `${elasticmq} on the JVM (local)`;
  if (broker.kind === "container") return `${elasticmq} in a container (local)`;
  return `external SQS endpoint ${broker.endpoint}`;
}

/**
 * Null when durations were measured at the CPU AWS would give (CPU quotas applied); otherwise
 * the sentence every report puts in its first lines: they were measured at full core, and why.
 */
export function fullCoreWarning(cpuShares: ResultDocument["cpuShares"]): string | null {
  if (cpuShares?.status === "applied") return null;
  const why =
    cpuShares === undefined
      ? "this run was recorded before CPU quotas existed"
      : `CPU quotas were not applied: ${cpuShares.reason}`;
  return `Durations were measured at full core (${why}). On AWS a function below 1,769 MB gets less than one vCPU (MB / 1,769) and a Fargate task its vCPU, so handler and service times there would be longer and cost more than these.`;
}
