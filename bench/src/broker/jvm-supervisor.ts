import { stopChild } from "../process/process-guard.js";
import { BrokerError } from "./errors.js";
import { firstLine, type JvmTarget, type Launch, launchJvm } from "./jvm-launch.js";
import type { ResolvedBrokerOptions } from "./options.js";
import { RestartBudget } from "./restart-budget.js";
import { describeError } from "./sqs-setup.js";

/**
 * Owns the running ElasticMQ JVM and restarts it when it dies unasked, on the same port so
 * every queue URL handed out stays valid. Restarts are bounded (`RestartBudget`); each one is
 * logged and reported through `onEvent`; when the bound is used up the supervisor records a
 * `QS_BROKER_DIED` error (`failure()`), logs it and reports "gave-up".
 */
export class JvmSupervisor {
  /** The broker's port, kept across restarts. */
  readonly port: number;
  readonly #opts: ResolvedBrokerOptions;
  readonly #target: JvmTarget;
  readonly #budget: RestartBudget;
  #launch: Launch;
  #restarts = 0;
  #failure: BrokerError | undefined;
  #stopping = false;
  #recovering: Promise<void> = Promise.resolve();
  readonly #deadArchives: string[] = [];

  constructor(opts: ResolvedBrokerOptions, target: JvmTarget, first: Launch, now?: () => number) {
    this.#opts = opts;
    this.#target = target;
    this.#budget = new RestartBudget(opts.restart, now);
    this.#launch = first;
    this.port = first.port;
    this.#watch(first);
  }

  /** The pid of the JVM running now (changes with each restart). */
  pid(): number | undefined {
    return this.#launch.child.pid;
  }

  /** How many times the broker was restarted after dying. */
  restarts(): number {
    return this.#restarts;
  }

  /** Set once the supervisor gave up: the broker is down for good. */
  failure(): BrokerError | undefined {
    return this.#failure;
  }

  /** Stops supervising and the JVM (after any restart in progress); says how it ended. */
  async stop(): Promise<{ launch: Launch; how: "term" | "kill"; deadArchives: string[] }> {
    this.#stopping = true;
    await this.#recovering;
    const how = await stopChild(this.#launch.child, this.#opts.stopGraceMs);
    this.#launch.release();
    return { launch: this.#launch, how, deadArchives: this.#deadArchives };
  }

  #watch(launch: Launch): void {
    launch.child.once("exit", (code, signal) => {
      if (this.#stopping || launch !== this.#launch) return;
      this.#recovering = this.#recover(launch, signal ?? `exit code ${code}`);
    });
  }

  async #recover(dead: Launch, how: string): Promise<void> {
    dead.release();
    if (dead.archiveOut !== undefined) this.#deadArchives.push(dead.archiveOut);
    const { log } = this.#opts;
    log(`broker: ElasticMQ (JVM pid ${dead.child.pid}) died (${how}) at ${dead.endpoint}`);
    let lastError: unknown;
    // Bounded: every pass takes one restart from the budget or returns.
    while (!this.#stopping) {
      if (!this.#budget.take()) return this.#giveUp(dead, how, lastError);
      const n = this.#restarts + 1;
      log(
        `broker: restarting ElasticMQ on port ${dead.port} (restart ${n}; bound ${this.#budget.describe()})`,
      );
      const startedAt = Date.now();
      try {
        const next = await launchJvm(this.#opts, this.#target, dead.port);
        if (this.#stopping) {
          await stopChild(next.child, this.#opts.stopGraceMs);
          next.release();
          return;
        }
        this.#launch = next;
        this.#restarts = n;
        this.#watch(next);
        log(
          `broker: ElasticMQ restarted (JVM pid ${next.child.pid}) in ${Date.now() - startedAt} ms; ${this.#kept()}`,
        );
        this.#opts.onEvent({ type: "restarted", restarts: n, pid: next.child.pid });
        return;
      } catch (err) {
        lastError = err;
        log(`broker: restart ${n} failed: ${firstLine(describeError(err))}`);
      }
    }
  }

  #kept(): string {
    return this.#target.storageFile === undefined
      ? "storage memory: the messages the dead broker held are lost"
      : `storage h2: queues and messages restored from ${this.#target.storageFile}.mv.db`;
  }

  #giveUp(dead: Launch, how: string, lastError: unknown): void {
    const error = new BrokerError(
      "QS_BROKER_DIED",
      `ElasticMQ died (${how}) and is not restarted again: ${this.#restarts} restart(s) done, the bound of ${this.#budget.describe()} is used up; last JVM output:\n${dead.tail.text()}`,
      lastError === undefined ? {} : { cause: lastError },
    );
    this.#failure = error;
    this.#opts.log(`broker: ${firstLine(error.message)}`);
    this.#opts.onEvent({ type: "gave-up", restarts: this.#restarts, error });
  }
}
