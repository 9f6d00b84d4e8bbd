/**
 * The owner's API: each document (./documents) with its generated types from @msb/shared-types.
 * No response type is written by hand; pages import these functions and the generated types.
 */
import type {
  CategoriesQuery, CommentTicketInput, CommentTicketMutation, LandingQuery, LandingQueryVariables,
  LoginWithSmsMutation, LoginWithSmsMutationVariables, LoginWithWechatMutation, LoginWithWechatMutationVariables, WechatPhoneNumberMutation, WechatPhoneNumberMutationVariables,
  MyTicketsQuery, MyTicketsQueryVariables, OptionalReasonInput, RateTicketInput, RateTicketMutation, ReasonInput,
  ReopenTicketMutation, ReportTicketInput, ReportTicketMutation, RequestMediationMutation, RequestSmsCodeMutation,
  RequestSmsCodeMutationVariables, TicketQuery, TicketQueryVariables, WithdrawTicketMutation,
  SupplyInfoInput, SupplyOwnerInfoMutation, UrgeTicketInput, UrgeTicketMutation,
} from '@msb/shared-types'
import { api } from './client'
import { LOGIN_WITH_SMS, LOGIN_WITH_WECHAT, REQUEST_SMS_CODE, WECHAT_PHONE_NUMBER } from './documents/auth'
import { CATEGORIES, LANDING } from './documents/landing'
import {
  COMMENT_TICKET, MY_TICKETS, RATE_TICKET, REOPEN_TICKET, REPORT_TICKET, REQUEST_MEDIATION, SUPPLY_OWNER_INFO, TICKET, URGE_TICKET,
  WITHDRAW_TICKET,
} from './documents/tickets'

export type QrPlace = LandingQuery['complexByQrToken']
export type Category = CategoriesQuery['categories'][number]
export type TicketListItem = MyTicketsQuery['myTickets']['nodes'][number]
export type TicketDetail = TicketQuery['ticket']
export type TimelineEvent = TicketDetail['timeline'][number]
export type AuthSession = LoginWithSmsMutation['loginWithSms']

export const landing = (token: string) =>
  api.request<LandingQuery, LandingQueryVariables>(LANDING, { token }).then((d) => d.complexByQrToken)

export const categories = () => api.request<CategoriesQuery>(CATEGORIES).then((d) => d.categories)

export const requestSmsCode = (phone: string) =>
  api.request<RequestSmsCodeMutation, RequestSmsCodeMutationVariables>(REQUEST_SMS_CODE, { phone }).then((d) => d.requestSmsCode)

export const loginWithSms = (phone: string, code: string) =>
  api.request<LoginWithSmsMutation, LoginWithSmsMutationVariables>(LOGIN_WITH_SMS, { phone, code }).then((d) => d.loginWithSms)

export const loginWithWechat = (code: string) =>
  api.request<LoginWithWechatMutation, LoginWithWechatMutationVariables>(LOGIN_WITH_WECHAT, { code }).then((d) => d.loginWithWechat)

export const wechatPhoneNumber = (code: string) =>
  api.request<WechatPhoneNumberMutation, WechatPhoneNumberMutationVariables>(WECHAT_PHONE_NUMBER, { code }).then((d) => d.wechatPhoneNumber)

export const reportTicket = (input: ReportTicketInput) =>
  api.request<ReportTicketMutation, { input: ReportTicketInput }>(REPORT_TICKET, { input }).then((d) => d.reportTicket)

export const myTickets = (after?: string | null, first = 20) =>
  api.request<MyTicketsQuery, MyTicketsQueryVariables>(MY_TICKETS, { first, after: after ?? null }).then((d) => d.myTickets)

export const ticket = (id: string) => api.request<TicketQuery, TicketQueryVariables>(TICKET, { id }).then((d) => d.ticket)

/** The owner's actions on a ticket, by their mutation's name in the schema; each answers the ticket as it is now. */
export const ownerActions = {
  withdrawTicket: (input: OptionalReasonInput) =>
    api.request<WithdrawTicketMutation, { input: OptionalReasonInput }>(WITHDRAW_TICKET, { input }).then((d) => d.withdrawTicket),
  commentTicket: (input: CommentTicketInput) =>
    api.request<CommentTicketMutation, { input: CommentTicketInput }>(COMMENT_TICKET, { input }).then((d) => d.commentTicket),
  rateTicket: (input: RateTicketInput) =>
    api.request<RateTicketMutation, { input: RateTicketInput }>(RATE_TICKET, { input }).then((d) => d.rateTicket),
  reopenTicket: (input: ReasonInput) =>
    api.request<ReopenTicketMutation, { input: ReasonInput }>(REOPEN_TICKET, { input }).then((d) => d.reopenTicket),
  requestMediation: (input: ReasonInput) =>
    api.request<RequestMediationMutation, { input: ReasonInput }>(REQUEST_MEDIATION, { input }).then((d) => d.requestMediation),
  supplyOwnerInfo: (input: SupplyInfoInput) =>
    api.request<SupplyOwnerInfoMutation, { input: SupplyInfoInput }>(SUPPLY_OWNER_INFO, { input }).then((d) => d.supplyOwnerInfo),
  urgeTicket: (input: UrgeTicketInput) =>
    api.request<UrgeTicketMutation, { input: UrgeTicketInput }>(URGE_TICKET, { input }).then((d) => d.urgeTicket),
}
