import { KubeObject } from '../store/kube-object';
import { TYPES } from '../steve/type-catalog';

/** Where an object lives in Rancher's tenancy model: which cluster, which project. */
export interface Scope {
  clusterId?: string;
  /** `<clusterId>:<projectName>` as Rancher writes project references. */
  projectKey?: string;
}

const CLUSTER_NAMESPACE = /^(c-[a-z0-9]{5}|c-m-[a-z0-9]{8}|local)$/;

export function scopeOf(type: string, obj: KubeObject): Scope {
  const meta = obj.metadata;

  switch (type) {
  case TYPES.MGMT_CLUSTER:
    return { clusterId: meta.name };
  case TYPES.PROV_CLUSTER:
    return { clusterId: obj.status?.clusterName || undefined };
  case TYPES.MGMT_NODE:
    return { clusterId: meta.namespace };
  case TYPES.REGISTRATION_TOKEN:
  case TYPES.CRTB:
    return { clusterId: meta.namespace || obj.clusterName };
  case TYPES.PROJECT:
    return { clusterId: meta.namespace, projectKey: `${ meta.namespace }:${ meta.name }` };
  case TYPES.PRTB: {
    const projectKey: string | undefined = obj.projectName;

    return projectKey ? { clusterId: projectKey.split(':')[0], projectKey } : {};
  }
  case TYPES.NAMESPACE: {
    const projectKey = meta.annotations?.['field.cattle.io/projectId'];

    if (projectKey) {
      return { clusterId: projectKey.split(':')[0], projectKey };
    }

    return CLUSTER_NAMESPACE.test(meta.name) ? { clusterId: meta.name } : {};
  }
  default:
    return {};
  }
}
