/**
 * Accessibility checks in the browser tests: axe-core with the WCAG 2.1 A and AA rules, run in
 * the page as it stands. Serious and critical violations fail the test; the others are the
 * page's business to improve. The script is evaluated through the DevTools protocol, which the
 * pages' content security policy (script-src 'self') does not block, so the pages are checked
 * with their real headers.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[] }>;
}

/** The serious and critical WCAG 2.1 A/AA violations on the page now, one line each. */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  // strings: the test files are compiled without the DOM's types
  const loaded = await page.evaluate<boolean>('typeof window.axe === "object"');
  if (!loaded) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate<AxeViolation[]>(`window.axe
    .run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] })
    .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })))`);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => JSON.stringify(n.target)).slice(0, 3).join(', ')})`);
}

/** Fails the test with the list when the page has a serious or critical violation. */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  expect(await seriousA11yViolations(page), `axe-core on ${where}`).toEqual([]);
}
