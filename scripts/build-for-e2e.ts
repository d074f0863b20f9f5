// The e2e suite runs the same builds `npm start` serves (cached; the first run takes minutes).
import path from 'path';
import { ensureDashboardBuild, ensureExtensionBuild } from './support/builds';
import { PLUGIN_NAME } from '../pkg/harvester-manager/config/constants';

const rootDir = path.resolve(__dirname, '..');
const log = (line: string) => process.stdout.write(`[e2e build] ${ line }\n`);

(async() => {
  await ensureExtensionBuild(rootDir, PLUGIN_NAME, log);
  await ensureDashboardBuild(rootDir, log);
})().catch((err) => {
  process.stderr.write(`${ err.message }\n`);
  process.exit(1);
});
