function createWorkSignal() {
    const subscribers = new Set();
    return {
        notify() {
            for (const s of subscribers) {
                s.pending = true;
                s.wake?.();
            }
        },
        subscribe() {
            const sub = { pending: true, wake: null };
            subscribers.add(sub);
            return {
                take() {
                    sub.pending = false;
                },
                wait({ timeoutMs, signal }) {
                    if (sub.pending || signal?.aborted)
                        return Promise.resolve();
                    return new Promise((resolve) => {
                        const done = () => {
                            clearTimeout(timer);
                            signal?.removeEventListener('abort', done);
                            sub.wake = null;
                            resolve();
                        };
                        const timer = setTimeout(done, timeoutMs);
                        signal?.addEventListener('abort', done, { once: true });
                        sub.wake = done;
                    });
                },
                close() {
                    sub.wake?.();
                    subscribers.delete(sub);
                },
            };
        },
    };
}
export { createWorkSignal };
//# sourceMappingURL=work-signal.js.map