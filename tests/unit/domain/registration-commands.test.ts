import { spawnSync } from 'child_process';
import {
  applyManifestCommand, insecureApplyManifestCommand, patchRegistrationSettingCommand, registrationArtefacts, registrationTls,
  registrationSettingFormat, registrationSettingJson, registrationUrl, resetRegistrationSettingCommand,
} from '../../../pkg/harvester-manager/domain';
import { token } from './fixtures/rancher';

/**
 * Runs a generated command line in /bin/sh with kubectl and curl replaced by functions that
 * print their argv (to stderr, since a pipe would swallow stdout), so we see exactly what the
 * real tools would receive. Pipeline stages run concurrently: their order is not meaningful.
 */
function argvOf(commandLine: string): string[][] {
  const script = [
    // one write per call, so the two sides of a pipe cannot interleave
    'show() { s="$1"; shift; for a in "$@"; do s="$s$(printf "\\037")$a"; done; printf "%s\\036" "$s" >&2; }',
    'kubectl() { show kubectl "$@"; }',
    'curl() { show curl "$@"; }',
    commandLine,
  ].join('\n');
  const out = spawnSync('/bin/sh', ['-c', script], { encoding: 'utf8' }).stderr;

  return out.split('\x1e').filter(Boolean).map((call) => call.split('\x1f'));
}

const URL = token().manifestUrl as string;

describe('domain: registration-commands', () => {
  describe('registrationUrl', () => {
    it('is the token manifestUrl', () => {
      expect(registrationUrl(token())).toEqual({ ok: true, value: URL });
      expect(URL).toBe('https://rancher.example.com/v3/import/n9x5kd2mq7hb2bfhvm6g8xnq4l4kzz6pw2d9cq6tbrxcptd4s9k2vs_c-abcde.yaml');
    });

    it('explains a missing token', () => {
      expect(registrationUrl(null)).toEqual({ ok: false, error: { key: 'harvesterManager.registration.error.noToken' } });
      expect(registrationUrl(undefined)).toEqual({ ok: false, error: { key: 'harvesterManager.registration.error.noToken' } });
    });

    it('explains a token without manifestUrl (Rancher server-url not set yet)', () => {
      expect(registrationUrl(token('c-abcde', { manifestUrl: '' })))
        .toEqual({ ok: false, error: { key: 'harvesterManager.registration.error.noManifestUrl', args: { id: 'c-abcde:default-token' } } });
    });

    it('passes URL errors through', () => {
      expect(registrationUrl(token('c-abcde', { manifestUrl: 'ftp://x/y' }))).toEqual({ ok: false, error: { key: 'harvesterManager.url.error.scheme', args: { scheme: 'ftp' } } });
      expect(registrationUrl(token('c-abcde', { manifestUrl: 'https://x/y z' }))).toEqual({ ok: false, error: { key: 'harvesterManager.url.error.unsafeCharacters' } });
      expect(registrationUrl(token('c-abcde', { manifestUrl: '/v3/import/x.yaml' })).ok).toBe(false);
    });
  });

  describe('setting value (Harvester ≥ v1.7.2)', () => {
    it('is JSON with url first and insecureSkipTLSVerify false by default', () => {
      expect(registrationSettingJson(URL)).toBe(`{"url":"${ URL }","insecureSkipTLSVerify":false}`);
      expect(registrationSettingJson(URL, true)).toBe(`{"url":"${ URL }","insecureSkipTLSVerify":true}`);
      expect(JSON.parse(registrationSettingJson('https://r/x?a="b"'))).toEqual({ url: 'https://r/x?a="b"', insecureSkipTLSVerify: false });
    });

    it('setting format follows the Harvester version', () => {
      expect(registrationSettingFormat('v1.7.1')).toBe('plain');
      expect(registrationSettingFormat('v1.7.2')).toBe('json'); // the backport
      expect(registrationSettingFormat('v1.8.0')).toBe('json');
      expect(registrationSettingFormat('v1.8.0-rc2')).toBe('json');
      expect(registrationSettingFormat(undefined)).toBeUndefined();
      expect(registrationSettingFormat('master-head')).toBeUndefined();
    });
  });

  describe('commands', () => {
    it('kubectl apply matches what Rancher prints for an ordinary URL', () => {
      expect(applyManifestCommand(URL)).toBe(token().command);
    });

    it('the insecure variant matches Rancher for an ordinary URL', () => {
      expect(insecureApplyManifestCommand(URL)).toBe(`curl --insecure -sfL ${ URL } | kubectl apply -f -`);
      expect(insecureApplyManifestCommand(URL)).toBe(token().insecureCommand);
    });

    it('quotes URLs with shell metacharacters, so the tools get them verbatim', () => {
      const nasty = "https://rancher.example.com/v3/import/a_c-1.yaml?x=$(id)&y=`id`;z='q'";

      expect(argvOf(applyManifestCommand(nasty))).toEqual([['kubectl', 'apply', '-f', nasty]]);
      expect(argvOf(insecureApplyManifestCommand(nasty)).sort()).toEqual([
        ['curl', '--insecure', '-sfL', nasty],
        ['kubectl', 'apply', '-f', '-'],
      ]);
    });

    it('kubectl patch carries the value as JSON in one argument', () => {
      const cmd = patchRegistrationSettingCommand(URL);

      expect(cmd).toBe(`kubectl patch settings.harvesterhci.io cluster-registration-url --type merge -p '{"value":"${ URL }"}'`);

      const [argv] = argvOf(cmd);

      expect(argv.slice(0, 7)).toEqual(['kubectl', 'patch', 'settings.harvesterhci.io', 'cluster-registration-url', '--type', 'merge', '-p']);
      expect(JSON.parse(argv[7])).toEqual({ value: URL });
    });

    it('the v1.8 patch nests the JSON setting value as a string', () => {
      const [argv] = argvOf(patchRegistrationSettingCommand(registrationSettingJson(URL, true)));
      const body = JSON.parse(argv[7]);

      expect(typeof body.value).toBe('string');
      expect(JSON.parse(body.value)).toEqual({ url: URL, insecureSkipTLSVerify: true });
    });

    it('survives single quotes in the value', () => {
      const value = "https://r.example.com/x?it's=1";
      const [argv] = argvOf(patchRegistrationSettingCommand(value));

      expect(JSON.parse(argv[7])).toEqual({ value });
    });

    it('reset clears the setting', () => {
      const [argv] = argvOf(resetRegistrationSettingCommand());

      expect(argv[0]).toBe('kubectl');
      expect(argv[1]).toBe('patch');
      expect(JSON.parse(argv[7])).toEqual({ value: '' });
    });
  });

  describe('registrationArtefacts', () => {
    it('builds everything from a token', () => {
      const r = registrationArtefacts(token());

      expect(r.ok).toBe(true);
      if (!r.ok) {
        return;
      }
      expect(r.value).toEqual({
        url:                  URL,
        settingValue:         `{"url":"${ URL }","insecureSkipTLSVerify":false}`,
        settingValueInsecure: `{"url":"${ URL }","insecureSkipTLSVerify":true}`,
        applyCommand:         `kubectl apply -f ${ URL }`,
        insecureApplyCommand: `curl --insecure -sfL ${ URL } | kubectl apply -f -`,
        patchCommands:        {
          plain:        patchRegistrationSettingCommand(URL),
          json:         patchRegistrationSettingCommand(`{"url":"${ URL }","insecureSkipTLSVerify":false}`),
          jsonInsecure: patchRegistrationSettingCommand(`{"url":"${ URL }","insecureSkipTLSVerify":true}`),
        },
        settingFormat:           undefined,
        recommendedPatchCommand: undefined,
        tls:                     'verify',
      });
    });

    it('with a Rancher CA of its own (cacerts set), recommends the variants that skip TLS verification', () => {
      expect(registrationTls('-----BEGIN CERTIFICATE-----\nMIIB…\n-----END CERTIFICATE-----')).toBe('skip-verify');
      expect([registrationTls(''), registrationTls('  '), registrationTls(undefined), registrationTls(null)]).toEqual(['verify', 'verify', 'verify', 'verify']);
      const v18 = registrationArtefacts(token(), 'v1.8.0', 'skip-verify');
      const v14 = registrationArtefacts(token(), 'v1.4.1', 'skip-verify');

      expect(v18.ok && v18.value).toMatchObject({ tls: 'skip-verify', recommendedPatchCommand: patchRegistrationSettingCommand(registrationSettingJson(URL, true)) });
      // before v1.7.2 the plain URL is always fetched without verification: it is the one to use either way
      expect(v14.ok && v14.value.recommendedPatchCommand).toBe(patchRegistrationSettingCommand(URL));
    });

    it('recommends the patch that fits the Harvester version', () => {
      const v17 = registrationArtefacts(token(), 'v1.7.1');
      const v18 = registrationArtefacts(token(), 'v1.8.0');

      expect(v17.ok && v17.value.settingFormat).toBe('plain');
      expect(v17.ok && v17.value.recommendedPatchCommand).toBe(patchRegistrationSettingCommand(URL));
      expect(v18.ok && v18.value.settingFormat).toBe('json');
      expect(v18.ok && v18.value.recommendedPatchCommand).toBe(patchRegistrationSettingCommand(registrationSettingJson(URL)));
    });

    it('returns the error instead of half-built commands', () => {
      expect(registrationArtefacts(null)).toEqual({ ok: false, error: { key: 'harvesterManager.registration.error.noToken' } });
      expect(registrationArtefacts(token('c-1', { manifestUrl: 'https://x/\nkubectl delete ns cattle-system' })).ok).toBe(false);
    });

    it('never produces a kubectl delete', () => {
      const r = registrationArtefacts(token(), 'v1.8.0');
      const texts = r.ok ? [r.value.applyCommand, r.value.insecureApplyCommand, ...Object.values(r.value.patchCommands)] : [];

      expect(texts).toHaveLength(5);
      texts.forEach((t) => expect(t).not.toMatch(/delete/));
    });

    it('builds its own commands instead of echoing the token ones', () => {
      const r = registrationArtefacts(token('c-abcde', { command: 'kubectl delete -f x', insecureCommand: 'rm -rf /' }));

      expect(r.ok && r.value.applyCommand).toBe(`kubectl apply -f ${ URL }`);
      expect(r.ok && r.value.insecureApplyCommand).toBe(`curl --insecure -sfL ${ URL } | kubectl apply -f -`);
    });
  });
});
