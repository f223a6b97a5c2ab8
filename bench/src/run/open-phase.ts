import { epochMs } from "../clock/index.js";
import { type OpenModelResult, runOpenModel } from "../load/open-model.js";
import { createSchedule } from "../load/schedule.js";
import type { ScheduleSpec } from "../load/schedule-spec.js";
import type { Send } from "../load/send.js";
import { IntervalRecorder, type RecordedRun } from "../metrics/interval-recorder.js";
import type { Sample } from "../metrics/samples.js";

/** What an open-model phase produced. */
export interface OpenPhaseResult {
  readonly model: OpenModelResult;
  readonly recorded: RecordedRun;
  /** Arrivals the schedule asked for. */
  readonly scheduled: number;
  readonly durationSeconds: number;
}

/** Options of `runOpenPhase`. */
export interface OpenPhaseOptions {
  readonly spec: ScheduleSpec;
  readonly send: Send;
  readonly signal: AbortSignal;
  /** Every sample also goes here (time series, progress). */
  readonly onSample: (s: Sample) => void;
  /** Receives the epoch ms at which the schedule's time 0 lies (to place intended times). */
  readonly onStart?: (startEpochMs: number) => void;
  /** Microseconds in-flight sends may finish after the last arrival. */
  readonly graceUs: number;
}

/**
 * Runs one open-model phase (warm-up or measure) with its own recorder, so phases never mix
 * their histograms. Late generator sends are tolerated up to 2 s and still timed from their
 * intended time: on 2 shared cores GC or a busy stack delay the generator now and then.
 */
export async function runOpenPhase(o: OpenPhaseOptions): Promise<OpenPhaseResult> {
  const schedule = createSchedule(o.spec);
  const recorder = new IntervalRecorder({ keepRows: false });
  o.onStart?.(epochMs());
  const model = await runOpenModel({
    schedule,
    send: o.send,
    signal: o.signal,
    graceUs: o.graceUs,
    lagThresholdUs: 2_000_000,
    onSample: (s) => {
      recorder.add(s);
      o.onSample(s);
    },
  });
  return {
    model,
    recorded: recorder.finish(),
    scheduled: Math.round(schedule.expectedArrivals),
    durationSeconds: schedule.profile.duration,
  };
}
