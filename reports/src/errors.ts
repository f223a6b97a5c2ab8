import { defineErrorCatalogue, QueueshiftError } from "@queueshift/shared-model";

/** Stable codes of the reports' errors; codes are never reused (documented in README.md). */
export const ReportErrorCodes = defineErrorCatalogue({
  QS_REPORT_USAGE: {
    meaning: "A command-line flag or argument is missing, unknown or malformed.",
    fix: "Run the command with --help; the message names the flag.",
  },
  QS_REPORT_RUN_NOT_FOUND: {
    meaning: "The run directory, result file or run id does not exist.",
    fix: "Pass a run directory, a result.json path, a run id under results/, or `latest`.",
  },
  QS_REPORT_INVALID_RESULT: {
    meaning: "The file is not JSON or not a result document this version reads.",
    fix: "Re-run the benchmark with a matching version; the message lists the fields.",
  },
  QS_REPORT_INVALID_PRICES: {
    meaning: "The --prices file is unreadable, not JSON, or an override the price table rejects.",
    fix: "Correct the paths named in the message (e.g. `sqs.bogus: unknown key`).",
  },
  QS_REPORT_UNSUPPORTED_REGION: {
    meaning: "No price table exists for that region (only us-east-1 for now).",
    fix: "Use --region us-east-1, or override prices with --prices.",
  },
  QS_REPORT_INVALID_SUITE: {
    meaning:
      "The suite folder has no readable suite.json, or it lists a run whose result is missing.",
    fix: "Pass a suite folder written by `npm run bench` (results/<time>-suite or results/latest-suite).",
  },
  QS_REPORT_INVALID_PROFILE: {
    meaning: "The traffic profile or latency objective is malformed or out of range.",
    fix: "Correct the fields named in the message (see reports/README.md, 'Advice').",
  },
});

/** A reports error code. */
export type ReportErrorCode = keyof typeof ReportErrorCodes;

/** A typed reports error; `cause` keeps the underlying error (parse or cost model). */
export class ReportError extends QueueshiftError<ReportErrorCode> {
  override readonly name: string = "ReportError";
}
