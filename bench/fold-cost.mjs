// Snapshots where they pay: how long folding one long stream takes, measured.
// The longest streams Baton writes are a schedule's (one event per tick) and a
// long-lived agent's (one per registration). Run: node bench/fold-cost.mjs
import { foldStream } from '@baton/core';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function scheduleStream(ticks) {
  const events = [{ seq: 1, streamId: 'schedule:s', version: 1, type: 'ScheduleDefined', time: 0, data: { cron: '* * * * * *', timezone: 'UTC', task: { type: 't', payload: {} }, overlap: 'allow', missed: 'run-once' } }];
  for (let i = 1; i <= ticks; i++) events.push({ seq: i + 1, streamId: 'schedule:s', version: i + 1, type: 'ScheduleTicked', time: i * 1000, data: { tick: i * 1000, outcome: 'submitted', taskId: `t${i}` } });
  return events;
}

function agentStream(registrations) {
  const events = [];
  for (let i = 0; i < registrations; i++) {
    const seq = events.length + 1;
    events.push({ seq, streamId: 'agent:a', version: seq, type: 'AgentRegistered', time: seq, data: { host: 'h', labels: { service: null, tags: [] }, types: ['t'], concurrency: 4 } });
    events.push({ seq: seq + 1, streamId: 'agent:a', version: seq + 1, type: 'AgentLost', time: seq + 1, data: { lastSeenAt: seq } });
  }
  return events;
}

for (const [label, make, sizes] of [
  ['schedule ticks', scheduleStream, [1_000, 86_400, 604_800]],
  ['agent registrations', agentStream, [1_000, 100_000]],
]) {
  for (const n of sizes) {
    const events = make(n);
    const times = [];
    for (let run = 0; run < 5; run++) {
      const start = performance.now();
      foldStream(events);
      times.push(performance.now() - start);
    }
    console.log(`${label}: ${events.length} events fold in ${median(times).toFixed(1)} ms (median of 5)`);
  }
}
