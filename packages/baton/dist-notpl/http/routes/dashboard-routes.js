import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join, relative, sep } from 'node:path';
import { BatonError } from '@baton/core';
const TYPES = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
};
/**
 * Scripts and styles from this origin only, no inline code, no framing, and
 * API calls to this origin only: a payload shown on a page can never run.
 */
const SECURITY_HEADERS = {
    'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-cache',
};
/** Where the built dashboard is: the @baton/dashboard package's folder, or null when it is not installed. */
function dashboardFolder() {
    try {
        return dirname(createRequire(import.meta.url).resolve('@baton/dashboard/package.json'));
    }
    catch {
        return null;
    }
}
function walk(folder) {
    return readdirSync(folder).flatMap((name) => {
        const path = join(folder, name);
        return statSync(path).isDirectory() ? walk(path) : [path];
    });
}
/**
 * Every file the dashboard may serve, read once at start into a map keyed by
 * its URL: a request names a key or gets 404, so no path from a request ever
 * reaches the file system.
 */
function loadDashboard(folder) {
    const files = new Map();
    const add = (base, keep) => {
        for (const path of walk(base)) {
            const type = TYPES[extname(path)];
            if (!type || !keep(path))
                continue;
            files.set(`/ui/${relative(base, path).split(sep).join('/')}`, { type, body: readFileSync(path) });
        }
    };
    try {
        add(join(folder, 'dist'), (path) => path.endsWith('.js'));
        add(join(folder, 'public'), () => true);
    }
    catch {
        return null;
    }
    const index = files.get('/ui/index.html');
    if (!index || !files.has('/ui/main.js'))
        return null;
    files.set('/', index);
    return files;
}
/**
 * The dashboard at `/`: static files with no credentials (they hold no data);
 * every API call the page makes carries the token the reader logs in with.
 */
function dashboardRoutes(params = {}) {
    const folder = params.folder === undefined ? dashboardFolder() : params.folder;
    const files = folder ? loadDashboard(folder) : null;
    return async (app) => {
        const serve = (url, reply) => {
            if (!files)
                throw new BatonError({ code: 'DASHBOARD_NOT_BUILT', message: 'the dashboard is not built: run `npm run build` (npm install does it)' });
            const file = files.get(url);
            if (!file)
                return null;
            return reply.headers({ ...SECURITY_HEADERS, 'content-type': file.type }).send(file.body);
        };
        app.get('/', { config: { access: 'public' } }, async (_request, reply) => serve('/', reply));
        app.get('/ui/*', { config: { access: 'public' } }, async (request, reply) => {
            const sent = serve(request.url.split('?')[0] ?? '', reply);
            if (sent)
                return sent;
            throw new BatonError({ code: 'ROUTE_NOT_FOUND', message: `no dashboard file ${request.url.split('?')[0]}` });
        });
    };
}
export { dashboardRoutes };
//# sourceMappingURL=dashboard-routes.js.map