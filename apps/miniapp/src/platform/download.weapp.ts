import Taro from '@tarojs/taro'

/** WeChat: download with the bearer token into a temp file and open it (XLSX/CSV open in WeChat's viewer, shareable from there). */
export async function saveFile(url: string, token: string, fileName: string): Promise<void> {
  const r = await Taro.downloadFile({ url, header: { authorization: `Bearer ${token}` } })
  if (r.statusCode !== 200) throw new Error(`download ${r.statusCode}`)
  const type = fileName.toLowerCase().endsWith('.csv') ? undefined : 'xlsx'
  await Taro.openDocument({ filePath: r.tempFilePath, fileType: type as 'xlsx' | undefined, showMenu: true })
}

/** WeChat: download the public PDF and open it in the document viewer (print or share from its menu). */
export async function openPdf(url: string): Promise<void> {
  const r = await Taro.downloadFile({ url })
  if (r.statusCode !== 200) throw new Error(`download ${r.statusCode}`)
  await Taro.openDocument({ filePath: r.tempFilePath, fileType: 'pdf', showMenu: true })
}
