// Conformance check: drive gcsim with the official Genesys Cloud JavaScript SDK
// (purecloud-platform-client-v2). If the SDK can sign in, build the real request paths
// and parse every answer, gcsim speaks the real Platform API for these calls.
//
// usage: node gcsim_sdk_check.mjs [path/to/gcsim]   (or GCSIM=path; default ../../build/bin/gcsim)
// Prints one line per check, then exactly "N passed, M failed". Exit 0 only if M == 0.

import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import platformClient from 'purecloud-platform-client-v2';

const here = path.dirname(fileURLToPath(import.meta.url));
const gcsimPath = process.argv[2] || process.env.GCSIM || path.resolve(here, '../../build/bin/gcsim');
const SUPERVISOR_ID = '5a5a5a5a-0000-4000-8000-000000000001';
const CLIENT_ID = 'gcsim-sdk-conformance';
const REDIRECT_URI = 'http://localhost:8080/callback';
const OVERALL_TIMEOUT_MS = 55_000;

let passed = 0;
let failed = 0;
let gcsim = null;

let finishing = false;
async function finish(code) {
  if (finishing) return;
  finishing = true;
  // Always stop gcsim, and wait for it so no orphan or zombie is left behind.
  if (gcsim && gcsim.exitCode === null && gcsim.signalCode === null) {
    const exited = new Promise((resolve) => gcsim.once('exit', resolve));
    gcsim.kill('SIGTERM');
    const late = setTimeout(() => gcsim.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(late);
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(code ?? (failed === 0 && passed > 0 ? 0 : 1));
}

const watchdog = setTimeout(() => {
  console.log(`FAIL  overall: run exceeded ${OVERALL_TIMEOUT_MS / 1000} s`);
  failed++;
  finish(1);
}, OVERALL_TIMEOUT_MS);
watchdog.unref();
process.on('SIGINT', () => finish(1));
process.on('SIGTERM', () => finish(1));

// ---------- small assertion helpers: every problem is collected, the check fails if any ----------

const isStr = (v) => typeof v === 'string' && v.length > 0;
const isNum = (v) => typeof v === 'number' && Number.isFinite(v);
const isIso = (v) => isStr(v) && !Number.isNaN(Date.parse(v));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUuid = (v) => isStr(v) && UUID.test(v);

class Expect {
  constructor() { this.problems = []; }
  that(cond, what) { if (!cond) this.problems.push(what); return cond; }
  str(obj, key, where) { return this.that(isStr(obj?.[key]), `${where}.${key} should be a non-empty string, got ${show(obj?.[key])}`); }
  num(obj, key, where) { return this.that(isNum(obj?.[key]), `${where}.${key} should be a number, got ${show(obj?.[key])}`); }
  bool(obj, key, where) { return this.that(typeof obj?.[key] === 'boolean', `${where}.${key} should be a boolean, got ${show(obj?.[key])}`); }
  iso(obj, key, where) { return this.that(isIso(obj?.[key]), `${where}.${key} should be an ISO-8601 date, got ${show(obj?.[key])}`); }
  uuid(obj, key, where) { return this.that(isUuid(obj?.[key]), `${where}.${key} should be a UUID, got ${show(obj?.[key])}`); }
  arr(obj, key, where, nonEmpty = false) {
    const v = obj?.[key];
    return this.that(Array.isArray(v) && (!nonEmpty || v.length > 0),
      `${where}.${key} should be ${nonEmpty ? 'a non-empty' : 'an'} array, got ${show(v)}`);
  }
  eq(actual, expected, where) { return this.that(actual === expected, `${where} should be ${show(expected)}, got ${show(actual)}`); }
  listing(body, where, { totals = true } = {}) {
    this.arr(body, 'entities', where);
    this.num(body, 'pageSize', where);
    this.num(body, 'pageNumber', where);
    if (totals) { this.num(body, 'total', where); this.num(body, 'pageCount', where); }
  }
}

function show(v) {
  if (v === undefined) return 'undefined';
  const s = JSON.stringify(v);
  return s && s.length > 120 ? s.slice(0, 117) + '...' : s;
}

function describeError(err) {
  if (!err) return String(err);
  // The SDK rejects with {status, statusText, headers, body, error, ...} for HTTP errors.
  if (err.status !== undefined || err.body !== undefined) {
    const body = typeof err.body === 'string' ? err.body : JSON.stringify(err.body);
    return `HTTP ${err.status} ${err.statusText ?? ''} ${body ?? ''}`.trim();
  }
  if (err.response) return `HTTP ${err.response.status} ${JSON.stringify(err.response.data)}`;
  return err.stack || err.message || String(err);
}

// Runs one named check; `fn` returns its result (for later checks) and fills `ex` with problems.
async function check(name, fn) {
  const ex = new Expect();
  try {
    const result = await fn(ex);
    if (ex.problems.length === 0) {
      passed++;
      console.log(`PASS  ${name}`);
    } else {
      failed++;
      console.log(`FAIL  ${name}`);
      for (const p of ex.problems) console.log(`        - ${p}`);
    }
    return result;
  } catch (err) {
    failed++;
    console.log(`FAIL  ${name}: ${describeError(err)}`);
    return undefined;
  }
}

// ---------- start gcsim ----------

function startGcsim() {
  return new Promise((resolve, reject) => {
    gcsim = spawn(gcsimPath, ['--port', '0', '--agents', '50'], { stdio: ['ignore', 'pipe', 'inherit'] });
    gcsim.on('error', (e) => reject(new Error(`cannot start ${gcsimPath}: ${e.message}`)));
    gcsim.once('exit', (code, sig) => reject(new Error(`gcsim exited early (code ${code}, signal ${sig})`)));
    const rl = createInterface({ input: gcsim.stdout });
    const timer = setTimeout(() => reject(new Error('gcsim printed no listening line within 10 s')), 10_000);
    rl.once('line', (line) => {
      clearTimeout(timer);
      const m = /^gcsim listening on (http:\/\/127\.0\.0\.1:(\d+))$/.exec(line);
      if (!m) return reject(new Error(`unexpected first stdout line from gcsim: ${show(line)}`));
      rl.on('line', () => {}); // keep draining stdout
      resolve({ base: m[1], port: Number(m[2]) });
    });
  });
}

async function simControl(base, body) {
  const res = await fetch(`${base}/_sim/control`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok || !json.ok) throw new Error(`/_sim/control ${JSON.stringify(body)} -> ${res.status} ${JSON.stringify(json)}`);
  return json;
}

// ---------- the checks ----------

async function main() {
  let sim;
  try {
    sim = await startGcsim();
  } catch (e) {
    failed++;
    console.log(`FAIL  start gcsim: ${e.message}`);
    return finish(1);
  }
  const { base, port } = sim;
  console.log(`gcsim at ${base}; SDK purecloud-platform-client-v2`);

  const client = platformClient.ApiClient.instance;
  client.setEnvironment('mypurecloud.com');
  client.setGateway({ host: '127.0.0.1', protocol: 'http', port });

  await check('SDK gateway points api and login at gcsim', (ex) => {
    ex.eq(client.config.getConfUrl('api', client.config.basePath), base, 'api base');
    ex.eq(client.config.getConfUrl('login', client.config.authUrl), base, 'login base');
  });

  // --- sign-in: PKCE authorization code. The SDK makes the verifier and challenge; the browser
  // step (GET /oauth/authorize) is done by hand without following the redirect; the SDK then
  // exchanges the code at /oauth/token itself (authorizePKCEGrant).
  const verifier = client.generatePKCECodeVerifier(64);
  const challenge = await client.computePKCECodeChallenge(verifier);
  const state = 'st-' + Math.random().toString(36).slice(2);

  const code = await check('GET /oauth/authorize redirects with code and state', async (ex) => {
    const q = new URLSearchParams({
      response_type: 'code', client_id: CLIENT_ID, redirect_uri: REDIRECT_URI,
      code_challenge: challenge, code_challenge_method: 'S256', state,
    });
    const res = await fetch(`${base}/oauth/authorize?${q}`, { redirect: 'manual' });
    ex.that(res.status === 302, `status should be 302, got ${res.status}`);
    const loc = res.headers.get('location');
    if (!ex.that(isStr(loc), 'Location header missing')) return undefined;
    const u = new URL(loc);
    ex.eq(`${u.origin}${u.pathname}`, REDIRECT_URI, 'redirect target');
    ex.eq(u.searchParams.get('state'), state, 'state');
    ex.that(isStr(u.searchParams.get('code')), `code missing in ${loc}`);
    return u.searchParams.get('code') ?? undefined;
  });

  const auth = await check('SDK authorizePKCEGrant (POST /oauth/token, code_verifier)', async (ex) => {
    if (!ex.that(isStr(code), 'no authorization code to exchange')) return undefined;
    const data = await client.authorizePKCEGrant(CLIENT_ID, verifier, code, REDIRECT_URI);
    ex.str(data, 'accessToken', 'authData');
    console.log(`        (refresh token issued: ${isStr(data?.refreshToken) ? 'yes' : 'no'})`);
    ex.that(isNum(data?.tokenExpiryTime) && data.tokenExpiryTime > Date.now(),
      `authData.tokenExpiryTime should be in the future (expires_in parsed), got ${show(data?.tokenExpiryTime)}`);
    return data;
  });
  if (!auth?.accessToken) {
    console.log('cannot continue without an access token');
    return finish(1);
  }
  client.setAccessToken(auth.accessToken);

  const usersApi = new platformClient.UsersApi();
  const tokensApi = new platformClient.TokensApi();
  const routingApi = new platformClient.RoutingApi();
  const conversationsApi = new platformClient.ConversationsApi();
  const coachingApi = new platformClient.CoachingApi();
  const notificationsApi = new platformClient.NotificationsApi();

  await check('UsersApi.getUsersMe', async (ex) => {
    const me = await usersApi.getUsersMe({ expand: ['presence', 'routingStatus'] });
    ex.eq(me?.id, SUPERVISOR_ID, 'me.id');
    ex.str(me, 'name', 'me');
    ex.str(me, 'selfUri', 'me');
    ex.that(me?.selfUri?.endsWith(`/api/v2/users/${SUPERVISOR_ID}`), `me.selfUri should end in /api/v2/users/{id}, got ${show(me?.selfUri)}`);
  });

  await check('TokensApi.getTokensMe', async (ex) => {
    const t = await tokensApi.getTokensMe();
    ex.that(typeof t?.organization === 'object', `token.organization should be an object, got ${show(t?.organization)}`);
    ex.uuid(t?.organization, 'id', 'token.organization');
    ex.that(typeof t?.homeOrganization === 'object' || t?.homeOrganization === undefined,
      `token.homeOrganization should be an object when present, got ${show(t?.homeOrganization)}`);
    ex.that(typeof t?.OAuthClient === 'object', `token.OAuthClient should be an object, got ${show(t?.OAuthClient)}`);
  });

  const agents = await check('UsersApi.getUsers expand presence,routingStatus', async (ex) => {
    const page = await usersApi.getUsers({ pageSize: 100, pageNumber: 1, expand: ['presence', 'routingStatus'] });
    ex.listing(page, 'users');
    ex.that(page?.total >= 50, `users.total should count 50 agents + supervisors, got ${show(page?.total)}`);
    const users = page?.entities ?? [];
    ex.that(users.length >= 50, `expected at least 50 users on one page of 100, got ${users.length}`);
    for (const [i, u] of users.slice(0, 60).entries()) {
      const w = `users.entities[${i}]`;
      ex.uuid(u, 'id', w);
      ex.str(u, 'name', w);
      if (ex.that(typeof u.presence === 'object' && u.presence, `${w}.presence missing (expand=presence)`)) {
        ex.that(isStr(u.presence.presenceDefinition?.systemPresence),
          `${w}.presence.presenceDefinition.systemPresence should be a string, got ${show(u.presence.presenceDefinition)}`);
        ex.iso(u.presence, 'modifiedDate', `${w}.presence`);
      }
      if (ex.that(typeof u.routingStatus === 'object' && u.routingStatus, `${w}.routingStatus missing (expand=routingStatus)`)) {
        ex.that(['OFF_QUEUE', 'IDLE', 'INTERACTING', 'NOT_RESPONDING', 'COMMUNICATING'].includes(u.routingStatus.status),
          `${w}.routingStatus.status should be a RoutingStatus enum, got ${show(u.routingStatus.status)}`);
      }
    }
    return users.filter((u) => u.id !== SUPERVISOR_ID && !u.id.startsWith('5a5a5a5a-'));
  });

  const queues = await check('RoutingApi.getRoutingQueues', async (ex) => {
    const page = await routingApi.getRoutingQueues({ pageSize: 25, pageNumber: 1 });
    ex.listing(page, 'queues');
    const qs = page?.entities ?? [];
    ex.that(qs.length >= 1, 'expected at least one queue');
    for (const [i, q] of qs.entries()) {
      ex.uuid(q, 'id', `queues.entities[${i}]`);
      ex.str(q, 'name', `queues.entities[${i}]`);
    }
    return qs;
  });

  await check('RoutingApi.getRoutingQueueMembers', async (ex) => {
    if (!ex.that(queues?.length > 0, 'no queue to list members of')) return;
    const page = await routingApi.getRoutingQueueMembers(queues[0].id, { pageSize: 100, pageNumber: 1 });
    ex.listing(page, 'members', { totals: false });
    const ms = page?.entities ?? [];
    ex.that(ms.length >= 1, `queue ${queues[0].name} should have members`);
    for (const [i, m] of ms.slice(0, 20).entries()) {
      const w = `members.entities[${i}]`;
      ex.uuid(m, 'id', w);
      ex.str(m, 'name', w);
      ex.that(typeof m.user === 'object' && isUuid(m.user?.id), `${w}.user.id should be a UUID, got ${show(m.user)}`);
    }
  });

  // An agent with no interaction right now, from the simulator's ground truth, for the call
  // and the coaching appointment.
  let agent = agents?.[0];
  try {
    const truth = await (await fetch(`${base}/_sim/state`)).json();
    const idle = new Set(truth.agents.filter((a) => a.isAgent && a.conversationIds.length === 0).map((a) => a.id));
    agent = agents?.find((u) => idle.has(u.id)) ?? agent;
  } catch (e) {
    console.log(`note: /_sim/state unreadable (${e.message}); using the first agent`);
  }
  const call = await check('ConversationsApi.getConversation (call started via /_sim/control)', async (ex) => {
    if (!ex.that(agent, 'no agent to start a call for')) return undefined;
    const started = await simControl(base, { action: 'startCall', userId: agent.id });
    ex.uuid(started, 'conversationId', 'startCall');
    const conv = await conversationsApi.getConversation(started.conversationId);
    ex.eq(conv?.id, started.conversationId, 'conversation.id');
    ex.iso(conv, 'startTime', 'conversation');
    if (ex.arr(conv, 'participants', 'conversation', true)) {
      for (const [i, p] of conv.participants.entries()) {
        const w = `conversation.participants[${i}]`;
        ex.str(p, 'id', w);
        ex.str(p, 'purpose', w);
      }
      const mine = conv.participants.find((p) => p.userId === agent.id);
      ex.that(mine, `no participant with userId ${agent.id}`);
      ex.that(mine?.purpose === 'agent', `agent participant purpose should be "agent", got ${show(mine?.purpose)}`);
      ex.that(conv.participants.some((p) => p.purpose === 'customer' || p.purpose === 'external'),
        'expected a customer participant');
    }
    return started;
  });

  const appointmentId = await check('CoachingApi.postCoachingAppointments', async (ex) => {
    if (!ex.that(agent, 'no agent to coach')) return undefined;
    const start = new Date(Date.now() + 2 * 3600_000);
    start.setUTCSeconds(0, 0);
    const body = {
      name: 'SDK conformance coaching',
      description: 'Created by tests/sdk/gcsim_sdk_check.mjs',
      dateStart: start.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      lengthInMinutes: 30,
      attendeeIds: [agent.id],
      facilitatorId: SUPERVISOR_ID,
      conversationIds: call?.conversationId ? [call.conversationId] : [],
    };
    const a = await coachingApi.postCoachingAppointments(body);
    ex.uuid(a, 'id', 'appointment');
    ex.eq(a?.name, body.name, 'appointment.name');
    ex.eq(a?.lengthInMinutes, 30, 'appointment.lengthInMinutes');
    ex.iso(a, 'dateStart', 'appointment');
    ex.that(isIso(a?.dateStart) && Date.parse(a.dateStart) === start.getTime(),
      `appointment.dateStart should be ${body.dateStart}, got ${show(a?.dateStart)}`);
    ex.str(a, 'status', 'appointment');
    ex.eq(a?.status, 'Scheduled', 'appointment.status');
    ex.that(a?.facilitator?.id === SUPERVISOR_ID, `appointment.facilitator.id should be the supervisor, got ${show(a?.facilitator)}`);
    ex.that(Array.isArray(a?.attendees) && a.attendees.some((u) => u.id === agent.id),
      `appointment.attendees should contain ${agent.id}, got ${show(a?.attendees)}`);
    if (call?.conversationId) {
      ex.that(Array.isArray(a?.conversations) && a.conversations.some((c) => c.id === call.conversationId),
        `appointment.conversations should contain ${call.conversationId}, got ${show(a?.conversations)}`);
    }
    return a?.id;
  });

  await check('CoachingApi.getCoachingAppointment', async (ex) => {
    if (!ex.that(isStr(appointmentId), 'no appointment id from the create')) return;
    const a = await coachingApi.getCoachingAppointment(appointmentId);
    ex.eq(a?.id, appointmentId, 'appointment.id');
    ex.str(a, 'name', 'appointment');
    ex.num(a, 'lengthInMinutes', 'appointment');
    ex.iso(a, 'dateStart', 'appointment');
    ex.iso(a, 'dateCreated', 'appointment');
    ex.str(a, 'selfUri', 'appointment');
    ex.that(a?.facilitator?.id === SUPERVISOR_ID, `appointment.facilitator.id should be the supervisor, got ${show(a?.facilitator)}`);
    ex.arr(a, 'attendees', 'appointment', true);
  });

  const channel = await check('NotificationsApi.postNotificationsChannels', async (ex) => {
    const ch = await notificationsApi.postNotificationsChannels();
    ex.str(ch, 'id', 'channel');
    ex.str(ch, 'connectUri', 'channel');
    ex.that(isStr(ch?.connectUri) && ch.connectUri === `ws://127.0.0.1:${port}/channels/${ch.id}`,
      `channel.connectUri should be ws://127.0.0.1:${port}/channels/{id}, got ${show(ch?.connectUri)}`);
    ex.iso(ch, 'expires', 'channel');
    return ch;
  });

  await check('NotificationsApi.putNotificationsChannelSubscriptions', async (ex) => {
    if (!ex.that(isStr(channel?.id), 'no channel id')) return;
    const topics = [`v2.users.${SUPERVISOR_ID}.presence`];
    if (agent) topics.push(`v2.users.${agent.id}.routingStatus`, `v2.users.${agent.id}.conversations`);
    if (queues?.[0]) topics.push(`v2.routing.queues.${queues[0].id}.conversations`);
    const res = await notificationsApi.putNotificationsChannelSubscriptions(channel.id, topics.map((id) => ({ id })));
    if (ex.arr(res, 'entities', 'subscriptions', true)) {
      const got = new Map(res.entities.map((e) => [e.id, e]));
      for (const t of topics) {
        const e = got.get(t);
        ex.that(e, `subscription ${t} missing from the answer`);
        if (e && e.state !== undefined) ex.eq(e.state, 'Permitted', `subscription ${t}.state`);
      }
    }
  });

  await check('SDK parses an ErrorBody (bad token -> 401 bad.credentials)', async (ex) => {
    // No silent refresh-and-retry here: this check is about the 401 ErrorBody itself.
    client.config.refresh_access_token = false;
    client.setAccessToken('not-a-real-token');
    try {
      await usersApi.getUsersMe();
      ex.that(false, 'getUsersMe with a bogus token should have been rejected');
    } catch (err) {
      // Without setReturnExtendedResponses the SDK rejects with the parsed ErrorBody itself.
      const body = err?.body ?? err;
      ex.eq(body?.status, 401, 'ErrorBody.status');
      ex.eq(body?.code, 'bad.credentials', 'ErrorBody.code');
      ex.str(body, 'message', 'ErrorBody');
      ex.str(body, 'contextId', 'ErrorBody');
    } finally {
      client.setAccessToken(auth.accessToken);
    }
  });

  return finish();
}

main().catch((e) => {
  failed++;
  console.log(`FAIL  unexpected: ${describeError(e)}`);
  finish(1);
});
