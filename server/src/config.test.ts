import { describe, expect, it } from 'vitest';
import { loadInstallation, readSettings, SettingsError } from './config.js';

describe('readSettings()', () => {
  it('applies the defaults of api.md', () => {
    const s = readSettings({}, '/srv/madoguchi');
    expect(s).toMatchObject({ port: 3000, host: '0.0.0.0', dataDir: '/srv/madoguchi/data', configPath: undefined });
  });

  it('names the variable of a bad value', () => {
    expect(() => readSettings({ PORT: 'eighty' })).toThrow(/PORT: "eighty"/);
    expect(() => readSettings({ MANUAL_CLOCK: 'yesterday' })).toThrow(SettingsError);
  });
});

describe('loadInstallation()', () => {
  it('PUBLIC_URL overrides the address printed in QR codes; the sample office follows PORT', () => {
    const s = readSettings({ PORT: '3222' }, '/tmp');
    expect(loadInstallation(s, {}).publicUrl).toBe('http://localhost:3222');
    expect(loadInstallation(s, { PUBLIC_URL: 'https://madoguchi.city.example.jp/' }).publicUrl).toBe('https://madoguchi.city.example.jp');
    expect(() => loadInstallation(s, { PUBLIC_URL: 'ftp://x' })).toThrow(SettingsError);
  });
});
