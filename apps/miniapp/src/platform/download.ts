/** Fallback (typing) for download.<env>.ts: fetch a file the API made for the signed-in user and hand it to the user. */
export async function saveFile(_url: string, _token: string, _fileName: string): Promise<void> {
  throw new Error('saveFile: no platform implementation')
}
