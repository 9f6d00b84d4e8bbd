import { Args, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { CurrentViewer } from '../../org/current-viewer';
import type { Viewer } from '../../org/domain/viewer';
import { ReplyTemplatesService } from './reply-templates.service';

@ObjectType({ description: 'A canned reply staff pick when commenting on or resolving a ticket' })
export class ReplyTemplate {
  @Field(() => ID) id: number;
  @Field(() => Int, { nullable: true, description: 'null: everyone’s (the bureau’s)' }) companyId: number | null;
  @Field() title: string;
  @Field() body: string;
  @Field() active: boolean;
}

@InputType()
export class ReplyTemplateInput {
  @Field(() => Int, { nullable: true, description: 'The company it is for; none: everyone’s (bureau only)' }) companyId?: number | null;
  @Field({ description: '1–32 characters' }) title: string;
  @Field({ description: '1–500 characters' }) body: string;
}

@Resolver(() => ReplyTemplate)
export class ReplyTemplatesResolver {
  constructor(private readonly templates: ReplyTemplatesService) {}

  @Query(() => [ReplyTemplate], { description: 'Handlers: the active templates to pick from on a ticket of this complex (everyone’s and its company’s)' })
  replyTemplates(@CurrentViewer() v: Viewer, @Args('complexId', { type: () => Int, nullable: true }) complexId?: number | null) {
    return this.templates.forHandler(v, complexId ?? null);
  }

  @Query(() => [ReplyTemplate], { description: 'Admins: the templates they administer, retired ones included' })
  adminReplyTemplates(@CurrentViewer() v: Viewer) {
    return this.templates.forAdmin(v);
  }

  @Mutation(() => ReplyTemplate)
  async createReplyTemplate(@CurrentViewer() v: Viewer, @Args('input') input: ReplyTemplateInput) {
    return this.templates.one(await this.templates.create(v, input));
  }

  @Mutation(() => ReplyTemplate, { description: 'Edits a template, or retires (active false) / reopens it' })
  async updateReplyTemplate(
    @CurrentViewer() v: Viewer, @Args('id', { type: () => ID }) id: string,
    @Args('title', { type: () => String, nullable: true }) title?: string | null, @Args('body', { type: () => String, nullable: true }) body?: string | null,
    @Args('active', { type: () => Boolean, nullable: true }) active?: boolean | null,
  ) {
    return this.templates.one(await this.templates.update(v, /^\d{1,10}$/.test(id) ? Number(id) : 0, { title, body, active }));
  }
}
