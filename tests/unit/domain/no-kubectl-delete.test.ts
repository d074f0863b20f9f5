// Reliability matrix (docs/reliability.md), delete safety: the `kubectl delete -f <manifest>`
// path (which deletes cattle-system on Harvester) is never generated or offered. The only place
// the words may appear is the warning text under the `noKubectlDelete` message key.
import { readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';
import * as domain from '../../../pkg/harvester-manager/domain';
import {
  activeHarvester, adminSchemas, pendingHarvester, rke2Cluster, token,
} from './fixtures/rancher';

const ROOT = join(__dirname, '../../..');
const KUBECTL_DELETE = /kubectl\s+delete|['"`]delete['"`]\s*,\s*['"`]-f['"`]|delete\s+-f\b/i;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);

    // built output (cli/dist bundles the l10n texts, whose warnings name the command) is not source
    if (name === 'node_modules' || name === 'l10n' || name === 'dist') {
      return [];
    }
    if (statSync(path).isDirectory()) {
      return sourceFiles(path);
    }

    return /\.(ts|js|vue)$/.test(name) ? [path] : [];
  });
}

/** Source without comments (comments may explain the danger; code must not produce it). */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1').replace(/<!--[\s\S]*?-->/g, '');
}

describe('domain: the kubectl delete -f path is never generated', () => {
  it.each(['pkg/harvester-manager', 'cli'])('no code under %s builds a kubectl delete (comments aside)', (dir) => {
    const files = sourceFiles(join(ROOT, dir));
    const offenders = files.filter((f) => KUBECTL_DELETE.test(code(readFileSync(f, 'utf8'))));

    expect(files.length).toBeGreaterThan(5);
    expect(offenders.map((f) => f.slice(ROOT.length + 1))).toEqual([]);
  });

  it('the only translations that mention it are the noKubectlDelete warnings', () => {
    for (const locale of ['en-us', 'zh-hans']) {
      const lines = readFileSync(join(ROOT, 'pkg/harvester-manager/l10n', `${ locale }.yaml`), 'utf8').split('\n').filter((l) => KUBECTL_DELETE.test(l));

      expect(lines.length).toBeGreaterThan(0);
      lines.forEach((l) => expect(l.trim()).toMatch(/^noKubectlDelete:/));
    }
  });

  it('no exported domain function returns text with a kubectl delete, whatever it is fed', async() => {
    const t = token();
    const inputs: unknown[][] = [
      [],
      [t],
      [t, 'v1.8.0'],
      [t, 'v1.2.0'],
      [t.manifestUrl],
      [t.manifestUrl, 'v1.8.0'],
      [t.manifestUrl, true],
      [[activeHarvester('harv-prod', 'c-aaaaa'), pendingHarvester('harv-new', 'c-bbbbb')]],
      [[activeHarvester()], { tokens: [t] }],
      [activeHarvester()],
      [pendingHarvester()],
      [rke2Cluster()],
      [adminSchemas()],
    ];
    const seen: string[] = [];
    let calls = 0;

    for (const [name, fn] of Object.entries(domain)) {
      if (typeof fn !== 'function' || /^[A-Z]/.test(name)) {
        continue; // classes (caches with timers) are not text builders
      }
      for (const args of inputs) {
        try {
          let out = (fn as (...a: unknown[]) => unknown)(...args);

          if (out && typeof (out as Promise<unknown>).then === 'function') {
            out = await Promise.race([(out as Promise<unknown>).catch((e) => e), new Promise((resolve) => setTimeout(resolve, 20))]);
          }
          calls++;
          const text = JSON.stringify(out) ?? String(out);

          if (KUBECTL_DELETE.test(text) && !/"key":"harvesterManager\.[\w.]*noKubectlDelete"/.test(text)) {
            seen.push(`${ name }(${ args.length } args): ${ text.slice(0, 200) }`);
          }
        } catch {
          // wrong input shape for this function: nothing generated
        }
      }
    }
    expect(calls).toBeGreaterThan(50);
    expect(seen).toEqual([]);
  });

  it('the delete plan warns against it by message key, and plans only Rancher API removals', () => {
    const plan = domain.planDelete([activeHarvester('harv-prod', 'c-aaaaa')]);
    const text = JSON.stringify(plan);

    expect(text).toContain('noKubectlDelete');
    expect(text).not.toMatch(/kubectl\s+delete/i);
  });
});
