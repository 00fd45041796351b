import { parseArgs } from 'node:util';
import { startTestMcpServer } from './testMcpServer';

const usage = 'Usage: tsx e2e/mcp-server/cli.ts [--port N] [--require-header NAME=VALUE]...';

/** Starts the test MCP server on loopback and prints its URL, for e2e runs and trying hosted MCP tools by hand. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      'require-header': { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port ${values.port} is not a port number (0 picks a free one).\n${usage}`);
  const requiredHeaders: Record<string, string> = {};
  for (const pair of values['require-header'] ?? []) {
    const split = pair.indexOf('=');
    if (split <= 0) throw new Error(`--require-header ${pair} is not NAME=VALUE.\n${usage}`);
    requiredHeaders[pair.slice(0, split)] = pair.slice(split + 1);
  }
  const server = await startTestMcpServer({ port, requiredHeaders });
  console.log(`test MCP server listening on ${server.url}`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
