// An independent SigV4 check (node:crypto only, from the AWS SigV4 specification), so tests do not
// grade AWS's signer with itself: it recomputes the signature of a request as the server saw it.
import { createHash, createHmac } from "node:crypto";
import type { RecordedRequest } from "./recording-sqs-server.js";

const sha256 = (data: string) => createHash("sha256").update(data).digest("hex");
const hmac = (key: string | Buffer, data: string) =>
  createHmac("sha256", key).update(data).digest();

/** The parts of an `Authorization: AWS4-HMAC-SHA256 ...` header. */
export function parseAuthorization(header: string): {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
} {
  const m =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
      header,
    );
  if (!m) throw new Error(`not a SigV4 Authorization header: ${header}`);
  const [, accessKeyId = "", date = "", region = "", service = "", signed = "", signature = ""] = m;
  return { accessKeyId, date, region, service, signedHeaders: signed.split(";"), signature };
}

/** The signature the request should carry, given the secret key. */
export function expectedSignature(request: RecordedRequest, secretAccessKey: string): string {
  const auth = parseAuthorization(String(request.headers.authorization));
  const [path, query = ""] = request.path.split("?");
  const canonicalHeaders = auth.signedHeaders
    .map((h) => `${h}:${String(request.headers[h] ?? "").trim()}\n`)
    .join("");
  const canonicalRequest = [
    request.method,
    path,
    query,
    canonicalHeaders,
    auth.signedHeaders.join(";"),
    sha256(request.body),
  ].join("\n");
  const scope = `${auth.date}/${auth.region}/${auth.service}/aws4_request`;
  const stringToSign = [
    "AWS4-HMAC-SHA256",
    String(request.headers["x-amz-date"]),
    scope,
    sha256(canonicalRequest),
  ].join("\n");
  let key: Buffer = hmac(`AWS4${secretAccessKey}`, auth.date);
  for (const part of [auth.region, auth.service, "aws4_request"]) key = hmac(key, part);
  return hmac(key, stringToSign).toString("hex");
}
