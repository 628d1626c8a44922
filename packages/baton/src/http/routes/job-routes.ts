import { BatonError } from '@baton/core';
import type { FastifyInstance } from 'fastify';

/**
 * /v1/jobs is reserved for jobs (graphs of tasks, issue 6). Until they land,
 * the resource answers with a clear problem instead of a bare 404, so clients
 * written against the documented path fail with a reason.
 */
function jobRoutes() {
  return async (app: FastifyInstance): Promise<void> => {
    const notYet = async () => {
      throw new BatonError({ code: 'NOT_IMPLEMENTED', message: 'jobs (graphs of tasks) are not in this version of Baton yet; submit tasks one by one or in a batch' });
    };
    app.get('/v1/jobs', { config: { access: 'read', doc: { tag: 'jobs', summary: 'Reserved: jobs arrive with the workflow release (501 until then)', status: 501 } } }, notYet);
    app.post('/v1/jobs', { config: { access: 'submit', doc: { tag: 'jobs', summary: 'Reserved: jobs arrive with the workflow release (501 until then)', status: 501 } } }, notYet);
  };
}

export { jobRoutes };
