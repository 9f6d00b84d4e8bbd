import { mediaUrl } from './media-url'

describe('media URLs', () => {
  it('adds the API origin and the access token to server photos', () => {
    expect(mediaUrl('https://api.example/', '/media/42', 'a.b c')).toBe('https://api.example/media/42?access_token=a.b%20c')
    expect(mediaUrl('', '/media/42', null)).toBe('/media/42')
  })

  it('puts no token into a signed link: it needs none', () => {
    expect(mediaUrl('https://api.example/', '/media/42?exp=1800000000&sig=abc', 'tok')).toBe('https://api.example/media/42?exp=1800000000&sig=abc')
    expect(mediaUrl('https://api.example', 'https://s3.example/b/photos/ab/x?X-Amz-Signature=1', 'tok')).toBe('https://s3.example/b/photos/ab/x?X-Amz-Signature=1')
  })

  it('leaves local picks alone', () => {
    expect(mediaUrl('https://api.example', 'blob:https://x/1', 't')).toBe('blob:https://x/1')
    expect(mediaUrl('https://api.example', 'wxfile://tmp_1.jpg', 't')).toBe('wxfile://tmp_1.jpg')
  })
})
