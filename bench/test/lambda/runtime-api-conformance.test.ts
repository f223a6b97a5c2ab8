// The Runtime API server driven with a plain HTTP client (fetch) through the sequences of AWS's
// Runtime API reference (2018-06-01): next -> response, next -> error, init/error, an answer
// after the deadline, an unknown request id; status codes, headers and bodies are asserted.
// The same API on the built-in runtime's Unix socket: runtime-api-socket.test.ts.
import { afterEach, describe, expect, it } from "vitest";
import { RuntimeApiServer } from "../../src/lambda/runtime-api/runtime-api-server.js";
import {
  CPU_HEADER,
  type InvocationOutcome,
} from "../../src/lambda/runtime-api/runtime-api-types.js";

const ARN = "arn:aws:lambda:us-east-1:000000000000:function:conformance";
let api: RuntimeApiServer;
const url = (path: string) => `http://${api.address}/2018-06-01/runtime/${path}`;
const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(url(path), {
    method: "POST",
    body,
    headers: { "content-type": "application/json", ...headers },
  });

afterEach(async () => {
  await api?.close();
});

describe("the Runtime API server (2018-06-01)", () => {
  it("next -> response: hands the event with AWS's headers, accepts the response with 202", async () => {
    // Prepare
    api = await RuntimeApiServer.start({ functionArn: ARN });
    const deadlineMs = Date.now() + 3_000;
    // Act
    const nextCall = fetch(url("invocation/next"));
    const init = await api.initOutcome();
    const outcome = api.invoke({
      requestId: "req-1",
      body: '{"hello":"world"}',
      deadlineMs,
      clientContext: '{"custom":{"a":"b"}}',
    });
    const next = await nextCall;
    const event = await next.json();
    const answer = await post("invocation/req-1/response", '{"batchItemFailures":[]}');
    // Assess
    expect(init.type).toBe("ready");
    // A runtime that does not say INIT's CPU time (AWS's clients) gets none recorded
    expect("cpuMs" in init).toBe(false);
    expect(next.status).toBe(200);
    expect(event).toEqual({ hello: "world" });
    expect(next.headers.get("lambda-runtime-aws-request-id")).toBe("req-1");
    expect(next.headers.get("lambda-runtime-deadline-ms")).toBe(String(deadlineMs));
    expect(next.headers.get("lambda-runtime-invoked-function-arn")).toBe(ARN);
    expect(next.headers.get("lambda-runtime-trace-id")).toMatch(
      /^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0$/,
    );
    expect(next.headers.get("lambda-runtime-client-context")).toBe('{"custom":{"a":"b"}}');
    // AWS sends Cognito identity only when the caller had one.
    expect(next.headers.get("lambda-runtime-cognito-identity")).toBeNull();
    expect(answer.status).toBe(202);
    expect(await answer.json()).toEqual({ status: "OK" });
    const done = await outcome;
    expect(done.type).toBe("response");
    expect(done.type === "response" ? done.body : "").toBe('{"batchItemFailures":[]}');
    expect(done.durationMs).toBeGreaterThanOrEqual(0);
  });

  it("next -> error: accepts the error with 202 and keeps its type, message and stack", async () => {
    api = await RuntimeApiServer.start({ functionArn: ARN });
    const nextCall = fetch(url("invocation/next"));
    const outcome = api.invoke({ requestId: "req-2", body: "{}", deadlineMs: Date.now() + 3_000 });
    await nextCall;
    const error = { errorMessage: "bad record", errorType: "TypeError", stackTrace: ["at x"] };
    const answer = await post("invocation/req-2/error", JSON.stringify(error), {
      "lambda-runtime-function-error-type": "TypeError",
    });
    expect(answer.status).toBe(202);
    const done: InvocationOutcome = await outcome;
    expect(done).toMatchObject({ type: "error", error });
    // A second answer to the same invocation is a state violation.
    const again = await post("invocation/req-2/response", "{}");
    expect(again.status).toBe(403);
    expect(await again.json()).toMatchObject({ errorType: "InvalidStateTransition" });
  });

  it("takes INIT's CPU time from the first next's CPU header", async () => {
    // Prepare: a runtime whose first next says it spent 123,456 us of CPU
    api = await RuntimeApiServer.start({ functionArn: ARN });
    const first = fetch(url("invocation/next"), { headers: { [CPU_HEADER]: "123456" } });

    // Act
    const init = await api.initOutcome();

    // Assess
    expect(init).toMatchObject({ type: "ready", cpuMs: 123.456 });
    await api.close();
    await first.catch(() => undefined);
  });

  it("init/error: 202 during init (the type falls back to the header), 403 once init is done", async () => {
    api = await RuntimeApiServer.start({ functionArn: ARN });
    const first = await post("init/error", '{"errorMessage":"Cannot find module"}', {
      "lambda-runtime-function-error-type": "Runtime.ImportModuleError",
    });
    expect(first.status).toBe(202);
    expect(await api.initOutcome()).toEqual({
      type: "init-error",
      error: { errorType: "Runtime.ImportModuleError", errorMessage: "Cannot find module" },
    });
    await api.close();
    api = await RuntimeApiServer.start({ functionArn: ARN });
    const nextCall = fetch(url("invocation/next"));
    await api.initOutcome();
    const late = await post("init/error", '{"errorMessage":"x","errorType":"Runtime.Unknown"}');
    expect(late.status).toBe(403);
    void api.invoke({ requestId: "drain", body: "{}", deadlineMs: Date.now() + 1_000 });
    await nextCall;
  });

  it("an answer after the deadline (the platform gave up on it) gets 403; a stranger's id 400", async () => {
    api = await RuntimeApiServer.start({ functionArn: ARN });
    const nextCall = fetch(url("invocation/next"));
    void api.invoke({ requestId: "req-3", body: "{}", deadlineMs: Date.now() + 50 });
    const next = await nextCall;
    const deadline = Number(next.headers.get("lambda-runtime-deadline-ms"));
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, deadline - Date.now()) + 10));
    api.abandon("req-3"); // what the environment does at the timeout, before killing the process
    const late = await post("invocation/req-3/response", "{}");
    expect(late.status).toBe(403);
    expect(await late.json()).toMatchObject({ errorType: "InvalidStateTransition" });
    const unknown = await post("invocation/no-such-id/response", "{}");
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ errorType: "InvalidRequestID" });
    const unknownError = await post("invocation/no-such-id/error", "{}");
    expect(unknownError.status).toBe(400);
    const noRoute = await fetch(url("invocation/req-3/finish"), { method: "POST" });
    expect(noRoute.status).toBe(404);
  });

  it("a response over the size limit gets 413 and fails the invocation as Lambda does", async () => {
    api = await RuntimeApiServer.start({ functionArn: ARN, maxResponseBytes: 1_024 });
    const nextCall = fetch(url("invocation/next"));
    const outcome = api.invoke({ requestId: "req-4", body: "{}", deadlineMs: Date.now() + 3_000 });
    await nextCall;
    const big = await post("invocation/req-4/response", JSON.stringify("x".repeat(2_000)));
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ errorType: "RequestEntityTooLarge" });
    expect(await outcome).toMatchObject({
      type: "error",
      error: { errorType: "Function.ResponseSizeTooLarge" },
    });
  });

  it("holds a next sent before the answer (a second socket) and refuses a second waiting next", async () => {
    api = await RuntimeApiServer.start({ functionArn: ARN });
    const first = fetch(url("invocation/next"));
    const one = api.invoke({ requestId: "req-5", body: '{"n":1}', deadlineMs: Date.now() + 3_000 });
    await first;
    const early = fetch(url("invocation/next")); // before req-5 is answered: held
    await new Promise((resolve) => setTimeout(resolve, 50));
    const refused = await fetch(url("invocation/next"));
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ errorType: "InvalidStateTransition" });
    expect((await post("invocation/req-5/response", "1")).status).toBe(202);
    expect(await one).toMatchObject({ type: "response", body: "1" });
    void api.invoke({ requestId: "req-6", body: '{"n":2}', deadlineMs: Date.now() + 3_000 });
    const second = await early;
    expect(second.headers.get("lambda-runtime-aws-request-id")).toBe("req-6");
    expect(await second.json()).toEqual({ n: 2 });
  });
});
