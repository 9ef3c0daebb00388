/** The discrete-event agenda: events by virtual time, ties in the order they were scheduled. */
export class Agenda<E> {
  private heap: Array<{ at: number; n: number; e: E }> = [];
  private n = 0;

  get size(): number {
    return this.heap.length;
  }

  push(at: number, e: E): void {
    const h = this.heap;
    h.push({ at: Math.round(at), n: this.n++, e });
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }

  pop(): { at: number; e: E } | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (!top || !last) return undefined;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.less(l, m)) m = l;
        if (r < h.length && this.less(r, m)) m = r;
        if (m === i) break;
        this.swap(i, m);
        i = m;
      }
    }
    return { at: top.at, e: top.e };
  }

  private less(i: number, j: number): boolean {
    const a = this.heap[i];
    const b = this.heap[j];
    if (!a || !b) return false;
    return a.at < b.at || (a.at === b.at && a.n < b.n);
  }

  private swap(i: number, j: number): void {
    const h = this.heap;
    const a = h[i];
    const b = h[j];
    if (!a || !b) return;
    h[i] = b;
    h[j] = a;
  }
}
