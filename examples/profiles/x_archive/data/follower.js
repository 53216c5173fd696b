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
  },
  {
    "follower": {
      "accountId": "20"
    }
  },
  {
    "follower": {
      "accountId": "21"
    }
  },
  {
    "follower": {
      "accountId": "22"
    }
  },
  {
    "follower": {
      "accountId": "23"
    }
  },
  {
    "follower": {
      "accountId": "24"
    }
  },
  {
    "follower": {
      "accountId": "25"
    }
  },
  {
    "follower": {
      "accountId": "26"
    }
  },
  {
    "follower": {
      "accountId": "27"
    }
  },
  {
    "follower": {
      "accountId": "28"
    }
  },
  {
    "follower": {
      "accountId": "29"
    }
  },
  {
    "follower": {
      "accountId": "30"
    }
  },
  {
    "follower": {
      "accountId": "31"
    }
  },
  {
    "follower": {
      "accountId": "32"
    }
  },
  {
    "follower": {
      "accountId": "33"
    }
  },
  {
    "follower": {
      "accountId": "34"
    }
  },
  {
    "follower": {
      "accountId": "35"
    }
  },
  {
    "follower": {
      "accountId": "36"
    }
  },
  {
    "follower": {
      "accountId": "37"
    }
  },
  {
    "follower": {
      "accountId": "38"
    }
  },
  {
    "follower": {
      "accountId": "39"
    }
  },
  {
    "follower": {
      "accountId": "40"
    }
  }
]