import { escapeHtml } from '@shell/utils/string';
import { removeBinding, saveNewBindings, type UnsavedBinding } from '../adapters/tenancy-changes';
import { canAddProjectMembers, PROJECT_ROLE_TEMPLATE_BINDING, type MemberChangeResult, type Message } from '../domain';
import type { ShellStore } from '../adapters/shell-store';

/**
 * The Projects & Members tab's changes: Add Member opens the shell's own dialog
 * (AddProjectMemberDialog: principal search, Owner / Member / Read-only / custom roles), Change
 * role our dialog/ChangeProjectMemberRoleDialog.vue, Remove the shell's GenericPrompt. What Rancher refuses is shown where the user acted: an addition's
 * refusal on the tab (the dialog has closed), a removal's in the dialog, which stays open.
 * The host provides `load()` and the row fields the tab renders.
 */

type Translate = (key: string, args?: Record<string, unknown>, raw?: boolean) => string;

export interface ProjectGroup {
  projectId: string;
  label: string;
  /** The project's display name. */
  name: string;
  /** What lives in the project on the Harvester cluster, as one line ("" until counted). */
  workloads: string;
}

export interface MemberRow {
  principalId: string;
  roleLabel: string;
  roleTemplateName: string;
  subject: { kind: string; id: string };
  removeLink?: string;
  group: ProjectGroup;
}

interface ChangesHost {
  $store: ShellStore;
  t: Translate;
  changeErrors: Message[];
  vanished: boolean;
  oldRoleKept: boolean;
  load(): Promise<void>;
  showResult(result: MemberChangeResult): void;
  afterChange(result: MemberChangeResult): Promise<void>;
  memberName(row: MemberRow): string;
}

// GenericPrompt decodes its body once (decodeHtml) before v-clean-html renders it: names are
// escaped twice so they show as text, whatever characters they hold.
const asText = (value: string) => escapeHtml(escapeHtml(value));

export default {
  data() {
    return {
      changeErrors: [] as Message[], vanished: false, oldRoleKept: false
    };
  },

  computed: {
    canAdd(this: ChangesHost): boolean {
      return canAddProjectMembers(this.$store.getters['management/schemaFor'](PROJECT_ROLE_TEMPLATE_BINDING));
    },
  },

  methods: {
    showResult(this: ChangesHost, result: MemberChangeResult): void {
      this.changeErrors = result.errors;
      this.vanished = result.vanished;
      this.oldRoleKept = !!result.oldRoleKept;
    },

    /** Say what the change did, then show what Rancher holds now. */
    async afterChange(this: ChangesHost, result: MemberChangeResult): Promise<void> {
      this.showResult(result);
      await this.load();
    },

    addMember(this: ChangesHost, group: ProjectGroup): void {
      this.$store.dispatch('management/promptModal', {
        component:      'AddProjectMemberDialog',
        componentProps: {
          projectId: group.projectId,
          onAdd:     async(bindings: UnsavedBinding[]) => this.afterChange(await saveNewBindings(bindings)),
        },
        modalSticky: true,
      });
    },

    /** A role cannot be changed in place: the dialog gives the new role, then removes the old binding. */
    changeRole(this: ChangesHost, row: MemberRow): void {
      this.$store.dispatch('management/promptModal', {
        component:      'ChangeProjectMemberRoleDialog',
        componentProps: {
          member: {
            name:             this.memberName(row),
            subject:          row.subject,
            roleTemplateName: row.roleTemplateName,
            projectId:        row.group.projectId,
            projectName:      row.group.name,
            removeLink:       row.removeLink,
          },
          onDone: (result: MemberChangeResult) => this.afterChange(result),
        },
      });
    },

    memberName(this: ChangesHost, row: MemberRow): string {
      const principal = this.$store.getters['rancher/byId']('principal', row.principalId);

      return principal?.displayName || principal?.loginName || row.principalId;
    },

    removeMember(this: ChangesHost, row: MemberRow): void {
      const t: Translate = (key, args) => this.t(`harvesterManager.detail.tenancy.remove.${ key }`, args, true);

      this.$store.dispatch('management/promptModal', {
        component:      'GenericPrompt',
        componentProps: {
          title: t('title'),
          body:  t('body', {
            member: asText(this.memberName(row)), role: asText(row.roleLabel), project: asText(row.group.name)
          }),
          applyMode:   'remove',
          actionColor: 'bg-error',
          applyAction: async() => {
            const result = await removeBinding(this.$store, row.removeLink || '');

            if (result.errors.length) {
              // GenericPrompt shows each message of a thrown array in the dialog, which stays open.
              const refusals = result.errors.map((e) => this.t(e.key, e.args, true));

              throw refusals;
            }
            await this.afterChange(result);
          },
        },
      });
    },
  },
};
