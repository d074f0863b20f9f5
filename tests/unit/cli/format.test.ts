import {
  formatAge, formatDuration, formatSize, parseDuration, parseLabels, parseSize,
} from '../../../cli/format';
import { CliError, EXIT } from '../../../cli/errors';

describe('cli: format', () => {
  describe('parseDuration', () => {
    it.each([
      ['90s', 90_000], ['5m', 300_000], ['1h30m', 5_400_000], ['250ms', 250], ['1.5s', 1500], ['30', 30_000], [' 2m ', 120_000],
    ])('%s → %d ms', (text, ms) => {
      expect(parseDuration(text)).toBe(ms);
    });

    it.each(['', 'soon', '5 m', '5x', 'm5', '-1s', '1h-2m'])('rejects %j as a usage error naming the option', (text) => {
      try {
        parseDuration(text, '--interval');
        throw new Error('no error');
      } catch (e) {
        expect(e).toBeInstanceOf(CliError);
        expect((e as CliError).exitCode).toBe(EXIT.USAGE);
        expect((e as CliError).message).toContain('--interval');
        expect((e as CliError).fix).toContain('90s');
      }
    });
  });

  describe('formatAge', () => {
    const now = Date.parse('2024-03-10T12:00:00Z');

    it.each([
      ['2024-03-10T11:59:15Z', '45s'],
      ['2024-03-10T11:58:01Z', '119s'],
      ['2024-03-10T11:48:00Z', '12m'],
      ['2024-03-10T07:00:00Z', '5h'],
      ['2024-03-07T12:00:00Z', '3d'],
      ['2021-03-10T12:00:00Z', '3y'],
      ['2024-03-10T12:00:05Z', '0s'],
    ])('%s → %s', (from, age) => {
      expect(formatAge(from, now)).toBe(age);
    });

    it('is "-" without a usable timestamp', () => {
      expect(formatAge(undefined, now)).toBe('-');
      expect(formatAge('yesterday', now)).toBe('-');
    });
  });

  describe('parseSize / formatSize', () => {
    it.each([
      ['64Mi', 64 * 1024 ** 2], ['512Ki', 512 * 1024], ['1Gi', 1024 ** 3], ['1000', 1000], [' 2Mi ', 2 * 1024 ** 2],
    ])('%s → %d bytes', (text, bytes) => {
      expect(parseSize(text, '--max-response-size')).toBe(bytes);
    });

    it.each(['', '0', '64MB', '64 Mi', '1.5Mi', '-1', 'lots', '99999999999999Gi'])('rejects %j as a usage error naming the option', (text) => {
      expect(() => parseSize(text, '--max-response-size')).toThrow(expect.objectContaining({
        exitCode: EXIT.USAGE, message: `--max-response-size "${ text }" is not a size.`, fix: expect.stringContaining('64Mi'),
      }));
    });

    it('formats bytes in binary units', () => {
      expect([64 * 1024 ** 2, 1536, 1024 ** 3, 900].map(formatSize)).toEqual(['64 MiB', '1.5 KiB', '1 GiB', '900 bytes']);
    });
  });

  it('formatDuration', () => {
    expect(formatDuration(400)).toBe('0s');
    expect(formatDuration(59_000)).toBe('59s');
    expect(formatDuration(60_000)).toBe('1m');
    expect(formatDuration(90_000)).toBe('1m30s');
    expect(formatDuration(600_000)).toBe('10m');
  });

  describe('parseLabels', () => {
    it('reads key=value pairs, prefixed keys and empty values', () => {
      expect(parseLabels(['team=virt', 'example.com/env=lab', 'empty=', 'a_b.c=x-y'])).toEqual({
        team: 'virt', 'example.com/env': 'lab', empty: '', 'a_b.c': 'x-y',
      });
      expect(parseLabels([])).toEqual({});
    });

    it('reports every bad label at once, as a usage error', () => {
      try {
        parseLabels(['novalue', '=x', 'Bad Prefix/x=y', 'ok=fine', 'k=-bad', `long=${ 'x'.repeat(64) }`]);
        throw new Error('no error');
      } catch (e) {
        const err = e as CliError;

        expect(err.exitCode).toBe(EXIT.USAGE);
        expect(err.details).toHaveLength(5);
        expect(err.details[0]).toContain('"novalue": write it as key=value');
        expect(err.details[2]).toContain('Label "Bad Prefix/x": its prefix "Bad Prefix" must be a DNS subdomain');
        expect(err.details[3]).toBe('Label "k": the value "-bad" must be empty or 1-63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit.');
      }
    });
  });
});
