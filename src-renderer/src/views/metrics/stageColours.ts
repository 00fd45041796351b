import type { LatencyStage } from '../../../../src-shared/latency';

/** Stage kinds, each with one colour in the waterfall and the legend. */
export const stageKinds = [
  { kind: 'silence', name: 'Silence (turn detection)', light: '#9aa0a6', dark: '#6b7078' },
  { kind: 'commit', name: 'Input committed', light: '#7baaf7', dark: '#3d6fb8' },
  { kind: 'response', name: 'Response created', light: '#a142f4', dark: '#b57af7' },
  { kind: 'model', name: 'Model choosing a tool', light: '#f29900', dark: '#e6a23c' },
  { kind: 'call', name: 'Tool, supervisor, escalation, handoff', light: '#d93025', dark: '#ff7b72' },
  { kind: 'decision', name: 'Your decision (Ask me)', light: '#e52592', dark: '#ff8bcb' },
  { kind: 'text', name: 'First text', light: '#12b5cb', dark: '#4ecde6' },
  { kind: 'audio', name: 'First audio', light: '#188038', dark: '#5cc27a' },
  { kind: 'rest', name: 'Rest of the response', light: '#c4c7cc', dark: '#4a4d55' },
] as const;
export type StageKind = (typeof stageKinds)[number]['kind'];

/** Which kind a stage is, from the label the latency reducer gave it. */
export function kindOf(stage: LatencyStage): StageKind {
  const label = stage.label;
  if (label.startsWith('silence')) return 'silence';
  if (label === 'input committed') return 'commit';
  if (label === 'response created') return 'response';
  if (label.startsWith('model chose')) return 'model';
  if (label === 'first text') return 'text';
  if (label === 'first audio') return 'audio';
  if (label === 'response done') return 'rest';
  if (label.startsWith('your decision')) return 'decision';
  return 'call';
}
