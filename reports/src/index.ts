export { type Advice, advise, isClosedModel } from "./advice/advise.js";
export {
  type ArrivalAccount,
  arrivalAccount,
  arrivalsPercentileMs,
  succeededWithin,
} from "./advice/arrivals.js";
export { type BurstBehaviour, burstBehaviour } from "./advice/burst.js";
export {
  BURST_RULES,
  type BurstObjectiveShare,
  type BurstShare,
  burstShare,
} from "./advice/burst-share.js";
export {
  type DecisionFacts,
  type DesignFacts,
  decideRule,
  reliable,
  ruleIf,
} from "./advice/decide.js";
export {
  breakEvenFlip,
  objectiveFlip,
  taskStep,
  VERDICT_VOLUMES,
  type VolumeVerdict,
  verdictByVolume,
} from "./advice/flip-points.js";
export {
  allConclusive,
  allMet,
  arrivalsToExclude,
  checkObjectives,
  OBJECTIVE_CONFIDENCE,
  type ObjectiveCheck,
} from "./advice/objectives.js";
export {
  type LatencyObjective,
  PROFILE_DEFAULTS,
  type ProfileInput,
  parseObjectives,
  resolveProfile,
  trafficFor,
  type UserProfile,
} from "./advice/profile.js";
export {
  ADVICE_THRESHOLDS,
  type AdviceRule,
  AdviceRules,
  type Recommendation,
  Recommendations,
} from "./advice/rules.js";
export { type RecommendedSettings, recommendSettings, SETTINGS_RULES } from "./advice/settings.js";
export {
  type Comparison,
  type ComparisonRow,
  compareRuns,
  type RunSpread,
  repeatSpread,
  scenarioMismatch,
} from "./compare/compare.js";
export { renderComparison } from "./compare/render-comparison.js";
export {
  type CompareMetric,
  CompareMetrics,
  DEFAULT_THRESHOLDS,
  parseThresholds,
  type Thresholds,
} from "./compare/thresholds.js";
export {
  atConfiguredMemory,
  billedHandlerMsPerInvocation,
  type CostInputs,
  costInputs,
  measuredMeanBatch,
  monthlyColdStarts,
  resolvedArchitecture,
  runBatchFill,
} from "./cost/cost-inputs.js";
export {
  architectureOf,
  measuredSeconds,
  messageBytes,
  type SyncCapacity,
  syncCapacity,
  USAGE_DEFAULTS,
} from "./cost/measured-usage.js";
export {
  choosePrices,
  PRICE_CHOICE_DEFAULTS,
  type PriceChoice,
  type PriceChoiceOptions,
  type SyncPlatformKind,
} from "./cost/price-choice.js";
export {
  type CostCurve,
  type CostCurvePoint,
  type CostProjection,
  projectCosts,
} from "./cost/project-costs.js";
export {
  type ArchitectureFigures,
  architectureFigures,
  type LatencyFigures,
  latencyFigures,
} from "./data/figures.js";
export {
  decodeHistogram,
  percentileMs,
  percentileSpectrum,
  type SpectrumPoint,
} from "./data/histograms.js";
export { type Series, type SeriesKey, SeriesKeys, seriesOf } from "./data/time-series.js";
export { ReportError, type ReportErrorCode, ReportErrorCodes } from "./errors.js";
export { renderHtml } from "./render/html.js";
export {
  buildSummary,
  type JsonSummary,
  renderJsonSummary,
  SUMMARY_SCHEMA,
} from "./render/json-summary.js";
export { renderMarkdown } from "./render/markdown.js";
export { type RenderedReports, renderAll } from "./render/render-all.js";
export type { ReportOptions } from "./render/report-options.js";
export { recordHistogram } from "./synthetic/recorded-histogram.js";
export { type SyntheticRunOptions, syntheticRun } from "./synthetic/synthetic-run.js";
