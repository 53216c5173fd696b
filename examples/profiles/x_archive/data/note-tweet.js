window.YTD.note_tweet.part0 = [
  {
    "noteTweet": {
      "noteTweetId": "0",
      "createdAt": "2024-03-01T00:00:00+00:00",
      "core": {
        "text": "A long note about sourdough hydration ratios that nobody asked for."
      }
    }
  }
]