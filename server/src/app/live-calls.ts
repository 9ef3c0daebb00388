import { callSpeech } from '@madoguchi/shared';
import type { VoiceLanguage } from '../ports/voice.js';
import { siteOf, type EngineDeps } from './context.js';

/** the site's latest calls whose words count as live (a display announces each once, a recall again) */
const LIVE_CALLS = 20;

/**
 * Whether `text` is what a display says in `lang` for one of the site's latest calls today: a
 * voice clip of it is rendered before any other text.
 */
export function isLiveCall(deps: EngineDeps, siteId: string, lang: VoiceLanguage, text: string): boolean {
  const site = siteOf(deps, siteId);
  const date = deps.store.siteDay(siteId).businessDate;
  if (date === null) return false;
  return deps.store.recentCalls(siteId, date, LIVE_CALLS).some((call) => {
    const counter = site.counters.find((c) => c.id === call.counterId) ?? { id: call.counterId, name: { ja: call.counterId, en: call.counterId } };
    return callSpeech(call.label, counter)[lang] === text;
  });
}
