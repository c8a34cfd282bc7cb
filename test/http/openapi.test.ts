/**
 * /openapi.json: valid OpenAPI 3.1 (checked against the official schema by @seriousme/openapi-schema-validator) and
 * complete enough to generate a client: every operation has an operationId, bearer security unless public, request
 * bodies, the success envelope with its data schema and the error envelope with the catalog codes it can give.
 */
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../../src/errors.ts';
import { testApp, tokenAndSession, type TestApp } from '../helpers/server.ts';

type Json = Record<string, unknown>;
interface Operation {
  operationId?: string;
  security?: Json[];
  requestBody?: { content: Record<string, { schema: Json }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: Json }> }>;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const PUBLIC = new Set(['getHealth', 'createAnonymousToken', 'downloadRender']);

describe('the OpenAPI document', () => {
  let t: TestApp;
  let doc: Json & {
    paths: Record<string, Record<string, Operation>>;
    components: { schemas: Record<string, Json> };
  };
  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([m]) => METHODS.includes(m))
        .map(([method, op]) => ({ path, method, op })),
    );

  beforeAll(async () => {
    t = await testApp();
    doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
  });
  afterAll(() => t.close());

  it('is valid OpenAPI 3.1 against the official schema', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc));
    expect(result.errors ?? [], JSON.stringify(result.errors ?? []).slice(0, 2000)).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('gives every operation a unique operationId, and bearer security unless it is public', () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThanOrEqual(14);
    const ids = ops.map((o) => o.op.operationId);
    for (const o of ops) expect(o.op.operationId, `${o.method} ${o.path}`).toMatch(/^[a-z][A-Za-z]+$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(doc.security).toEqual([{ bearer: [] }]);
    expect(doc.components).toMatchObject({ securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } });
    for (const { op } of ops) {
      expect(op.security, op.operationId).toEqual(PUBLIC.has(op.operationId!) ? [] : [{ bearer: [] }]);
    }
  });

  it('documents each answer: the success envelope with its data schema, errors with their catalog codes', () => {
    const codes = new Set(Object.values(catalog).map((e) => e.code));
    for (const { op } of operations()) {
      const ok = op.responses['200'];
      expect(ok?.content, op.operationId).toBeDefined();
      const json = ok?.content?.['application/json']?.schema as { properties?: { data?: Json } } | undefined;
      if (json) expect(json.properties?.data?.$ref, op.operationId).toMatch(/^#\/components\/schemas\/\w+$/);
      const errors = Object.entries(op.responses).filter(([s]) => Number(s) >= 400);
      expect(
        errors.some(([s]) => Number(s) < 500),
        `${op.operationId} has a 4XX`,
      ).toBe(true);
      for (const [status, r] of errors) {
        const schema = r.content?.['application/json']?.schema as {
          allOf: Json[];
          properties: { code: { enum: number[] } };
        };
        expect(schema.allOf, `${op.operationId} ${status}`).toEqual([
          { $ref: '#/components/schemas/ErrorEnvelope' },
        ]);
        for (const code of schema.properties.code.enum) {
          expect(codes.has(code as never), `${code}`).toBe(true);
          const entry = Object.values(catalog).find((e) => e.code === code);
          expect(entry?.status, `${op.operationId}: ${code} under ${status}`).toBe(Number(status));
          expect(r.description).toContain(String(code));
        }
      }
    }
    const byId = Object.fromEntries(operations().map((o) => [o.op.operationId, o.op]));
    expect(JSON.stringify(byId.applyEdits!.responses)).toMatch(/"enum":\[400,4102\]/);
    expect(JSON.stringify(byId.getSessionState!.responses['404'])).toMatch(/1002/);
    expect(byId.runInstruction!.responses['200']!.content).toHaveProperty(['text/event-stream']);
    expect(byId.downloadRender!.responses['200']!.content).toHaveProperty(['video/mp4']);
  });

  it('has the request bodies a client needs', () => {
    const byId = Object.fromEntries(operations().map((o) => [o.op.operationId, o.op]));
    for (const id of [
      'createSession',
      'startExport',
      'runInstruction',
      'setDraft',
      'applyEdits',
      'uploadMedia',
    ]) {
      expect(byId[id]?.requestBody?.content['application/json']?.schema, id).toBeDefined();
    }
    expect(byId.uploadMedia!.requestBody!.content).toHaveProperty(['multipart/form-data']);
    expect(JSON.stringify(byId.applyEdits!.requestBody)).toContain('#/components/schemas/TimelineEdit');
    expect(JSON.stringify(byId.setDraft!.requestBody)).toMatch(/"fps"/);
  });

  it('describes the wire types as components generated from the protocol schemas, and real answers fit them', async () => {
    const s = doc.components.schemas;
    for (const name of [
      'Draft',
      'MediaFile',
      'VideoInfo',
      'RenderStatus',
      'SessionState',
      'AgentEvent',
      'ErrorEnvelope',
    ])
      expect(s[name], name).toBeDefined();
    expect(s.SessionState).toMatchObject({
      required: expect.arrayContaining(['draft', 'video_infos', 'generated_media']),
      properties: { draft: { $ref: '#/components/schemas/Draft' } },
    });
    expect(s.VideoInfo).toMatchObject({
      required: expect.arrayContaining(['id', 'name', 'kind', 'size', 'thumbnail_url']),
    });
    // Every field a real answer has is in the document's schema (nothing undocumented on the wire).
    const { session, auth } = await tokenAndSession(t.app);
    const state = (
      await t.app.inject({ method: 'GET', url: `/api/state/nemo_agent/me/${session}/latest`, headers: auth })
    ).json().data.state as Json;
    const props = (s.SessionState as { properties: Json }).properties;
    for (const key of Object.keys(state)) expect(props, key).toHaveProperty([key]);
    const draftProps = (s.Draft as { properties: Json }).properties;
    for (const key of Object.keys(state.draft as Json)) expect(draftProps, key).toHaveProperty([key]);
  });
});
