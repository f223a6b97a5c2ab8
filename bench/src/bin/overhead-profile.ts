// bench:async-overhead --cpu-prof <file>: the harness's own CPU profile over the measured drain's
// CPU window only (node --cpu-prof would also cover set-up, the warm-up backlog and the raw-core
// phase, which blur what the plumbing costs at saturation). Open the file in Chrome DevTools or
// any .cpuprofile viewer.
import { writeFile } from "node:fs/promises";
import { Session } from "node:inspector/promises";

/** A started profile; `stop` writes it to its file. */
export interface WindowProfile {
  stop(): Promise<void>;
}

/** Starts V8's sampling profiler on this process (100 us interval, as node --cpu-prof). */
export async function startWindowProfile(file: string): Promise<WindowProfile> {
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 100 });
  await session.post("Profiler.start");
  return {
    async stop() {
      const { profile } = await session.post("Profiler.stop");
      session.disconnect();
      await writeFile(file, JSON.stringify(profile));
    },
  };
}
