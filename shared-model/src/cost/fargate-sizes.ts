/**
 * Valid Fargate Linux task sizes (aws-facts.md 8.2, A:
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-cpu-memory-error.html).
 */
export const FARGATE_TASK_SIZES = Object.freeze([
  { vcpu: 0.25, memoryGb: Object.freeze([0.5, 1, 2]) },
  { vcpu: 0.5, memoryGb: range(1, 4, 1) },
  { vcpu: 1, memoryGb: range(2, 8, 1) },
  { vcpu: 2, memoryGb: range(4, 16, 1) },
  { vcpu: 4, memoryGb: range(8, 30, 1) },
  { vcpu: 8, memoryGb: range(16, 60, 4) }, // 4 GB steps, platform 1.4.0+
  { vcpu: 16, memoryGb: range(32, 120, 8) }, // 8 GB steps, platform 1.4.0+
] as const);

function range(from: number, to: number, step: number): readonly number[] {
  const out: number[] = [];
  for (let v = from; v <= to; v += step) out.push(v);
  return Object.freeze(out);
}

/** Whether (vCPU, GB) is a size Fargate accepts for a Linux task. */
export function isValidFargateSize(vcpu: number, memoryGb: number): boolean {
  const row = FARGATE_TASK_SIZES.find((r) => r.vcpu === vcpu);
  return row?.memoryGb.includes(memoryGb) === true;
}
