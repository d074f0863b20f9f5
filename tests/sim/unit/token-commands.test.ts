import { tokenCommands } from '../../../sim/norman/token-commands';

// rancher pkg/controllers/dashboard/clusterregistrationtoken/status.go: 2.10/2.11 vs 2.12.
const base = {
  serverUrl: 'https://rancher.example/dashboard', manifestUrl: 'https://rancher.example/v3/import/t_c-abcde.yaml', token: 't', rancherVersion: 'v2.11.3',
};

describe('sim: registration token commands', () => {
  it('kubectl apply and the insecure curl on every release', () => {
    for (const minor of [10, 11, 12]) {
      expect(tokenCommands({
        ...base, minor, ownedByProvisioningCluster: false
      })).toMatchObject({ command: `kubectl apply -f ${ base.manifestUrl }`, insecureCommand: `curl --insecure -sfL ${ base.manifestUrl } | kubectl apply -f -` });
    }
  });

  it('2.12: always the system-agent install, against the server root', () => {
    const c = tokenCommands({
      ...base, minor: 12, ownedByProvisioningCluster: false
    });

    expect(c.nodeCommand).toBe(" curl -fL https://rancher.example/system-agent-install.sh | sudo  sh -s - --server https://rancher.example --label 'cattle.io/os=linux' --token t");
    expect(c.insecureNodeCommand).toContain('curl --insecure -fL');
    expect(c.windowsNodeCommand).toContain('wins-agent-install.ps1');
  });

  it('2.10/2.11: the RKE1 docker command for a Norman cluster, the system agent for one a provisioning cluster owns', () => {
    const legacy = tokenCommands({
      ...base, minor: 11, ownedByProvisioningCluster: false
    });

    expect(legacy.nodeCommand).toMatch(/^sudo docker run .* rancher\/rancher-agent:v2\.11\.3 --server https:\/\/rancher\.example --token t$/);
    expect(legacy.insecureNodeCommand).toBe('');
    expect(tokenCommands({
      ...base, minor: 10, ownedByProvisioningCluster: true
    }).nodeCommand).toContain('system-agent-install.sh');
  });
});
