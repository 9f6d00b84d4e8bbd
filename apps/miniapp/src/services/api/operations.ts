/**
 * PROVISIONAL operations, written before apps/bff/schema.graphql exists.
 * Replace with the GraphQL Code Generator output from packages/shared-types once the
 * schema lands (issue 4: no hand-written response types). Every page imports from here,
 * so the swap is one file.
 */
import type { ReportTicketInput } from '../../features/report/report-draft'
import type { TicketStatus } from '../../features/tickets/status'
import { api } from './client'

export interface ArrivalInfo {
  complex: { id: string; name: string }
  spot: { id: string; name: string } | null
  figures: { month: string; filed: number; resolved: number; satisfactionRate: number | null } | null
}

export interface TicketSummary {
  id: string
  number: string
  status: TicketStatus
  categoryName: string
  description: string
  createdAt: string
  nextDeadline: string | null
}

export interface TimelineEvent {
  id: string
  action: string
  actorName: string
  fromStatus: TicketStatus | null
  toStatus: TicketStatus | null
  note: string | null
  at: string
  attachments: { id: string; url: string }[]
}

export interface TicketDetail extends TicketSummary {
  complexName: string
  spotName: string | null
  availableActions: string[]
  timeline: TimelineEvent[]
}

export const complexByQrToken = (token: string) =>
  api
    .request<{ complexByQrToken: ArrivalInfo }, { token: string }>(
      `query Arrival($token: String!) { complexByQrToken(token: $token) { complex { id name } spot { id name } figures { month filed resolved satisfactionRate } } }`,
      { token },
    )
    .then((d) => d.complexByQrToken)

export const requestSmsCode = (phone: string) =>
  api.request<{ requestSmsCode: boolean }, { phone: string }>(`mutation Sms($phone: String!) { requestSmsCode(phone: $phone) }`, { phone })

export const loginWithSms = (phone: string, code: string) =>
  api
    .request<{ loginWithSms: { token: string } }, { phone: string; code: string }>(
      `mutation LoginSms($phone: String!, $code: String!) { loginWithSms(phone: $phone, code: $code) { token } }`,
      { phone, code },
    )
    .then((d) => d.loginWithSms)

export const loginWithWechat = (code: string) =>
  api
    .request<{ loginWithWechat: { token: string; phone: string | null } }, { code: string }>(
      `mutation LoginWx($code: String!) { loginWithWechat(code: $code) { token phone } }`,
      { code },
    )
    .then((d) => d.loginWithWechat)

export const reportTicket = (input: ReportTicketInput) =>
  api
    .request<{ reportTicket: { id: string; number: string } }, { input: ReportTicketInput }>(
      `mutation Report($input: ReportTicketInput!) { reportTicket(input: $input) { id number } }`,
      { input },
    )
    .then((d) => d.reportTicket)

export const myTickets = () =>
  api
    .request<{ myTickets: TicketSummary[] }>(
      `query Mine { myTickets { id number status categoryName description createdAt nextDeadline } }`,
    )
    .then((d) => d.myTickets)

export const ticket = (id: string) =>
  api
    .request<{ ticket: TicketDetail }, { id: string }>(
      `query Ticket($id: ID!) { ticket(id: $id) { id number status categoryName description createdAt nextDeadline complexName spotName availableActions timeline { id action actorName fromStatus toStatus note at attachments { id url } } } }`,
      { id },
    )
    .then((d) => d.ticket)
