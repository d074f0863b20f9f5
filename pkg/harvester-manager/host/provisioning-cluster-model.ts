import { dashboardModel } from './dashboard';

/**
 * `@shell/models/provisioning.cattle.io.cluster` in the library build: the dashboard's own class.
 * Our model extends it; the shell requires model modules only when it first classifies a resource
 * of the type, long after the dashboard's store exists.
 */
export default dashboardModel('provisioning.cattle.io.cluster');
