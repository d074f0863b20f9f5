import { subdomainProblem } from './names';

/**
 * Kubernetes validation of label and annotation keys and label values, with the API server's
 * messages (`metadata.labels: Invalid value: "x": …`), so that a client sending what Rancher
 * would refuse is refused here too.
 */
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const NAME_FORMAT = 'must consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyName\',  or \'my.name\',  or \'123-abc\', regex used for validation is \'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]\')';

/** Annotations together: the API server's limit. */
export const MAX_ANNOTATIONS_BYTES = 256 * 1024;

export function qualifiedNameProblem(key: string): string | undefined {
  const parts = key.split('/');

  if (parts.length > 2) {
    return `a qualified name ${ NAME_FORMAT } with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`;
  }
  const [prefix, name] = parts.length === 2 ? parts : [undefined, parts[0]];

  if (prefix !== undefined) {
    if (!prefix) {
      return 'prefix part must be non-empty';
    }
    const problem = subdomainProblem(prefix);

    if (problem) {
      return `prefix part ${ problem }`;
    }
  }
  if (!name) {
    return 'name part must be non-empty';
  }
  if (name.length > 63) {
    return 'name part must be no more than 63 characters';
  }

  return QUALIFIED_NAME.test(name) ? undefined : `name part ${ NAME_FORMAT }`;
}

export function labelValueProblem(value: string): string | undefined {
  if (value.length > 63) {
    return 'must be no more than 63 characters';
  }

  return LABEL_VALUE.test(value) ? undefined : 'a valid label must be an empty string or consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyValue\',  or \'my_value\',  or \'12345\', regex used for validation is \'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?\')';
}

const quote = (s: string) => JSON.stringify(s);

/** The first problem with a map of strings as `metadata.labels` / `metadata.annotations`, as the API server words it. */
export function metadataMapProblem(field: 'labels' | 'annotations', map: Record<string, string>): string | undefined {
  for (const [key, value] of Object.entries(map)) {
    const keyProblem = qualifiedNameProblem(key);

    if (keyProblem) {
      return `metadata.${ field }: Invalid value: ${ quote(key) }: ${ keyProblem }`;
    }
    const valueProblem = field === 'labels' ? labelValueProblem(value) : undefined;

    if (valueProblem) {
      return `metadata.${ field }: Invalid value: ${ quote(value) }: ${ valueProblem }`;
    }
  }
  if (field === 'annotations' && Object.entries(map).reduce((sum, [k, v]) => sum + Buffer.byteLength(k) + Buffer.byteLength(v), 0) > MAX_ANNOTATIONS_BYTES) {
    return `metadata.annotations: Too long: must have at most ${ MAX_ANNOTATIONS_BYTES } bytes`;
  }

  return undefined;
}
