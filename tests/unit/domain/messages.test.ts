import { readdirSync, readFileSync } from 'fs';
import { join as joinPath } from 'path';
import YAML from 'yaml';
import * as domain from '../../../pkg/harvester-manager/domain';
import type { Message } from '../../../pkg/harvester-manager/domain';
import {
  activeHarvester, adminSchemas, cond, CREATED_MS, guestCluster, normanCredential, pendingHarvester, readOnlySchemas,
  readOnlyView, rke2Cluster, token,
} from './fixtures/rancher';

const DOMAIN = joinPath(__dirname, '../../../pkg/harvester-manager/domain');

interface Row { key: string; args: string[]; en: string; zh: string }

/** The text of a dotted key in one of the extension's l10n files. */
function textIn(lang: string): (key: string) => string {
  const tree = YAML.parse(readFileSync(joinPath(DOMAIN, '../l10n', `${ lang }.yaml`), 'utf8'));

  return (key) => {
    const leaf = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], tree);

    return typeof leaf === 'string' ? leaf : '';
  };
}

/** MESSAGES.md's `| key | args |` rows, with their texts from the l10n files. */
function catalogue(): Row[] {
  const en = textIn('en-us');
  const zh = textIn('zh-hans');

  return readFileSync(joinPath(DOMAIN, 'MESSAGES.md'), 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('| harvesterManager.'))
    .map((l) => {
      const [key, args] = l.split('|').slice(1, -1).map((c) => c.trim());

      return {
        key, args: args ? args.split(',').map((a) => a.trim()) : [], en: en(key), zh: zh(key)
      };
    });
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** Keys written in the sources: full literals and `${ K }.suffix` with a literal K. */
function keysInSources(): Set<string> {
  const keys = new Set<string>();

  for (const file of readdirSync(DOMAIN).filter((f) => f.endsWith('.ts'))) {
    const src = readFileSync(joinPath(DOMAIN, file), 'utf8');
    const prefix = /const K = '([^']+)'/.exec(src)?.[1];

    for (const m of src.matchAll(/'(harvesterManager\.[A-Za-z0-9.]+)'/g)) {
      if (m[1] !== prefix) {
        keys.add(m[1]);
      }
    }
    if (prefix) {
      for (const m of src.matchAll(/`\$\{ K \}\.([A-Za-z0-9.]+)`/g)) {
        keys.add(`${ prefix }.${ m[1] }`);
      }
    }
  }
  // keys composed from ids: enumerate the ids the code exports
  domain.CLUSTER_STATES.forEach((s) => keys.add(`harvesterManager.state.${ s }`));
  domain.TIMELINE_STEPS.forEach((s) => keys.add(`harvesterManager.timeline.step.${ s }`));
  domain.STALL_IDS.forEach((s) => ['cause', 'remedy'].forEach((p) => keys.add(`harvesterManager.timeline.stall.${ s }.${ p }`)));
  domain.API_ERROR_KINDS.forEach((k) => keys.add(`harvesterManager.apiError.${ k }`));

  return keys;
}

/** Every Message object found in a value, however deep. */
function messagesIn(value: unknown, out: Message[] = []): Message[] {
  if (Array.isArray(value)) {
    value.forEach((v) => messagesIn(v, out));
  } else if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;

    if (typeof obj.key === 'string' && obj.key.startsWith('harvesterManager.')) {
      out.push(obj as unknown as Message);
    }
    if (typeof obj.labelKey === 'string') {
      out.push({ key: obj.labelKey });
    }
    if (typeof obj.displayKey === 'string') {
      out.push({ key: obj.displayKey });
    }
    Object.values(obj).forEach((v) => messagesIn(v, out));
  }

  return out;
}

const rancherError = (status: number, code: string) => ({
  type: 'error', status, code, message: `${ code } from Rancher`
});

/** The import sequence through each of its outcomes (it is async, so collected separately). */
async function importOutcomes(): Promise<unknown[]> {
  const ok = {
    createCluster:              async() => ({ id: 'c-x7k2q' }),
    waitForProvisioningCluster: async() => true,
    removeCluster:              async() => undefined,
    ensureRegistrationToken:    async() => undefined,
    saveMembers:                async() => undefined,
  };
  const fail = (err: unknown) => async() => {
    throw err;
  };

  return Promise.all([
    domain.importHarvesterCluster({ name: 'harv1' }, { ...ok, createCluster: fail(rancherError(500, 'ServerError')) }),
    domain.importHarvesterCluster({ name: 'harv1' }, { ...ok, createCluster: async() => ({}) }),
    domain.importHarvesterCluster({ name: 'harv1' }, { ...ok, waitForProvisioningCluster: async() => false }),
    domain.importHarvesterCluster({ name: 'harv1' }, {
      ...ok, waitForProvisioningCluster: async() => false, removeCluster: fail(rancherError(403, 'Forbidden'))
    }),
    domain.importHarvesterCluster({ name: 'harv1' }, {
      ...ok, ensureRegistrationToken: fail(rancherError(403, 'Forbidden')), saveMembers: fail(rancherError(422, 'InvalidFormat'))
    }),
  ]);
}

/** Run the domain through scenarios that reach each message, and collect what it returns. */
function emitted(): Message[] {
  const at = (s: number) => CREATED_MS + s * 1000;
  const tls = pendingHarvester();

  tls.management!.metadata!.state!.message = 'x509: certificate signed by unknown authority';
  const gone = activeHarvester();

  gone.management!.status!.conditions = [cond('Connected', 'False')];
  const removing = activeHarvester();

  removing.provisioning.metadata!.deletionTimestamp = '2024-03-09T00:00:00Z';
  const errored = pendingHarvester();

  errored.management!.metadata!.state = { name: 'x', error: true };
  const waiting = pendingHarvester();

  waiting.management!.metadata!.state = { name: 'waiting' };
  const existing = [{ name: 'harv1', isHarvester: true }, { name: 'do-rke2', isHarvester: false }];
  const names = ['', 'x'.repeat(70), 'a.b', 'Ab', 'a b', 'a_b', '-a', 'a-', 'local', 'harv1', 'do-rke2'];

  return messagesIn([
    names.map((n) => domain.validateClusterName(n, existing)),
    [pendingHarvester(), waiting, activeHarvester(), removing, gone, errored].map((c) => domain.decideClusterState(c)),
    domain.decideClusterState(activeHarvester(), 'v1.2.0'),
    domain.manageDisabledReason(false, null, 'harv1'),
    ['', 'a b', 'ftp://x', 'https://'].map((u) => domain.parseHttpUrl(u)),
    [null, token('c-1', { manifestUrl: '' })].map((t) => domain.registrationArtefacts(t)),
    domain.registrationTimeline({
      cluster: tls, token: token(), serverUrl: 'https://localhost', now: at(3600)
    }),
    domain.registrationTimeline({
      cluster: pendingHarvester(), token: null, serverUrl: '', now: at(3600)
    }),
    domain.registrationTimeline({
      cluster: pendingHarvester(), token: token(), serverUrl: 'https://r.example', now: at(3600)
    }),
    domain.registrationTimeline({
      cluster: gone, token: token(), now: at(3600)
    }),
    domain.planDelete([activeHarvester()], { cloudCredentials: [normanCredential('cc', 'c-abcde')], guestClusters: [guestCluster('g', 'cattle-global-data:cc')] }),
    domain.planDelete([activeHarvester(), readOnlyView(rke2Cluster()), removing]),
    domain.accessSummary(domain.schemaLookup(readOnlySchemas()), []),
    domain.accessSummary(domain.schemaLookup(adminSchemas()), []),
    [[409, 'AlreadyExists'], [403, 'Forbidden'], [401, 'Unauthorized'], [422, 'InvalidFormat'], [404, 'NotFound'], [409, 'Conflict'], [500, 'ServerError']]
      .map(([status, code]) => domain.apiErrorMessage(rancherError(status as number, code as string))),
    domain.apiErrorMessage({ code: 'ERR_NETWORK', message: 'Network Error' }),
    domain.apiErrorMessage(new Error('odd')),
    domain.metadataProblems({
      'Bad/x': 'v', 'a b': 'v', ok: '-v'
    }, { 'Bad/x': 'v', 'a b': 'v' }),
    domain.formDenial(true, { canImport: false, canEdit: false }),
    domain.formDenial(false, { canImport: false, canEdit: false }),
  ]);
}

describe('domain: MESSAGES.md', () => {
  const rows = catalogue();
  const byKey = new Map(rows.map((r) => [r.key, r]));

  it('has unique keys under harvesterManager.', () => {
    expect(rows.length).toBeGreaterThan(40);
    expect(byKey.size).toBe(rows.length);
  });

  it.each(catalogue().map((r) => [r.key, r]))('%s has English and Chinese text with matching placeholders', (_, row) => {
    const r = row as Row;

    expect(r.en).toMatch(/\S/);
    expect(r.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(placeholders(r.zh)).toEqual(placeholders(r.en));
    // every placeholder is an arg the code passes (an arg may be passed and not shown)
    placeholders(r.en).forEach((p) => expect(r.args).toContain(p));
    // no stray braces an ICU formatter would choke on
    expect(r.en.replace(/\{\w+\}/g, '')).not.toMatch(/[{}]/);
    expect(r.zh.replace(/\{\w+\}/g, '')).not.toMatch(/[{}]/);
  });

  it('documents exactly the keys the sources use', () => {
    expect([...keysInSources()].sort()).toEqual([...byKey.keys()].sort());
  });

  it('every message the domain emits is documented, with the args its text needs', async() => {
    const messages = [...emitted(), ...messagesIn(await importOutcomes())];
    const seen = new Set(messages.map((m) => m.key));

    messages.forEach((m) => {
      const row = byKey.get(m.key);

      expect(row).toBeDefined();
      expect(Object.keys(m.args || {}).sort()).toEqual([...(row as Row).args].sort());
    });
    // the scenarios reach every documented key, so the args check above covers them all
    expect([...byKey.keys()].filter((k) => !seen.has(k))).toEqual([]);
  });
});
