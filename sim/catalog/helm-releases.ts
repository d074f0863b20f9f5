import { errors } from '../core/api-error';
import { randomSuffix } from '../core/ids';
import { kubeTimestamp } from '../core/time';
import { resourceState } from '../controllers/cluster-objects';
import type { SimState } from '../state';
import type { KubeObject } from '../store/kube-object';
import { TYPES } from '../steve/type-catalog';
import type { ChartContent } from './charts';
import { renderUIPlugin, UI_COMPONENT_ANNOTATION } from './charts';
import type { ClusterRepoController } from './cluster-repos';

export type ChartAction = 'install' | 'upgrade';

/** One chart of an install/upgrade request (the dashboard's `installHelmChart` body). */
export interface ChartInstall {
  chartName: string;
  version: string;
  releaseName: string;
  annotations: Record<string, string>;
  values: Record<string, unknown>;
}

export interface ChartActionRequest {
  charts: ChartInstall[];
  namespace: string;
  projectId?: string;
}

const RELEASE_NAME_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/** Validate `POST …clusterrepos/<repo>?action=install|upgrade` as Rancher's catalog API does. */
export function parseChartActionRequest(body: unknown): ChartActionRequest {
  if (!isObject(body)) {
    throw errors.invalidBody('request body must be a JSON object');
  }
  const { charts, namespace, projectId } = body;

  if (!Array.isArray(charts) || charts.length === 0) {
    throw errors.invalidBody('charts: at least one chart is required');
  }
  if (namespace !== undefined && (typeof namespace !== 'string' || !RELEASE_NAME_RE.test(namespace))) {
    throw errors.invalidFormat('namespace', 'namespace must be a lowercase RFC 1123 label');
  }

  return {
    namespace: (namespace as string) || 'default',
    projectId: typeof projectId === 'string' ? projectId : undefined,
    charts:    charts.map((c, i) => {
      if (!isObject(c)) {
        throw errors.invalidBody(`charts[${ i }] must be an object`);
      }
      const {
        chartName, version, releaseName, annotations, values
      } = c;

      if (typeof chartName !== 'string' || !chartName) {
        throw errors.missingRequired(`charts[${ i }].chartName`);
      }
      if (typeof version !== 'string' || !version) {
        throw errors.missingRequired(`charts[${ i }].version`);
      }
      const release = typeof releaseName === 'string' && releaseName ? releaseName : chartName;

      if (!RELEASE_NAME_RE.test(release) || release.length > 53) {
        throw errors.invalidFormat(`charts[${ i }].releaseName`, `release name "${ release }" must be a lowercase RFC 1123 label of at most 53 characters`);
      }
      if (annotations !== undefined && (!isObject(annotations) || Object.values(annotations).some((v) => typeof v !== 'string' && v !== undefined))) {
        throw errors.invalidFormat(`charts[${ i }].annotations`, 'annotations must be a map of strings');
      }
      if (values !== undefined && !isObject(values)) {
        throw errors.invalidFormat(`charts[${ i }].values`, 'values must be an object');
      }

      return {
        chartName,
        version,
        releaseName: release,
        annotations: Object.fromEntries(Object.entries((annotations || {}) as Record<string, string>).filter(([, v]) => typeof v === 'string')),
        values:      (values || {}) as Record<string, unknown>,
      };
    }),
  };
}

export function isUIExtensionChart(chart: ChartContent): boolean {
  return chart.metadata.annotations?.[UI_COMPONENT_ANNOTATION] === 'plugins' || chart.templates.includes('templates/cr.yaml');
}

/**
 * Helm releases as Rancher's catalog runs them: an install/upgrade/uninstall request starts a
 * `helm-operation-…` Operation (the pod that runs helm); when it finishes the App (the release)
 * and what the chart renders exist — for a UI extension chart, its UIPlugin.
 */
export class HelmReleases {
  constructor(private state: SimState, private repos: ClusterRepoController, private delayMs: () => number) {}

  private get store() {
    return this.state.store;
  }

  /** Start an install/upgrade from a cluster repository; resolves to the Operation. */
  chartAction(action: ChartAction, repoName: string, request: ChartActionRequest, opts: { immediate?: boolean } = {}): KubeObject {
    const charts = request.charts.map((c) => {
      const chart = this.repos.chart(repoName, c.chartName, c.version);

      if (!chart) {
        throw errors.notFound(`chart "${ c.chartName }" version "${ c.version }" not found in the index of repository "${ repoName }"; refresh the repository`);
      }

      return { request: c, chart };
    });
    const first = charts[0].request;
    const operation = this.startOperation(action, request.namespace, first.releaseName, first.chartName, first.version, request.projectId);
    const run = () => {
      try {
        if (!this.store.has(TYPES.NAMESPACE, request.namespace)) {
          this.store.create(TYPES.NAMESPACE, { metadata: { name: request.namespace }, status: { phase: 'Active' } });
        }
        for (const { request: c, chart } of charts) {
          this.apply(action, repoName, request.namespace, c, chart);
        }
        this.finishOperation(operation, null);
      } catch (e) {
        this.finishOperation(operation, (e as Error).message);
      }
    };

    if (opts.immediate) {
      run();
    } else {
      this.state.scheduler.after(this.delayMs(), run);
    }

    return this.store.get(TYPES.OPERATION, `${ operation.metadata.namespace }/${ operation.metadata.name }`) || operation;
  }

  /** `POST …apps/<ns>/<name>?action=uninstall`. */
  uninstall(app: KubeObject): KubeObject {
    const namespace = app.metadata.namespace as string;
    const release = app.metadata.name;
    const chart = app.spec?.chart?.metadata || {};
    const operation = this.startOperation('uninstall', namespace, release, chart.name, chart.version);

    this.state.scheduler.after(this.delayMs(), () => {
      for (const p of this.ownedUIPlugins(namespace, release)) {
        this.store.remove(TYPES.UI_PLUGIN, `${ namespace }/${ p.metadata.name }`);
      }
      this.store.remove(TYPES.APP, `${ namespace }/${ release }`);
      this.finishOperation(operation, null);
    });

    return operation;
  }

  private ownedUIPlugins(namespace: string, release: string): KubeObject[] {
    return this.store.list(TYPES.UI_PLUGIN).filter((p) => p.metadata.namespace === namespace && p.metadata.annotations?.['meta.helm.sh/release-name'] === release);
  }

  private startOperation(action: string, namespace: string, release: string, chartName: string, version: string, projectId?: string): KubeObject {
    const name = `helm-operation-${ randomSuffix(5) }`;

    return this.store.create(TYPES.OPERATION, {
      metadata: {
        name, namespace, state: resourceState('running', `helm ${ action } ${ release }`, { transitioning: true })
      },
      status: {
        action,
        chart:              chartName,
        version,
        releaseName:        release,
        namespace,
        projectId:          projectId || '',
        podName:            name,
        podNamespace:       'cattle-system',
        command:            ['helm', action, release, ...(action === 'uninstall' ? [] : [`${ chartName }-${ version }.tgz`]), `--namespace=${ namespace }`],
        observedGeneration: 1,
      },
    });
  }

  private finishOperation(operation: KubeObject, error: string | null): void {
    this.store.patch(TYPES.OPERATION, `${ operation.metadata.namespace }/${ operation.metadata.name }`, (op) => {
      op.metadata.state = error ? resourceState('failed', error, { error: true, transitioning: false }) : resourceState('successful');
      op.status = { ...(op.status || {}), error: error || undefined };
    });
  }

  private apply(action: 'install' | 'upgrade', repoName: string, namespace: string, c: ChartInstall, chart: ChartContent): void {
    const appId = `${ namespace }/${ c.releaseName }`;
    const existing = this.store.get(TYPES.APP, appId);

    if (action === 'install' && existing) {
      throw new Error(`cannot re-use a name that is still in use: release "${ c.releaseName }" exists in namespace "${ namespace }"`);
    }
    if (action === 'upgrade' && !existing) {
      throw new Error(`"${ c.releaseName }" has no deployed releases`);
    }
    const now = kubeTimestamp();
    const revision = (existing?.spec?.version || 0) + 1;
    const app: KubeObject = {
      metadata: {
        name:        c.releaseName,
        namespace,
        labels:      { 'catalog.cattle.io/cluster-repo-name': repoName },
        annotations: c.annotations,
        state:       resourceState('deployed'),
      },
      spec: {
        chart:       { metadata: chart.metadata, values: chart.values },
        name:        c.releaseName,
        namespace,
        version:     revision,
        values:      c.values,
        helmVersion: 3,
        info:        {
          status:        'deployed',
          description:   action === 'install' ? 'Install complete' : 'Upgrade complete',
          firstDeployed: existing?.spec?.info?.firstDeployed || now,
          lastDeployed:  now,
          readme:        chart.readme,
        },
      },
      status: {
        observedGeneration: revision,
        summary:            {
          state: 'deployed', error: false, transitioning: false
        }
      },
    };

    if (existing) {
      this.store.patch(TYPES.APP, appId, (a) => {
        Object.assign(a, { spec: app.spec, status: app.status });
        a.metadata = {
          ...a.metadata, labels: app.metadata.labels, annotations: app.metadata.annotations, state: app.metadata.state
        };
        a.metadata.generation = (a.metadata.generation || 1) + 1;
      });
    } else {
      this.store.create(TYPES.APP, app);
    }
    if (isUIExtensionChart(chart)) {
      this.applyUIPlugin(namespace, c, chart);
    }
  }

  private applyUIPlugin(namespace: string, c: ChartInstall, chart: ChartContent): void {
    const rendered = renderUIPlugin(chart, c.releaseName, c.values as Record<string, unknown>);
    const id = `${ namespace }/${ rendered.name }`;
    const annotations = { 'meta.helm.sh/release-name': c.releaseName, 'meta.helm.sh/release-namespace': namespace };
    const stale = this.ownedUIPlugins(namespace, c.releaseName).filter((p) => p.metadata.name !== rendered.name);

    stale.forEach((p) => this.store.remove(TYPES.UI_PLUGIN, `${ namespace }/${ p.metadata.name }`));
    if (this.store.has(TYPES.UI_PLUGIN, id)) {
      this.store.patch(TYPES.UI_PLUGIN, id, (p) => {
        p.metadata.labels = rendered.labels;
        p.metadata.annotations = { ...(p.metadata.annotations || {}), ...annotations };
        p.metadata.generation = (p.metadata.generation || 1) + 1;
        p.spec = { plugin: rendered.plugin };
      });
    } else {
      this.store.create(TYPES.UI_PLUGIN, {
        apiVersion: 'catalog.cattle.io/v1',
        kind:       'UIPlugin',
        metadata:   {
          name: rendered.name, namespace, labels: rendered.labels, annotations
        },
        spec:   { plugin: rendered.plugin },
        status: {
          cacheState: 'pending', ready: false, observedGeneration: 0
        },
      });
    }
  }
}
