import { AnalyticsError, type ErrorBody, toErrorBody } from "./errors.js";

/** Framework error codes (Fastify's FST_ERR_*) that map onto our catalogue. */
const FRAMEWORK_CODES: Readonly<Record<string, () => AnalyticsError>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: () =>
    new AnalyticsError("QS_MALFORMED_JSON", "body is not valid JSON", {
      issues: [{ path: "(body)", message: "not valid JSON" }],
    }),
  FST_ERR_CTP_EMPTY_JSON_BODY: () =>
    new AnalyticsError("QS_MALFORMED_JSON", "body is empty", {
      issues: [{ path: "(body)", message: "empty body with content-type application/json" }],
    }),
  FST_ERR_CTP_BODY_TOO_LARGE: () =>
    new AnalyticsError("QS_PAYLOAD_TOO_LARGE", "body is larger than the service's body limit"),
  FST_ERR_CTP_INVALID_MEDIA_TYPE: () =>
    new AnalyticsError("QS_UNSUPPORTED_MEDIA_TYPE", "content-type must be application/json"),
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: () =>
    new AnalyticsError("QS_INVALID_REQUEST", "content-length does not match the body"),
};

/** HTTP reason phrases for the statuses the catalogue uses. */
const REASONS: Readonly<Record<number, string>> = {
  400: "Bad Request",
  404: "Not Found",
  413: "Payload Too Large",
  415: "Unsupported Media Type",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

/**
 * Maps any error an HTTP edge sees to a catalogued `AnalyticsError`: ours pass through,
 * known framework errors are translated, anything else becomes QS_INTERNAL (details hidden).
 */
export function classifyEdgeError(err: unknown): AnalyticsError {
  if (err instanceof AnalyticsError) return err;
  const code =
    typeof err === "object" && err !== null ? (err as { code?: unknown }).code : undefined;
  const make = typeof code === "string" ? FRAMEWORK_CODES[code] : undefined;
  if (make) return make();
  // SyntaxError from a JSON parser without a framework code is still the client's fault.
  if (err instanceof SyntaxError)
    return FRAMEWORK_CODES.FST_ERR_CTP_INVALID_JSON_BODY?.() ?? internal(err);
  return internal(err);
}

function internal(cause: unknown): AnalyticsError {
  return new AnalyticsError("QS_INTERNAL", "internal error", { cause });
}

/** The status and public body for an error, ready for `reply.code(status).send(body)`. */
export function edgeErrorResponse(err: unknown): {
  status: number;
  body: ErrorBody;
  error: AnalyticsError;
} {
  const error = classifyEdgeError(err);
  const status = error.httpStatus;
  return { status, body: toErrorBody(error, REASONS[status] ?? "Error"), error };
}

/** The 404 body both HTTP services return for an unknown route. */
export function notFoundBody(method: string, url: string): ErrorBody {
  return {
    statusCode: 404,
    code: "QS_NOT_FOUND",
    error: "Not Found",
    message: `no route ${method} ${url}`,
  };
}
