/**
 * The LINE codes this tab was given, by alert id: the server answers a code once, at the sign-up,
 * and lists the alert without it (an unbound code is all it takes to bind), so the page keeps it
 * in the tab's sessionStorage to show it again after a reload until the code is sent. The code
 * names no one; it is useless once bound, and the server forgets it with the ticket.
 */
export interface LineCode {
  code: string;
  /** opens the chat with the official account, the code filled in */
  url: string;
}

const keyOf = (token: string): string => `madoguchi.line-codes.${token}`;

function read(token: string): Record<string, LineCode> {
  try {
    const raw = window.sessionStorage.getItem(keyOf(token));
    return raw ? (JSON.parse(raw) as Record<string, LineCode>) : {};
  } catch {
    return {};
  }
}

/** An immutable view of the tab's codes (a React state); every change is written through. */
export class LineCodes {
  private readonly codes: Record<string, LineCode>;

  constructor(
    private readonly token: string,
    codes?: Record<string, LineCode>,
  ) {
    this.codes = codes ?? read(token);
  }

  get(id: number): LineCode | undefined {
    return this.codes[String(id)];
  }

  with(id: number, code: LineCode): LineCodes {
    return this.saved({ ...this.codes, [String(id)]: code });
  }

  without(id: number): LineCodes {
    return this.keepOnly(Object.keys(this.codes).map(Number).filter((x) => x !== id));
  }

  /** Forgets the codes of alerts that are bound or gone. */
  keepOnly(ids: readonly number[]): LineCodes {
    const kept = Object.fromEntries(Object.entries(this.codes).filter(([id]) => ids.includes(Number(id))));
    return Object.keys(kept).length === Object.keys(this.codes).length ? this : this.saved(kept);
  }

  private saved(codes: Record<string, LineCode>): LineCodes {
    try {
      if (Object.keys(codes).length === 0) window.sessionStorage.removeItem(keyOf(this.token));
      else window.sessionStorage.setItem(keyOf(this.token), JSON.stringify(codes));
    } catch {
      // storage refused: the code shows until the tab is reloaded
    }
    return new LineCodes(this.token, codes);
  }
}
