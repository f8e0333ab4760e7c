import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { features } from '../../lib/features';
import type { Access } from '../../lib/host/index';
import { createFakeHost, type FakeHost } from './index';
import { ROOT } from './http';

/**
 * static/openapi.json (issue 21, "the write API described"): every route of the plugin's route table
 * is documented with its access level, nothing else is, and the document holds together as OpenAPI 3.
 * Adding a route without describing it (or removing one and leaving its description) fails here.
 */

const DOC_FILE = path.join(ROOT, 'static/openapi.json');
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const ACCESS: Record<Access, string> = { public: 'guest', member: 'member', admin: 'admin' };

/** Express's `:id` as OpenAPI's `{id}`. */
const openApiPath = (p: string) => p.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');

interface RouteRow { key: string; feature: string; access: string; kind: 'page' | 'api'; expressPath: string }

/** The route table as the plugin mounts it: each page's `/api` twin (GET) and each write-API route. */
function routeTable(fake: FakeHost): RouteRow[] {
  return features.flatMap((make) => {
    const f = make(fake.host, fake.plugin.services);
    return [
      ...[...(f.pages ?? []), ...(f.adminPages ?? [])].map((r): RouteRow => ({
        key: `GET /api${openApiPath(r.path)}`, feature: f.name, access: ACCESS[r.access], kind: 'page', expressPath: `/api${r.path}`,
      })),
      ...(f.api ?? []).map((r): RouteRow => ({
        key: `${r.method.toUpperCase()} /api/v3/plugins${openApiPath(r.path)}`, feature: f.name, access: ACCESS[r.access], kind: 'api', expressPath: `/api/v3/plugins${r.path}`,
      })),
    ];
  });
}

// OpenAPI 3's structure, as far as this document uses it (no validator among the dependencies: zod is one)
const ref = z.object({ $ref: z.string().startsWith('#/') }).strict();
const response = z.union([ref, z.object({ description: z.string().min(1) }).passthrough()]);
const operation = z.object({
  tags: z.array(z.string()).min(1),
  summary: z.string().min(8),
  description: z.string().min(8),
  'x-bonus-access': z.enum(['guest', 'member', 'admin']),
  parameters: z.array(z.union([ref, z.object({ name: z.string(), in: z.enum(['path', 'query', 'header', 'cookie']) }).passthrough()])).optional(),
  responses: z.record(z.string().regex(/^([1-5]\d\d|[1-5]XX|default)$/), response).refine((r) => Object.keys(r).length > 0, 'an operation needs responses'),
}).passthrough();
const documentSchema = z.object({
  openapi: z.string().regex(/^3\.\d+\.\d+$/),
  info: z.object({ title: z.string().min(1), version: z.string().min(1), description: z.string().optional() }).passthrough(),
  paths: z.record(z.string().startsWith('/'), z.object(Object.fromEntries(METHODS.map((m) => [m, operation.optional()]))).strict()),
  components: z.object({}).passthrough().optional(),
}).passthrough();

type Doc = z.infer<typeof documentSchema>;
type Operation = z.infer<typeof operation>;

function operations(doc: Doc): { key: string; path: string; op: Operation }[] {
  return Object.entries(doc.paths).flatMap(([p, item]) => METHODS.flatMap((m) => {
    const op = (item as Record<string, Operation | undefined>)[m];
    return op ? [{ key: `${m.toUpperCase()} ${p}`, path: p, op }] : [];
  }));
}

/** A local `$ref` (`#/components/...`) followed to what it names. */
function resolve(doc: unknown, value: unknown): unknown {
  const target = (value as { $ref?: unknown } | null)?.$ref;
  if (typeof target !== 'string') return value;
  let node: unknown = doc;
  for (const part of target.slice(2).split('/')) node = (node as Record<string, unknown> | undefined)?.[part];
  return node;
}

function refsIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refsIn(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refsIn(v, out);
    }
  }
  return out;
}

describe('the OpenAPI document of the plugin\'s routes (static/openapi.json)', function () {
  let fake: FakeHost;
  let raw: unknown;
  let doc: Doc;

  before(async function () {
    fake = await createFakeHost();
    raw = JSON.parse(fs.readFileSync(DOC_FILE, 'utf8')) as unknown;
    const parsed = documentSchema.safeParse(raw);
    assert.ok(parsed.success, `not an OpenAPI 3 document: ${parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 5), null, 2)}`);
    doc = parsed.data;
  });

  it('is OpenAPI 3: every $ref resolves, every path parameter is declared and required, responses are described', function () {
    const broken = [...new Set(refsIn(raw))].filter((r) => resolve(raw, { $ref: r }) === undefined);
    assert.deepEqual(broken, [], 'references to nothing');
    for (const { key, path: p, op } of operations(doc)) {
      const inPath = [...p.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
      const declared = (op.parameters ?? []).map((x) => resolve(raw, x) as { name: string; in: string; required?: boolean }).filter((x) => x.in === 'path');
      assert.deepEqual(declared.map((x) => x.name).sort(), inPath, `${key}: path parameters`);
      for (const x of declared) assert.equal(x.required, true, `${key}: path parameter ${x.name} must be required`);
      for (const [status, r] of Object.entries(op.responses)) {
        const described = resolve(raw, r) as { description?: unknown } | undefined;
        assert.ok(typeof described?.description === 'string' && described.description.length > 0, `${key} ${status}: no description`);
      }
    }
  });

  it('documents every route of the route table and nothing else (method and path, both ways)', function () {
    const routes = new Set(routeTable(fake).map((r) => r.key));
    const documented = new Set(operations(doc).map((o) => o.key));
    const missing = [...routes].filter((k) => !documented.has(k));
    const absent = [...documented].filter((k) => !routes.has(k));
    // missing: mounted but not described; absent: described but not mounted
    assert.deepEqual({ missing, absent }, { missing: [], absent: [] }, 'static/openapi.json and the route table differ');
  });

  it('gives each route its access level and feature as the route table does, and the write API NodeBB\'s error envelope', function () {
    const ops = new Map(operations(doc).map((o) => [o.key, o.op]));
    const envelope = '#/components/schemas/ErrorEnvelope';
    for (const route of routeTable(fake)) {
      const op = ops.get(route.key);
      if (!op) continue; // the test above names it
      assert.equal(op['x-bonus-access'], route.access, `${route.key}: access`);
      assert.deepEqual(op.tags, [route.feature], `${route.key}: tag`);
      assert.ok(op.responses['200'], `${route.key}: no 200`);
      if (route.access !== 'guest') assert.ok(op.responses['401'], `${route.key}: a guest is answered 401`);
      if (route.kind === 'api') {
        for (const status of ['400', '403', '404', '409', '500']) {
          const r = resolve(raw, op.responses[status]) as { content?: Record<string, { schema?: unknown }> } | undefined;
          assert.deepEqual(r?.content?.['application/json']?.schema, { $ref: envelope }, `${route.key} ${status}: NodeBB's error envelope`);
        }
      }
    }
    // the envelope itself: { status: { code, message }, response: {} }
    const schema = resolve(raw, { $ref: envelope }) as { required: string[]; properties: Record<string, unknown> };
    assert.deepEqual(schema.required, ['status', 'response']);
  });

  it('says what the hosts answer: a guest 401 on member and admin routes, a member 403 on admin write routes, in the envelope', async function () {
    const member = fake.forum.createUser({ username: 'reader' });
    const guest = fake.agent(0);
    for (const route of routeTable(fake)) {
      const url = route.expressPath.replace(/:month\b/g, '2026-01').replace(/:userslug\b/g, 'reader').replace(/:[A-Za-z]+/g, '1');
      const method = route.key.split(' ')[0].toLowerCase() as 'get' | 'post' | 'put' | 'delete';
      if (route.access !== 'guest') {
        const res = await guest[method](url).expect(401);
        assert.equal(res.body.status?.code, 'not-authorised', `${route.key} as a guest`);
      }
      if (route.kind === 'api' && route.access === 'admin') {
        const res = await fake.agent(member)[method](url, {}).expect(403);
        assert.equal(res.body.status?.code, 'forbidden', `${route.key} as a member`);
        assert.deepEqual(res.body.response, {});
      }
    }
  });

  it('is served with the plugin\'s static files (plugin.json staticDirs), where an admin can open it', async function () {
    const pluginJson = JSON.parse(fs.readFileSync(path.join(ROOT, 'plugin.json'), 'utf8')) as { staticDirs?: Record<string, string> };
    // NodeBB serves staticDirs.static at /assets/plugins/nodebb-plugin-bonus/static/ (and redirects /plugins/… there)
    assert.equal(pluginJson.staticDirs?.static, 'static');
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { files: string[] };
    assert.ok(pkg.files.includes('static'), 'static/ is published with the package');
    const url = '/assets/plugins/nodebb-plugin-bonus/static/openapi.json';
    const res = await fake.agent(0).get(url).expect(200).expect('content-type', /json/);
    assert.deepEqual(res.body, raw);
    // the ACP home links it
    const admin = fake.forum.createUser({ username: 'root', groups: ['administrators'] });
    const home = await fake.agent(admin).get('/admin/plugins/bonus').expect(200);
    assert.match(home.text, new RegExp(`<a href="${url}" data-bonus="api-doc">The plugin's HTTP API as an OpenAPI 3 document`));
  });
});
