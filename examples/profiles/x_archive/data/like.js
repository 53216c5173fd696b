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
  },
  {
    "like": {
      "tweetId": "12",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "13",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "14",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "15",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "16",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "17",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "18",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "19",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "20",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "21",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "22",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "23",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "24",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "25",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "26",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "27",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "28",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "29",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "30",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "31",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "32",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "33",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "34",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "35",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "36",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "37",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "38",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "39",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "40",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "41",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "42",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "43",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "44",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "45",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "46",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "47",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "48",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "49",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "50",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "51",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "52",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "53",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "54",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "55",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "56",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "57",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "58",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "59",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "60",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "61",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "62",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "63",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "64",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "65",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "66",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "67",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "68",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "69",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "70",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "71",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "72",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "73",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "74",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "75",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "76",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "77",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "78",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "79",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "80",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "81",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "82",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "83",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "84",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "85",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "86",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "87",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "88",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "89",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "90",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "91",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "92",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "93",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "94",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "95",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "96",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "97",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "98",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "99",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "100",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "101",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "102",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "103",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "104",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "105",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "106",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "107",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "108",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "109",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "110",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "111",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "112",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "113",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "114",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "115",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "116",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "117",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "118",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "119",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "120",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "121",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "122",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "123",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "124",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "125",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "126",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "127",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "128",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "129",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "130",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "131",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "132",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "133",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "134",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "135",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "136",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "137",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "138",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "139",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "140",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "141",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "142",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "143",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "144",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "145",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "146",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "147",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "148",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "149",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "150",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "151",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "152",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "153",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "154",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "155",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "156",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "157",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "158",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "159",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "160",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "161",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "162",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "163",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "164",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "165",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "166",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "167",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "168",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "169",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "170",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "171",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "172",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "173",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "174",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "175",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "176",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "177",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "178",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "179",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "180",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "181",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "182",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "183",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "184",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "185",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "186",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "187",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "188",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "189",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "190",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "191",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "192",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "193",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "194",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "195",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "196",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "197",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "198",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "199",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "200",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "201",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "202",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "203",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "204",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "205",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "206",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "207",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "208",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "209",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "210",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "211",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "212",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "213",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "214",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "215",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "216",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "217",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "218",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "219",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "220",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "221",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "222",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "223",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "224",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "225",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "226",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "227",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "228",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "229",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "230",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "231",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "232",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "233",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "234",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "235",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "236",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "237",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "238",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "239",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "240",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "241",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "242",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "243",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "244",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "245",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "246",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "247",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "248",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "249",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "250",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "251",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "252",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "253",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "254",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "255",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "256",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "257",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "258",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "259",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "260",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "261",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "262",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "263",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "264",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "265",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "266",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "267",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "268",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "269",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "270",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "271",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "272",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "273",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "274",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "275",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "276",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "277",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "278",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "279",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "280",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "281",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "282",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "283",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "284",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "285",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "286",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "287",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "288",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "289",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "290",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "291",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "292",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "293",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "294",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "295",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "296",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "297",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "298",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "299",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "300",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "301",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "302",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "303",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "304",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "305",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "306",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "307",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "308",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "309",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "310",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "311",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "312",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "313",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "314",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "315",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "316",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "317",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "318",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "319",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "320",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "321",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "322",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "323",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "324",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "325",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "326",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "327",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "328",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "329",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "330",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "331",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "332",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "333",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "334",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "335",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "336",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "337",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "338",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "339",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "340",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "341",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "342",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "343",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "344",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "345",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "346",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "347",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "348",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "349",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "350",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "351",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "352",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "353",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "354",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "355",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "356",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "357",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "358",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "359",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "360",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "361",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "362",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "363",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "364",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "365",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "366",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "367",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "368",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "369",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "370",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "371",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "372",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "373",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "374",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "375",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "376",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "377",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "378",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "379",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "380",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "381",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "382",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "383",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "384",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "385",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "386",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "387",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "388",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "389",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "390",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "391",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "392",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "393",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "394",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "395",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "396",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "397",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "398",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "399",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "400",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "401",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "402",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "403",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "404",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "405",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "406",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "407",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "408",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "409",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "410",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "411",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "412",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "413",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "414",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "415",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "416",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "417",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "418",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "419",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "420",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "421",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "422",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "423",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "424",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "425",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "426",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "427",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "428",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "429",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "430",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "431",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "432",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "433",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "434",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "435",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "436",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "437",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "438",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "439",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "440",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "441",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "442",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "443",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "444",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "445",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "446",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "447",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "448",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "449",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "450",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "451",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "452",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "453",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "454",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "455",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "456",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "457",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "458",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "459",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "460",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "461",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "462",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "463",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "464",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "465",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "466",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "467",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "468",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "469",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "470",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "471",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "472",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "473",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "474",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "475",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "476",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "477",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "478",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "479",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "480",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "481",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "482",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "483",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "484",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "485",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "486",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "487",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "488",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "489",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "490",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "491",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "492",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "493",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "494",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "495",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "496",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "497",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "498",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "499",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "500",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "501",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "502",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "503",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "504",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "505",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "506",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "507",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "508",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "509",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "510",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "511",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "512",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "513",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "514",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "515",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "516",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "517",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "518",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "519",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "520",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "521",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "522",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "523",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "524",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "525",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "526",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "527",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "528",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "529",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "530",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "531",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "532",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "533",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "534",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "535",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "536",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "537",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "538",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "539",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "540",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "541",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "542",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "543",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "544",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "545",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "546",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "547",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "548",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "549",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "550",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "551",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "552",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "553",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "554",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "555",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "556",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "557",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "558",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "559",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "560",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "561",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "562",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "563",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "564",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "565",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "566",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "567",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "568",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "569",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "570",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "571",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "572",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "573",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "574",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "575",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "576",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "577",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "578",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "579",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "580",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "581",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "582",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "583",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "584",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "585",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "586",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "587",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "588",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "589",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "590",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "591",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "592",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "593",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "594",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "595",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "596",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "597",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "598",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "599",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "600",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "601",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "602",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "603",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "604",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "605",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "606",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "607",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "608",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "609",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "610",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "611",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "612",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "613",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "614",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "615",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "616",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "617",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "618",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "619",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "620",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "621",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "622",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "623",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "624",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "625",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "626",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "627",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "628",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "629",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "630",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "631",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "632",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "633",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "634",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "635",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "636",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "637",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "638",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "639",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "640",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "641",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "642",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "643",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "644",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "645",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "646",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "647",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "648",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "649",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "650",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "651",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "652",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "653",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "654",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "655",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "656",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "657",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "658",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "659",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "660",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "661",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "662",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "663",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "664",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "665",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "666",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "667",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "668",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "669",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "670",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "671",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "672",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "673",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "674",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "675",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "676",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "677",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "678",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "679",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "680",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "681",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "682",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "683",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "684",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "685",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "686",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "687",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "688",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "689",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "690",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "691",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "692",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "693",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "694",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "695",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "696",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "697",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "698",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "699",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "700",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "701",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "702",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "703",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "704",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "705",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "706",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "707",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "708",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "709",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "710",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "711",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "712",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "713",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "714",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "715",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "716",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "717",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "718",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "719",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "720",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "721",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "722",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "723",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "724",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "725",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "726",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "727",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "728",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "729",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "730",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "731",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "732",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "733",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "734",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "735",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "736",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "737",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "738",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "739",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "740",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "741",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "742",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "743",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "744",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "745",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "746",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "747",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "748",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "749",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "750",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "751",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "752",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "753",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "754",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "755",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "756",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "757",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "758",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "759",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "760",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "761",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "762",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "763",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "764",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "765",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "766",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "767",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "768",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "769",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "770",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "771",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "772",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "773",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "774",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "775",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "776",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "777",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "778",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "779",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "780",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "781",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "782",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "783",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "784",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "785",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "786",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "787",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "788",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "789",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "790",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "791",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "792",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "793",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "794",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "795",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "796",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "797",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "798",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "799",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "800",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "801",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "802",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "803",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "804",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "805",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "806",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "807",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "808",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "809",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "810",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "811",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "812",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "813",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "814",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "815",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "816",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "817",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "818",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "819",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "820",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "821",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "822",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "823",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "824",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "825",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "826",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "827",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "828",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "829",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "830",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "831",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "832",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "833",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "834",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "835",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "836",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "837",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "838",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "839",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "840",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "841",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "842",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "843",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "844",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "845",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "846",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "847",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "848",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "849",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "850",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "851",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "852",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "853",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "854",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "855",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "856",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "857",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "858",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "859",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "860",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "861",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "862",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "863",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "864",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "865",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "866",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "867",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "868",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "869",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "870",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "871",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "872",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "873",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "874",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "875",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "876",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "877",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "878",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "879",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "880",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "881",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "882",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "883",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "884",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "885",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "886",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "887",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "888",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "889",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "890",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "891",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "892",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "893",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "894",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "895",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "896",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "897",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "898",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "899",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "900",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "901",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "902",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "903",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "904",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "905",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "906",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "907",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "908",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "909",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "910",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "911",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "912",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "913",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "914",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "915",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "916",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "917",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "918",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "919",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "920",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "921",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "922",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "923",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "924",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "925",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "926",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "927",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "928",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "929",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "930",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "931",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "932",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "933",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "934",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "935",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "936",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "937",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "938",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "939",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "940",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "941",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "942",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "943",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "944",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "945",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "946",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "947",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "948",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "949",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "950",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "951",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "952",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "953",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "954",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "955",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "956",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "957",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "958",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "959",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "960",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "961",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "962",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "963",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "964",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "965",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "966",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "967",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "968",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "969",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "970",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "971",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "972",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "973",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "974",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "975",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "976",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "977",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "978",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "979",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "980",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "981",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "982",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "983",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "984",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "985",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "986",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "987",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "988",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "989",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "990",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "991",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "992",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "993",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "994",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "995",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "996",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "997",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "998",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "999",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1000",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1001",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1002",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1003",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1004",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1005",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1006",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1007",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1008",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1009",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1010",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1011",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1012",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1013",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1014",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1015",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1016",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1017",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1018",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1019",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1020",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1021",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1022",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1023",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1024",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1025",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1026",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1027",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1028",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1029",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1030",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1031",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1032",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1033",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1034",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1035",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1036",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1037",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1038",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1039",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1040",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1041",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1042",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1043",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1044",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1045",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1046",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1047",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1048",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1049",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1050",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1051",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1052",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1053",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1054",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1055",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1056",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1057",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1058",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1059",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1060",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1061",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1062",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1063",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1064",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1065",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1066",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1067",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1068",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1069",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1070",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1071",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1072",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1073",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1074",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1075",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1076",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1077",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1078",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1079",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1080",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1081",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1082",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1083",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1084",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1085",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1086",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1087",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1088",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1089",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1090",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1091",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1092",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1093",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1094",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1095",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1096",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1097",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1098",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1099",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1100",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1101",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1102",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1103",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1104",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1105",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1106",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1107",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1108",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1109",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1110",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1111",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1112",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1113",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1114",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1115",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1116",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1117",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1118",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1119",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1120",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1121",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1122",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1123",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1124",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1125",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1126",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1127",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1128",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1129",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1130",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1131",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1132",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1133",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1134",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1135",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1136",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1137",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1138",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1139",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1140",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1141",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1142",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1143",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1144",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1145",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1146",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1147",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1148",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1149",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1150",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1151",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1152",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1153",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1154",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1155",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1156",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1157",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1158",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1159",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1160",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1161",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1162",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1163",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1164",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1165",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1166",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1167",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1168",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1169",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1170",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1171",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1172",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1173",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1174",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1175",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1176",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1177",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1178",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1179",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1180",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1181",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1182",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1183",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1184",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1185",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1186",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1187",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1188",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1189",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1190",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1191",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1192",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1193",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1194",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1195",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1196",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1197",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1198",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1199",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1200",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1201",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1202",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1203",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1204",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1205",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1206",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1207",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1208",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1209",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1210",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1211",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1212",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1213",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1214",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1215",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1216",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1217",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1218",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1219",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1220",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1221",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1222",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1223",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1224",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1225",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1226",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1227",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1228",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1229",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1230",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1231",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1232",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1233",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1234",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1235",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1236",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1237",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1238",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1239",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1240",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1241",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1242",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1243",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1244",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1245",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1246",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1247",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1248",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1249",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1250",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1251",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1252",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1253",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1254",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1255",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1256",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1257",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1258",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1259",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1260",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1261",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1262",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1263",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1264",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1265",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1266",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1267",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1268",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1269",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1270",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1271",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1272",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1273",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1274",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1275",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1276",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1277",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1278",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1279",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1280",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1281",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1282",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1283",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1284",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1285",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1286",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1287",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1288",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1289",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1290",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1291",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1292",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1293",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1294",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1295",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1296",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1297",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1298",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1299",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1300",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1301",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1302",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1303",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1304",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1305",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1306",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1307",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1308",
      "fullText": "a post"
    }
  },
  {
    "like": {
      "tweetId": "1309",
      "fullText": "a post"
    }
  }
]