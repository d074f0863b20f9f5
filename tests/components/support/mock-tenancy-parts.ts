// The shell's parts the Projects & Members tab renders, replaced by light stand-ins: its principal
// search and Principal (SFCs with imported types the test compiler cannot resolve) and its table
// (tenancy-tab.ts groupedTable). Import this module first in a test file, before anything loads the tab.
jest.mock('@shell/components/auth/SelectPrincipal', () => ({
  name: 'SelectPrincipal', emits: ['add'], template: '<div />'
}));
jest.mock('@shell/components/auth/Principal', () => ({
  name: 'Principal', props: ['value'], template: '<span />'
}));
jest.mock('@shell/components/SortableTable', () => jest.requireActual('./tenancy-tab').groupedTable);

export {};
