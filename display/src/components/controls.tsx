import { useState } from 'react';
import type { SoundSettings } from '../settings';
import { bilingual, type Bilingual } from '../text';
import { Both } from './bilingual';

/** The discreet "connection lost" note; the page reconnects by itself. */
export function Offline() {
  return (
    <div className="offline" role="status" data-testid="offline">
      <Both text={bilingual('offline')} />
    </div>
  );
}

/** The browser will not play sound until someone touches the screen once (its autoplay policy). */
export function SoundBlocked() {
  return (
    <div className="offline sound-blocked" role="status" data-testid="sound-blocked">
      <Both text={bilingual('soundBlocked')} />
    </div>
  );
}

function Toggle({ label, on, onChange, name }: { label: Bilingual; on: boolean; onChange: (on: boolean) => void; name: string }) {
  const state = bilingual(on ? 'on' : 'off');
  return (
    <button type="button" className="toggle" aria-pressed={on} data-setting={name} onClick={() => onChange(!on)}>
      <Both text={label} />
      <span className="toggle-state">{`${state.ja} / ${state.second}`}</span>
    </button>
  );
}

/** A loudspeaker, crossed out when muted (an SVG: signage players rarely have an emoji font). */
function SpeakerIcon({ muted }: { muted: boolean }) {
  return (
    <svg className="sound-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d="M3 9h4l5-4v14l-5-4H3z" fill="currentColor" />
      {muted ? (
        <path d="M16 9l6 6M22 9l-6 6" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      ) : (
        <path d="M16 8.5a5 5 0 0 1 0 7M18.5 6a8.5 8.5 0 0 1 0 12" stroke="currentColor" strokeWidth="2" fill="none" strokeLinecap="round" />
      )}
    </svg>
  );
}

/** A small corner control: chime and voice on or off for this display. */
export function SoundControl({ value, onChange }: { value: SoundSettings; onChange: (patch: Partial<SoundSettings>) => void }) {
  const [open, setOpen] = useState(false);
  const muted = !value.chime && !value.voice;
  const sound = bilingual('sound');
  return (
    <div className={`sound${open ? ' sound-open' : ''}`} data-testid="sound">
      <button type="button" className="sound-button" aria-expanded={open} aria-controls="sound-panel" onClick={() => setOpen(!open)}>
        <SpeakerIcon muted={muted} />
        <span className="visually-hidden">
          {sound.ja} {sound.second}
        </span>
      </button>
      {open && (
        <div id="sound-panel" className="sound-panel" role="group" aria-label={`${sound.ja} ${sound.second}`}>
          <Toggle name="chime" label={bilingual('chime')} on={value.chime} onChange={(chime) => onChange({ chime })} />
          <Toggle name="voice" label={bilingual('voice')} on={value.voice} onChange={(voice) => onChange({ voice })} />
        </div>
      )}
    </div>
  );
}
