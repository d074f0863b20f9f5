/**
 * Kubernetes name validation, with the messages the API server returns (Steve relays them
 * verbatim inside a 422 `Invalid` error).
 */
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function subdomainProblem(name: string): string | undefined {
  if (name.length > 253) {
    return 'must be no more than 253 characters';
  }
  if (!DNS1123_SUBDOMAIN.test(name)) {
    return 'a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\' or \'.\', and must start and end with an alphanumeric character (e.g. \'example.com\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\')';
  }

  return undefined;
}

export function labelProblem(name: string): string | undefined {
  if (name.length > 63) {
    return 'must be no more than 63 characters';
  }
  if (!DNS1123_LABEL.test(name)) {
    return 'a lowercase RFC 1123 label must consist of lower case alphanumeric characters or \'-\', and must start and end with an alphanumeric character (e.g. \'my-name\',  or \'123-abc\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?\')';
  }

  return undefined;
}
