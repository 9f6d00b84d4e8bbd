/** 分享给家人 (kept out of ./operations so the main package does not carry it). */
import type {
  SharedTicketQuery, SharedTicketQueryVariables, ShareTicketMutation, ShareTicketMutationVariables, StopSharingTicketMutation,
  StopSharingTicketMutationVariables, TicketSharingQuery, TicketSharingQueryVariables,
} from '@msb/shared-types'
import { api } from './client'
import { SHARE_TICKET, SHARED_TICKET, STOP_SHARING_TICKET, TICKET_SHARING } from './documents/sharing'

export type SharedTicket = SharedTicketQuery['sharedTicket']
export type TicketShare = ShareTicketMutation['shareTicket']

export const shareTicket = (ticketId: string) =>
  api.request<ShareTicketMutation, ShareTicketMutationVariables>(SHARE_TICKET, { ticketId }).then((d) => d.shareTicket)

export const stopSharingTicket = (ticketId: string) =>
  api.request<StopSharingTicketMutation, StopSharingTicketMutationVariables>(STOP_SHARING_TICKET, { ticketId }).then((d) => d.stopSharingTicket)

export const ticketSharing = (ticketId: string) =>
  api.request<TicketSharingQuery, TicketSharingQueryVariables>(TICKET_SHARING, { ticketId }).then((d) => d.ticketSharing)

export const sharedTicket = (token: string) =>
  api.request<SharedTicketQuery, SharedTicketQueryVariables>(SHARED_TICKET, { token }).then((d) => d.sharedTicket)
