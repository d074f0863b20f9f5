import { describeRancherCompat } from './support/compat';

// SIM_RANCHER_VERSION=v2.11.3: ui-sql-cache off by default (Steve's list processor), and on (steve v0.5 SQL: no quoted strings).
describeRancherCompat({ rancherVersion: 'v2.11.3', harvesterExtension: '1.5.1' });
describeRancherCompat({
  rancherVersion: 'v2.11.3', uiSqlCache: true, harvesterExtension: '1.5.1'
});
