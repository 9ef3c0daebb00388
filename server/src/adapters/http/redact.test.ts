import { describe, expect, it } from 'vitest';
import { redactUrl } from './app.js';

describe('redactUrl()', () => {
  it('hides device tokens and phone-page tokens, keeps the rest', () => {
    expect(redactUrl('/kiosk/?token=dev_abc123&lang=en')).toBe('/kiosk/?token=[redacted]&lang=en');
    expect(redactUrl('/t/Zx9_secret')).toBe('/t/[redacted]');
    expect(redactUrl('/api/v1/tickets/Zx9_secret')).toBe('/api/v1/tickets/[redacted]');
    expect(redactUrl('/api/v1/sites/naka/status')).toBe('/api/v1/sites/naka/status');
    // a booking's token opens (and cancels) it
    expect(redactUrl('/b/Bk7_secret')).toBe('/b/[redacted]');
    expect(redactUrl('/api/v1/bookings/Bk7_secret')).toBe('/api/v1/bookings/[redacted]');
  });
});
