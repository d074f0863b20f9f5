// What the shell gives every component at runtime: the `t` translator (from our l10n) and the
// clean-html / clean-tooltip directives.
const fs = require('fs');
const path = require('path');
const YAML = require('yaml');
const { default: IntlMessageFormat } = require('intl-messageformat');
const { config } = require('@vue/test-utils');

const messages = YAML.parse(fs.readFileSync(path.join(__dirname, '../../pkg/harvester-manager/l10n/en-us.yaml'), 'utf8'));

function lookup(key) {
  return key.split('.').reduce((node, part) => (node && typeof node === 'object' ? node[part] : undefined), messages);
}

// Tests assert on the key when a text is missing, so a missing translation fails visibly. A text
// with placeholders is formatted as the shell formats it (store/i18n.js: intl-messageformat, so
// plurals work); a placeholder the caller did not pass stays visible as `{name}`.
function t(key, args = {}) {
  const text = lookup(key);

  if (typeof text !== 'string') {
    return `%${ key }%`;
  }
  if (!text.includes('{')) {
    return text;
  }
  const shown = { ...args };

  for (const [, name] of text.matchAll(/\{(\w+)[,}]/g)) {
    shown[name] = shown[name] !== undefined ? shown[name] : `{${ name }}`;
  }

  return new IntlMessageFormat(text, 'en-us').format(shown);
}

global.t = t;
config.global.mocks = { ...(config.global.mocks || {}), t };
config.global.directives = {
  ...(config.global.directives || {}),
  'clean-html': {
    mounted(el, binding) {
      el.textContent = binding.value;
    },
    updated(el, binding) {
      el.textContent = binding.value;
    }
  },
  // records the tooltip text on the element, so a test can read what the user would see on hover
  'clean-tooltip': {
    mounted(el, binding) {
      el.__tooltip = binding.value;
    },
    updated(el, binding) {
      el.__tooltip = binding.value;
    }
  },
};

// The shell's models ask the app's router where the user is (resource-class `currentRouter()`).
window.$globalApp = window.$globalApp || {
  $router: {
    currentRoute: {
      value: {
        name: 'c-cluster-product-resource', params: { product: 'harvesterManager' }, query: {}
      }
    },
    push() {}
  },
};
