/** Debian's package (no browser download for playwright-core) */
export declare const CHROMIUM: string;
/** Headless, no sandbox (CI and the screenshot scripts run as root), no background traffic. */
export declare const CHROMIUM_ARGS: readonly string[];
