/**
 * "Me too", followed reports, merging duplicates and bulk assignment: each document (./documents/links.ts) with its
 * generated types from @msb/shared-types. Kept apart so the main package does not carry it.
 */
import type {
  BulkAssignInput, BulkAssignTicketsMutation, FollowedTicketsQuery, InboxFilterInput, MergeCandidatesQuery, MergeTicketInput,
  MergeTicketMutation, PublicTicketQuery, ReasonInput, SimilarTicketsQuery, SupportTicketInput, SupportTicketMutation, UnmergeTicketMutation,
} from '@msb/shared-types'
import { api } from './client'
import { BULK_ASSIGN, FOLLOWED_TICKETS, MERGE_CANDIDATES, MERGE_TICKET, PUBLIC_TICKET, SIMILAR_TICKETS, SUPPORT_TICKET, UNMERGE_TICKET } from './documents/links'

export type PublicTicket = SimilarTicketsQuery['similarTickets'][number]
export type PublicTicketDetail = PublicTicketQuery['publicTicket']
export type BulkAssignResult = BulkAssignTicketsMutation['bulkAssignTickets'][number]

export const similarTickets = (qrToken: string, categoryCode: string) =>
  api.request<SimilarTicketsQuery, { qrToken: string; categoryCode: string }>(SIMILAR_TICKETS, { qrToken, categoryCode }).then((d) => d.similarTickets)

export const supportTicket = (input: SupportTicketInput) =>
  api.request<SupportTicketMutation, { input: SupportTicketInput }>(SUPPORT_TICKET, { input }).then((d) => d.supportTicket)

export const followedTickets = () => api.request<FollowedTicketsQuery>(FOLLOWED_TICKETS).then((d) => d.followedTickets)

export const publicTicket = (id: string) => api.request<PublicTicketQuery, { id: string }>(PUBLIC_TICKET, { id }).then((d) => d.publicTicket)

export const mergeCandidates = (filter: InboxFilterInput) =>
  api.request<MergeCandidatesQuery, { filter: InboxFilterInput }>(MERGE_CANDIDATES, { filter }).then((d) => d.inbox.nodes)

export const mergeTicket = (input: MergeTicketInput) =>
  api.request<MergeTicketMutation, { input: MergeTicketInput }>(MERGE_TICKET, { input }).then((d) => d.mergeTicket)

export const unmergeTicket = (input: ReasonInput) =>
  api.request<UnmergeTicketMutation, { input: ReasonInput }>(UNMERGE_TICKET, { input }).then((d) => d.unmergeTicket)

export const bulkAssign = (input: BulkAssignInput) =>
  api.request<BulkAssignTicketsMutation, { input: BulkAssignInput }>(BULK_ASSIGN, { input }).then((d) => d.bulkAssignTickets)
