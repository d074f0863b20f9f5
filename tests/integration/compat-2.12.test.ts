import { describeRancherCompat } from './support/compat';

// SIM_RANCHER_VERSION=v2.12.3: ui-sql-cache on by default (steve v0.6 SQL), and turned off by an admin (the list processor).
describeRancherCompat({ rancherVersion: 'v2.12.3', harvesterExtension: '1.6.0' });
describeRancherCompat({
  rancherVersion: 'v2.12.3', uiSqlCache: false, harvesterExtension: '1.6.0'
});
