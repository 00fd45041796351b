/** Set by electron.vite.config.ts: true only in the startup bench's eager baseline build. */
declare const __WORKBENCH_EAGER_PARTS__: boolean;
