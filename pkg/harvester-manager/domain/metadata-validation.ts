import type { Message } from './types';

// Kubernetes rules for label and annotation keys and label values: Rancher stores both on the
// cluster objects, and the API server refuses what breaks them. Checked before anything is sent,
// by the Import Existing / Edit Config forms and by the CLI's --label, with one message each.

const K = 'harvesterManager.validation.metadata';
const NAME_PART = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const NAME_PART_MAX = 63;
const PREFIX_MAX = 253;

export type MetadataKind = 'label' | 'annotation';

/** The key's problem: a prefix that is no DNS subdomain, or a name part that is not 1-63 allowed characters. */
export function metadataKeyProblem(kind: MetadataKind, key: string): Message | undefined {
  const slash = key.indexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;

  if (prefix !== undefined && (prefix.length > PREFIX_MAX || !DNS_SUBDOMAIN.test(prefix))) {
    return { key: kind === 'label' ? `${ K }.labelKeyPrefix` : `${ K }.annotationKeyPrefix`, args: { key, prefix } };
  }
  if (name.length > NAME_PART_MAX || !NAME_PART.test(name)) {
    return { key: kind === 'label' ? `${ K }.labelKeyName` : `${ K }.annotationKeyName`, args: { key } };
  }

  return undefined;
}

/** A label value must be empty or 1-63 allowed characters (annotation values may be any text). */
export function labelValueProblem(key: string, value: string): Message | undefined {
  return value && (value.length > NAME_PART_MAX || !NAME_PART.test(value)) ? { key: `${ K }.labelValue`, args: { key, value } } : undefined;
}

/** Every problem with the labels and annotations a form is about to save, in order. */
export function metadataProblems(labels: Record<string, string> = {}, annotations: Record<string, string> = {}): Message[] {
  const problems: Message[] = [];

  for (const [key, value] of Object.entries(labels)) {
    const problem = metadataKeyProblem('label', key) || labelValueProblem(key, String(value ?? ''));

    if (problem) {
      problems.push(problem);
    }
  }
  for (const key of Object.keys(annotations)) {
    const problem = metadataKeyProblem('annotation', key);

    if (problem) {
      problems.push(problem);
    }
  }

  return problems;
}
