import Taro from '@tarojs/taro'

/** WeChat: native JPEG re-encode; on any failure send the original (it is ≤ 10 MB anyway). */
export async function compressImage(path: string): Promise<string> {
  try {
    const res = await Taro.compressImage({ src: path, quality: 70, compressedWidth: 1600 } as Taro.compressImage.Option)
    return res.tempFilePath || path
  } catch {
    return path
  }
}
