import { useCallback, useEffect, useState } from 'react'
import { categories as fetchCategories, type Category } from '../../services/api/operations'
import { errorCodeOf, type ApiErrorCode } from '../../services/api/errors'
import { taroKv } from '../../services/storage/taro-kv'

const KEY = 'msb:categories:v1'

function cached(): Category[] | null {
  try {
    const v = JSON.parse(taroKv.getItem(KEY) ?? 'null')
    return Array.isArray(v) && v.length ? v : null
  } catch {
    return null
  }
}

/**
 * The server's categories. The last list is kept in storage and shown at once (a gate's 4G is slow);
 * a fresh one replaces it when it arrives. Only with nothing cached does a failure block the grid.
 */
export function useCategories(): { list: Category[] | null; error: ApiErrorCode | null; reload: () => void } {
  const [list, setList] = useState<Category[] | null>(cached)
  const [error, setError] = useState<ApiErrorCode | null>(null)
  const [tick, setTick] = useState(0)
  useEffect(() => {
    let alive = true
    setError(null)
    fetchCategories().then(
      (l) => {
        if (!alive) return
        setList(l)
        taroKv.setItem(KEY, JSON.stringify(l))
      },
      (e) => alive && setError(errorCodeOf(e)),
    )
    return () => {
      alive = false
    }
  }, [tick])
  const reload = useCallback(() => setTick((t) => t + 1), [])
  return { list, error, reload }
}
