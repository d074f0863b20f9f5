import { describeRancherCompat } from './support/compat';

// SIM_RANCHER_VERSION=v2.10.6: labels still copied to management clusters (before 2.11).
describeRancherCompat({ rancherVersion: 'v2.10.6', copiesLabelsToManagement: true, harvesterExtension: '1.0.3' });
