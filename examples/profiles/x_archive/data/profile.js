window.YTD.profile.part0 = [
  {
    "profile": {
      "description": {
        "bio": "Sourdough enthusiast, part-time crossword champion, full-time overthinker. Opinions are my starter's.",
        "website": "https://example.invalid",
        "location": "Springfield"
      }
    }
  }
]