import { z } from 'zod';
/** NOTIFY payloads must stay under 8000 bytes; past this a batch says "resync" instead. */
const MAX_PAYLOAD = 7_000;
const WireSchema = z
    .object({
    r: z.array(z.string()).optional(),
    d: z.number().optional(),
    e: z.array(z.string()).optional(),
    c: z.array(z.tuple([z.string(), z.string().nullable()])).optional(),
    x: z.literal(1).optional(),
})
    .strict();
/** All signals of one transaction in one compact NOTIFY payload, or null when there is nothing to say. */
function encodeSignals(signals) {
    if (signals.length === 0)
        return null;
    const wire = {};
    for (const s of signals) {
        if (s.kind === 'ready')
            wire.r = s.types;
        else if (s.kind === 'due')
            wire.d = s.at;
        else if (s.kind === 'ended')
            wire.e = s.taskIds;
        else if (s.kind === 'cancel')
            wire.c = s.tasks.map((t) => [t.taskId, t.agentId]);
        else
            wire.x = 1;
    }
    const text = JSON.stringify(wire);
    return text.length <= MAX_PAYLOAD ? text : JSON.stringify({ x: 1 });
}
/** A payload another node sent; anything unreadable is treated as "resync", never as an error. */
function decodeSignals(payload) {
    let parsed;
    try {
        parsed = WireSchema.parse(JSON.parse(payload ?? ''));
    }
    catch {
        return [{ kind: 'resync' }];
    }
    const signals = [];
    if (parsed.x)
        signals.push({ kind: 'resync' });
    if (parsed.r)
        signals.push({ kind: 'ready', types: parsed.r });
    if (parsed.d !== undefined)
        signals.push({ kind: 'due', at: parsed.d });
    if (parsed.e)
        signals.push({ kind: 'ended', taskIds: parsed.e });
    if (parsed.c)
        signals.push({ kind: 'cancel', tasks: parsed.c.map(([taskId, agentId]) => ({ taskId, agentId })) });
    return signals;
}
export { encodeSignals, decodeSignals };
//# sourceMappingURL=pg-signals.js.map