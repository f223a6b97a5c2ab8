import { AnalyticsError } from "./errors.js";

/** The error a draining service answers every request with (except liveness). */
export function shuttingDownError(): AnalyticsError {
  return new AnalyticsError(
    "QS_SHUTTING_DOWN",
    "the service is draining before exit and takes no new work; retry against another instance",
  );
}

/** Liveness keeps answering while draining: the process is alive, only not ready. */
export const LIVENESS_PATH = "/healthz";

/** What a service tells `serviceLifecycle`. */
export interface LifecycleOptions {
  readonly isDraining: () => boolean;
  /** Resolves when the service's dependencies answer (the jobs queue); throws a catalogued error if not. */
  readonly checkReady?: () => Promise<void>;
}

/**
 * Liveness, readiness and draining of an HTTP service, as plain route and hook definitions
 * (typed structurally, so no Fastify here; `app.route(r)` and `app.addHook(name, h)` take them).
 * While draining, a new request is refused with QS_SHUTTING_DOWN and every response, the
 * in-flight ones included, carries `connection: close`, so keep-alive clients move on instead of
 * reusing a connection that is about to go.
 */
export function serviceLifecycle(options: LifecycleOptions) {
  const { isDraining } = options;
  return {
    routes: [
      { method: "GET" as const, url: LIVENESS_PATH, handler: async () => ({ status: "ok" }) },
      {
        method: "GET" as const,
        url: "/readyz",
        handler: async () => {
          if (isDraining()) throw shuttingDownError();
          await options.checkReady?.();
          return { status: "ready" };
        },
      },
    ],
    // Callback-style hooks: they run on every request, and a callback costs less than a promise.
    onRequest(request: { readonly url: string }, _reply: unknown, done: (err?: Error) => void) {
      if (isDraining() && request.url !== LIVENESS_PATH) done(shuttingDownError());
      else done();
    },
    onSend(
      _request: unknown,
      reply: { header(name: string, value: string): unknown },
      payload: unknown,
      done: (err: Error | null, payload: unknown) => void,
    ) {
      if (isDraining()) reply.header("connection", "close");
      done(null, payload);
    },
  };
}
