function versionAtLeast(version: string, major: number, minor: number, patch = 0): boolean {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(version);

  if (!m) {
    return false;
  }
  const [a, b, c] = [Number(m[1]), Number(m[2]), Number(m[3] || 0)];

  return a !== major ? a > major : (b !== minor ? b > minor : c >= patch);
}

/**
 * How a Harvester of this version reads its `cluster-registration-url` setting value (harvester/harvester):
 * - from v1.7.2 (backport; v1.8 and master the same) `pkg/settings/settings_helper.go`
 *   GetClusterRegistrationURLSetting unmarshals `{url, insecureSkipTLSVerify}`; a value that is not
 *   JSON is the URL, fetched with TLS verification skipped;
 * - before (branch v1.4 `pkg/controller/master/setting/register.go`), the value is the URL and the
 *   controller's HTTP client always skips TLS verification; a JSON value is then no URL at all.
 * No admission webhook checks the value: a bad one shows as the controller's failure.
 */
export function parseRegistrationSetting(version: string, value: string): { url: string, insecureSkipTLSVerify: boolean } | { error: string } {
  const text = value.trim();
  const readsJson = versionAtLeast(version, 1, 7, 2);

  if (readsJson && text.startsWith('{')) {
    try {
      const parsed = JSON.parse(text);

      if (typeof parsed?.url === 'string' && parsed.url) {
        return { url: parsed.url, insecureSkipTLSVerify: parsed.insecureSkipTLSVerify === true };
      }
    } catch {
      // not JSON: read as a plain URL below, as Harvester does
    }
  }
  let url: URL;

  try {
    url = new URL(text);
  } catch {
    return { error: `Get "${ text }": unsupported protocol scheme ""${ readsJson ? '' : ' (this Harvester takes a plain URL; the JSON form needs Harvester v1.7.2 or later)' }` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { error: `Get "${ text }": unsupported protocol scheme "${ url.protocol.replace(':', '') }"` };
  }

  return { url: text, insecureSkipTLSVerify: true };
}
