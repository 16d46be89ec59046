/**
 * The emulator's clock: virtual time that runs `scale` times faster than real time, plus whatever
 * a test adds with `advance`. A boot of 60 virtual seconds takes 60 real milliseconds at scale 1000,
 * so no test waits for real minutes, and the action under test polls with a small real interval.
 */
export class VirtualClock {
  private realStart = performance.now();
  private base: number;
  private scale: number;

  constructor(options: { start?: number; scale?: number } = {}) {
    this.base = options.start ?? Date.UTC(2025, 2, 3, 9, 0, 0);
    this.scale = options.scale ?? 1000;
  }

  now(): number {
    return Math.floor(this.base + (performance.now() - this.realStart) * this.scale);
  }

  /** Jumps forward by `ms` virtual milliseconds. */
  advance(ms: number): void {
    this.base += ms;
  }

  /** Changes the speed from now on, without a jump. */
  setScale(scale: number): void {
    const now = this.now();
    this.realStart = performance.now();
    this.base = now;
    this.scale = scale;
  }
}
