/**
 * Helm chart repository content as Rancher's catalog sees it: the repository index
 * (`index.yaml`, served by Steve as `?link=index`), and a chart's `Chart.yaml` + `values.yaml`,
 * from which the simulator renders what installing the chart creates (the UIPlugin resource of
 * a UI extension chart).
 */
export interface ChartMetadata {
  apiVersion?: string;
  name: string;
  version: string;
  appVersion?: string;
  description?: string;
  icon?: string;
  home?: string;
  keywords?: string[];
  type?: string;
  annotations?: Record<string, string>;
  [key: string]: unknown;
}

/** One version of a chart in a repository index. */
export interface ChartVersionEntry extends ChartMetadata {
  urls: string[];
  created: string;
  digest?: string;
}

export interface HelmIndex {
  apiVersion: 'v1';
  entries: Record<string, ChartVersionEntry[]>;
  generated: string;
}

/** What a chart archive holds that matters here. */
/** A chart's values.yaml as far as the renderer reads it; any other value passes through. */
export interface ChartValues {
  fullnameOverride?: string;
  nameOverride?: string;
  plugin?: { versionOverride?: string, metadata?: Record<string, unknown>, [key: string]: unknown };
  [key: string]: unknown;
}

export interface ChartContent {
  metadata: ChartMetadata;
  values: ChartValues;
  readme?: string;
  /** Template file names (`templates/cr.yaml`, …). */
  templates: string[];
}

const VERSION_RE = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+.*)?$/;

/** Semver order of two chart versions (pre-releases before their release); unparseable last. */
export function compareChartVersions(a: string, b: string): number {
  const pa = VERSION_RE.exec(a);
  const pb = VERSION_RE.exec(b);

  if (!pa || !pb) {
    return pa ? 1 : pb ? -1 : a.localeCompare(b);
  }
  for (let i = 1; i <= 3; i++) {
    const d = Number(pa[i]) - Number(pb[i]);

    if (d) {
      return Math.sign(d);
    }
  }
  if (!pa[4] || !pb[4]) {
    return pa[4] ? -1 : pb[4] ? 1 : 0;
  }

  return pa[4].localeCompare(pb[4], 'en', { numeric: true });
}

/** Index entries newest first, as `helm repo index` writes them (the shell takes the first compatible one). */
export function sortNewestFirst(entries: ChartVersionEntry[]): ChartVersionEntry[] {
  return [...entries].sort((a, b) => compareChartVersions(b.version, a.version));
}

/** `catalog.cattle.io/ui-component: plugins` marks a UI extension chart. */
export const UI_COMPONENT_ANNOTATION = 'catalog.cattle.io/ui-component';
export const UI_PLUGIN_NAMESPACE = 'cattle-ui-plugin-system';

/**
 * The resource name Helm's `fullname` helper gives a release of a chart (the shell's chart
 * template names the UIPlugin with it): the release name when it contains the chart name,
 * else `<release>-<chart>`, at most 63 characters.
 */
export function releaseFullname(release: string, chart: string): string {
  const full = release.includes(chart) ? release : `${ release }-${ chart }`;

  return full.slice(0, 63).replace(/-+$/, '');
}

export interface RenderedUIPlugin {
  name: string;
  labels: Record<string, string>;
  plugin: {
    name: string;
    version: string;
    endpoint: string;
    compressedEndpoint: string;
    noCache: boolean;
    noAuth: boolean;
    metadata: Record<string, string>;
  };
}

/**
 * What `templates/cr.yaml` of the shell's extension chart (`ui-plugin-server`) renders to for a
 * release: a `catalog.cattle.io/v1` UIPlugin named by `fullname`, `spec.plugin` from the values
 * (`plugin.endpoint`, `plugin.metadata`, …), version `plugin.versionOverride` or the appVersion.
 */
export function renderUIPlugin(chart: ChartContent, release: string, userValues: ChartValues = {}): RenderedUIPlugin {
  const values: ChartValues & { plugin: NonNullable<ChartValues['plugin']> } = {
    ...chart.values, ...userValues, plugin: { ...(chart.values.plugin || {}), ...(userValues.plugin || {}) }
  };
  const name = values.fullnameOverride || releaseFullname(release, values.nameOverride || chart.metadata.name);
  const version = String(values.plugin.versionOverride || chart.metadata.appVersion || chart.metadata.version);
  const metadata: Record<string, string> = {};

  for (const [k, v] of Object.entries(values.plugin.metadata || {})) {
    metadata[k] = String(v);
  }

  return {
    name,
    labels: {
      'helm.sh/chart':                `${ chart.metadata.name }-${ chart.metadata.version }`.replace(/\+/g, '_'),
      'app.kubernetes.io/name':       chart.metadata.name,
      'app.kubernetes.io/instance':   release,
      'app.kubernetes.io/version':    String(chart.metadata.appVersion || chart.metadata.version),
      'app.kubernetes.io/managed-by': 'Helm',
    },
    plugin: {
      name,
      version,
      endpoint:           String(values.plugin.endpoint || ''),
      compressedEndpoint: String(values.plugin.compressedEndpoint || ''),
      noCache:            values.plugin.noCache === true,
      noAuth:             values.plugin.noAuth === true,
      metadata,
    },
  };
}
