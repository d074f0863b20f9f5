import { decodeBase64 } from '../../../pkg/harvester-manager/domain';

describe('domain: base64', () => {
  it.each(['', 'c-abcde', 'c-m-4x8vwq7k', 'a', 'ab', 'abc', 'abcd', 'ünïcödé ✓', 'line\nbreak'])('decodes what Buffer encoded: %j', (text) => {
    expect(decodeBase64(Buffer.from(text).toString('base64'))).toBe(text);
  });

  it('accepts missing padding, URL-safe alphabet and line breaks', () => {
    expect(decodeBase64('Yy1hYmNkZQ')).toBe('c-abcde');
    expect(decodeBase64(Buffer.from('??>>').toString('base64url'))).toBe('??>>');
    expect(decodeBase64('Yy1h\nYmNk\r\nZQ==')).toBe('c-abcde');
  });

  it('returns undefined for non-base64 and invalid UTF-8', () => {
    expect(decodeBase64('not base64!')).toBeUndefined();
    expect(decodeBase64('abcde')).toBeUndefined(); // length 5 is impossible
    expect(decodeBase64('/w==')).toBeUndefined(); // 0xff is not UTF-8
    expect(decodeBase64(undefined)).toBeUndefined();
    expect(decodeBase64(null)).toBeUndefined();
  });
});
