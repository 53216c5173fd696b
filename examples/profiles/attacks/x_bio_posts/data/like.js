window.YTD.like.part0 = [
  {
    "like": {
      "tweetId": "0",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "2",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "3",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "4",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "5",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "6",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "7",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "8",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "9",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "10",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "11",
      "fullText": "a post"
    }
  }
]