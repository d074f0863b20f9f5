import { importTypes } from '@rancher/auto-import';
import { IPlugin } from '@shell/core/types';
import { resumeAfterLogin } from './login-resume';
import type { ShellStore } from './adapters/shell-store';

// Wiring only: auto-imported models and views, package metadata, the product.
export default function(plugin: IPlugin): void {
  importTypes(plugin);
  plugin.metadata = require('./package.json');
  // A module with init($plugin, store): the shell calls it with the DSL-capable plugin.
  plugin.addProduct(require('./product'));
  // After a session ended on Import Existing or Edit Config, the login goes back to the form, not Home.
  plugin.addNavHooks({ onLogin: async(store: ShellStore) => resumeAfterLogin(store) });
}
