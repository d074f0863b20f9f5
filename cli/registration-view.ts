import type { RegistrationArtefacts } from '../pkg/harvester-manager/domain';

// The registration block `import` prints: the URL, the v1.7.2+ JSON values and the commands, all
// built by the domain (quoted for a root shell).

export function renderRegistration(displayName: string, id: string, a: RegistrationArtefacts): string {
  const patch = a.settingFormat ? [`  ${ a.recommendedPatchCommand }`] : [`  Harvester v1.7.2 and later:`, `    ${ a.patchCommands.json }`, `  Before v1.7.2:`, `    ${ a.patchCommands.plain }`];

  return [
    `Registration of Harvester cluster "${ displayName }" (${ id }):`,
    '',
    'Registration URL (Harvester setting cluster-registration-url):',
    `  ${ a.url }`,
    '',
    'Setting value for Harvester v1.7.2 and later (JSON):',
    `  ${ a.settingValue }`,
    '  with a self-signed Rancher certificate:',
    `  ${ a.settingValueInsecure }`,
    '',
    'Set it on Harvester with kubectl:',
    ...patch,
    '',
    'Or run on a Harvester management node:',
    `  ${ a.applyCommand }`,
    '  with a self-signed Rancher certificate:',
    `  ${ a.insecureApplyCommand }`,
    '',
  ].join('\n');
}

export function registrationDocument(a: RegistrationArtefacts) {
  return {
    url:                     a.url,
    settingValue:            a.settingValue,
    settingValueInsecure:    a.settingValueInsecure,
    settingFormat:           a.settingFormat ?? null,
    applyCommand:            a.applyCommand,
    insecureApplyCommand:    a.insecureApplyCommand,
    patchCommands:           a.patchCommands,
    recommendedPatchCommand: a.recommendedPatchCommand ?? null,
  };
}
