import { FloatRing } from "../engine/float-ring.js";

/** Lifecycle of a task: launched (pulling, starting) -> running (in the target group) -> draining -> stopped. */
export const TaskState = { starting: 0, running: 1, draining: 2, stopped: 3 } as const;

/** One Fargate task: its own FIFO of requests and `workers` single-request workers. */
export interface Task {
  readonly id: number;
  state: number;
  readonly queue: FloatRing;
  /** Arrival time of the request each worker serves (NaN = idle). */
  readonly serving: Float64Array;
  busy: number;
}

/**
 * The tasks of the service and the running totals the autoscaler and the bill need. Totals are
 * integrated over time (busy workers, running and billed tasks) so any period's average is the
 * difference of two snapshots.
 */
export class Fleet {
  readonly tasks: Task[] = [];
  /** Running tasks, in launch order: the balancer's round-robin list. */
  readonly routable: Task[] = [];
  readonly #workers: number;
  #rr = 0;
  starting = 0;
  billed = 0;
  busyWorkers = 0;
  /** Integrals over time: worker-seconds busy, task-seconds running, task-seconds billed. */
  busyArea = 0;
  runningArea = 0;
  billedArea = 0;
  #last = 0;

  constructor(workersPerTask: number) {
    this.#workers = workersPerTask;
  }

  /** Integrates the totals up to `t`; call before any change at `t`. */
  advance(t: number): void {
    const dt = t - this.#last;
    this.busyArea += this.busyWorkers * dt;
    this.runningArea += this.routable.length * dt;
    this.billedArea += this.billed * dt;
    this.#last = t;
  }

  /** Launches a task (billed from now; Fargate bills from the image pull). */
  launch(): Task {
    const task: Task = {
      id: this.tasks.length,
      state: TaskState.starting,
      queue: new FloatRing(),
      serving: new Float64Array(this.#workers).fill(Number.NaN),
      busy: 0,
    };
    this.tasks.push(task);
    this.starting++;
    this.billed++;
    return task;
  }

  /** A launched task passed its health checks and joins the balancer. */
  ready(task: Task): void {
    if (task.state !== TaskState.starting) return;
    task.state = TaskState.running;
    this.starting--;
    this.routable.push(task);
  }

  /** The next task in round-robin order (the ALB's default algorithm), or undefined. */
  route(): Task | undefined {
    const n = this.routable.length;
    if (n === 0) return undefined;
    if (this.#rr >= n) this.#rr = 0;
    return this.routable[this.#rr++];
  }

  /** Takes `count` tasks out of service: starting ones first (cancelled), then the newest running. */
  retire(count: number): number {
    let done = 0;
    for (let i = this.tasks.length - 1; i >= 0 && done < count; i--) {
      const task = this.tasks[i] as Task;
      if (task.state === TaskState.starting) {
        task.state = TaskState.stopped;
        this.starting--;
        this.billed--;
        done++;
      }
    }
    while (done < count && this.routable.length > 1) {
      const task = this.routable.pop() as Task;
      task.state = TaskState.draining;
      this.stopIfIdle(task);
      done++;
    }
    return done;
  }

  /** A draining task with no work left stops (and stops being billed). */
  stopIfIdle(task: Task): void {
    if (task.state === TaskState.draining && task.busy === 0 && task.queue.size === 0) {
      task.state = TaskState.stopped;
      this.billed--;
    }
  }

  /** A free worker index of `task`, or -1. */
  freeWorker(task: Task): number {
    if (task.busy >= this.#workers) return -1;
    return task.serving.findIndex((a) => Number.isNaN(a));
  }
}
