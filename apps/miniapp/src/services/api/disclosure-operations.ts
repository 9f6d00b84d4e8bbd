/** 公示 (public): a complex's 12 months by its QR token. Kept apart from ./operations so the main package does not carry it. */
import type { PublicFiguresQuery, PublicFiguresQueryVariables } from '@msb/shared-types'
import { api } from './client'
import { PUBLIC_FIGURES } from './documents/disclosure'

export type PublicFiguresView = PublicFiguresQuery['complexByQrToken']

export const publicFigures = (token: string) =>
  api.request<PublicFiguresQuery, PublicFiguresQueryVariables>(PUBLIC_FIGURES, { token }).then((d) => d.complexByQrToken)
