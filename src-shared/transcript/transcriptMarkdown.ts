import { approvalText, type GuardrailVerdict, type TranscriptEntry } from './transcriptModel';
import { describeImage } from './transcriptImages';

export interface MarkdownContext {
  readonly title: string;
  /** Lines under the title: scenario, date, models, as the caller knows them. */
  readonly details: readonly string[];
}

function verdictText(verdict: GuardrailVerdict | undefined): string {
  if (!verdict) return '';
  switch (verdict.status) {
    case 'pass':
      return ' _(guardrail: pass)_';
    case 'fail':
      return ` _(guardrail tripped: ${verdict.category}: ${verdict.rationale})_`;
    case 'pending':
      return ' _(guardrail: no verdict)_';
    case 'error':
      return ` _(guardrail: ${verdict.message})_`;
  }
}

/** Text that cannot break the Markdown around it: one paragraph, markup characters escaped. */
function inline(text: string): string {
  return text.replace(/([\\`*_[\]<>#|])/g, '\\$1').replace(/\n+/g, ' ');
}

function fenced(label: string, body: string | undefined): string[] {
  if (body === undefined || body === '') return [];
  let pretty = body;
  try {
    pretty = JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    // Not JSON: shown as it is.
  }
  const fence = pretty.includes('```') ? '~~~~' : '```';
  return [`  ${label}:`, '', `  ${fence}json`, ...pretty.split('\n').map((line) => `  ${line}`), `  ${fence}`, ''];
}

/** The transcript as a Markdown document: who said what (and which agent), tool calls with arguments and results, handoffs, verdicts. */
export function transcriptToMarkdown(entries: readonly TranscriptEntry[], context: MarkdownContext): string {
  const details = context.details.map((detail) => `- ${inline(detail)}`);
  const lines = [`# ${inline(context.title)}`, '', ...(details.length > 0 ? [...details, ''] : [])];
  for (const entry of entries) {
    switch (entry.kind) {
      case 'message': {
        const who = entry.role === 'user' ? 'User' : `Assistant (${entry.agent ?? 'unknown agent'})`;
        const images = (entry.images ?? []).map((image) => ` _(${describeImage(image)})_`).join('');
        lines.push(
          `**${who}:** ${inline(entry.text)}${images}${entry.status === 'interrupted' ? ' _(interrupted)_' : ''}${verdictText(entry.guardrail)}`,
          '',
        );
        break;
      }
      case 'tool':
        lines.push(
          `- Tool \`${entry.name}\`${entry.backend ? ` via the ${entry.backend.kind} model${entry.backend.model ? ` ${entry.backend.model}` : ''}` : ''}${
            entry.approval ? ` (${inline(approvalText(entry)!)})` : ''
          }`,
          '',
        );
        lines.push(...fenced('Arguments', entry.arguments), ...fenced('Result', entry.output));
        break;
      case 'handoff':
        lines.push(`> Handoff: ${inline(entry.from ?? 'unknown')} → ${inline(entry.to)}`, '');
        break;
      case 'notice':
        lines.push(`> ${entry.level === 'error' ? 'Error' : 'Note'}: ${inline(entry.text)}`, '');
        break;
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
