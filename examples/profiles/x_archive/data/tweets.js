window.YTD.tweets.part0 = [
  {
    "tweet": {
      "id_str": "1760000000000000000",
      "full_text": "Day 41 of feeding my sourdough starter. It is thriving. I am not. #sourdough",
      "created_at": "Fri Mar 01 02:00:00 +0000 2024",
      "favorite_count": "1",
      "retweet_count": "0",
      "lang": "en",
      "entities": {
        "hashtags": [
          {
            "text": "sourdough"
          }
        ],
        "user_mentions": []
      }
    }
  },
  {
    "tweet": {
      "id_str": "1760000000000000001",
      "full_text": "New loaf just dropped. Crumb shot incoming. #sourdough #breadtok",
      "created_at": "Mon Mar 04 01:07:00 +0000 2024",
      "favorite_count": "2",
      "retweet_count": "0",
      "lang": "en",
      "entities": {
        "hashtags": [
          {
            "text": "sourdough"
          },
          {
            "text": "breadtok"
          }
        ],
        "user_mentions": []
      }
    }
  },
  {
    "tweet": {
      "id_str": "1760000000000000002",
      "full_text": "Finished the Saturday crossword in ink. In ink. #crossword",
      "created_at": "Thu Mar 07 14:14:00 +0000 2024",
      "favorite_count": "0",
      "retweet_count": "0",
      "lang": "en",
      "entities": {
        "hashtags": [
          {
            "text": "crossword"
          }
        ],
        "user_mentions": []
      }
    }
  },
  {
    "tweet": {
      "id_str": "1760000000000000003",
      "full_text": "Thinking about sourdough again at 3am, normal behaviour #sourdough",
      "created_at": "Sun Mar 10 03:21:00 +0000 2024",
      "favorite_count": "1",
      "retweet_count": "0",
      "lang": "en",
      "entities": {
        "hashtags": [
          {
            "text": "sourdough"
          }
        ],
        "user_mentions": []
      }
    }
  },
  {
    "tweet": {
      "id_str": "1760000000000000004",
      "full_text": "My starter has a name now. It's Kevin. #sourdough",
      "created_at": "Wed Mar 13 02:28:00 +0000 2024",
      "favorite_count": "0",
      "retweet_count": "0",
      "lang": "en",
      "entities": {
        "hashtags": [
          {
            "text": "sourdough"
          }
        ],
        "user_mentions": []
      }
    }
  },
  {
    "tweet": {
      "id_str": "1760000000000000005",
      "full_text": "Hot take: the crossword is harder than my job #crossword",
      "created_at": "Sat Mar 16 22:35:00 +0000 2024",
      "favorite_count": "1",
      "retweet_count": "0",
      "lang": "en",
      "entities": {
        "hashtags": [
          {
            "text": "crossword"
          }
        ],
        "user_mentions": []
      }
    }
  },
  {
    "tweet": {
      "id_str": "1760000000000000006",
      "full_text": "Why is sourdough discard recipe content the only content I consume #sourdough",
      "created_at": "Tue Mar 19 01:42:00 +0000 2024",
      "favorite_count": "0",
      "retweet_count": "0",
      "lang": "en",
      "entities": {
        "hashtags": [
          {
            "text": "sourdough"
          }
        ],
        "user_mentions": []
      }
    }
  },
  {
    "tweet": {
      "id_str": "1760000000000000007",
      "full_text": "Overthinking whether to reply to a group chat from 2019",
      "created_at": "Fri Mar 22 00:49:00 +0000 2024",
      "favorite_count": "0",
      "retweet_count": "0",
      "lang": "en",
      "entities": {
        "hashtags": [],
        "user_mentions": []
      }
    }
  },
  {
    "tweet": {
      "id_str": "1760000000000000008",
      "full_text": "Sourdough update: Kevin rose. I did not. #sourdough",
      "created_at": "Mon Mar 25 04:56:00 +0000 2024",
      "favorite_count": "3",
      "retweet_count": "1",
      "lang": "en",
      "entities": {
        "hashtags": [
          {
            "text": "sourdough"
          }
        ],
        "user_mentions": []
      }
    }
  },
  {
    "tweet": {
      "id_str": "1760000000000000009",
      "full_text": "Another loaf, another existential crisis #sourdough #bread",
      "created_at": "Thu Mar 28 02:03:00 +0000 2024",
      "favorite_count": "1",
      "retweet_count": "0",
      "lang": "en",
      "entities": {
        "hashtags": [
          {
            "text": "sourdough"
          },
          {
            "text": "bread"
          }
        ],
        "user_mentions": []
      }
    }
  }
]