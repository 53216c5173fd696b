window.YTD.account.part0 = [
  {
    "account": {
      "username": "danaquill_",
      "accountDisplayName": "Dana Quill",
      "accountId": "1234567890",
      "createdAt": "2016-05-04T10:00:00.000Z",
      "email": "nobody@example.invalid"
    }
  }
]