import { stringify } from 'yaml';
import type { SimulatedHarvester } from '../harvester/harvester-fleet';

/**
 * A kubeconfig for a simulated Harvester's Kubernetes API, shaped like the one Harvester's UI
 * downloads (Support > Download KubeConfig): one cluster, one user with a bearer token, one
 * context, current; the server's certificate is checked against the simulator's private CA.
 */
export function kubeconfigFor(h: SimulatedHarvester, server: string, caPem: string): string {
  return stringify({
    apiVersion:        'v1',
    kind:              'Config',
    clusters:          [{ name: h.name, cluster: { server, 'certificate-authority-data': Buffer.from(caPem).toString('base64') } }],
    users:             [{ name: `${ h.name }-admin`, user: { token: h.token } }],
    contexts:          [{ name: h.name, context: { cluster: h.name, user: `${ h.name }-admin` } }],
    'current-context': h.name,
    preferences:       {},
  });
}
