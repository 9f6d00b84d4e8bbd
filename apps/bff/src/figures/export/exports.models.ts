import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { FigurePeriodInput, FigureScopeInput } from '../models/figures.models';
import { ExportContent, ExportFormat, ExportStatus } from './exports.repository';

registerEnumType(ExportFormat, { name: 'ExportFormat' });
registerEnumType(ExportContent, { name: 'ExportContent', description: 'What a CSV holds: the figures table or the ticket list (an XLSX holds both)' });
registerEnumType(ExportStatus, { name: 'ExportStatus' });

@InputType()
export class ExportInput {
  @Field(() => FigureScopeInput) scope: FigureScopeInput;
  @Field(() => FigurePeriodInput) period: FigurePeriodInput;
  @Field(() => String, { nullable: true }) categoryCode?: string | null;
  @Field(() => String, { nullable: true, description: 'QR, HOTLINE_12345 or OPEN311' }) source?: string | null;
  @Field(() => ExportFormat) format: ExportFormat;
  @Field(() => ExportContent, { nullable: true, description: 'CSV only; default TICKETS' }) content?: ExportContent | null;
}

@ObjectType({ description: 'An export of figures and the tickets behind them; small ones are DONE at once, large ones made in the background' })
export class FigureExport {
  @Field(() => ID) id: string;
  @Field(() => ExportStatus) status: ExportStatus;
  @Field(() => Float, { description: '0–1: ticket rows written of rowsTotal' }) progress: number;
  @Field(() => Int) rowsTotal: number;
  @Field(() => ExportFormat) format: ExportFormat;
  @Field(() => ExportContent) content: ExportContent;
  @Field(() => String, { nullable: true, description: 'Download path (GET with the same sign-in, Bearer header or ?access_token=); while DONE and not expired' }) url: string | null;
  @Field(() => String, { nullable: true }) fileName: string | null;
  @Field(() => Date, { nullable: true }) expiresAt: Date | null;
  @Field(() => String, { nullable: true }) error: string | null;
  @Field() createdAt: Date;
}
