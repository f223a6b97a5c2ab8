import { type Static, Type } from "@sinclair/typebox";
import { TypeCompiler } from "@sinclair/typebox/compiler";
import { AnalyticsError, type FieldIssue } from "./errors.js";

/** Hard limits of the core; both services and the docs read them from here. */
export const Limits = {
  /** Inline customers per request (about 120 bytes each, so ~1.2 MB of JSON at the limit). */
  maxInlineCustomers: 10_000,
  /** Customers a synthetic dataset may ask for (heavy requests: ~100 ms of work). */
  maxSyntheticCustomers: 100_000,
  /** Largest k for k-means. */
  maxK: 20,
  /** Largest k-means iteration budget. */
  maxKmeansIterations: 300,
} as const;

export const AnalysisKind = Type.Union([
  Type.Literal("descriptive"),
  Type.Literal("rfm"),
  Type.Literal("kmeans"),
  Type.Literal("conversion"),
]);
export type AnalysisKind = Static<typeof AnalysisKind>;

/** Every analysis, in the order the response lists them. */
export const ALL_ANALYSES: readonly AnalysisKind[] = ["descriptive", "rfm", "kmeans", "conversion"];

export const Customer = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 64 }),
    recencyDays: Type.Number({ minimum: 0, maximum: 3650 }),
    frequency: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
    monetary: Type.Number({ minimum: 0, maximum: 1e9 }),
    channel: Type.String({ minLength: 1, maxLength: 32 }),
    campaign: Type.String({ minLength: 1, maxLength: 32 }),
    converted: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type Customer = Static<typeof Customer>;

export const InlineDataset = Type.Object(
  {
    kind: Type.Literal("inline"),
    customers: Type.Array(Customer, { minItems: 1 }),
  },
  { additionalProperties: false },
);

export const SyntheticDataset = Type.Object(
  {
    kind: Type.Literal("synthetic"),
    size: Type.Integer({ minimum: 1 }),
    seed: Type.Integer({ minimum: 0, maximum: 2 ** 32 - 1 }),
  },
  { additionalProperties: false },
);

export const Dataset = Type.Union([InlineDataset, SyntheticDataset]);
export type Dataset = Static<typeof Dataset>;

export const AnalyzeOptions = Type.Object(
  {
    k: Type.Optional(Type.Integer({ minimum: 2, maximum: Limits.maxK })),
    kmeansMaxIterations: Type.Optional(
      Type.Integer({ minimum: 1, maximum: Limits.maxKmeansIterations }),
    ),
    confidenceLevel: Type.Optional(
      Type.Union([Type.Literal(0.8), Type.Literal(0.9), Type.Literal(0.95), Type.Literal(0.99)]),
    ),
  },
  { additionalProperties: false },
);
export type AnalyzeOptions = Static<typeof AnalyzeOptions>;

/** The request both services accept: `POST /v1/analyze` (sync) and `POST /v1/jobs` (async). */
export const AnalyzeRequest = Type.Object(
  {
    dataset: Dataset,
    analyses: Type.Optional(
      Type.Array(AnalysisKind, { minItems: 1, maxItems: 4, uniqueItems: true }),
    ),
    options: Type.Optional(AnalyzeOptions),
  },
  { additionalProperties: false, $id: "AnalyzeRequest" },
);
export type AnalyzeRequest = Static<typeof AnalyzeRequest>;

/** Option defaults, applied by `analyze` when a field is absent. */
export const DEFAULT_OPTIONS = {
  k: 4,
  kmeansMaxIterations: 50,
  confidenceLevel: 0.95,
} as const;

const compiled = TypeCompiler.Compile(AnalyzeRequest);
// The dataset union is discriminated by `kind`: checking the chosen variant alone gives errors
// that name the real field (`dataset.size`) instead of TypeBox's "Expected union value".
const datasetVariants: Readonly<Record<string, ReturnType<typeof TypeCompiler.Compile>>> = {
  inline: TypeCompiler.Compile(InlineDataset),
  synthetic: TypeCompiler.Compile(SyntheticDataset),
};

/** Converts TypeBox's `/dataset/customers/0/frequency` pointer to `dataset.customers[0].frequency`. */
export function pointerToField(pointer: string): string {
  if (pointer === "" || pointer === "/") return "(body)";
  return pointer
    .split("/")
    .slice(1)
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce(
      (acc, part) => (/^\d+$/.test(part) ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part),
      "",
    );
}

/** All schema issues of a candidate request (empty when it conforms). */
export function requestIssues(input: unknown): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  const add = (pointer: string, message: string): boolean => {
    const path = pointerToField(pointer);
    const key = `${path}\u0000${message}`;
    if (!seen.has(key)) {
      seen.add(key);
      issues.push({ path, message });
    }
    return issues.length < 20; // A wildly wrong body should not produce a megabyte of errors.
  };
  for (const e of compiled.Errors(input)) {
    const more =
      e.path === "/dataset" && e.value !== null && typeof e.value === "object"
        ? datasetIssues(e.value as Record<string, unknown>, add)
        : add(e.path, e.message);
    if (!more) break;
  }
  return issues;
}

function datasetIssues(
  value: Record<string, unknown>,
  add: (p: string, m: string) => boolean,
): boolean {
  const variant = typeof value.kind === "string" ? datasetVariants[value.kind] : undefined;
  if (!variant) return add("/dataset/kind", "Expected 'inline' or 'synthetic'");
  for (const e of variant.Errors(value)) if (!add(`/dataset${e.path}`, e.message)) return false;
  return true;
}

/**
 * Validates an untrusted value against the contract and the core's limits.
 * Throws `AnalyticsError` (QS_INVALID_REQUEST, QS_DATASET_TOO_LARGE, QS_K_TOO_LARGE) naming the field.
 */
export function parseAnalyzeRequest(input: unknown): AnalyzeRequest {
  if (!compiled.Check(input)) {
    const issues = requestIssues(input);
    const first = issues[0];
    throw new AnalyticsError(
      "QS_INVALID_REQUEST",
      first ? `${first.path}: ${first.message}` : "request does not match the contract",
      { issues },
    );
  }
  checkLimits(input);
  return input;
}

/** Limits that depend on more than one field, or that need a 413 rather than a 400. */
export function checkLimits(req: AnalyzeRequest): void {
  const ds = req.dataset;
  const size = ds.kind === "inline" ? ds.customers.length : ds.size;
  const max = ds.kind === "inline" ? Limits.maxInlineCustomers : Limits.maxSyntheticCustomers;
  const path = ds.kind === "inline" ? "dataset.customers" : "dataset.size";
  if (size > max) {
    throw new AnalyticsError(
      "QS_DATASET_TOO_LARGE",
      `${path}: ${size} customers is over the limit of ${max}`,
      {
        issues: [{ path, message: `at most ${max} customers` }],
      },
    );
  }
  const wantsKmeans = req.analyses === undefined || req.analyses.includes("kmeans");
  const k = req.options?.k ?? DEFAULT_OPTIONS.k;
  if (wantsKmeans && k > size) {
    throw new AnalyticsError("QS_K_TOO_LARGE", `options.k: ${k} clusters for ${size} customers`, {
      issues: [{ path: "options.k", message: `must be at most the dataset size (${size})` }],
    });
  }
}
