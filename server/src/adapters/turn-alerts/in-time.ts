/**
 * `work`'s answer, or 'timeout' when none came within `ms`. LINE's SDK has no timeout of its own:
 * a LINE that never answers must hold neither the delivery worker nor a webhook's chat reply.
 * A late rejection of `work` is caught, so that it never goes unhandled.
 */
export async function inTime<T>(work: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
    timer.unref();
  });
  work.catch(() => undefined);
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
