import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DeleteBatcher } from "../../src/stack/delete-batcher.js";

describe("DeleteBatcher", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const recording = () => {
    const sent: number[][] = [];
    const batcher = new DeleteBatcher<number>(async (batch) => {
      sent.push([...batch]);
    }, 50);
    return { sent, batcher };
  };

  it("sends full groups of 10 at once across adds, and the rest after the delay", async () => {
    // Prepare
    const { sent, batcher } = recording();

    // Act
    batcher.add([1, 2, 3]);
    batcher.add([4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const beforeDelay = sent.map((b) => b.length);
    await vi.advanceTimersByTimeAsync(49);
    const justBefore = sent.length;
    await vi.advanceTimersByTimeAsync(1);

    // Assess
    expect(beforeDelay).toEqual([10]);
    expect(justBefore).toBe(1);
    expect(sent).toEqual([
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      [11, 12],
    ]);
  });

  it("flush sends what waits at once and resolves after every send in flight", async () => {
    // Prepare
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const sent: number[] = [];
    const batcher = new DeleteBatcher<number>(async (batch) => {
      await gate;
      sent.push(...batch);
    }, 50);
    batcher.add([1, 2]);

    // Act
    let flushed = false;
    const flushing = batcher.flush().then(() => {
      flushed = true;
    });
    await vi.advanceTimersByTimeAsync(0);
    const flushedBeforeRelease = flushed;
    release();
    await flushing;

    // Assess
    expect(flushedBeforeRelease).toBe(false);
    expect(sent).toEqual([1, 2]);
    await vi.advanceTimersByTimeAsync(100);
    expect(sent).toEqual([1, 2]); // the cleared timer sends nothing twice
  });
});
