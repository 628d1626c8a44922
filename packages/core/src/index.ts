export { TaskStateSchema, TERMINAL_STATES, isTerminal, BackoffPolicySchema, ErrorInfoSchema, AttemptErrorSchema, TaskViewSchema, TaskTargetSchema, AgentLostPolicySchema, LabelSchema } from './domain/task-state.js';
export type { TaskState, BackoffPolicy, ErrorInfo, AttemptError, TaskView, TaskTarget, AgentLostPolicy } from './domain/task-state.js';
export { TaskEventSchema, TaskPlacementSchema, TERMINAL_EVENT_TYPES, StoredEventSchema } from './domain/task-events.js';
export type { TaskEvent, TaskEventType, TaskPlacement, StoredEvent, StoredTaskEvent } from './domain/task-events.js';
export { EVENT_TYPE_VERSIONS, currentTypeVersion, upcastEvent, storedEventData, EventVersionError } from './domain/event-versions.js';
export type { EventUpcaster } from './domain/event-versions.js';
export type { TaskCommand, SubmitTask, PromoteTask, ClaimTask, SucceedTask, FailTask, ReleaseTask, CancelTask, ConfirmCancel, ExtendLease, ExpireLease, RetryTask, ReportProgress, UnblockTask, FanOutTask, EndBroadcast, AbandonPinned } from './domain/task-commands.js';
export { delaysFromAcceptance } from './domain/task-commands.js';
export { decide, SKIPPED_REASON } from './domain/task-decider.js';
export { JobStateSchema, FailurePolicySchema, JobKeySchema, JobTaskRefSchema, JobViewSchema, jobStreamId } from './domain/job-state.js';
export type { JobState, FailurePolicy, JobTaskRef, JobView } from './domain/job-state.js';
export { JobEventSchema } from './domain/job-events.js';
export type { JobEvent, StoredJobEvent } from './domain/job-events.js';
export { decideJob, evolveJob, foldJob } from './domain/job-decider.js';
export type { NewJob, JobCommand, JobDecision, JobRefusal } from './domain/job-decider.js';
export { advanceJob, movesJob } from './domain/job-progress.js';
export { RateLimitSchema, FlowLimitsViewSchema, LimitsEventSchema, limitsStreamId, typeScope, keyScope, decideLimits, evolveLimits, foldLimits, scopesOf, capacityOf, pickWithinLimits } from './domain/flow-limits.js';
export type { RateLimit, FlowLimitsView, LimitsEvent, SetLimits } from './domain/flow-limits.js';
export { matchesTarget, agentsFor, broadcastCopies } from './domain/broadcast.js';
export { TraceparentSchema, TracestateSchema, TraceContextSchema } from './domain/trace-context.js';
export type { TraceContext } from './domain/trace-context.js';
export { ExplainCodeSchema, ExplainReasonSchema, TaskExplanationSchema, explainTask } from './domain/task-explain.js';
export type { ExplainCode, ExplainReason, TaskExplanation, ExplainContext, LimitInUse } from './domain/task-explain.js';
export type { JobAdvance } from './domain/job-progress.js';
export { evolve, foldTask } from './domain/task-evolve.js';
export { refuse } from './domain/domain-error.js';
export type { DomainError, DomainErrorCode, Decision } from './domain/domain-error.js';
export { DEFAULT_BACKOFF, backoffDelay } from './domain/backoff.js';
export { defineTask, upcastPayload, readPayload } from './definitions/task-definition.js';
export type { TaskDefinition, TaskDefaults, Upcaster } from './definitions/task-definition.js';
export { createDefinitionRegistry } from './definitions/definition-registry.js';
export type { DefinitionRegistry, AnyDefinition } from './definitions/definition-registry.js';
export type { Clock } from './ports/clock.js';
export type { Ids } from './ports/ids.js';
export type { Handoff, PromotionHandoff, SinceAccepted, TaskStore, JobPage, JobCancelOutcome, NewTask, SubmitOutcome, TaskFilter, TaskOrder, TaskPage, LeaseRenewal, FeedCursor, FeedEvent, FeedPage, SqlConnection, NewAgent, AgentInfo, RebuildReport } from './ports/task-store.js';
export { BatonError } from './contract/baton-error.js';
export type { FieldIssue } from './contract/baton-error.js';
export { ERROR_CATALOG, errorStatus, errorTitle } from './contract/error-catalog.js';
export type { ErrorCode } from './contract/error-catalog.js';
export { toFieldIssues } from './contract/zod-issues.js';
export {
  MAX_BATCH,
  MAX_DELAY_MS,
  TaskSpecShape,
  TargetBodySchema,
  TaskTypeSchema,
  MAX_AWAIT_MS,
  SubmitTaskBodySchema,
  SubmitBatchBodySchema,
  TaskResourceSchema,
  toTaskResource,
  SubmitResponseSchema,
  SubmitBatchResponseSchema,
  ListTasksQuerySchema,
  TaskListResponseSchema,
  TaskIdParamsSchema,
  DurationSchema,
  AwaitTaskQuerySchema,
  AwaitResponseSchema,
  CancelBodySchema,
  RetryBodySchema,
  TaskTypeParamsSchema,
  PauseBodySchema,
  ProblemSchema,
} from './contract/task-api.js';
export type {
  TargetBody,
  SubmitTaskBody,
  SubmitBatchBody,
  TaskResource,
  SubmitResponse,
  SubmitBatchResponse,
  ListTasksQuery,
  TaskListResponse,
  AwaitResponse,
  Problem,
} from './contract/task-api.js';
export {
  MAX_JOB_TASKS,
  JobTaskSpecSchema,
  SubmitJobBodySchema,
  JobNodeSchema,
  JobSummarySchema,
  JobResourceSchema,
  toJobSummary,
  toJobResource,
  JobIdParamsSchema,
  ListJobsQuerySchema,
  JobResponseSchema,
  JobListResponseSchema,
  JobAwaitResponseSchema,
} from './contract/job-api.js';
export type { JobTaskSpec, SubmitJobBody, JobNode, JobSummary, JobResource } from './contract/job-api.js';
export { EventNameSchema, WorkflowStepSchema, WorkflowFileSchema, WorkflowResourceSchema, WorkflowListResponseSchema, TriggerParamsSchema, TriggerBodySchema } from './contract/workflow-api.js';
export type { WorkflowStep, WorkflowFile, WorkflowResource } from './contract/workflow-api.js';
export { renderTemplate, unknownRoots } from './domain/payload-template.js';
export type { TemplateVars, MissingValue } from './domain/payload-template.js';
export { DefineReminderBodySchema, ReminderStatusSchema, ReminderResponseSchema, ReminderIdParamsSchema, REMINDER_EVENT_NAMES, reminderStatus, toReminderResponse } from './contract/reminder-api.js';
export type { DefineReminderBody, ReminderStatus, ReminderResponse } from './contract/reminder-api.js';
export { OverlapPolicySchema, MissedPolicySchema, ScheduleViewSchema, TickOutcomeSchema, ScheduleEventSchema, scheduleStreamId, decideSchedule, evolveSchedule, foldSchedule, planTicks } from './domain/schedule.js';
export type { OverlapPolicy, MissedPolicy, ScheduleView, TickOutcome, ScheduleEvent, ScheduleCommand } from './domain/schedule.js';
export { ScheduleNameSchema, DefineScheduleBodySchema, ScheduleResourceSchema, toScheduleResource, ScheduleNameParamsSchema, ScheduleListSchema } from './contract/schedule-api.js';
export type { DefineScheduleBody, ScheduleResource } from './contract/schedule-api.js';
export { PROJECTION_KINDS, streamKind, createReplay, foldStream, diffProjections, emptyProjections } from './domain/projection-replay.js';
export type { ProjectionKind, Projections, ProjectionDifference } from './domain/projection-replay.js';
export { HistoryParamsSchema, HistoryQuerySchema, HistoryResponseSchema } from './contract/history-api.js';
export type { HistoryResponse } from './contract/history-api.js';
export { ClaimedTaskSchema, toClaimedTask } from './contract/agent-api.js';
export type { ClaimedTask } from './contract/agent-api.js';
export type { ClusterSignal, SignalListener, ClusterBus, Leadership } from './ports/cluster.js';
export { AgentStateSchema, AgentLabelsSchema, AgentViewSchema, agentStreamId } from './domain/agent-state.js';
export type { AgentState, AgentLabels, AgentView } from './domain/agent-state.js';
export { AgentEventSchema } from './domain/agent-events.js';
export type { AgentEvent } from './domain/agent-events.js';
export { decideAgent, evolveAgent, foldAgent } from './domain/agent-decider.js';
export type { AgentCommand, RegisterAgent, MarkAgentLost, StopAgent, AgentDecision, AgentRefusal } from './domain/agent-decider.js';
export { AgentResourceSchema, toAgentResource, ListAgentsQuerySchema, AgentIdParamsSchema, AgentListResponseSchema } from './contract/agent-resource.js';
export type { AgentResource, AgentListResponse } from './contract/agent-resource.js';
export { TypeControlViewSchema, TypeControlEventSchema, typeStreamId, decideTypeControl, evolveTypeControl, foldTypeControl } from './domain/type-control.js';
export type { TypeControlView, TypeControlEvent, TypeControlCommand } from './domain/type-control.js';
export {
  AgentPathSchema,
  AgentTaskPathSchema,
  RegisterAgentBodySchema,
  RegisterAgentResponseSchema,
  ClaimBodySchema,
  ClaimResponseSchema,
  HeartbeatBodySchema,
  HeartbeatResponseSchema,
  CancelWatchBodySchema,
  CancelWatchResponseSchema,
  SucceedBodySchema,
  FailBodySchema,
  ReleaseBodySchema,
  ProgressBodySchema,
  ConfirmCancelBodySchema,
  ReportsBodySchema,
  ReportsResponseSchema,
  StopAgentBodySchema,
} from './contract/agent-protocol.js';
export type { RegisterAgentResponse, ClaimResponse, HeartbeatResponse, CancelWatchResponse, Report, ReportsResponse } from './contract/agent-protocol.js';
export { CloudEventSchema, toCloudEvent, EventStreamQuerySchema, EVENT_TYPE_PREFIX } from './contract/event-api.js';
export type { CloudEvent, EventStreamQuery } from './contract/event-api.js';
export { TokenScopeSchema, TokenViewSchema, TokenEventSchema, tokenStreamId, decideToken, evolveToken, foldToken } from './domain/api-token.js';
export type { TokenScope, TokenView, TokenEvent, TokenCommand } from './domain/api-token.js';
export {
  LimitsBodySchema,
  LimitKeyParamsSchema,
  FlowLimitsResourceSchema,
  FlowLimitsListSchema,
  toFlowLimitsResource,
  TypeControlResourceSchema,
  TypeControlListSchema,
  TokenResourceSchema,
  IssuedTokenSchema,
  TokenListSchema,
  IssueTokenBodySchema,
  TokenIdParamsSchema,
  RevokeTokenBodySchema,
  StatsResponseSchema,
} from './contract/admin-api.js';
export type { FlowLimitsResource, TypeControlResource, TokenResource, IssuedToken, StatsResponse } from './contract/admin-api.js';
export { createGroupCommit } from './concurrency/group-commit.js';
