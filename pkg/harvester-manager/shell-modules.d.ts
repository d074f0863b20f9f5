// @rancher/shell modules without type declarations that typed shell code we import pulls in
// (utils/uiplugins.ts imports config/uiplugins.js); without this the extension build fails TS7016.
declare module '@shell/config/uiplugins';
