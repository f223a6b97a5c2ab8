/**
 * The fault suite's ledger: every submitted job or request by id, and where each one ended. Lost is
 * reconciled by id (submitted and found nowhere), never computed as a difference of counts, so a
 * job counted twice cannot hide a job that vanished.
 */

/** Where one submission ended. */
export type Ending =
  | "succeeded"
  /** The job ran, or the request was answered, with an error the user was told about by id. */
  | "failed"
  /** The job sits in the dead-letter queue (the user can read it there by id). */
  | "dlq";

/** One line of the suite's table. */
export interface LedgerSummary {
  readonly scenario: string;
  readonly submitted: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly dlq: number;
  readonly lost: number;
  /** The first lost ids (all of them up to 20), so a user can look them up. */
  readonly lostIds: readonly string[];
  /** Ids that ended in two places (e.g. a result and a DLQ copy): a duplicate delivery. */
  readonly doubleEnded: number;
  /** What the user was told, e.g. "503 QS_BROKER_UNAVAILABLE x12", "DLQ by id". */
  readonly told: readonly string[];
}

/** Collects submissions and endings of one fault scenario. */
export class Ledger {
  readonly #submitted = new Set<string>();
  readonly #endings = new Map<string, Set<Ending>>();
  readonly #told = new Map<string, number>();

  constructor(readonly scenario: string) {}

  /** A job or request the system accepted (202 with this id, or a request sent). */
  submit(id: string): void {
    this.#submitted.add(id);
  }

  /** Where `id` ended; an id may end in more than one place (counted as double-ended). */
  end(id: string, ending: Ending): void {
    const set = this.#endings.get(id) ?? new Set<Ending>();
    set.add(ending);
    this.#endings.set(id, set);
  }

  /** Something the user was told (an HTTP status with its code, a log line, a failed result). */
  tell(what: string, count = 1): void {
    this.#told.set(what, (this.#told.get(what) ?? 0) + count);
  }

  /** Reconciles by id: each submitted id's ending, and the ids found nowhere. */
  summary(): LedgerSummary {
    let succeeded = 0;
    let failed = 0;
    let dlq = 0;
    let doubleEnded = 0;
    const lostIds: string[] = [];
    let lost = 0;
    for (const id of this.#submitted) {
      const endings = this.#endings.get(id);
      if (endings === undefined || endings.size === 0) {
        lost += 1;
        if (lostIds.length < 20) lostIds.push(id);
        continue;
      }
      if (endings.size > 1) doubleEnded += 1;
      // One ending per id in the table: success wins over a DLQ copy, a DLQ copy over a failure.
      if (endings.has("succeeded")) succeeded += 1;
      else if (endings.has("dlq")) dlq += 1;
      else failed += 1;
    }
    return {
      scenario: this.scenario,
      submitted: this.#submitted.size,
      succeeded,
      failed,
      dlq,
      lost,
      lostIds,
      doubleEnded,
      told: [...this.#told].map(([what, n]) => `${what} x${n}`),
    };
  }
}

/** The suite's table and its last line, `faults: <n> scenarios, <jobs> jobs, lost <l>`. */
export function renderLedgers(rows: readonly LedgerSummary[]): string {
  const head = [
    "scenario",
    "submitted",
    "succeeded",
    "failed",
    "dlq",
    "lost",
    "what the user was told",
  ];
  const lines = rows.map((r) => [
    r.scenario,
    String(r.submitted),
    String(r.succeeded),
    String(r.failed),
    String(r.dlq),
    r.lost === 0 ? "0" : `${r.lost} (${r.lostIds.join(", ")})`,
    r.told.join("; ") || "-",
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? "").length)));
  const fmt = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  const jobs = rows.reduce((n, r) => n + r.submitted, 0);
  const lost = rows.reduce((n, r) => n + r.lost, 0);
  return [
    fmt(head),
    ...lines.map(fmt),
    `faults: ${rows.length} scenarios, ${jobs} jobs, lost ${lost}`,
  ].join("\n");
}
