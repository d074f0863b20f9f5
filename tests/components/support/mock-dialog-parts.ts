// The shell's Card and AsyncButton, as the delete guard uses them, replaced by light stand-ins (the
// button reports its outcome in data-result). Import this module first in a test file, before
// anything loads the dialog.
jest.mock('@components/Card', () => ({
  Card: {
    name: 'Card', props: ['showHighlightBorder'], template: '<div class="card"><slot name="title" /><slot name="body" /><slot name="actions" /></div>',
  },
}));
jest.mock('@shell/components/AsyncButton', () => ({
  name:     'AsyncButton',
  props:    ['mode', 'disabled', 'actionColor'],
  emits:    ['click'],
  template: '<button type="button" :disabled="disabled" @click="$emit(\'click\', (ok) => $el.setAttribute(\'data-result\', String(ok)))">{{ mode }}</button>',
}));

export {};
