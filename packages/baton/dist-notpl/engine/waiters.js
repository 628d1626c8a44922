function createWaiters(params) {
    const waiting = new Map();
    return {
        settled(item) {
            if (!params.isDone(item))
                return;
            const set = waiting.get(item.id);
            if (!set)
                return;
            waiting.delete(item.id);
            for (const resolve of set)
                resolve(item);
        },
        wait({ id, timeoutMs, poll }) {
            return new Promise((resolve) => {
                let set = waiting.get(id);
                if (!set)
                    waiting.set(id, (set = new Set()));
                const finish = (item) => {
                    clearTimeout(deadline);
                    clearInterval(poller);
                    set?.delete(finish);
                    if (set?.size === 0 && waiting.get(id) === set)
                        waiting.delete(id);
                    resolve(item);
                };
                set.add(finish);
                const deadline = setTimeout(() => finish(null), timeoutMs);
                const poller = setInterval(() => {
                    poll().then((item) => item && params.isDone(item) && finish(item), () => undefined);
                }, params.pollMs);
            });
        },
        waitingFor: () => [...waiting.keys()],
        closeAll() {
            for (const set of waiting.values())
                for (const resolve of set)
                    resolve(null);
            waiting.clear();
        },
    };
}
export { createWaiters };
//# sourceMappingURL=waiters.js.map