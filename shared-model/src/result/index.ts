export { type MeasuredCpuShare, measuredCpuShare } from "./cpu-share.js";
export { HISTOGRAM_LAYOUT } from "./histogram-layout.js";
export {
  AnalysesByOrdinal,
  ArchitectureResult,
  Assumption,
  assertResultDocument,
  Counters,
  EncodedHistogram,
  InvocationsByOrdinal,
  MeasuredLambdaUsage,
  MeasuredQueueUsage,
  Phase,
  ProjectedCost,
  ProjectionSummary,
  READABLE_SCHEMA_VERSIONS,
  RESULT_SCHEMA_VERSION,
  ResourceUse,
  ResultDocument,
  ResultOrigin,
  resultDocumentIssues,
  TimeSeries,
} from "./result-document.js";
export {
  assertSuiteManifest,
  SUITE_SCHEMA_VERSION,
  type SuiteManifest,
  type SuiteRun,
  type SuiteRunKind,
} from "./suite-manifest.js";
export {
  ASYNC_SERIES_COLUMNS,
  COMMON_SERIES_COLUMNS,
  PHASE_CODES,
  PROJECTION_SERIES_COLUMNS,
  SERIES_COLUMNS,
  type SeriesColumn,
  type SeriesUnit,
} from "./time-series-columns.js";
