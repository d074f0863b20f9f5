/**
 * `cronstrue` in the library build. The shell's LabeledInput imports it to describe cron
 * expressions when `type="cron"`, an input type our views never use (checked by
 * tests/unit/host-modules.test.ts); it is ~21 KB minified.
 */
export default {
  toString(): never {
    throw new Error('Harvester Manager: cron descriptions are not part of this extension (no type="cron" inputs)');
  },
};
