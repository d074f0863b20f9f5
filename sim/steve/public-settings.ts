/** Settings Rancher serves to logged-out clients (the login page's branding and banners). */
export const PUBLIC_SETTINGS = new Set([
  'ui-pl', 'ui-brand', 'ui-banners', 'ui-login-background-light', 'ui-login-background-dark', 'ui-primary-color',
  'ui-link-color', 'ui-favicon', 'ui-logo-light', 'ui-logo-dark', 'first-login', 'server-url', 'ui-offline-preferred',
  'auth-user-info-max-age-seconds', 'ui-default-landing', 'ui-performance', 'ui-custom-links', 'server-version',
  'ui-index', 'ui-dashboard-index', 'eula-agreed', 'telemetry-opt', 'ui-pl', 'disable-password-auth', 'agent-tls-mode',
]);
