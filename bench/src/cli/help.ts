import { formatExitCodes } from "@queueshift/shared-model";

/** The `--help` text: every flag and every exit code (from the shared table). */
export const HELP_TEXT = `Usage: npm run bench -- [flags]      (or: node bench/dist/bin/bench.js [flags])

Benchmarks the sync service (A) and the SQS + Lambda version (B) with the same arrival
schedule and request sequence, one after the other, and writes results/<run-id>/result.json.
Without flags it runs the default suite: "steady" and "spike", both architectures, 2 repeats each (~10 min).

Flags
  --scenario <name|file>  Scenario to run: a shipped name (see --list) or a path to a JSON
                          file. Repeat it or give a comma list to run several in turn.
  --duration <s>          Seconds of measured load, 1 to 86,400 (ramp stages and spike timing
                          scale with it).
  --rate <r/s>            Arrivals per second, > 0 and <= 100,000: the constant rate, the
                          spike's base rate (the spike keeps its ratio), or a ramp's peak.
                          Not for closed scenarios. Numbers are plain decimals (12, 2.5): no
                          hex, octal, exponent or sign.
  --arch <sync|async|both>  Architectures to measure (default: the scenario's, usually both).
  --task-vcpu <v>         Fargate task size of the sync workers: 0.25, 0.5, 1, 2, 4, 8 or 16
                          (scenario sync.taskVcpu; one worker per whole vCPU, under its quota).
  --repeat <n>            Measure each scenario's designs n times (1 to 20), alternating the
                          order A B, B A, ...; the suite report shows the spread and decides
                          from every repeat's arrivals. Default: 2 for the default suite
                          (no --scenario, not --quick), else 1.
  --memory-sweep <MB,..>  Also run the async design alone at each memory size (128 to 10,240),
                          each under its CPU share; the suite report draws duration and cost
                          per size and the power-tuning front.
  --task-sweep <v,..>     Also run the sync design alone at each task vCPU (Fargate sizes).
  --target <processes|containers>  Where the stacks run (default: the scenario's, processes).
                          containers: sync-service containers behind nginx, ElasticMQ and the
                          enqueue API in containers; needs a runtime (docker/setup-podman.sh)
                          and the images (docker/build-images.sh), else exit 2.
  --quick                 Smoke run, under 60 s: the "quick" scenario, or the given scenarios
                          cut to 8 s of load after 2 s of warm-up.
  --describe              Print a one-line summary of each selected scenario and exit.
  --list                  List the shipped scenarios with their summaries and exit.
  --results-dir <dir>     Where results go (default: <repo>/results); "latest" points at the
                          newest. Checked (created if missing, must be writable) before a run.
  --no-report             Do not run reports/dist/bin/report.js on the result afterwards.
  --allow-remote          Let a scenario's targets (targets.sync.url) leave loopback.
  --help                  Show this text.

Every invocation writes a suite folder, <results-dir>/<time>-suite/ (latest-suite points at
it): suite.json listing each run, the projection of the default profile and one report.html /
summary.md / summary.json with the suite's verdict and links to each run's report.

Environment: QUEUESHIFT_CGROUP_ROOT is where the cgroup hierarchy is mounted (default
/sys/fs/cgroup). Without permission there (not root, no cpu controller), the run goes on at
full core, the result records cpuShares "not-applied" with the reason, and every report says so
in its first lines.

Progress goes to stderr (a live line on a terminal, a line every ~5 s otherwise); result and
report paths go to stdout, the suite report's last. Ctrl-C stops the schedule, drains briefly
and still writes the result (outcome "interrupted"); a second Ctrl-C exits at once.

${formatExitCodes()}`;
