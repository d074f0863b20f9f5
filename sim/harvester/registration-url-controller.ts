import { createHash } from 'crypto';
import http from 'http';
import https from 'https';
import { applyObjects, parseManifest } from '../kube/apply-objects';
import { kindOf } from '../kube/kinds';
import type { KubeKind } from '../kube/kinds';
import type { SimState } from '../state';
import type { SimulatedHarvester } from './harvester-fleet';
import { harvesterVersionOf, REGISTRATION_SETTING } from './harvester-fleet';
import type { HarvesterChange, HarvesterKube } from './harvester-kube';
import { HARVESTER_CHANGE } from './harvester-kube';
import { parseRegistrationSetting } from './registration-setting';

const SETTING = kindOf('harvesterhci.io/v1beta1', 'Setting') as KubeKind;
const DEPLOYMENT = kindOf('apps/v1', 'Deployment') as KubeKind;
const MAX_BODY = 1024 * 1024;
const FETCH_TIMEOUT_MS = 30_000;
const SET_ID = 'cluster-registration';

/** A registration URL with its token left out, for history lines and condition messages. */
function redact(text: string): string {
  return text.replace(/\/v3\/import\/[^/_"\s]+_/g, '/v3/import/<token>_');
}

/** Go's words for the TLS failures Node reports, as Harvester's condition message would read. */
function tlsMessage(err: NodeJS.ErrnoException): string {
  switch (err.code) {
  case 'DEPTH_ZERO_SELF_SIGNED_CERT':
  case 'SELF_SIGNED_CERT_IN_CHAIN':
  case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
  case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    return 'tls: failed to verify certificate: x509: certificate signed by unknown authority';
  case 'ERR_TLS_CERT_ALTNAME_INVALID':
    return 'tls: failed to verify certificate: x509: certificate is not valid for this host';
  case 'CERT_HAS_EXPIRED':
    return 'tls: failed to verify certificate: x509: certificate has expired or is not yet valid';
  default:
    return err.message;
  }
}

/** GET with Harvester's client: 30 s timeout, at most 1 MiB, TLS verified unless told not to. */
export function fetchManifest(url: string, insecureSkipTLSVerify: boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    const client = url.startsWith('https:') ? https : http;
    const req = client.get(url, { timeout: FETCH_TIMEOUT_MS, ...(url.startsWith('https:') ? { rejectUnauthorized: !insecureSkipTLSVerify } : {}) }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;

      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= MAX_BODY) {
          chunks.push(chunk);
        }
      });
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const status = res.statusCode || 0;

        if (status < 200 || status >= 400) {
          reject(new Error(`failed to get from the registration URL: ${ body.trim() || `HTTP ${ status }` }`));
        } else {
          resolve(body);
        }
      });
    });

    req.on('timeout', () => req.destroy(new Error(`Get "${ url }": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`)));
    req.on('error', (err: NodeJS.ErrnoException) => reject(new Error(`Get "${ url }": ${ tlsMessage(err) }`)));
  });
}

/**
 * Harvester's `cluster-registration-url` controller (harvester/harvester
 * `pkg/controller/master/setting/cluster_registration_url.go`, master = v1.8 = v1.9): when the
 * setting changes, fetch the URL (TLS verified with the system CAs only when the JSON value says
 * `insecureSkipTLSVerify: false`; a plain URL is fetched without verification), apply what it
 * returns through the cluster's own API with wrangler's apply (set ID `cluster-registration`), and
 * report the outcome in the setting's `configured` condition; a failure is retried with backoff.
 * An emptied value deletes only Deployment `cattle-system/cattle-cluster-agent`.
 */
export class RegistrationUrlController {
  private attempt = new Map<string, number>();
  /** The value each Harvester last synced: its own status writes do not trigger a sync. */
  private synced = new Map<string, string>();

  constructor(private state: SimState, private kube: HarvesterKube) {
    state.on(HARVESTER_CHANGE, (change: HarvesterChange) => {
      const { harvester, object } = change;

      if (change.kind === SETTING && object.metadata.name === REGISTRATION_SETTING && change.type !== 'DELETED') {
        const value = typeof object.value === 'string' ? object.value : '';

        if ((this.synced.get(harvester.name) ?? '') !== value) {
          this.synced.set(harvester.name, value);
          this.sync(harvester, 0);
        }
      }
    });
  }

  private report(h: SimulatedHarvester, value: string, error?: string): void {
    const cluster = this.kube.cluster(h);
    const current = cluster.get(SETTING, undefined, REGISTRATION_SETTING);

    if (!current || current.value !== value) {
      return; // changed meanwhile: that change has its own sync
    }
    current.status = {
      conditions: [{
        type: 'configured', status: error ? 'False' : 'True', ...(error ? { reason: 'Error', message: error } : {}), lastUpdateTime: new Date().toISOString(),
      }],
    };
    cluster.update(SETTING, current);
  }

  private sync(h: SimulatedHarvester, retry: number): void {
    const cluster = this.kube.cluster(h);
    const setting = cluster.get(SETTING, undefined, REGISTRATION_SETTING);
    const value = typeof setting?.value === 'string' ? setting.value : '';
    const attempt = (this.attempt.get(h.name) || 0) + 1;

    this.attempt.set(h.name, attempt);
    if (!value.trim()) {
      if (cluster.get(DEPLOYMENT, 'cattle-system', 'cattle-cluster-agent')) {
        cluster.delete(DEPLOYMENT, 'cattle-system', 'cattle-cluster-agent');
      }
      this.state.fleet.record(h, 'cluster-registration-url cleared: cattle-cluster-agent removed');
      this.report(h, value);

      return;
    }
    const parsed = parseRegistrationSetting(harvesterVersionOf(h), value);

    if ('error' in parsed) {
      this.state.fleet.record(h, `registration failed: ${ redact(parsed.error) }`);
      this.report(h, value, redact(parsed.error));

      return;
    }
    this.state.fleet.record(h, `cluster-registration-url set: fetching ${ redact(parsed.url) }${ parsed.insecureSkipTLSVerify ? ' (TLS not verified)' : '' }`);
    fetchManifest(parsed.url, parsed.insecureSkipTLSVerify).then((text) => {
      if (this.attempt.get(h.name) !== attempt || this.state.fleet.get(h.name) !== h) {
        return;
      }
      const lines = applyObjects(cluster, parseManifest(text), {
        labels:      { 'objectset.rio.cattle.io/hash': createHash('sha1').update(SET_ID).digest('hex') },
        annotations: { 'objectset.rio.cattle.io/id': SET_ID },
      });

      this.state.fleet.record(h, `registration manifest applied: ${ lines.join(', ') }`);
      this.report(h, value);
    }).catch((err: Error) => {
      if (this.attempt.get(h.name) !== attempt || this.state.fleet.get(h.name) !== h) {
        return;
      }
      this.state.fleet.record(h, `registration failed: ${ redact(err.message) }`);
      this.report(h, value, redact(err.message));
      // The controller requeues the setting with exponential backoff (wrangler's rate limiter).
      this.state.scheduler.background(Math.min(30_000, 1000 * 2 ** retry), () => {
        if (this.attempt.get(h.name) === attempt) {
          this.sync(h, retry + 1);
        }
      });
    });
  }
}
