// @components/RcButton declares its props with imported TypeScript types, which vue3-jest cannot
// compile; tests use this stand-in with the same behaviour our views rely on.
export const RcButton = {
  name:  'RcButton',
  props: {
    variant: String, size: String, disabled: Boolean, to: [String, Object]
  },
  emits:    ['click'],
  template: '<button type="button" :disabled="disabled" :data-variant="variant" @click="$emit(\'click\', $event)"><slot /></button>',
};

export default RcButton;
