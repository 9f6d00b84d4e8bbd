import { mediaUrl } from './media-url'

describe('media URLs', () => {
  it('adds the API origin and the access token to server photos', () => {
    expect(mediaUrl('https://api.example/', '/media/42', 'a.b c')).toBe('https://api.example/media/42?access_token=a.b%20c')
    expect(mediaUrl('', '/media/42', null)).toBe('/media/42')
  })

  it('leaves local picks alone', () => {
    expect(mediaUrl('https://api.example', 'blob:https://x/1', 't')).toBe('blob:https://x/1')
    expect(mediaUrl('https://api.example', 'wxfile://tmp_1.jpg', 't')).toBe('wxfile://tmp_1.jpg')
  })
})
