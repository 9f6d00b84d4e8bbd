/** H5: fetch with the bearer token (a plain link cannot send it), then let the browser save the blob under its name. */
export async function saveFile(url: string, token: string, fileName: string): Promise<void> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } })
  if (!res.ok) throw new Error(`download ${res.status}`)
  const blob = await res.blob()
  const href = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = href
  a.download = fileName
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(href), 60_000)
}

/** H5: the browser's own PDF viewer, in a new tab (print from there). */
export async function openPdf(url: string): Promise<void> {
  window.open(url, '_blank')
}
