/** The `--help` text: every flag and every exit code. */
export const HELP_TEXT = `Usage: npm run bench -- [flags]      (or: node bench/dist/bin/bench.js [flags])

Benchmarks the sync service (A) and the SQS + Lambda version (B) with the same arrival
schedule and request sequence, one after the other, and writes results/<run-id>/result.json.
Without flags it runs the default suite: "steady" and "spike", both architectures (~4 min).

Flags
  --scenario <name|file>  Scenario to run: a shipped name (see --list) or a path to a JSON
                          file. Repeat it or give a comma list to run several in turn.
  --duration <s>          Seconds of measured load (ramp stages and spike timing scale with it).
  --rate <r/s>            Arrivals per second: the constant rate, the spike's base rate (the
                          spike keeps its ratio), or a ramp's peak. Not for closed scenarios.
  --arch <sync|async|both>  Architectures to measure (default: the scenario's, usually both).
  --quick                 Smoke run, under 60 s: the "quick" scenario, or the given scenarios
                          cut to 8 s of load after 2 s of warm-up.
  --describe              Print a one-line summary of each selected scenario and exit.
  --list                  List the shipped scenarios with their summaries and exit.
  --results-dir <dir>     Where results go (default: <repo>/results); "latest" points at the newest.
  --no-report             Do not run reports/dist/bin/report.js on the result afterwards.
  --help                  Show this text.

Progress goes to stderr (a live line on a terminal, a line every ~5 s otherwise); result and
report paths go to stdout. Ctrl-C stops the schedule, drains briefly and still writes the
result (outcome "interrupted"); a second Ctrl-C exits at once.

Exit codes
  0    every run completed
  1    a run failed (the result file, if written, says why in outcome.message)
  2    bad usage or an invalid scenario (every problem is listed with its field path)
  3    degraded: the run ended but lost accepted jobs (their ids are in the result's outcome)
  130  interrupted (Ctrl-C)
`;
