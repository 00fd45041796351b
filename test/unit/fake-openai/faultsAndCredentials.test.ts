import { describe, expect, it } from 'vitest';
import { Credentials } from '../../../e2e/fake-openai/credentials';
import { FaultControl, FaultFlagError, parseFaultFlag } from '../../../e2e/fake-openai/faults';
import { defaultSession, voiceFault } from '../../../e2e/fake-openai/sessionConfig';

describe('fault control', () => {
  it('hits only the route it targets, and removes itself after `times`', () => {
    const faults = new FaultControl();
    faults.set([{ route: 'responses', status: 500, times: 2 }]);
    expect(faults.take('client_secrets', 'request').status).toBeUndefined();
    expect(faults.take('responses', 'request').status).toBe(500);
    expect(faults.take('responses', 'request').status).toBe(500);
    expect(faults.take('responses', 'request').status).toBeUndefined();
    expect(faults.list()).toEqual([]);
  });

  it('keeps response-level faults for responses, so a connection does not use them up', () => {
    const faults = new FaultControl();
    faults.set([{ route: 'realtime', dropMidResponse: true, times: 1 }]);
    expect(faults.take('realtime', 'request').dropMidResponse).toBe(false);
    expect(faults.take('realtime', 'response').dropMidResponse).toBe(true);
    expect(faults.take('realtime', 'response').dropMidResponse).toBe(false);
  });

  it('refuses only requests for its model and route, in the wording asked for, and uses up no `times` elsewhere', () => {
    const faults = new FaultControl();
    faults.set([{ route: 'responses', refuseModel: 'gpt-4.1', refusal: 'not_found', times: 1 }, { refuseModel: 'gpt-realtime' }]);
    expect(faults.take('responses', 'request').status).toBeUndefined();
    expect(faults.refusalFor('client_secrets', 'gpt-4.1')).toBeUndefined();
    expect(faults.refusalFor('responses', 'gpt-6.1-terra')).toBeUndefined();
    expect(faults.refusalFor('responses', 'gpt-4.1')).toBe('not_found');
    expect(faults.refusalFor('responses', 'gpt-4.1')).toBeUndefined();
    expect(faults.refusalFor('client_secrets', 'gpt-realtime')).toBe('deprecated');
    expect(parseFaultFlag('route=client_secrets,refuseModel=gpt-realtime,refusal=not_found')).toMatchObject({
      route: 'client_secrets',
      refuseModel: 'gpt-realtime',
      refusal: 'not_found',
    });
  });

  it('parses CLI fault flags, naming a bad field', () => {
    expect(parseFaultFlag('route=responses,status=429,retryAfterSeconds=3')).toMatchObject({ route: 'responses', status: 429, retryAfterSeconds: 3 });
    expect(parseFaultFlag('route=realtime,dropMidResponse')).toMatchObject({ route: 'realtime', dropMidResponse: true });
    expect(() => parseFaultFlag('route=responses,status=abc')).toThrow(FaultFlagError);
    expect(() => parseFaultFlag('route=responses,status=abc')).toThrow(/status/);
  });
});

describe('credentials', () => {
  it('accepts the keys it was given and refuses others as invalid_api_key', () => {
    const credentials = new Credentials(['sk-test']);
    expect(credentials.authenticate('sk-test', { apiKeys: true, clientSecrets: true })).toMatchObject({ kind: 'apiKey' });
    expect(() => credentials.authenticate('sk-other', { apiKeys: true, clientSecrets: true })).toThrow(
      expect.objectContaining({ status: 401, code: 'invalid_api_key' }),
    );
    expect(() => credentials.authenticate(undefined, { apiKeys: true, clientSecrets: true })).toThrow(expect.objectContaining({ status: 401 }));
  });

  it('accepts a client secret until it expires, and only where secrets are allowed', () => {
    let now = 1000;
    const credentials = new Credentials(['sk-test'], () => now);
    const secret = credentials.mint(defaultSession('gpt-realtime'), 60);
    expect(credentials.authenticate(secret.value, { apiKeys: false, clientSecrets: true })).toMatchObject({ kind: 'clientSecret' });
    expect(() => credentials.authenticate(secret.value, { apiKeys: true, clientSecrets: false })).toThrow(expect.objectContaining({ status: 401 }));
    now = 1061;
    expect(() => credentials.authenticate(secret.value, { apiKeys: false, clientSecrets: true })).toThrow(/expired/);
  });
});

describe('session voices', () => {
  it('takes a named voice or a custom {id: voice_…}, and refuses anything else in the API wording', () => {
    expect(voiceFault({})).toBeUndefined();
    expect(voiceFault({ audio: { output: { voice: 'marin' } } })).toBeUndefined();
    expect(voiceFault({ audio: { output: { voice: { id: 'voice_1a2b' } } } })).toBeUndefined();
    expect(voiceFault({ audio: { output: { voice: 'Nova' } } })).toMatch(/^Invalid value: 'Nova'\. Supported values are: 'alloy', /);
    expect(voiceFault({ audio: { output: { voice: { id: 'alloy' } } } })).toMatch(/^Invalid value: '\{"id":"alloy"\}'/);
  });
});
