export {
  ArchitectureResult,
  assertResultDocument,
  Counters,
  EncodedHistogram,
  MeasuredLambdaUsage,
  MeasuredQueueUsage,
  Phase,
  RESULT_SCHEMA_VERSION,
  ResourceUse,
  ResultDocument,
  resultDocumentIssues,
  TimeSeries,
} from "./result-document.js";
