import { Field, Float, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Priority, TicketStatus } from '@msb/shared-types';
import '../../graphql/enums.graphql';
import { ClockState, EscalationLevel, SlaTarget } from '../domain';

export enum SlaScopeKind {
  GLOBAL = 'GLOBAL',
  COMPANY = 'COMPANY',
  COMPLEX = 'COMPLEX',
  /** One handling unit (an outside department's own limits, e.g. DEPT_RESOLVE). */
  UNIT = 'UNIT',
}

registerEnumType(SlaTarget, { name: 'SlaTarget', description: 'What a clock times: ACCEPT 受理, RESOLVE 办结, DISPATCH_RESPONSE 转派响应, RATING 评价窗口, MEDIATION 调解, DEPT_RESOLVE 部门办结, OWNER_INFO 业主补充窗口' });
registerEnumType(ClockState, { name: 'SlaClockState' });
registerEnumType(EscalationLevel, { name: 'EscalationLevel' });
registerEnumType(SlaScopeKind, { name: 'SlaScopeKind' });

@ObjectType({ description: 'One SLA clock of a ticket (ticket × target), as of the request' })
export class SlaClockView {
  @Field(() => SlaTarget) target: SlaTarget;
  @Field(() => ClockState, { description: 'RUNNING, PAUSED, MET, BREACHED (for RATING: the window ran out), CANCELLED' }) state: ClockState;
  @Field() paused: boolean;
  @Field({ description: 'Stopped: met, cancelled, or done after a breach' }) stopped: boolean;
  @Field() warned: boolean;
  @Field(() => Date, { nullable: true, description: 'When the limit runs out; null while paused and once met' }) dueAt: Date | null;
  @Field(() => Date, { nullable: true }) warnAt: Date | null;
  @Field(() => Date, { nullable: true }) breachedAt: Date | null;
  @Field() startedAt: Date;
  @Field(() => Date, { nullable: true }) stoppedAt: Date | null;
  @Field(() => Float, { description: 'Working minutes left on its calendar; negative once overdue' }) remainingWorkingMinutes: number;
  @Field(() => Float) usedWorkingMinutes: number;
  @Field(() => Float, { description: 'The limit, in working minutes' }) limitMinutes: number;
  @Field({ description: '24x7 or WORKING_HOURS (08:30–17:30 on China working days)' }) calendar: string;
  @Field(() => Int, { description: 'Escalation steps taken in this cycle' }) escalationSteps: number;
  @Field(() => Int, { description: '1, or more after a reopen or a new dispatch' }) cycle: number;
  @Field(() => String, { nullable: true }) policyId: string | null;
  @Field(() => Int, { nullable: true }) policyVersion: number | null;
}

@ObjectType()
export class SlaEscalationStep {
  @Field(() => EscalationLevel) level: EscalationLevel;
  @Field(() => Float, { description: 'Minutes after the previous step (after the breach, for the first)' }) delayMinutes: number;
}

@ObjectType()
export class SlaEscalationChain {
  @Field() calendar: string;
  @Field(() => [SlaEscalationStep]) steps: SlaEscalationStep[];
}

@ObjectType()
export class SlaPauseRule {
  @Field(() => [TicketStatus]) statuses: TicketStatus[];
  @Field() withOutsideDepartment: boolean;
  @Field() awaitingOwner: boolean;
}

@ObjectType()
export class SlaTargetTerms {
  @Field(() => SlaTarget) target: SlaTarget;
  @Field(() => Float) minutes: number;
  @Field() calendar: string;
  @Field(() => Float, { nullable: true, description: 'Share of the limit at which to warn; null: no warning' }) warnShare: number | null;
  @Field(() => SlaEscalationChain, { nullable: true }) escalation: SlaEscalationChain | null;
  @Field(() => SlaPauseRule, { nullable: true }) pauseWhen: SlaPauseRule | null;
}

@ObjectType({ description: 'One immutable version of an SLA policy' })
export class SlaPolicyModel {
  @Field() id: string;
  @Field(() => Int) version: number;
  @Field() name: string;
  @Field(() => SlaScopeKind) scopeKind: SlaScopeKind;
  @Field(() => Int, { nullable: true, description: 'Company, complex or unit id for COMPANY / COMPLEX / UNIT scope' }) scopeId: number | null;
  @Field(() => String, { nullable: true }) categoryCode: string | null;
  @Field(() => Priority, { nullable: true }) priority: Priority | null;
  @Field(() => [SlaTargetTerms]) targets: SlaTargetTerms[];
  @Field() effectiveFrom: Date;
  @Field(() => Date, { nullable: true }) retiredAt: Date | null;
  @Field({ description: 'A platform default shipped with the code (a new version overrides it)' }) builtIn: boolean;
  @Field({ description: 'This version is the one in force now' }) inForce: boolean;
}

@InputType()
export class SlaEscalationStepInput {
  @Field(() => EscalationLevel) level: EscalationLevel;
  @Field(() => Float) delayMinutes: number;
}

@InputType()
export class SlaEscalationChainInput {
  @Field({ nullable: true, description: 'Default: the target calendar' }) calendar?: string;
  @Field(() => [SlaEscalationStepInput]) steps: SlaEscalationStepInput[];
}

@InputType()
export class SlaPauseRuleInput {
  @Field(() => [TicketStatus], { nullable: true }) statuses?: TicketStatus[];
  @Field({ nullable: true }) withOutsideDepartment?: boolean;
  @Field({ nullable: true }) awaitingOwner?: boolean;
}

@InputType()
export class SlaTargetTermsInput {
  @Field(() => SlaTarget) target: SlaTarget;
  @Field(() => Float, { description: 'Limit in minutes of the calendar (fractions allowed)' }) minutes: number;
  @Field({ nullable: true, description: '24x7 or WORKING_HOURS (default)' }) calendar?: string;
  @Field(() => Float, { nullable: true, description: 'Default 0.75; 0 turns the warning off' }) warnShare?: number;
  @Field(() => SlaEscalationChainInput, { nullable: true }) escalation?: SlaEscalationChainInput;
  @Field(() => SlaPauseRuleInput, { nullable: true }) pauseWhen?: SlaPauseRuleInput;
}

@InputType({ description: 'A whole policy version: a new id creates a policy, an existing id adds its next version' })
export class SlaPolicyInput {
  @Field({ nullable: true, description: 'Omit to create a new policy' }) id?: string;
  @Field() name: string;
  @Field(() => SlaScopeKind) scopeKind: SlaScopeKind;
  @Field(() => Int, { nullable: true }) scopeId?: number;
  @Field({ nullable: true }) categoryCode?: string;
  @Field(() => Priority, { nullable: true }) priority?: Priority;
  @Field(() => [SlaTargetTermsInput]) targets: SlaTargetTermsInput[];
  @Field({ nullable: true, description: 'Default: now. Running clocks keep their version unless recalculated' }) effectiveFrom?: Date;
  @Field({ nullable: true, description: 'Retire the policy from effectiveFrom on' }) retire?: boolean;
}

@ObjectType({ description: 'One target for a ticket filed at the preview instant: its due time with the draft policy, and today' })
export class SlaPreviewRow {
  @Field(() => SlaTarget) target: SlaTarget;
  @Field(() => Float, { description: 'The limit, in minutes of its calendar' }) minutes: number;
  @Field() calendar: string;
  @Field({ description: 'When it runs out for a clock started at the preview instant (working hours skip nights, weekends, holidays)' }) dueAt: Date;
  @Field() policyId: string;
  @Field(() => Int) policyVersion: number;
  @Field({ description: 'The draft is what sets this target' }) fromDraft: boolean;
  @Field(() => Date, { nullable: true, description: 'The same target under the policies in force today' }) currentDueAt: Date | null;
  @Field(() => String, { nullable: true }) currentPolicyId: string | null;
}

@InputType({ description: 'The ticket a preview is for' })
export class SlaPreviewTicketInput {
  @Field(() => Int) complexId: number;
  @Field() categoryCode: string;
  @Field(() => Priority, { nullable: true, description: 'Default: the category’s' }) priority?: Priority;
}
