/**
 * Label and annotation keys Rancher and Kubernetes own on a cluster, which a cluster form keeps as
 * they are instead of offering them for editing: the parts the shell's own cluster model protects
 * (`LABEL_CONTAINS_PROTECTED` / `ANNOTATIONS_CONTAINS_PROTECTED` in @rancher/shell 3.0.13
 * `models/cluster.js`; not imported: that module pulls the shell's YAML editor into our package).
 * `provider.cattle.io` is one: Rancher sets it again whatever a form sends.
 */
const SYSTEM_LABEL_PARTS = ['io.cattle.lifecycle', 'kubernetes.io', 'cattle.io', 'k3s.io'];
const SYSTEM_ANNOTATION_PARTS = ['coreos.com', 'cattle.io', 'k3s.io'];

export function systemLabelKeys(labels: Record<string, string> | undefined): string[] {
  return Object.keys(labels || {}).filter((key) => SYSTEM_LABEL_PARTS.some((part) => key.includes(part)));
}

export function systemAnnotationKeys(annotations: Record<string, string> | undefined): string[] {
  return Object.keys(annotations || {}).filter((key) => SYSTEM_ANNOTATION_PARTS.some((part) => key.includes(part)));
}
