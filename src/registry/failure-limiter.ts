// Slows down password guessing: after `limit` failed sign-ins for one key (a client address, a user name) within
// a window, further attempts for that key are refused (429 with Retry-After) until the window ends. Checks still
// running count against the limit, so a burst of concurrent guesses cannot slip past it.

export class FailureLimiter {
  private readonly entries = new Map<string, { windowStart: number; failures: number; running: number }>();
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly maxKeys: number;

  constructor(limit: number, windowMs: number, maxKeys = 10_000) {
    this.limit = limit;
    this.windowMs = windowMs;
    this.maxKeys = maxKeys;
  }

  /** Seconds to wait before `key` may try again, or 0 when it may try now. */
  retryAfter(key: string, now = Date.now()): number {
    const entry = this.entries.get(key);
    if (!entry) return 0;
    if (entry.failures > 0 && now - entry.windowStart >= this.windowMs) entry.failures = 0;
    if (entry.failures + entry.running < this.limit) return 0;
    return entry.failures > 0 ? Math.max(1, Math.ceil((entry.windowStart + this.windowMs - now) / 1000)) : 1;
  }

  /** An attempt for `key` starts; call end() with its outcome. */
  begin(key: string): void {
    let entry = this.entries.get(key);
    if (!entry) {
      this.evict();
      entry = { windowStart: 0, failures: 0, running: 0 };
      this.entries.set(key, entry);
    }
    entry.running++;
  }

  end(key: string, failed: boolean, now = Date.now()): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    entry.running = Math.max(0, entry.running - 1);
    if (failed) {
      if (entry.failures === 0 || now - entry.windowStart >= this.windowMs) {
        entry.windowStart = now;
        entry.failures = 0;
      }
      entry.failures++;
    }
    if (entry.failures === 0 && entry.running === 0) this.entries.delete(key);
  }

  /** Bounded memory: drops expired entries, then the oldest idle ones. */
  private evict(now = Date.now()): void {
    if (this.entries.size < this.maxKeys) return;
    for (const [key, entry] of this.entries) {
      if (entry.running === 0 && now - entry.windowStart >= this.windowMs) this.entries.delete(key);
    }
    for (const [key, entry] of this.entries) {
      if (this.entries.size < this.maxKeys) return;
      if (entry.running === 0) this.entries.delete(key);
    }
  }
}
