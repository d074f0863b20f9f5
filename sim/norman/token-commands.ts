/**
 * The commands a cluster registration token carries, as rancher
 * `pkg/controllers/dashboard/clusterregistrationtoken/status.go` writes them (release/v2.10 and
 * release/v2.11 identical; release/v2.12 differs):
 * - every release: `command` (kubectl apply -f <manifest>) and `insecureCommand` (curl --insecure);
 * - 2.12, and 2.10/2.11 for clusters a provisioning cluster owns (`objectset.rio.cattle.io/owner-gvk`
 *   = provisioning.cattle.io/v1, Kind=Cluster): the system-agent install commands, Linux and Windows,
 *   secure and insecure (with no agent environment variables the Linux one starts with a space and
 *   holds a double space, as Rancher's template leaves them);
 * - otherwise on 2.10/2.11: the RKE1 `docker run rancher-agent` node command, no insecure one.
 * `<root>` is the server-url without its path. No CA checksum: the simulator has no private CA.
 */
export interface TokenCommands {
  command: string;
  insecureCommand: string;
  nodeCommand: string;
  insecureNodeCommand: string;
  windowsNodeCommand: string;
  insecureWindowsNodeCommand: string;
}

export const PROVISIONING_OWNER_GVK = 'provisioning.cattle.io/v1, Kind=Cluster';

function serverRoot(serverUrl: string): string {
  try {
    const u = new URL(serverUrl);

    return `${ u.protocol }//${ u.host }`;
  } catch {
    return serverUrl;
  }
}

export function tokenCommands(opts: {
  serverUrl: string; manifestUrl: string; token: string; minor: number; rancherVersion: string; ownedByProvisioningCluster: boolean;
}): TokenCommands {
  const root = serverRoot(opts.serverUrl);
  const base = {
    command:         `kubectl apply -f ${ opts.manifestUrl }`,
    insecureCommand: `curl --insecure -sfL ${ opts.manifestUrl } | kubectl apply -f -`,
  };

  if (opts.minor >= 12 || opts.ownedByProvisioningCluster) {
    const linux = (curl: string) => ` ${ curl } ${ root }/system-agent-install.sh | sudo  sh -s - --server ${ root } --label 'cattle.io/os=linux' --token ${ opts.token }`;
    const windows = (curl: string) => ` ${ curl } ${ root }/wins-agent-install.ps1 -o install.ps1; Set-ExecutionPolicy Bypass -Scope Process -Force; ./install.ps1 -Server ${ root } -Label 'cattle.io/os=windows' -Token ${ opts.token } -Worker`;

    return {
      ...base,
      nodeCommand:                linux('curl -fL'),
      insecureNodeCommand:        linux('curl --insecure -fL'),
      windowsNodeCommand:         windows('curl.exe -fL'),
      insecureWindowsNodeCommand: windows('curl.exe --insecure -fL'),
    };
  }
  const image = `rancher/rancher-agent:${ opts.rancherVersion }`;

  return {
    ...base,
    nodeCommand:                `sudo docker run -d --privileged --restart=unless-stopped --net=host -v /etc/kubernetes:/etc/kubernetes -v /var/run:/var/run ${ image } --server ${ root } --token ${ opts.token }`,
    insecureNodeCommand:        '',
    windowsNodeCommand:         `PowerShell -NoLogo -NonInteractive -Command "& {docker run -v c:\\:c:\\host ${ image } bootstrap --server ${ root } --token ${ opts.token } | iex}"`,
    insecureWindowsNodeCommand: '',
  };
}
