// The shell components the Import Existing / Edit Config form is made of, replaced by light stand-ins
// (./form-mocks, ./stubs). Import this module first in a test file, before anything loads the form.
jest.mock('@components/RcButton', () => jest.requireActual('./rc-button'));
jest.mock('@shell/components/CruResource', () => jest.requireActual('./stubs').CruResourceStub);
jest.mock('@shell/components/Tabbed', () => jest.requireActual('./form-mocks').tabbed);
jest.mock('@shell/components/Tabbed/Tab', () => jest.requireActual('./form-mocks').tab);
jest.mock('@shell/edit/provisioning.cattle.io.cluster/AgentEnv', () => jest.requireActual('./form-mocks').agentEnv);
jest.mock('@shell/edit/provisioning.cattle.io.cluster/Labels', () => jest.requireActual('./form-mocks').labels);
// NameNsDescription is real; its namespace picker (unused: Harvester clusters are not namespaced here) pulls TS-typed SFCs vue-jest cannot compile.
jest.mock('@shell/components/form/NamespaceSelect', () => jest.requireActual('./form-mocks').namespaceSelect);
jest.mock('@shell/components/form/Members/ClusterMembershipEditor', () => jest.requireActual('./form-mocks').membershipEditor);

export {};
