// HM_EXTENSION_DIR: `npm start` serves another built extension (a build-pkg output folder, e.g.
// upstream's harvester-manager for the bench) through /v1/uiplugins instead of ours. The folder
// comes from the environment only and is checked before anything starts. (npm start serving it,
// which needs the dashboard build: tests/e2e/extension-dir-serving.test.ts.)
import fs from 'fs';
import os from 'os';
import path from 'path';
import { EXTENSION_DIR_ENV, readExtensionDir } from '../../serve/extension-entry';
import { ServiceProcess } from '../../drivers/service-process';
import { request, startFront, startRecorder } from './support/front';
import {
  API_RANGE, buildOutput, goodPkg, NAME, removeBuildOutputs, SCRIPT, VERSION,
} from './support/extension-dir';

afterAll(removeBuildOutputs);

describe(`integration: ${ EXTENSION_DIR_ENV } chooses the built extension npm start serves`, () => {
  it('reads a build-pkg output: name, version, its catalog annotations and the real folder', () => {
    const dir = buildOutput(goodPkg);

    expect(readExtensionDir(dir)).toEqual({
      name: NAME, version: VERSION, dir: fs.realpathSync(dir), annotations: API_RANGE
    });
    // build-pkg's own package.json ("rancher": true) has no annotations
    expect(readExtensionDir(buildOutput({ ...goodPkg, rancher: true })).annotations).toEqual({});
  });

  it.each([
    ['a folder that is not there', () => path.join(os.tmpdir(), 'hm-no-such-extension'), /not a folder/],
    ['a folder without package.json', () => buildOutput(undefined), /no readable package\.json/],
    ['a name that is a path', () => buildOutput({ ...goodPkg, name: '../../etc' }), /no plain name and version/],
    ['a version that is a path', () => buildOutput({ ...goodPkg, version: '1/../../x' }), /no plain name and version/],
    ['no <name>-<version>.umd.min.js in it', () => buildOutput(goodPkg, { 'other.js': '' }), /no harvester-manager-7\.7\.7\.umd\.min\.js in it/],
  ])('refuses %s', (_what, dir, why) => {
    expect(() => readExtensionDir(dir())).toThrow(why);
  });

  it('the front server announces it in /v1/uiplugins and serves its files, nothing outside the folder', async() => {
    const backend = await startRecorder((_req, res) => res.writeHead(404).end());
    const ext = readExtensionDir(buildOutput(goodPkg));
    const front = await startFront(backend.url, { extension: ext });

    try {
      const index = JSON.parse((await request(`${ front.url }/v1/uiplugins`)).body);

      expect(index.entries[NAME]).toEqual({
        name: NAME, version: VERSION, endpoint: `/v1/uiplugins/${ NAME }/${ VERSION }/plugin`, noCache: true, metadata: API_RANGE
      });
      expect((await request(`${ front.url }${ index.entries[NAME].endpoint }/${ SCRIPT }`)).body).toBe('/* the other extension */');
      for (const escape of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt']) {
        expect((await request(`${ front.url }${ index.entries[NAME].endpoint }${ escape }`)).body).not.toContain('not part of the extension');
      }
    } finally {
      await front.close();
      await backend.close();
    }
  });

  it('npm start stops at once, before building or serving anything, when the folder is not a build', async() => {
    const start = new ServiceProcess('serve/main.ts', { [EXTENSION_DIR_ENV]: buildOutput(goodPkg, {}), PORT: '0' });

    await expect(start.start([/ready in/])).rejects.toThrow(/exited early \(1\): \[start\] HM_EXTENSION_DIR=.*: no harvester-manager-7\.7\.7\.umd\.min\.js in it/);
  }, 60_000);
});
