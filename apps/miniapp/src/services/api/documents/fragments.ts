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

export const TICKET_SUMMARY = /* GraphQL */ `
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
    availableActions
    timeline {
      id
      action
      actorName
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
