import type { AnalyzeRequest, Customer } from "@queueshift/shared-model";

let nextId = 0;

/** A valid customer with overridable fields (factory, so each test states only what matters). */
export function customer(fields: Partial<Customer> = {}): Customer {
  nextId++;
  return {
    id: `t${nextId}`,
    recencyDays: 10,
    frequency: 1,
    monetary: 10,
    channel: "email",
    campaign: "spring",
    converted: false,
    ...fields,
  };
}

/** An inline request over `customers` running only `analyses`. */
export function inlineRequest(
  customers: Customer[],
  analyses: NonNullable<AnalyzeRequest["analyses"]>,
  options?: AnalyzeRequest["options"],
): AnalyzeRequest {
  return {
    dataset: { kind: "inline", customers },
    analyses,
    ...(options === undefined ? {} : { options }),
  };
}
