/** Fallback (typing) for download.<env>.ts: fetch a file the API made for the signed-in user and hand it to the user. */
export async function saveFile(_url: string, _token: string, _fileName: string): Promise<void> {
  throw new Error('saveFile: no platform implementation')
}

/** Open a public PDF (no sign-in needed): a new tab on H5, WeChat's document viewer on weapp. */
export async function openPdf(_url: string): Promise<void> {
  throw new Error('openPdf: no platform implementation')
}
