/** Owner sign-in: phone + SMS code on H5, the wx.login code on WeChat. */
export const REQUEST_SMS_CODE = /* GraphQL */ `
  mutation RequestSmsCode($phone: String!) {
    requestSmsCode(phone: $phone) {
      resendAfterSeconds
    }
  }
`

export const LOGIN_WITH_SMS = /* GraphQL */ `
  mutation LoginWithSms($phone: String!, $code: String!) {
    loginWithSms(phone: $phone, code: $code) {
      token
      expiresAt
      me {
        id
        name
      }
    }
  }
`

export const LOGIN_WITH_WECHAT = /* GraphQL */ `
  mutation LoginWithWechat($code: String!) {
    loginWithWechat(code: $code) {
      token
      expiresAt
      me {
        id
        name
      }
    }
  }
`

/** weapp: the code of the phone-number button (open-type="getPhoneNumber") → the owner's phone, for the contact field. */
export const WECHAT_PHONE_NUMBER = /* GraphQL */ `
  mutation WechatPhoneNumber($code: String!) {
    wechatPhoneNumber(code: $code) {
      phone
    }
  }
`
