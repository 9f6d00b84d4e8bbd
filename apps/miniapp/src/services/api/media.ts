import { session } from '../auth/session'
import { apiBase } from './config'
import { mediaUrl } from './media-url'

/** An <Image> src for a /media/:id URL: absolute on weapp, with the token (images cannot send headers). */
export const mediaSrc = (url: string): string => mediaUrl(apiBase, url, session.token())
