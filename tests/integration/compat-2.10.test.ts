import { describeRancherCompat } from './support/compat';

// SIM_RANCHER_VERSION=v2.10.6: ui-sql-cache off by default (Steve's list processor), and with an admin's ui-sql-cache=true (steve v0.4 SQL).
describeRancherCompat({ rancherVersion: 'v2.10.6', harvesterExtension: '1.0.3' });
describeRancherCompat({
  rancherVersion: 'v2.10.6', uiSqlCache: true, harvesterExtension: '1.0.3'
});
