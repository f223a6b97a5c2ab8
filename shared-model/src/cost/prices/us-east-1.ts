import { deepFreeze, type PriceTable } from "../price-table.js";

// Every figure comes from /work/shared/reference/aws-facts.md ("the sheet"); `source` names the
// sheet's section and its primary source, `confidence` is the sheet's letter. The sheet has no
// compile date, so `asOf` is its newest dated source (factualminds, 2026-06-17, section 9).
const SHEET = "aws-facts.md";
const LAMBDA_PRICING = "https://aws.amazon.com/lambda/pricing/";
const LAMBDA_TIERS_BLOG =
  "https://aws.amazon.com/blogs/compute/introducing-tiered-pricing-for-aws-lambda/";
const APIGW_WHITEPAPER =
  "https://docs.aws.amazon.com/whitepapers/latest/best-practices-api-gateway-private-apis-integration/cost-optimization.html";

/** us-east-1 on-demand prices (USD, before tax) as the sheet states them. */
export const US_EAST_1: PriceTable = deepFreeze({
  region: "us-east-1",
  asOf: "2026-06-17",
  currency: "USD",
  monthHours: 730, // the sheet's month (sections 7, 8.1, 9 derive monthly figures from 730 h)
  bytesPerGb: 1024 ** 3, // AWS bills data in binary GB (GiB); the sheet does not say, see docs
  lambda: {
    x86: {
      gbSecondTiers: {
        unit: "USD per GB-s",
        quantityUnit: "GB-s",
        per: 1,
        // 0-6 B list, 6-15 B 10% off, > 15 B 20% off (sheet 1.1; tier 1 is A, tiers 2-3 B).
        tiers: [
          { upTo: 6e9, price: 0.0000166667 },
          { upTo: 15e9, price: 0.000015 },
          { upTo: null, price: 0.0000133334 },
        ],
        source: `${SHEET} 1.1; ${LAMBDA_PRICING}; ${LAMBDA_TIERS_BLOG}`,
        confidence: "B",
      },
    },
    arm64: {
      gbSecondTiers: {
        unit: "USD per GB-s",
        quantityUnit: "GB-s",
        per: 1,
        // arm64 breakpoints are 7.5 B and 18.75 B, not 6 B / 15 B (sheet 1.1, "Disagreement").
        tiers: [
          { upTo: 7.5e9, price: 0.0000133334 },
          { upTo: 18.75e9, price: 0.0000120001 },
          { upTo: null, price: 0.0000106667 },
        ],
        source: `${SHEET} 1.1; ${LAMBDA_PRICING}; ${LAMBDA_TIERS_BLOG}`,
        confidence: "B",
      },
    },
    requestsPerMillion: {
      value: 0.2,
      unit: "USD per 1M requests",
      source: `${SHEET} 1.1; ${LAMBDA_PRICING}`,
      confidence: "A",
    },
    billingGranularityMs: 1, // since December 2020 (sheet 1.1, A)
    freeTierRequests: {
      value: 1_000_000,
      unit: "requests per month (never expires)",
      source: `${SHEET} 1.1; ${LAMBDA_PRICING}`,
      confidence: "A",
    },
    freeTierGbSeconds: {
      value: 400_000,
      unit: "GB-s per month, x86 and arm64 combined (never expires)",
      source: `${SHEET} 1.1; ${LAMBDA_PRICING}`,
      confidence: "A",
    },
  },
  sqs: {
    standardPerMillionTiers: {
      unit: "USD per 1M requests",
      quantityUnit: "requests",
      per: 1_000_000,
      // The free first 1M is `freeTierRequests`; breakpoints count all requests (sheet 5.1).
      tiers: [
        { upTo: 100e9, price: 0.4 },
        { upTo: 200e9, price: 0.3 },
        { upTo: null, price: 0.24 },
      ],
      source: `${SHEET} 5.1; unanswered.io; cloudburn.io (2026-03-14); factualminds (2026-06-13)`,
      confidence: "B",
    },
    freeTierRequests: {
      value: 1_000_000,
      unit: "requests per month, standard and FIFO combined (never expires)",
      source: `${SHEET} 5.1; cloudburn.io; factualminds`,
      confidence: "B",
    },
    chunkBytes: 65_536, // each 64 KB of payload is one billed request (sheet 5.1, B)
    maxMessagesPerCall: 10, // SendMessageBatch / ReceiveMessage / DeleteMessageBatch (sheet 5.2, A)
    maxLongPollSeconds: 20, // ReceiveMessageWaitTimeSeconds maximum (sheet 5.2, A)
  },
  apiGateway: {
    httpPerMillionTiers: {
      unit: "USD per 1M requests",
      quantityUnit: "metered requests",
      per: 1_000_000,
      tiers: [
        { upTo: 300e6, price: 1.0 },
        { upTo: null, price: 0.9 },
      ],
      source: `${SHEET} 6.1; ${APIGW_WHITEPAPER} (Table 4)`,
      confidence: "A",
    },
    restPerMillionTiers: {
      unit: "USD per 1M requests",
      quantityUnit: "requests",
      per: 1_000_000,
      // first 333M, next 667M, next 19B, over 20B (sheet 6.1, A)
      tiers: [
        { upTo: 333e6, price: 3.5 },
        { upTo: 1e9, price: 2.8 },
        { upTo: 20e9, price: 2.38 },
        { upTo: null, price: 1.51 },
      ],
      source: `${SHEET} 6.1; ${APIGW_WHITEPAPER} (Table 4)`,
      confidence: "A",
    },
    httpMeteringBytes: 524_288, // HTTP APIs meter in 512 KB increments (sheet 6.1, A)
  },
  fargate: {
    x86: {
      vcpuHour: {
        value: 0.04048,
        unit: "USD per vCPU-hour (Linux x86)",
        source: `${SHEET} 8.1; Vantage "AWS Fargate Pricing Explained"; factualminds (2026-06-17)`,
        confidence: "B",
      },
      gbHour: {
        value: 0.004445,
        unit: "USD per GB-hour (Linux x86)",
        source: `${SHEET} 8.1; Vantage; factualminds (2026-06-17)`,
        confidence: "B",
      },
    },
    arm64: {
      vcpuHour: {
        value: 0.03238,
        unit: "USD per vCPU-hour (Linux ARM)",
        source: `${SHEET} 8.1; Vantage; factualminds`,
        confidence: "B",
      },
      gbHour: {
        value: 0.00356,
        unit: "USD per GB-hour (Linux ARM)",
        source: `${SHEET} 8.1; Vantage; factualminds`,
        confidence: "B",
      },
    },
  },
  alb: {
    hour: {
      value: 0.0225,
      unit: "USD per ALB-hour (partial hours billed)",
      source: `${SHEET} 7; cloud-horizons.com (2026-05-08); cloudzero`,
      confidence: "B",
    },
    lcuHour: {
      value: 0.008,
      unit: "USD per LCU-hour",
      source: `${SHEET} 7; cloud-horizons.com; cloudzero`,
      confidence: "B",
    },
    // One LCU per hour covers any one of these (sheet 7, B: Vantage handbook).
    lcuDimensions: {
      newConnectionsPerSecond: 25,
      activeConnectionsPerMinute: 3000,
      processedGbPerHourInstanceTargets: 1,
      processedGbPerHourLambdaTargets: 0.4,
      ruleEvaluationsPerSecond: 1000,
      freeRulesPerRequest: 10,
    },
    publicIpv4Hour: {
      value: 0.005,
      unit: "USD per public IPv4 address-hour (one per AZ for an internet-facing ALB)",
      source: `${SHEET} 8.5; AWS Networking blog (2024-02-01)`,
      confidence: "A",
    },
  },
  natGateway: {
    hour: {
      value: 0.045,
      unit: "USD per NAT gateway-hour (one gateway per AZ)",
      source: `${SHEET} 11 and 0.13; leanopstech; finopsforge`,
      confidence: "B",
    },
    perGb: {
      value: 0.045,
      unit: "USD per GB processed by the NAT gateway",
      source: `${SHEET} 11 and 0.13; leanopstech; finopsforge`,
      confidence: "B",
    },
  },
  ec2: {
    instances: {
      "c7g.large": ec2(2, 4, "arm64", 0.0725, "Graviton3; 6+ tables agree"),
      "c7i.large": ec2(2, 4, "x86", 0.08925, "Intel SPR; outliers 0.0850/0.0864 judged wrong"),
      "m7i.large": ec2(2, 8, "x86", 0.1008, "9+ tables agree"),
      "m7g.large": ec2(2, 8, "arm64", 0.0816, "factualminds (2026-06) + tables"),
      "t4g.medium": ec2(
        2,
        4,
        "arm64",
        0.0336,
        "burstable: sustained CPU above baseline costs $0.05/vCPU-hour extra (unlimited mode), not modelled",
      ),
    },
  },
  cloudwatchLogs: {
    standardIngestionPerGb: {
      value: 0.5,
      unit: "USD per GB ingested (Standard class)",
      source: `${SHEET} 10.2; hykell.com; c3x.dev (2026-06); duckbillgroup`,
      confidence: "B",
    },
    lambdaIngestionTiers: {
      unit: "USD per GB ingested (Lambda logs, Standard class, since 2025-05-01)",
      quantityUnit: "GB",
      per: 1,
      // First 10 TB, next 20 TB, next 20 TB, over 50 TB; reconstructed by the sheet from Duckbill's
      // arithmetic (sheet 10.2, B). 1 TB taken as 1,024 GB.
      tiers: [
        { upTo: 10 * 1024, price: 0.5 },
        { upTo: 30 * 1024, price: 0.25 },
        { upTo: 50 * 1024, price: 0.1 },
        { upTo: null, price: 0.05 },
      ],
      source: `${SHEET} 10.2; Duckbill Group on the 2025-05-01 announcement`,
      confidence: "B",
    },
    freeTierGb: {
      value: 5,
      unit: "GB ingested per month",
      source: `${SHEET} 10.2; hykell.com`,
      confidence: "C",
    },
  },
  omitted: [
    "Lambda provisioned mode for the SQS event source mapping (Event Poller Units): price '?' in the sheet (2.2); standard mode is modelled.",
    "API Gateway REST metering increment: '?' in the sheet (6.1); REST requests are counted one per request.",
    "Lambda platform log bytes per invocation: '?' in the sheet (10.2); a required input (logBytesPerInvocation).",
    "API Gateway and ALB free tiers: new accounts, 12 months only (sheets 6.1, 7); never applied.",
    "Data transfer, ECR storage and Fargate ephemeral storage: not part of the A-vs-B comparison here (the sync tasks' public IPv4 or NAT gateway is: SyncCostInput.network).",
  ],
});

function ec2(
  vcpu: number,
  memoryGiB: number,
  architecture: "x86" | "arm64",
  hourly: number,
  note: string,
) {
  return {
    vcpu,
    memoryGiB,
    architecture,
    hourly: {
      value: hourly,
      unit: "USD per instance-hour (Linux on-demand)",
      source: `${SHEET} 9; public Price List API tables`,
      confidence: "B" as const,
    },
    note,
  };
}
