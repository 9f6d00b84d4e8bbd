import { Field, Float, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { PeriodKind } from '../domain/period';
import { ScopeKind } from '../domain/scope';
import { RankLevel } from '../figures.service';

registerEnumType(ScopeKind, { name: 'FigureScopeKind' });
registerEnumType(PeriodKind, { name: 'FigurePeriodKind' });
registerEnumType(RankLevel, { name: 'RankLevel' });

@InputType()
export class FigureScopeInput {
  @Field(() => ScopeKind) kind: ScopeKind;
  @Field(() => Int) id: number;
}

@InputType()
export class FigurePeriodInput {
  @Field(() => PeriodKind) kind: PeriodKind;
  @Field(() => String, { nullable: true, description: 'A day inside the period, YYYY-MM-DD (Asia/Shanghai); the first day of a custom range. Default today.' }) day?: string | null;
  @Field(() => String, { nullable: true, description: 'Custom ranges: the last day, inclusive' }) to?: string | null;
}

@ObjectType()
export class FigureScope {
  @Field(() => ScopeKind) kind: ScopeKind;
  @Field(() => Int) id: number;
  @Field() name: string;
}

@ObjectType()
export class FigurePeriod {
  @Field(() => PeriodKind) kind: PeriodKind;
  @Field({ description: 'First day, YYYY-MM-DD' }) from: string;
  @Field({ description: 'Day after the last, YYYY-MM-DD (exclusive)' }) to: string;
}

@ObjectType({ description: 'Summed counts (docs/figures.md); each ticket counts in the period it was filed' })
export class FigureCounts {
  @Field(() => Int, { description: '受理量 filed' }) filed: number;
  @Field(() => Int, { description: 'Of those, still with the handling side' }) open: number;
  @Field(() => Int) accepted: number;
  @Field(() => Int) refused: number;
  @Field(() => Int) withdrawn: number;
  @Field(() => Int) acceptBase: number;
  @Field(() => Int) acceptMet: number;
  @Field(() => Int) resolveBase: number;
  @Field(() => Int) resolveMet: number;
  @Field(() => Int) dispatchBase: number;
  @Field(() => Int) dispatchMet: number;
  @Field(() => Int) mediationBase: number;
  @Field(() => Int) mediationMet: number;
  @Field(() => Int) resolved: number;
  @Field(() => Int) rated: number;
  @Field(() => Int) solved: number;
  @Field(() => Int) satisfied: number;
  @Field(() => Int, { description: '超期未评价自动办结' }) autoClosed: number;
  @Field(() => Int) dispatches: number;
  @Field(() => Int) returns: number;
  @Field(() => Int) redone: number;
  @Field(() => Int, { description: '督办 urges' }) urges: number;
  @Field(() => Int, { description: '限期督办: urges that set a deadline' }) deadlineUrges: number;
  @Field(() => Int) mediationRequested: number;
  @Field(() => Int) mediationAgreed: number;
  @Field(() => Int) mediationSentBack: number;
  @Field(() => Int, { description: '延期申请: extension requests' }) extensions: number;
  @Field(() => Int, { description: '业主催办: urges by the owner' }) ownerUrges: number;
  @Field(() => Int, { description: '批准延期: extensions granted' }) extensionsGranted: number;
}

@ObjectType({ description: 'Shares 0–1, null when nothing is in the base' })
export class FigureRates {
  @Field(() => Float, { nullable: true, description: '响应率' }) response: number | null;
  @Field(() => Float, { nullable: true, description: '解决率' }) resolution: number | null;
  @Field(() => Float, { nullable: true, description: '满意率' }) satisfaction: number | null;
  @Field(() => Float, { nullable: true, description: '按时办结率' }) resolvedOnTime: number | null;
  @Field(() => Float, { nullable: true, description: '转派按时响应率' }) dispatchOnTime: number | null;
  @Field(() => Float, { nullable: true, description: '调解按时率' }) mediationOnTime: number | null;
  @Field(() => Float, { nullable: true, description: '回退率' }) returnRate: number | null;
  @Field(() => Float, { nullable: true, description: '重办率' }) redoRate: number | null;
}

@ObjectType({ description: 'Nearest-rank median and 90th percentile, in minutes' })
export class FigureSpread {
  @Field(() => Float, { nullable: true }) medianMinutes: number | null;
  @Field(() => Float, { nullable: true }) p90Minutes: number | null;
  @Field(() => Int) count: number;
  @Field({ description: 'true: read ticket by ticket; false: from the summed duration histograms, within half a bucket of the exact value (docs/figures.md)' }) exact: boolean;
}

@ObjectType()
export class FigureTimes {
  @Field(() => FigureSpread, { description: 'Filing to first accept/refuse, wall time' }) acceptWall: FigureSpread;
  @Field(() => FigureSpread, { description: 'The same in working time (08:30–17:30 on China working days)' }) acceptWork: FigureSpread;
  @Field(() => FigureSpread, { description: 'Filing to first resolve, wall time' }) resolveWall: FigureSpread;
  @Field(() => FigureSpread) resolveWork: FigureSpread;
}

@ObjectType()
export class FigureSet {
  @Field(() => FigureCounts) counts: FigureCounts;
  @Field(() => FigureRates) rates: FigureRates;
  @Field(() => Float, { nullable: true, description: 'SLA met %: every timed target pooled' }) slaMet: number | null;
  @Field(() => FigureTimes, { nullable: true, description: 'Absent on breakdown rows' }) times: FigureTimes | null;
}

@ObjectType()
export class FigureBreakdown {
  @Field() key: string;
  @Field() name: string;
  @Field(() => FigureSet) figures: FigureSet;
}

@ObjectType()
export class Figures {
  @Field(() => FigureScope) scope: FigureScope;
  @Field(() => Int, { description: 'Complexes summed' }) complexCount: number;
  @Field(() => FigurePeriod) period: FigurePeriod;
  @Field(() => FigurePeriod) previousPeriod: FigurePeriod;
  @Field(() => FigureSet) current: FigureSet;
  @Field(() => FigureSet) previous: FigureSet;
  @Field(() => Int, { description: 'Open backlog now, whenever filed' }) backlog: number;
  @Field(() => [FigureBreakdown]) byCategory: FigureBreakdown[];
  @Field(() => [FigureBreakdown]) bySource: FigureBreakdown[];
}

@ObjectType()
export class ScoreItemTerms {
  @Field() item: string;
  @Field(() => Float) weight: number;
  @Field(() => Float, { nullable: true, description: 'Below this rate the item scores 0' }) floor: number | null;
}

@ObjectType()
export class ScoreScheme {
  @Field() id: string;
  @Field(() => Int) version: number;
  @Field() name: string;
  @Field(() => [ScoreItemTerms]) items: ScoreItemTerms[];
  @Field(() => Int, { description: 'Units with fewer tickets filed are listed unranked' }) minTickets: number;
}

@ObjectType()
export class RankingRow {
  @Field(() => Int, { nullable: true, description: 'Null: under the minimum tickets, or no rate yet' }) rank: number | null;
  @Field(() => FigureScope, { description: 'Pass to figureTickets for the tickets behind the rank' }) unit: FigureScope;
  @Field(() => Int) filed: number;
  @Field(() => Int, { description: '督办 of its tickets filed in the period' }) urges: number;
  @Field(() => Float, { nullable: true, description: '0–100' }) score: number | null;
  @Field(() => FigureRates) rates: FigureRates;
}

@ObjectType()
export class Ranking {
  @Field(() => ScoreScheme) scheme: ScoreScheme;
  @Field(() => FigurePeriod) period: FigurePeriod;
  @Field(() => RankLevel) level: RankLevel;
  @Field(() => [RankingRow]) rows: RankingRow[];
}

@ObjectType()
export class PublicMonth {
  @Field({ description: 'YYYY-MM' }) month: string;
  @Field(() => FigureSet) figures: FigureSet;
}

@ObjectType({ description: '公示: a complex’s monthly figures, public to its owners' })
export class PublicFigures {
  @Field(() => [PublicMonth], { description: 'The last 12 months, oldest first; the last is this month' }) months: PublicMonth[];
  @Field(() => [FigureBreakdown], { description: 'This month’s most raised categories' }) topCategories: FigureBreakdown[];
}
