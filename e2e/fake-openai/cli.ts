import { parseArgs } from 'node:util';
import { FakeOpenAIError } from './fakeError';
import { parseFaultFlag } from './faults';
import { loadScriptFile } from './script';
import { startFakeOpenAI } from './server';

const usage = `Usage: npm run fake-openai -- [--port N] [--host H] [--script FILE] [--api-key KEY]... [--fault SPEC]... [--speech auto|espeak|tone] [--delta-interval-ms N]
  --fault takes comma-separated fields, e.g. route=responses,status=500,times=1 or route=realtime,dropMidResponse
  (see e2e/fake-openai/README.md).`;

class UsageError extends FakeOpenAIError {
  constructor(message: string) {
    super('invalid_usage', `${message}\n${usage}`);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      host: { type: 'string', default: '127.0.0.1' },
      script: { type: 'string' },
      'api-key': { type: 'string', multiple: true },
      fault: { type: 'string', multiple: true },
      speech: { type: 'string', default: 'auto' },
      'delta-interval-ms': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port ${values.port} is not a port number (0 picks a free one).`);
  if (!['auto', 'espeak', 'tone'].includes(values.speech)) throw new UsageError(`--speech ${values.speech} must be auto, espeak or tone.`);
  const fake = await startFakeOpenAI({
    port,
    host: values.host,
    apiKeys: values['api-key'] ?? ['sk-test'],
    script: values.script ? await loadScriptFile(values.script) : undefined,
    faults: (values.fault ?? []).map(parseFaultFlag),
    speech: values.speech as 'auto' | 'espeak' | 'tone',
    deltaIntervalMs: values['delta-interval-ms'] === undefined ? undefined : Number(values['delta-interval-ms']),
  });
  console.log(`fake-openai listening on ${fake.baseUrl}`);
  const stop = () => {
    void fake.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
