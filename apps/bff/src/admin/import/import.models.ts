import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'One row of an import file as planned: NEW (to create), UNCHANGED (already there) or ERROR' })
export class ImportRowModel {
  @Field(() => Int, { description: 'The row number in the file (the header is row 1)' }) row: number;
  @Field(() => String, { nullable: true, description: 'COMPLEX BUILDING SPOT STAFF' }) kind: string | null;
  @Field() status: string;
  @Field(() => [String]) errors: string[];
  @Field() complex: string;
  @Field() name: string;
}

@ObjectType({ description: 'An uploaded file: its preview, then (committed) its counts — the import log' })
export class ImportBatchModel {
  @Field(() => Int) id: number;
  @Field() fileName: string;
  @Field({ description: 'PREVIEW or COMMITTED' }) status: string;
  @Field() createdAt: Date;
  @Field(() => Int) totalRows: number;
  @Field(() => Int) validRows: number;
  @Field(() => Int) errorRows: number;
  @Field(() => Int, { nullable: true }) createdCount: number | null;
  @Field(() => Int, { nullable: true }) unchangedCount: number | null;
  @Field(() => Date, { nullable: true }) committedAt: Date | null;
  @Field(() => [ImportRowModel], { description: 'PREVIEW: planned against today’s data' }) rows: ImportRowModel[];
}

@ObjectType()
export class ImportInvitationModel {
  @Field(() => Int) row: number;
  @Field() name: string;
  @Field() phone: string;
  @Field({ description: 'Shown once: the new staff member sets a password with it' }) oneTimeCode: string;
}

@ObjectType()
export class ImportCommitResult {
  @Field(() => ImportBatchModel) batch: ImportBatchModel;
  @Field(() => [ImportInvitationModel]) invitations: ImportInvitationModel[];
}

