/**
 * `@shell/utils/create-yaml` in the library build. The bundled shell code calls it only to enter
 * CruResource's YAML mode, which our form turns off (`:can-yaml="false"`); bundled, it brought the
 * schema model and, through it, the shell's resource base class and detail drawer.
 */
function yamlModeIsOff(): never {
  throw new Error('Harvester Manager: YAML generation is not part of this extension (forms use can-yaml=false)');
}

export const createYaml = yamlModeIsOff;
export const createYamlWithOptions = yamlModeIsOff;
