/**
 * The administration API: each document (./documents/admin.ts) with its generated types, plus the plain
 * HTTP parts (poster PDFs, the import upload). Kept apart from ./operations so the main package does not carry it.
 */
import Taro from '@tarojs/taro'
import type {
  AdminAccountsQuery, AdminEventFilterInput, AdminEventsQuery, AdminPlacesQuery, CommitImportMutation, CreatePlaceInput, CreatePlaceMutation,
  ImportBatchesQuery, InviteAccountInput, InviteAccountMutation, PlaceKind, ResetPasswordMutation, RotateSpotQrMutation, SetAccountActiveMutation,
  SetPasswordWithCodeMutation, SetPlaceActiveMutation, SpotQrLinkQuery, UpdatePlaceInput, UpdatePlaceMutation,
  MovePlaceMutation, MovePlaceMutationVariables, AdminUnitsQuery, CreateUnitInput, CreateUnitMutation, CreateUnitMutationVariables,
  UpdateUnitMutation, UpdateUnitMutationVariables, RevokeRoleMutation, RevokeRoleMutationVariables,
  CreatePlaceMutationVariables, UpdatePlaceMutationVariables, SetPlaceActiveMutationVariables, SpotQrLinkQueryVariables, RotateSpotQrMutationVariables, AdminAccountsQueryVariables, InviteAccountMutationVariables, SetAccountActiveMutationVariables, ResetPasswordMutationVariables, SetPasswordWithCodeMutationVariables, AdminEventsQueryVariables, CommitImportMutationVariables,
} from '@msb/shared-types'
import { ErrorCode } from '@msb/shared-types'
import { session } from '../auth/session'
import { api } from './client'
import { apiBase } from './config'
import { ApiError, toServerCode } from './errors'
import {
  ADMIN_ACCOUNTS, ADMIN_EVENTS, ADMIN_PLACES, COMMIT_IMPORT, CREATE_PLACE, IMPORT_BATCHES, INVITE_ACCOUNT, RESET_PASSWORD, ROTATE_SPOT_QR,
  SET_ACCOUNT_ACTIVE, SET_PASSWORD_WITH_CODE, SET_PLACE_ACTIVE, SPOT_QR_LINK, UPDATE_PLACE, MOVE_PLACE, ADMIN_UNITS, CREATE_UNIT, UPDATE_UNIT, REVOKE_ROLE,
} from './documents/admin'

export type AdminPlaces = AdminPlacesQuery['adminPlaces']
export type AdminPlace = AdminPlaces['areas'][number]
export type AdminAccount = AdminAccountsQuery['adminAccounts'][number]
export type AdminEvent = AdminEventsQuery['adminEvents'][number]
export type ImportBatch = ImportBatchesQuery['importBatches'][number]
export type ImportCommit = CommitImportMutation['commitImport']
export type { PlaceKind }

export const adminPlaces = () => api.request<AdminPlacesQuery>(ADMIN_PLACES).then((d) => d.adminPlaces)
export const createPlace = (input: CreatePlaceInput) => api.request<CreatePlaceMutation, CreatePlaceMutationVariables>(CREATE_PLACE, { input }).then((d) => d.createPlace)
export const updatePlace = (kind: PlaceKind, id: number, input: UpdatePlaceInput) => api.request<UpdatePlaceMutation, UpdatePlaceMutationVariables>(UPDATE_PLACE, { kind, id, input }).then((d) => d.updatePlace)
export const setPlaceActive = (kind: PlaceKind, id: number, active: boolean) => api.request<SetPlaceActiveMutation, SetPlaceActiveMutationVariables>(SET_PLACE_ACTIVE, { kind, id, active }).then((d) => d.setPlaceActive)
export const spotQrLink = (spotId: number) => api.request<SpotQrLinkQuery, SpotQrLinkQueryVariables>(SPOT_QR_LINK, { spotId }).then((d) => d.spotQrLink)
export const rotateSpotQr = (spotId: number) => api.request<RotateSpotQrMutation, RotateSpotQrMutationVariables>(ROTATE_SPOT_QR, { spotId }).then((d) => d.rotateSpotQr)
export const adminAccounts = (search: string) => api.request<AdminAccountsQuery, AdminAccountsQueryVariables>(ADMIN_ACCOUNTS, { search, first: 100 }).then((d) => d.adminAccounts)
export const inviteAccount = (input: InviteAccountInput) => api.request<InviteAccountMutation, InviteAccountMutationVariables>(INVITE_ACCOUNT, { input }).then((d) => d.inviteAccount)
export const setAccountActive = (userId: string, active: boolean) => api.request<SetAccountActiveMutation, SetAccountActiveMutationVariables>(SET_ACCOUNT_ACTIVE, { userId, active }).then((d) => d.setAccountActive)
export const resetPassword = (userId: string) => api.request<ResetPasswordMutation, ResetPasswordMutationVariables>(RESET_PASSWORD, { userId }).then((d) => d.resetPassword)
export const setPasswordWithCode = (phone: string, code: string, password: string) =>
  api.request<SetPasswordWithCodeMutation, SetPasswordWithCodeMutationVariables>(SET_PASSWORD_WITH_CODE, { phone, code, password }).then((d) => d.setPasswordWithCode)
export const adminEvents = (filter: AdminEventFilterInput) => api.request<AdminEventsQuery, AdminEventsQueryVariables>(ADMIN_EVENTS, { filter, first: 100 }).then((d) => d.adminEvents)
export type AdminUnit = AdminUnitsQuery['adminUnits'][number]
export const movePlace = (kind: PlaceKind, id: number, parentId: number | null) => api.request<MovePlaceMutation, MovePlaceMutationVariables>(MOVE_PLACE, { kind, id, parentId }).then((d) => d.movePlace)
export const adminUnits = () => api.request<AdminUnitsQuery>(ADMIN_UNITS).then((d) => d.adminUnits)
export const createUnit = (input: CreateUnitInput) => api.request<CreateUnitMutation, CreateUnitMutationVariables>(CREATE_UNIT, { input }).then((d) => d.createUnit)
export const updateUnit = (id: number, patch: { name?: string; active?: boolean }) => api.request<UpdateUnitMutation, UpdateUnitMutationVariables>(UPDATE_UNIT, { id, ...patch }).then((d) => d.updateUnit)
export const revokeRole = (assignmentId: number) => api.request<RevokeRoleMutation, RevokeRoleMutationVariables>(REVOKE_ROLE, { assignmentId }).then((d) => d.revokeRole)
export const importBatches = () => api.request<ImportBatchesQuery>(IMPORT_BATCHES).then((d) => d.importBatches)
export const commitImport = (id: number) => api.request<CommitImportMutation, CommitImportMutationVariables>(COMMIT_IMPORT, { id }).then((d) => d.commitImport)

const base = () => apiBase.replace(/\/+$/, '')

/** A download link for a poster PDF or the import template (the token rides along: a plain link cannot send headers). */
export function adminFileUrl(path: string, query: Record<string, string> = {}): string {
  const q = new URLSearchParams({ ...query, access_token: session.token() ?? '' })
  return `${base()}${path}?${q.toString()}`
}

export interface ImportRow { row: number; kind: string | null; status: 'NEW' | 'UNCHANGED' | 'ERROR'; errors: string[]; complex: string; name: string }
export interface ImportPreview { id: number; fileName: string; totalRows: number; validRows: number; errorRows: number; rows: ImportRow[] }

function previewOf(status: number, raw: unknown): ImportPreview {
  let body: any
  try {
    body = typeof raw === 'string' ? JSON.parse(raw) : raw
  } catch {
    body = undefined
  }
  if (status >= 200 && status < 300 && body && typeof body.id === 'number') return body as ImportPreview
  if (status >= 500 || !body) throw new ApiError('NETWORK', `import http ${status}`, { status })
  throw new ApiError(status === 401 ? ErrorCode.UNAUTHENTICATED : toServerCode(body.code), String(body.message ?? ''), { status, extensions: body })
}

/** Uploads an import file (H5: a File from <input type=file>; weapp: a chosen chat file's path) and answers its preview. */
export async function uploadImport(file: { h5File?: Blob & { name?: string }; path?: string; name: string }): Promise<ImportPreview> {
  const token = session.token()
  if (process.env.TARO_ENV === 'h5' && file.h5File) {
    const form = new FormData()
    form.append('file', file.h5File, file.name)
    const res = await fetch(`${base()}/admin/imports`, { method: 'POST', body: form, headers: token ? { authorization: `Bearer ${token}` } : {} })
    return previewOf(res.status, await res.text())
  }
  const res = await Taro.uploadFile({ url: `${base()}/admin/imports`, filePath: file.path ?? '', name: 'file', fileName: file.name, header: token ? { authorization: `Bearer ${token}` } : {} } as Parameters<typeof Taro.uploadFile>[0])
  return previewOf(res.statusCode, res.data)
}

/** Opens a PDF/XLSX for printing or saving: H5 a new tab; weapp downloads it and opens the document viewer. */
export async function openAdminFile(url: string, fileType: 'pdf' | 'xlsx'): Promise<void> {
  if (process.env.TARO_ENV === 'h5') {
    window.open(url, '_blank')
    return
  }
  const d = await Taro.downloadFile({ url })
  await Taro.openDocument({ filePath: d.tempFilePath, fileType, showMenu: true })
}
