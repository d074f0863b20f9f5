import { describeRancherCompat } from './support/compat';

// SIM_RANCHER_VERSION=v2.12.3: labels no longer copied to management clusters (2.11 and later).
describeRancherCompat({ rancherVersion: 'v2.12.3', copiesLabelsToManagement: false, harvesterExtension: '1.6.0' });
