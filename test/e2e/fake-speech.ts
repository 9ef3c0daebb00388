/**
 * A stand-in for the Web Speech API, run in the page before its scripts (the test's TypeScript
 * has no DOM, so in-page code is given as text): it offers the given voices, records each
 * utterance in `window.__spoken` and ends it at once.
 */
export const fakeSpeech = (voices: Array<{ lang: string; name: string }>): string => `
  window.__spoken = [];
  const voices = ${JSON.stringify(voices)}.map((v) => ({ ...v, voiceURI: v.name, localService: true, default: false }));
  Object.defineProperty(window, 'speechSynthesis', {
    configurable: true,
    value: {
      speaking: false, pending: false, paused: false, onvoiceschanged: null,
      getVoices: () => voices,
      speak(u) {
        window.__spoken.push({ text: u.text, lang: u.lang });
        setTimeout(() => u.dispatchEvent(new Event('end')), 5);
      },
      cancel() {}, pause() {}, resume() {},
      addEventListener() {}, removeEventListener() {}, dispatchEvent: () => true,
    },
  });
`;

/** a Japanese and an English voice, as a signage PC with both installed offers */
export const JA_EN = [
  { lang: 'ja-JP', name: 'stand-in Japanese' },
  { lang: 'en-US', name: 'stand-in English' },
];
