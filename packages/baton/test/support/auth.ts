import type { FastifyInstance, InjectOptions } from 'fastify';
import type { TokenScope } from '@baton/core';
import type { Baton } from '../../src/app/create-baton.js';

/** A real token from the engine's own issuer, and an inject() that sends it: tests go through auth, not around it. */
async function tokenFor(baton: Baton, scopes: TokenScope[] = ['admin']): Promise<string> {
  return (await baton.engine.tokens.issue({ name: `test ${scopes.join('+')}`, scopes })).token;
}

function injectWith(app: FastifyInstance, token: string) {
  return (options: InjectOptions) => app.inject({ ...options, headers: { authorization: `Bearer ${token}`, ...options.headers } });
}

export { tokenFor, injectWith };
