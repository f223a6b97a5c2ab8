export {
  analyze,
  analyzeColumns,
  datasetColumns,
  type ResolvedOptions,
  resolveOptions,
} from "./analyze.js";
export { clusterCustomers } from "./clustering.js";
export {
  type CustomerColumns,
  columnsFromCustomers,
  compareNames,
  customersFromColumns,
} from "./columns.js";
export {
  type ConfidenceLevel,
  conversionByCampaign,
  wilsonInterval,
  Z_SCORES,
} from "./conversion.js";
export { describeChannels } from "./descriptive.js";
export {
  generateColumns,
  generateCustomers,
  SYNTHETIC_CAMPAIGNS,
  SYNTHETIC_CHANNELS,
  SYNTHETIC_SHAPE,
} from "./generator.js";
export { KMEANS_SEED, kmeansPlusPlus, lloyd, rfmFeatures } from "./kmeans.js";
export { createRng, type Rng } from "./prng.js";
export * from "./response.js";
export { RFM_SEGMENTS, type RfmSegment, rfmSegments, scoreAscending, segmentOf } from "./rfm.js";
export { quantileSorted, RESPONSE_DECIMALS } from "./stats.js";
export { WORKLOAD_NAMES, WORKLOADS, type WorkloadName } from "./workloads.js";
