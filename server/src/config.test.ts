import { describe, expect, it } from 'vitest';
import { loadInstallation, readSettings, SettingsError } from './config.js';

describe('readSettings(): turn-near alerts', () => {
  it('offers nothing beyond Web Push by default, and reads the channels’ settings', () => {
    expect(readSettings({}).turnAlerts).toEqual({
      smtpUrl: undefined,
      mailFrom: undefined,
      lineChannelSecret: undefined,
      lineChannelAccessToken: undefined,
      lineApiBase: 'https://api.line.me',
      lineAddUrl: undefined,
      pushAllowedHosts: [],
      vapidSubject: undefined,
      vapidPublicKey: undefined,
      vapidPrivateKey: undefined,
    });
    const s = readSettings({
      SMTP_URL: 'smtp://relay:25',
      MAIL_FROM: 'madoguchi@city.example',
      LINE_API_BASE: 'http://127.0.0.1:9999/',
      LINE_ADD_URL: 'https://line.me/R/oaMessage/@madoguchi/?',
      PUSH_ALLOWED_HOSTS: ' Push.City.Example ,127.0.0.1:4443',
    }).turnAlerts;
    expect(s.smtpUrl).toBe('smtp://relay:25');
    expect(s.lineApiBase).toBe('http://127.0.0.1:9999');
    expect(s.pushAllowedHosts).toEqual(['push.city.example', '127.0.0.1:4443']);
  });

  it('refuses settings that cannot work', () => {
    expect(() => readSettings({ SMTP_URL: 'http://relay' })).toThrow(/SMTP_URL/);
    expect(() => readSettings({ PUSH_ALLOWED_HOSTS: 'https://x' })).toThrow(/PUSH_ALLOWED_HOSTS/);
    expect(() => readSettings({ VAPID_PUBLIC_KEY: 'abc' })).toThrow(/VAPID_PRIVATE_KEY/);
    expect(() => readSettings({ LINE_ADD_URL: 'line.me' })).toThrow(/LINE_ADD_URL/);
  });
});

describe('readSettings()', () => {
  it('applies the defaults of docs/api.md', () => {
    const s = readSettings({}, '/srv/madoguchi');
    expect(s).toMatchObject({ port: 3000, host: '0.0.0.0', dataDir: '/srv/madoguchi/data', configPath: undefined });
  });

  it('names the variable of a bad value', () => {
    expect(() => readSettings({ PORT: 'eighty' })).toThrow(/PORT: "eighty"/);
    expect(() => readSettings({ MANUAL_CLOCK: 'yesterday' })).toThrow(SettingsError);
  });
});

describe('TRUST_PROXY', () => {
  it('is a number of proxy hops, a list of proxy addresses or CIDRs, or nothing', () => {
    expect(readSettings({}).trustProxy).toBe(false);
    expect(readSettings({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(readSettings({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(readSettings({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(readSettings({ TRUST_PROXY: '10.0.0.1, 127.0.0.1,192.168.0.0/16' }).trustProxy).toEqual(['10.0.0.1', '127.0.0.1', '192.168.0.0/16']);
    expect(readSettings({ TRUST_PROXY: 'loopback' }).trustProxy).toEqual(['loopback']);
  });

  it('refuses "true", which trusted whatever X-Forwarded-For a client sent, and names a bad address', () => {
    expect(() => readSettings({ TRUST_PROXY: 'true' })).toThrow(SettingsError);
    expect(() => readSettings({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY=1/);
    expect(() => readSettings({ TRUST_PROXY: '10.0.0.1,proxy.example' })).toThrow(/TRUST_PROXY: "proxy.example"/);
    expect(() => readSettings({ TRUST_PROXY: '10.0.0.0/99' })).toThrow(SettingsError);
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
