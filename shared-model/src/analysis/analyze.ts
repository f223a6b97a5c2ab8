import type { AnalysisKind, AnalyzeRequest } from "../contracts.js";
import { ALL_ANALYSES, DEFAULT_OPTIONS } from "../contracts.js";
import { clusterCustomers } from "./clustering.js";
import { type CustomerColumns, columnsFromCustomers } from "./columns.js";
import { type ConfidenceLevel, conversionByCampaign } from "./conversion.js";
import { describeChannels } from "./descriptive.js";
import { generateColumns } from "./generator.js";
import { type AnalyzeResponse, RESPONSE_SCHEMA_VERSION } from "./response.js";
import { rfmSegments } from "./rfm.js";

/** Options with every default applied. */
export interface ResolvedOptions {
  readonly k: number;
  readonly kmeansMaxIterations: number;
  readonly confidenceLevel: ConfidenceLevel;
}

/** Applies `DEFAULT_OPTIONS` to the request's options (never mutates the request). */
export function resolveOptions(options: AnalyzeRequest["options"]): ResolvedOptions {
  return Object.freeze({
    k: options?.k ?? DEFAULT_OPTIONS.k,
    kmeansMaxIterations: options?.kmeansMaxIterations ?? DEFAULT_OPTIONS.kmeansMaxIterations,
    confidenceLevel: options?.confidenceLevel ?? DEFAULT_OPTIONS.confidenceLevel,
  });
}

/** The request's dataset as columns: inline customers converted, synthetic ones generated. */
export function datasetColumns(dataset: AnalyzeRequest["dataset"]): CustomerColumns {
  return dataset.kind === "inline"
    ? columnsFromCustomers(dataset.customers)
    : generateColumns(dataset.size, dataset.seed);
}

/** Runs the selected analyses on columns; sections always appear in `ALL_ANALYSES` order. */
export function analyzeColumns(
  cols: CustomerColumns,
  analyses: readonly AnalysisKind[],
  options: ResolvedOptions,
): AnalyzeResponse {
  const wanted = new Set(analyses);
  const response: AnalyzeResponse = {
    schemaVersion: RESPONSE_SCHEMA_VERSION,
    datasetSize: cols.size,
  };
  for (const kind of ALL_ANALYSES) {
    if (!wanted.has(kind)) continue;
    if (kind === "descriptive") response.descriptive = describeChannels(cols);
    else if (kind === "rfm") response.rfm = rfmSegments(cols);
    else if (kind === "kmeans") {
      response.kmeans = clusterCustomers(cols, options.k, options.kmeansMaxIterations);
    } else response.conversion = conversionByCampaign(cols, options.confidenceLevel);
  }
  return response;
}

/**
 * The analytics core: pure and deterministic (no I/O, clock, env or unseeded randomness), so the same
 * request gives a byte-identical `JSON.stringify` everywhere. Expects a request that passed
 * `parseAnalyzeRequest`.
 */
export function analyze(request: AnalyzeRequest): AnalyzeResponse {
  return analyzeColumns(
    datasetColumns(request.dataset),
    request.analyses ?? ALL_ANALYSES,
    resolveOptions(request.options),
  );
}
