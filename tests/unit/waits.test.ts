/**
 * waits.ts: a wait that never ends is ended at its limit, named, and reported while it lasts; the thing
 * it waited on can be stopped (onTimeout). Fake timers: the limits pass without real waiting.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bounded, isTimeout, TimeoutError, Watchdog } from '../../src/waits.js';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const never = () => new Promise<never>(() => {});

describe('bounded', () => {
  it('a promise that never settles rejects at the limit with a TimeoutError naming the wait', async () => {
    const r = bounded(never(), 5000, 'card-fi: printing the PDF');
    const caught = r.catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(4999);
    let settled = false;
    void r.then(() => (settled = true), () => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const e = await caught;
    expect(e).toBeInstanceOf(TimeoutError);
    expect(isTimeout(e)).toBe(true);
    expect((e as Error).message).toBe('card-fi: printing the PDF took longer than 5 s');
  });

  it('calls onTimeout (to kill what hangs) before rejecting; a late failure of the work is not unhandled', async () => {
    let rejectLate!: (e: Error) => void;
    const work = new Promise<never>((_, reject) => (rejectLate = reject));
    const kill = vi.fn(() => rejectLate(new Error('Target closed')));
    const caught = bounded(work, 1000, 'a new browser page', { onTimeout: kill }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(1000);
    expect(kill).toHaveBeenCalledOnce();
    expect(await caught).toBeInstanceOf(TimeoutError);
  });

  it('passes the result of work that finishes in time, and clears its timer', async () => {
    const r = bounded(async () => 42, 1000, 'x');
    await vi.advanceTimersByTimeAsync(0);
    expect(await r).toBe(42);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('Watchdog', () => {
  it('reports a wait once when it has lasted half its limit, and lists open waits longest first', async () => {
    const told: string[] = [];
    const dog = new Watchdog((m) => told.push(m), 10_000);
    const a = bounded(never(), 8000, 'card-en: rasterising page 2', { watchdog: dog }).catch(() => 'ended');
    await vi.advanceTimersByTimeAsync(1000);
    const b = bounded(never(), 60_000, 'the browser to start', { watchdog: dog }).catch(() => 'ended');
    await vi.advanceTimersByTimeAsync(2000);
    expect(told).toEqual([]);
    expect(dog.waiting()).toEqual(['card-en: rasterising page 2 (3 s)', 'the browser to start (2 s)']);
    await vi.advanceTimersByTimeAsync(1000);
    expect(told).toEqual(['still waiting for card-en: rasterising page 2 after 4 s (time limit 8 s)']);
    await vi.advanceTimersByTimeAsync(4000);
    expect(await a).toBe('ended');
    // The long wait is reported at quietMs (10 s), not at half of its 60 s limit.
    await vi.advanceTimersByTimeAsync(2000);
    expect(told).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(told[1]).toBe('still waiting for the browser to start after 10 s (time limit 60 s)');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(await b).toBe('ended');
    expect(dog.waiting()).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
    expect(told).toHaveLength(2);
  });
});
