/**
 * An output (k6's shape): started once, handed items as they are produced, stopped once.
 * `add` must not block the run: it is called on the sampling path; slow work (a file write)
 * belongs in `stop`. The engine's outputs take closed 1 s intervals; the result document
 * takes each architecture's result.
 */
export interface Output<T, R = void> {
  start(): void;
  add(item: T): void;
  stop(): R;
}
