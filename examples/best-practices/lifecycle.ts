// One Database per process: connected at start-up, probed by the readiness check, closed last
// on shutdown, after the HTTP server has stopped taking requests and finished the running ones.
//
//   node lifecycle.js <database-url>
import { once } from 'node:events';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { connect, createRepositories } from './generated.js';

// Module scope, created once: every request shares the pool. Nothing connects yet; the first
// statement (or health check) opens the first connection.
const database = connect({
  url: process.argv[2] ?? 'sqlite:example.sqlite',
  pool: { max: 10 },
  connectTimeoutMs: 5_000,
  statementTimeoutMs: 10_000,
});
const repositories = createRepositories(database);

/**
 * How long to keep serving after SIGTERM while the load balancer notices the failing readiness
 * probe and stops routing here; match it to the probe's period. Short in this example.
 */
const DRAIN_MS = 200;
let draining = false;

function reply(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

const server = createServer((request, response) => {
  void route(request.url ?? '/', response).catch((error: unknown) => {
    console.error(error);
    reply(response, 500, { error: 'INTERNAL' });
  });
});

async function route(url: string, response: ServerResponse): Promise<void> {
  switch (url) {
    case '/live':
      // Liveness never asks the database: a database outage must not make the orchestrator
      // restart every instance of the service.
      return reply(response, 200, { ok: true });
    case '/ready': {
      // Readiness does: an instance that cannot reach its database should get no traffic.
      if (draining) return reply(response, 503, { ok: false, reason: 'shutting down' });
      const health = await database.healthCheck();
      if (!health.ok) console.error(`readiness: ${health.error?.code ?? 'failed'}`);
      return reply(response, health.ok ? 200 : 503, health.ok ? { ok: true } : { ok: false, reason: health.error?.code });
    }
    case '/books/count':
      return reply(response, 200, { count: await repositories.book.count() });
    default:
      return reply(response, 404, { error: 'NOT_FOUND' });
  }
}

/** SIGTERM: fail readiness, keep serving while traffic drains, stop the server, then close the pool. */
async function shutdown(signal: string): Promise<void> {
  console.log(`${signal}: readiness now fails; draining`);
  draining = true;
  await sleep(DRAIN_MS);
  // close() refuses new connections and calls back once the running requests have finished.
  await new Promise<void>((resolve, reject) => server.close((error) => (error === undefined ? resolve() : reject(error))));
  console.log('server stopped');
  // Last: a request still running would fail on a closed pool.
  await database.close();
  console.log('database closed');
}

process.once('SIGTERM', (signal) => {
  shutdown(signal).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
});

// What a deployment does with the service: probe it, send it traffic, stop it.
server.listen(0, '127.0.0.1');
await once(server, 'listening');
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const get = async (path: string): Promise<string> => {
  const response = await fetch(`${base}${path}`);
  return `${response.status} ${await response.text()}`;
};
for (const path of ['/live', '/ready', '/books/count']) console.log(`GET ${path} → ${await get(path)}`);
process.kill(process.pid, 'SIGTERM');
// Nothing is left open after shutdown, so the process ends by itself, with no process.exit().
