import { lazyPart } from './lazyPart';

/** The CodeMirror editor and merge view, fetched the first time an agent's prompt is shown. */
export const PromptEditor = lazyPart(() => import('./PromptEditor').then((module) => module.PromptEditor), 'Loading the prompt editor…');
export const PromptDiff = lazyPart(() => import('./PromptEditor').then((module) => module.PromptDiff), 'Loading the difference view…');
export const PromptMerge = lazyPart(() => import('./PromptEditor').then((module) => module.PromptMerge), 'Loading the suggested rewrite…');
