import { buildOpenApi } from '../openapi.js';
const escape = (text) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
/** A readable reference page rendered from the same document: no script, nothing fetched from elsewhere. */
function referencePage(document) {
    const paths = document.paths;
    const sections = Object.entries(paths)
        .flatMap(([path, operations]) => Object.entries(operations).map(([method, op]) => {
        const params = op.parameters.map((p) => `${escape(p.name)} (${p.in})`).join(', ');
        const body = op.requestBody ? `<details><summary>request body</summary><pre>${escape(JSON.stringify(op.requestBody.content['application/json']?.schema, null, 2))}</pre></details>` : '';
        return `<section><h3><code>${method.toUpperCase()} ${escape(path)}</code></h3><p>${escape(op.summary)}</p><p>scope: <b>${escape(op['x-baton-scope'] ?? 'none')}</b>${params ? `; parameters: ${params}` : ''}</p>${body}<details><summary>response</summary><pre>${escape(JSON.stringify(op.responses, null, 2))}</pre></details></section>`;
    }))
        .join('\n');
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Baton API</title><style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}pre{background:#f4f4f4;padding:.5rem;overflow:auto}section{border-top:1px solid #ddd}</style></head><body><h1>Baton API</h1><p>The machine-readable document is <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1). Send <code>Authorization: Bearer bat_…</code>; errors are problem+json.</p>${sections}</body></html>`;
}
/** GET /openapi.json and GET /docs: the API document and its reference page, public like the health probes. */
function docRoutes(params) {
    return async (app) => {
        let cached = null;
        const document = () => (cached ??= buildOpenApi({ routes: params.routes, version: '0.1.0' }));
        app.get('/openapi.json', { config: { access: 'public' } }, async () => document());
        app.get('/docs', { config: { access: 'public' } }, async (_request, reply) => reply.type('text/html; charset=utf-8').send(referencePage(document())));
    };
}
export { docRoutes };
//# sourceMappingURL=doc-routes.js.map