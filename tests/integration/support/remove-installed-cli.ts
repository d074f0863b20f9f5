import { removeInstalledCli } from './install-cli';

// Jest globalTeardown of the integration project.
export default removeInstalledCli;
