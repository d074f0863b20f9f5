// Public surface of the domain layer, shared by the extension and the CLI.
export type {
  CloudCredential, Condition, JoinedCluster, ManagementCluster, Message, ObjectMeta, ProvisioningCluster,
  RegistrationToken, ResourceLinks, ResourceState, Result, Schema, SteveCollection, SteveResource,
} from './types';
export * from './resource-types';
export * from './conditions';
export * from './harvester-version';
export * from './harvester-cluster';
export * from './cluster-state';
export * from './cluster-name';
export * from './system-metadata';
export * from './join-sentences';
export * from './http-url';
export * from './shell-quote';
export * from './registration-commands';
export * from './registration-setting';
export * from './registration-timeline';
export * from './base64';
export * from './cluster-dependants';
export * from './delete-plan';
export * from './delete-requests';
export * from './delete-round';
export * from './permissions';
export * from './api-error';
export * from './cluster-config';
export * from './import-cluster';
export * from './version-cache';
export * from './cluster-page';
export * from './cluster-events';
export * from './ui-extension-state';
export * from './ui-extension-install';
export * from './metadata-validation';
export * from './steve-dialect';
export * from './tenancy';
export * from './tenancy-changes';
export * from './project-workloads';
export * from './member-abilities';
export * from './same-data';
export * from './first-rows';
