import { type Clock, type DefinitionRegistry, type Leadership, type ScheduleView, type TaskStore, type TaskView } from '@baton/core';
/**
 * Schedules for callers: define (or change), pause, resume, remove, list; and
 * the runner that fires them on the leader. A definition is checked at the
 * edge: the cron expression and time zone, and the task against its
 * definition, as a submission would be.
 */
declare function createScheduleService(params: {
    store: TaskStore;
    clock: Clock;
    registry: DefinitionRegistry;
    leadership: Leadership;
    submit: (input: Record<string, unknown>) => Promise<TaskView>;
    onError: (error: unknown) => void;
}): {
    define(input: unknown): Promise<ScheduleView>;
    list: () => Promise<{
        name: string;
        cron: string;
        timezone: string;
        task: Record<string, unknown>;
        overlap: "skip" | "allow";
        missed: "skip" | "run-once";
        paused: boolean;
        removed: boolean;
        definedAt: number;
        lastTick: number | null;
        lastTaskId: string | null;
        updatedAt: number;
        version: number;
    }[]>;
    get: (name: string) => Promise<ScheduleView>;
    pause(name: string): Promise<{
        name: string;
        cron: string;
        timezone: string;
        task: Record<string, unknown>;
        overlap: "skip" | "allow";
        missed: "skip" | "run-once";
        paused: boolean;
        removed: boolean;
        definedAt: number;
        lastTick: number | null;
        lastTaskId: string | null;
        updatedAt: number;
        version: number;
    }>;
    resume(name: string): Promise<{
        name: string;
        cron: string;
        timezone: string;
        task: Record<string, unknown>;
        overlap: "skip" | "allow";
        missed: "skip" | "run-once";
        paused: boolean;
        removed: boolean;
        definedAt: number;
        lastTick: number | null;
        lastTaskId: string | null;
        updatedAt: number;
        version: number;
    }>;
    remove(name: string): Promise<{
        name: string;
        cron: string;
        timezone: string;
        task: Record<string, unknown>;
        overlap: "skip" | "allow";
        missed: "skip" | "run-once";
        paused: boolean;
        removed: boolean;
        definedAt: number;
        lastTick: number | null;
        lastTaskId: string | null;
        updatedAt: number;
        version: number;
    }>;
    /** When the schedule fires next, for people: null while paused. */
    nextTick: (s: ScheduleView) => number | null;
    start: () => void;
    runNow: () => Promise<void>;
    stop: () => Promise<void>;
};
type ScheduleService = ReturnType<typeof createScheduleService>;
export { createScheduleService };
export type { ScheduleService };
//# sourceMappingURL=schedule-service.d.ts.map