/**
 * The administration screens: places in scope, accounts with their roles, the audit trail, imports.
 * Posters and the import upload are plain HTTP (/admin/posters/…, /admin/imports).
 */
export const ADMIN_PLACE_FIELDS = /* GraphQL */ `
  fragment AdminPlaceFields on AdminPlace {
    kind
    id
    name
    active
    parentId
    level
    address
    companyId
    buildingId
    spotKind
    servicePhone
    emergencyPhone
  }
`

export const ADMIN_PLACES = /* GraphQL */ `
  query AdminPlaces {
    adminPlaces {
      areas { ...AdminPlaceFields }
      companies { ...AdminPlaceFields }
      complexes { ...AdminPlaceFields }
      buildings { ...AdminPlaceFields }
      spots { ...AdminPlaceFields }
    }
  }
  ${ADMIN_PLACE_FIELDS}
`

export const CREATE_PLACE = /* GraphQL */ `
  mutation CreatePlace($input: CreatePlaceInput!) {
    createPlace(input: $input) { ...AdminPlaceFields }
  }
  ${ADMIN_PLACE_FIELDS}
`

export const UPDATE_PLACE = /* GraphQL */ `
  mutation UpdatePlace($kind: PlaceKind!, $id: Int!, $input: UpdatePlaceInput!) {
    updatePlace(kind: $kind, id: $id, input: $input) { ...AdminPlaceFields }
  }
  ${ADMIN_PLACE_FIELDS}
`

export const SET_PLACE_ACTIVE = /* GraphQL */ `
  mutation SetPlaceActive($kind: PlaceKind!, $id: Int!, $active: Boolean!) {
    setPlaceActive(kind: $kind, id: $id, active: $active) { ...AdminPlaceFields }
  }
  ${ADMIN_PLACE_FIELDS}
`

export const SPOT_QR_LINK = /* GraphQL */ `
  query SpotQrLink($spotId: Int!) {
    spotQrLink(spotId: $spotId)
  }
`

export const ROTATE_SPOT_QR = /* GraphQL */ `
  mutation RotateSpotQr($spotId: Int!) {
    rotateSpotQr(spotId: $spotId)
  }
`

export const ADMIN_ACCOUNTS = /* GraphQL */ `
  query AdminAccounts($search: String, $first: Int) {
    adminAccounts(search: $search, first: $first) {
      id
      name
      phone
      active
      hasPassword
      roles { id role scopeName complexId companyId unitId areaId }
    }
  }
`

export const INVITE_ACCOUNT = /* GraphQL */ `
  mutation InviteAccount($input: InviteAccountInput!) {
    inviteAccount(input: $input) { userId oneTimeCode }
  }
`

export const SET_ACCOUNT_ACTIVE = /* GraphQL */ `
  mutation SetAccountActive($userId: ID!, $active: Boolean!) {
    setAccountActive(userId: $userId, active: $active)
  }
`

export const RESET_PASSWORD = /* GraphQL */ `
  mutation ResetPassword($userId: ID!) {
    resetPassword(userId: $userId)
  }
`

export const SET_PASSWORD_WITH_CODE = /* GraphQL */ `
  mutation SetPasswordWithCode($phone: String!, $code: String!, $password: String!) {
    setPasswordWithCode(phone: $phone, code: $code, password: $password)
  }
`

export const ADMIN_EVENTS = /* GraphQL */ `
  query AdminEvents($filter: AdminEventFilterInput, $first: Int) {
    adminEvents(filter: $filter, first: $first) {
      id
      at
      actorName
      action
      objectType
      objectId
      objectName
      before
      after
      importId
    }
  }
`

export const IMPORT_BATCHES = /* GraphQL */ `
  query ImportBatches {
    importBatches(first: 20) { id fileName status createdAt totalRows validRows errorRows createdCount unchangedCount committedAt }
  }
`

export const COMMIT_IMPORT = /* GraphQL */ `
  mutation CommitImport($id: Int!) {
    commitImport(id: $id) {
      batch { id status createdCount unchangedCount errorRows }
      invitations { row name phone oneTimeCode }
    }
  }
`

export const MOVE_PLACE = /* GraphQL */ `
  mutation MovePlace($kind: PlaceKind!, $id: Int!, $parentId: Int) {
    movePlace(kind: $kind, id: $id, parentId: $parentId) { ...AdminPlaceFields }
  }
  ${ADMIN_PLACE_FIELDS}
`

export const ADMIN_UNITS = /* GraphQL */ `
  query AdminUnits {
    adminUnits {
      id
      kind
      name
      companyId
      areaId
      active
      members { assignmentId userId name phone active role }
    }
  }
`

export const CREATE_UNIT = /* GraphQL */ `
  mutation CreateUnit($input: CreateUnitInput!) {
    createUnit(input: $input) { id }
  }
`

export const UPDATE_UNIT = /* GraphQL */ `
  mutation UpdateUnit($id: Int!, $name: String, $active: Boolean) {
    updateUnit(id: $id, name: $name, active: $active) { id name active }
  }
`

export const REVOKE_ROLE = /* GraphQL */ `
  mutation RevokeRole($assignmentId: Int!) {
    revokeRole(assignmentId: $assignmentId)
  }
`
