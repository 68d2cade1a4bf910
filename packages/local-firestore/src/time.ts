import type { Timestamp } from "./types.js";

/** Microseconds since the epoch: Firestore's commit-time precision. */
export type Micros = bigint;

const MICROS_PER_SECOND = 1_000_000n;

export function toTimestamp(t: Micros): Timestamp {
  return { seconds: (t / MICROS_PER_SECOND).toString(), nanos: Number(t % MICROS_PER_SECOND) * 1000 };
}

export function fromTimestamp(ts: Timestamp): Micros {
  return BigInt(ts.seconds ?? "0") * MICROS_PER_SECOND + BigInt(Math.floor((ts.nanos ?? 0) / 1000));
}

export function toIso(t: Micros): string {
  const millis = Number(t / 1000n);
  const micros = String(t % MICROS_PER_SECOND).padStart(6, "0");
  return new Date(millis).toISOString().replace(/\.\d{3}Z$/, `.${micros}Z`);
}

export function fromIso(iso: string): Micros {
  const match = /^(.*T\d\d:\d\d:\d\d)\.(\d{6})Z$/.exec(iso);
  if (!match?.[1] || !match[2]) throw new Error(`Not a microsecond ISO timestamp: ${iso}`);
  return BigInt(Date.parse(`${match[1]}Z`) / 1000) * MICROS_PER_SECOND + BigInt(match[2]);
}

function wallClockMicros(): Micros {
  return BigInt(Math.floor((performance.timeOrigin + performance.now()) * 1000));
}

/**
 * Hands out read and commit times. Every commit time is unique and later than any time handed out
 * before it, so a read at time T can never be joined by a commit stamped T afterwards.
 */
export class Clock {
  private last: Micros = 0n;

  readTime(): Micros {
    const now = wallClockMicros();
    if (now > this.last) this.last = now;
    return this.last;
  }

  commitTime(): Micros {
    const now = wallClockMicros();
    this.last = now > this.last ? now : this.last + 1n;
    return this.last;
  }

  /** Keeps commit times monotonic across a restart that loads documents saved by a faster clock. */
  advanceTo(t: Micros): void {
    if (t > this.last) this.last = t;
  }
}
