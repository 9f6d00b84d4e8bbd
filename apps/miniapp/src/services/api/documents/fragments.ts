/**
 * Fragments shared by the owner's ticket operations. Documents are plain `/* GraphQL *\/` strings:
 * GraphQL Code Generator reads them (packages/shared-types/codegen.yml) and writes their result
 * and variable types into @msb/shared-types; at runtime they are sent as they are.
 */
export const ATTACHMENT_FIELDS = /* GraphQL */ `
  fragment AttachmentFields on Attachment {
    id
    url
    mime
  }
`

/**
 * An SLA clock as of the request (the SLA engine): what the deadline line shows (due time, working
 * minutes left, paused, breached, near). Only what is shown: every field is paid for per ticket under
 * the server's query-cost cap (2000), and the inbox asks for a page of tickets at once.
 */
export const CLOCK_FIELDS = /* GraphQL */ `
  fragment ClockFields on SlaClockView {
    target
    state
    calendar
    dueAt
    warnAt
    remainingWorkingMinutes
    paused
    stopped
  }
`

export const TICKET_SUMMARY = /* GraphQL */ `
  ${CLOCK_FIELDS}
  fragment TicketSummary on Ticket {
    id
    number
    status
    version
    priority
    text
    createdAt
    updatedAt
    category {
      code
      name
      emergency
      parentCode
    }
    complex {
      id
      name
    }
    spot {
      id
      name
    }
    clocks {
      ...ClockFields
    }
  }
`

export const TICKET_DETAIL = /* GraphQL */ `
  ${TICKET_SUMMARY}
  ${ATTACHMENT_FIELDS}
  fragment TicketDetail on Ticket {
    ...TicketSummary
    locationText
    contactName
    contactPhone
    building {
      id
      name
    }
    assignee {
      id
      name
    }
    handlingUnit {
      id
      name
      kind
    }
    rating {
      solved
      satisfaction
      ratedAt
    }
    acceptedAt
    resolvedAt
    closedAt
    mediationRequestedAt
    extensionRequestedUntil
    nextUrgeAt
    availableActions
    supporterCount
    mergedInto {
      id
      number
    }
    refusal {
      reason
      note
      declinedBy
      declinedByName
      suggestedUnitName
      suggestHotline
      duplicateOfNumber
    }
    timeline {
      id
      action
      actorName
      assigneeName
      actorRole
      fromStatus
      toStatus
      note
      data
      createdAt
      attachments {
        ...AttachmentFields
      }
    }
  }
`
