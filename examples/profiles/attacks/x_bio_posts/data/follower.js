window.YTD.follower.part0 = [
  {
    "follower": {
      "accountId": "0"
    }
  },
  {
    "follower": {
      "accountId": "1"
    }
  },
  {
    "follower": {
      "accountId": "2"
    }
  },
  {
    "follower": {
      "accountId": "3"
    }
  },
  {
    "follower": {
      "accountId": "4"
    }
  },
  {
    "follower": {
      "accountId": "5"
    }
  },
  {
    "follower": {
      "accountId": "6"
    }
  },
  {
    "follower": {
      "accountId": "7"
    }
  },
  {
    "follower": {
      "accountId": "8"
    }
  },
  {
    "follower": {
      "accountId": "9"
    }
  },
  {
    "follower": {
      "accountId": "10"
    }
  },
  {
    "follower": {
      "accountId": "11"
    }
  },
  {
    "follower": {
      "accountId": "12"
    }
  },
  {
    "follower": {
      "accountId": "13"
    }
  },
  {
    "follower": {
      "accountId": "14"
    }
  },
  {
    "follower": {
      "accountId": "15"
    }
  },
  {
    "follower": {
      "accountId": "16"
    }
  },
  {
    "follower": {
      "accountId": "17"
    }
  },
  {
    "follower": {
      "accountId": "18"
    }
  },
  {
    "follower": {
      "accountId": "19"
    }
  }
]