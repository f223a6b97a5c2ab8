import { type Static, Type } from "@sinclair/typebox";

/** Version of the response document; bump on any breaking change to its shape. */
export const RESPONSE_SCHEMA_VERSION = 1;

const Num = Type.Number();
const Count = Type.Integer({ minimum: 0 });
const Share = Type.Number({ minimum: 0, maximum: 1 });

/** Summary of one column; `std` is the population standard deviation. */
export const ColumnSummary = Type.Object(
  { mean: Num, median: Num, p90: Num, std: Num, min: Num, max: Num },
  { additionalProperties: false },
);

/** Descriptive statistics of one channel. */
export const ChannelStats = Type.Object(
  {
    channel: Type.String(),
    count: Count,
    monetary: ColumnSummary,
    frequency: ColumnSummary,
    recencyDays: ColumnSummary,
  },
  { additionalProperties: false },
);

/** The `descriptive` section: channels sorted by name (code-unit order). */
export const DescriptiveSection = Type.Object(
  {
    standardDeviation: Type.Literal("population"),
    quantileMethod: Type.Literal("linear-type7"),
    channels: Type.Array(ChannelStats),
  },
  { additionalProperties: false },
);

const Thresholds = Type.Array(Num, { minItems: 4, maxItems: 4 });
const ScoreCounts = Type.Array(Count, { minItems: 5, maxItems: 5 });

/** One RFM segment: how many customers and their average R, F and M. */
export const RfmSegmentStats = Type.Object(
  {
    segment: Type.String(),
    count: Count,
    share: Share,
    meanRecencyDays: Type.Union([Num, Type.Null()]),
    meanFrequency: Type.Union([Num, Type.Null()]),
    meanMonetary: Type.Union([Num, Type.Null()]),
  },
  { additionalProperties: false },
);

/** The `rfm` section: quintile thresholds (20/40/60/80 %), score histograms, every segment. */
export const RfmSection = Type.Object(
  {
    thresholds: Type.Object(
      { recencyDays: Thresholds, frequency: Thresholds, monetary: Thresholds },
      { additionalProperties: false },
    ),
    scoreCounts: Type.Object(
      { recency: ScoreCounts, frequency: ScoreCounts, monetary: ScoreCounts },
      { additionalProperties: false },
    ),
    segments: Type.Array(RfmSegmentStats),
  },
  { additionalProperties: false },
);

/** One k-means cluster; `centroid` is in original units (see docs/analyses.md). */
export const KmeansCluster = Type.Object(
  {
    cluster: Count,
    size: Count,
    share: Share,
    centroid: Type.Object(
      { recencyDays: Num, frequency: Num, monetary: Num },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

/** The `kmeans` section: clusters ordered by size desc, then monetary desc, recency asc. */
export const KmeansSection = Type.Object(
  {
    k: Count,
    features: Type.Literal("zscore-log1p-rfm"),
    iterations: Count,
    converged: Type.Boolean(),
    inertia: Num,
    clusters: Type.Array(KmeansCluster),
  },
  { additionalProperties: false },
);

/** Conversion of one campaign (or of everyone) with a Wilson score interval. */
export const ConversionStats = Type.Object(
  { customers: Count, conversions: Count, rate: Share, lower: Share, upper: Share },
  { additionalProperties: false },
);

/** Conversion of one campaign. */
export const CampaignConversion = Type.Object(
  {
    campaign: Type.String(),
    customers: Count,
    conversions: Count,
    rate: Share,
    lower: Share,
    upper: Share,
  },
  { additionalProperties: false },
);

/** The `conversion` section: campaigns sorted by name (code-unit order). */
export const ConversionSection = Type.Object(
  {
    confidenceLevel: Num,
    interval: Type.Literal("wilson"),
    overall: ConversionStats,
    campaigns: Type.Array(CampaignConversion),
  },
  { additionalProperties: false },
);

/** What `analyze` returns and both services send back: one optional section per analysis. */
export const AnalyzeResponse = Type.Object(
  {
    schemaVersion: Type.Literal(RESPONSE_SCHEMA_VERSION),
    datasetSize: Count,
    descriptive: Type.Optional(DescriptiveSection),
    rfm: Type.Optional(RfmSection),
    kmeans: Type.Optional(KmeansSection),
    conversion: Type.Optional(ConversionSection),
  },
  { additionalProperties: false, $id: "AnalyzeResponse" },
);

/** Static type of `AnalyzeResponse`. */
export type AnalyzeResponse = Static<typeof AnalyzeResponse>;
/** Static type of one section of the response. */
export type DescriptiveSection = Static<typeof DescriptiveSection>;
/** Static type of the RFM section. */
export type RfmSection = Static<typeof RfmSection>;
/** Static type of the k-means section. */
export type KmeansSection = Static<typeof KmeansSection>;
/** Static type of the conversion section. */
export type ConversionSection = Static<typeof ConversionSection>;
/** Static type of one column summary. */
export type ColumnSummary = Static<typeof ColumnSummary>;
