export {
  ArchitectureResult,
  assertResultDocument,
  Counters,
  EncodedHistogram,
  MeasuredLambdaUsage,
  MeasuredQueueUsage,
  Phase,
  READABLE_SCHEMA_VERSIONS,
  RESULT_SCHEMA_VERSION,
  ResourceUse,
  ResultDocument,
  resultDocumentIssues,
  TimeSeries,
} from "./result-document.js";
export {
  ASYNC_SERIES_COLUMNS,
  COMMON_SERIES_COLUMNS,
  PHASE_CODES,
  SERIES_COLUMNS,
  type SeriesColumn,
  type SeriesUnit,
} from "./time-series-columns.js";
