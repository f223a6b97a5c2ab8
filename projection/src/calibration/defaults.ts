import { type Distribution, fromQuantiles, uniform } from "../engine/distribution.js";

/**
 * SQS -> Lambda hop latency, standard queue (aws-facts 0.11: p10 13.7, p50 16.2, p90 33.8,
 * p99 105 ms; C). The 0 and 100 % ends (10 ms, 200 ms) are assumed to bound the tails.
 */
export const AWS_HOP_LATENCY: Distribution = fromQuantiles(
  [
    [0, 0.01],
    [0.1, 0.0137],
    [0.5, 0.0162],
    [0.9, 0.0338],
    [0.99, 0.105],
    [1, 0.2],
  ],
  "aws-facts 0.11 (standard queue, eu-west-1, 2022): p50 16.2 ms, p99 105 ms; tails assumed 10-200 ms",
);

/** Figures used when a run does not measure them, each with its source. */
export const ASSUMED_DURATIONS = Object.freeze({
  /** A medium analysis is ~10 ms of CPU (bench scenario "steady"); exponential is the assumption. */
  serviceMs: 10,
  /** Node container-image INIT: ~375 ms for a tuned Node 22 function (aws-facts 4.1, 0.12; C). */
  init: uniform(0.25, 0.5),
  /** API Gateway's SQS integration answering 202: no published figure; assumed 15 ms. */
  acceptMs: 15,
});
