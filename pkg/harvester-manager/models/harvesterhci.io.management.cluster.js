import ProvCluster from '@shell/models/provisioning.cattle.io.cluster';
import { HARVESTER_PROVIDER_LABEL, HARVESTER_PROVIDER } from '../config/constants';

// A Harvester cluster is a provisioning cluster seen through this product; the shell's model
// already joins it with its management cluster (`mgmt`).
export default class HarvesterCluster extends ProvCluster {
  get isHarvester() {
    const labelled = (obj) => obj?.metadata?.labels?.[HARVESTER_PROVIDER_LABEL] === HARVESTER_PROVIDER;

    return labelled(this) || labelled(this.mgmt) || this.mgmt?.status?.provider === HARVESTER_PROVIDER;
  }
}
