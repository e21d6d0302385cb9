import { describe, expect, it } from 'vitest';
import { localConsoleUrl, localSettings } from '../../scripts/local/defaults';

describe('links in the local system’s mail (issue 21)', () => {
  it('lead to the console on the port the API is served on, not 3000 whatever PORT is', () => {
    const settings = localSettings({ PORT: '3456' });
    expect(localConsoleUrl(settings.host, settings.port)).toBe('http://localhost:3456/console/');
    expect(localConsoleUrl('127.0.0.1', 41234)).toBe('http://localhost:41234/console/');
    expect(localConsoleUrl('192.168.1.20', 3000)).toBe('http://192.168.1.20:3000/console/');
    expect(localConsoleUrl('::1', 3000)).toBe('http://[::1]:3000/console/');
  });

  it('are CONSOLE_URL instead, where it is set', () => {
    const given = localSettings({ PORT: '3456', CONSOLE_URL: 'https://ducha.example.gov.cn/console/' });
    expect(localConsoleUrl(given.host, given.port, given.consoleUrl)).toBe('https://ducha.example.gov.cn/console/');
    const empty = localSettings({ PORT: '3456', CONSOLE_URL: '' });
    expect(localConsoleUrl(empty.host, empty.port, empty.consoleUrl)).toBe('http://localhost:3456/console/');
  });
});
