import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { npmCommand, stopCommandTree } from '../../support/npmCommand';

let child: ChildProcess | undefined;

afterEach(() => {
  // npm does not pass SIGTERM on to tsx, so the CLI runs in its own process group and the group is stopped.
  if (child) stopCommandTree(child);
  child = undefined;
});

/** Runs `npm run fake-openai -- …` and resolves with the URL it prints. */
function startCli(args: string[]): Promise<string> {
  child = spawn(...npmCommand(['run', '--silent', 'fake-openai', '--', ...args]), {
    cwd: process.cwd(),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`the CLI printed no URL within 20 s:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /fake-openai listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child!.stdout!.on('data', onData);
    child!.stderr!.on('data', onData);
    child!.once('exit', (code) => reject(new Error(`the CLI exited with ${code}:\n${output}`)));
  });
}

describe('npm run fake-openai', () => {
  it('prints its URL and serves the API with the keys, script and faults it was given', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'fake-cli-'));
    const script = join(folder, 'script.json');
    writeFileSync(script, JSON.stringify({ responses: [{ inputIncludes: 'ping', text: 'pong' }] }));
    const baseUrl = await startCli(['--port', '0', '--api-key', 'sk-cli', '--script', script, '--fault', 'route=client_secrets,status=503,times=1']);

    const openai = new OpenAI({ apiKey: 'sk-cli', baseURL: `${baseUrl}/v1`, maxRetries: 0 });
    const response = await openai.responses.create({ model: 'gpt-4.1', input: 'ping' });
    expect(response.output_text).toBe('pong');
    await expect(openai.realtime.clientSecrets.create({ session: { type: 'realtime' } })).rejects.toMatchObject({ status: 503 });
    await expect(openai.realtime.clientSecrets.create({ session: { type: 'realtime' } })).resolves.toHaveProperty('value');
    const stranger = new OpenAI({ apiKey: 'sk-test', baseURL: `${baseUrl}/v1`, maxRetries: 0 });
    await expect(stranger.responses.create({ model: 'gpt-4.1', input: 'ping' })).rejects.toMatchObject({ status: 401 });
  });

  it('refuses an invalid script, naming the field', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'fake-cli-'));
    const script = join(folder, 'bad.json');
    writeFileSync(script, JSON.stringify({ realtime: [{ callTool: {} }] }));
    await expect(startCli(['--port', '0', '--script', script])).rejects.toThrow(/realtime\[0\]\.callTool\.name/);
  });
});
