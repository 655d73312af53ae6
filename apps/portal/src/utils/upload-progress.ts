/**
 * Speed and time left for an upload, over the last few seconds (a whole-upload average would hide
 * a connection that just slowed down or recovered).
 */
export function createRateMeter(windowMs = 5000) {
  let samples: Array<{ at: number; bytes: number }> = [];
  return {
    sample(bytesSent: number, bytesTotal: number, at = Date.now()) {
      samples.push({ at, bytes: bytesSent });
      samples = samples.filter((s) => at - s.at <= windowMs);
      const first = samples[0]!;
      const elapsed = (at - first.at) / 1000;
      const bytesPerSecond = elapsed > 0.2 ? Math.max(0, (bytesSent - first.bytes) / elapsed) : 0;
      const remainingSeconds = bytesPerSecond > 0 ? Math.ceil((bytesTotal - bytesSent) / bytesPerSecond) : null;
      return { bytesPerSecond, remainingSeconds };
    },
    /** After a pause: the gap must not count as slow sending. */
    reset() {
      samples = [];
    },
  };
}

export const formatSpeed = (bytesPerSecond: number) => `${(bytesPerSecond / (1024 * 1024)).toFixed(bytesPerSecond >= 10 * 1024 * 1024 ? 0 : 1)} MB/s`;
