import { dashboardEditComponent } from './dashboard';

/** `@shell/edit/provisioning.cattle.io.cluster/Labels` in the library build: the dashboard's own. */
export default dashboardEditComponent('provisioning.cattle.io.cluster/Labels');
