/**
 * Polls `cond` every few milliseconds until it holds, or fails naming `what` after `ms`: the
 * tests wait for conditions, never for a fixed time.
 */
export async function until(cond: () => boolean | Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const end = performance.now() + ms;
  while (!(await cond())) {
    if (performance.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
