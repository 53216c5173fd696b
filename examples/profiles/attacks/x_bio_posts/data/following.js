window.YTD.following.part0 = [
  {
    "following": {
      "accountId": "0"
    }
  },
  {
    "following": {
      "accountId": "1"
    }
  },
  {
    "following": {
      "accountId": "2"
    }
  },
  {
    "following": {
      "accountId": "3"
    }
  },
  {
    "following": {
      "accountId": "4"
    }
  },
  {
    "following": {
      "accountId": "5"
    }
  },
  {
    "following": {
      "accountId": "6"
    }
  },
  {
    "following": {
      "accountId": "7"
    }
  },
  {
    "following": {
      "accountId": "8"
    }
  },
  {
    "following": {
      "accountId": "9"
    }
  },
  {
    "following": {
      "accountId": "10"
    }
  },
  {
    "following": {
      "accountId": "11"
    }
  },
  {
    "following": {
      "accountId": "12"
    }
  },
  {
    "following": {
      "accountId": "13"
    }
  },
  {
    "following": {
      "accountId": "14"
    }
  },
  {
    "following": {
      "accountId": "15"
    }
  },
  {
    "following": {
      "accountId": "16"
    }
  },
  {
    "following": {
      "accountId": "17"
    }
  },
  {
    "following": {
      "accountId": "18"
    }
  },
  {
    "following": {
      "accountId": "19"
    }
  },
  {
    "following": {
      "accountId": "20"
    }
  },
  {
    "following": {
      "accountId": "21"
    }
  },
  {
    "following": {
      "accountId": "22"
    }
  },
  {
    "following": {
      "accountId": "23"
    }
  },
  {
    "following": {
      "accountId": "24"
    }
  },
  {
    "following": {
      "accountId": "25"
    }
  },
  {
    "following": {
      "accountId": "26"
    }
  },
  {
    "following": {
      "accountId": "27"
    }
  },
  {
    "following": {
      "accountId": "28"
    }
  },
  {
    "following": {
      "accountId": "29"
    }
  },
  {
    "following": {
      "accountId": "30"
    }
  },
  {
    "following": {
      "accountId": "31"
    }
  },
  {
    "following": {
      "accountId": "32"
    }
  },
  {
    "following": {
      "accountId": "33"
    }
  },
  {
    "following": {
      "accountId": "34"
    }
  },
  {
    "following": {
      "accountId": "35"
    }
  },
  {
    "following": {
      "accountId": "36"
    }
  },
  {
    "following": {
      "accountId": "37"
    }
  },
  {
    "following": {
      "accountId": "38"
    }
  },
  {
    "following": {
      "accountId": "39"
    }
  },
  {
    "following": {
      "accountId": "40"
    }
  },
  {
    "following": {
      "accountId": "41"
    }
  },
  {
    "following": {
      "accountId": "42"
    }
  },
  {
    "following": {
      "accountId": "43"
    }
  },
  {
    "following": {
      "accountId": "44"
    }
  },
  {
    "following": {
      "accountId": "45"
    }
  },
  {
    "following": {
      "accountId": "46"
    }
  },
  {
    "following": {
      "accountId": "47"
    }
  },
  {
    "following": {
      "accountId": "48"
    }
  },
  {
    "following": {
      "accountId": "49"
    }
  },
  {
    "following": {
      "accountId": "50"
    }
  },
  {
    "following": {
      "accountId": "51"
    }
  },
  {
    "following": {
      "accountId": "52"
    }
  },
  {
    "following": {
      "accountId": "53"
    }
  },
  {
    "following": {
      "accountId": "54"
    }
  },
  {
    "following": {
      "accountId": "55"
    }
  },
  {
    "following": {
      "accountId": "56"
    }
  },
  {
    "following": {
      "accountId": "57"
    }
  },
  {
    "following": {
      "accountId": "58"
    }
  },
  {
    "following": {
      "accountId": "59"
    }
  },
  {
    "following": {
      "accountId": "60"
    }
  },
  {
    "following": {
      "accountId": "61"
    }
  },
  {
    "following": {
      "accountId": "62"
    }
  },
  {
    "following": {
      "accountId": "63"
    }
  },
  {
    "following": {
      "accountId": "64"
    }
  },
  {
    "following": {
      "accountId": "65"
    }
  },
  {
    "following": {
      "accountId": "66"
    }
  },
  {
    "following": {
      "accountId": "67"
    }
  },
  {
    "following": {
      "accountId": "68"
    }
  },
  {
    "following": {
      "accountId": "69"
    }
  },
  {
    "following": {
      "accountId": "70"
    }
  },
  {
    "following": {
      "accountId": "71"
    }
  },
  {
    "following": {
      "accountId": "72"
    }
  },
  {
    "following": {
      "accountId": "73"
    }
  },
  {
    "following": {
      "accountId": "74"
    }
  },
  {
    "following": {
      "accountId": "75"
    }
  },
  {
    "following": {
      "accountId": "76"
    }
  },
  {
    "following": {
      "accountId": "77"
    }
  },
  {
    "following": {
      "accountId": "78"
    }
  },
  {
    "following": {
      "accountId": "79"
    }
  },
  {
    "following": {
      "accountId": "80"
    }
  },
  {
    "following": {
      "accountId": "81"
    }
  },
  {
    "following": {
      "accountId": "82"
    }
  },
  {
    "following": {
      "accountId": "83"
    }
  },
  {
    "following": {
      "accountId": "84"
    }
  },
  {
    "following": {
      "accountId": "85"
    }
  },
  {
    "following": {
      "accountId": "86"
    }
  },
  {
    "following": {
      "accountId": "87"
    }
  },
  {
    "following": {
      "accountId": "88"
    }
  },
  {
    "following": {
      "accountId": "89"
    }
  },
  {
    "following": {
      "accountId": "90"
    }
  },
  {
    "following": {
      "accountId": "91"
    }
  },
  {
    "following": {
      "accountId": "92"
    }
  },
  {
    "following": {
      "accountId": "93"
    }
  },
  {
    "following": {
      "accountId": "94"
    }
  },
  {
    "following": {
      "accountId": "95"
    }
  },
  {
    "following": {
      "accountId": "96"
    }
  },
  {
    "following": {
      "accountId": "97"
    }
  },
  {
    "following": {
      "accountId": "98"
    }
  },
  {
    "following": {
      "accountId": "99"
    }
  },
  {
    "following": {
      "accountId": "100"
    }
  },
  {
    "following": {
      "accountId": "101"
    }
  },
  {
    "following": {
      "accountId": "102"
    }
  },
  {
    "following": {
      "accountId": "103"
    }
  },
  {
    "following": {
      "accountId": "104"
    }
  },
  {
    "following": {
      "accountId": "105"
    }
  },
  {
    "following": {
      "accountId": "106"
    }
  },
  {
    "following": {
      "accountId": "107"
    }
  },
  {
    "following": {
      "accountId": "108"
    }
  },
  {
    "following": {
      "accountId": "109"
    }
  },
  {
    "following": {
      "accountId": "110"
    }
  },
  {
    "following": {
      "accountId": "111"
    }
  },
  {
    "following": {
      "accountId": "112"
    }
  },
  {
    "following": {
      "accountId": "113"
    }
  },
  {
    "following": {
      "accountId": "114"
    }
  },
  {
    "following": {
      "accountId": "115"
    }
  },
  {
    "following": {
      "accountId": "116"
    }
  },
  {
    "following": {
      "accountId": "117"
    }
  },
  {
    "following": {
      "accountId": "118"
    }
  },
  {
    "following": {
      "accountId": "119"
    }
  },
  {
    "following": {
      "accountId": "120"
    }
  },
  {
    "following": {
      "accountId": "121"
    }
  },
  {
    "following": {
      "accountId": "122"
    }
  },
  {
    "following": {
      "accountId": "123"
    }
  },
  {
    "following": {
      "accountId": "124"
    }
  },
  {
    "following": {
      "accountId": "125"
    }
  },
  {
    "following": {
      "accountId": "126"
    }
  },
  {
    "following": {
      "accountId": "127"
    }
  },
  {
    "following": {
      "accountId": "128"
    }
  },
  {
    "following": {
      "accountId": "129"
    }
  },
  {
    "following": {
      "accountId": "130"
    }
  },
  {
    "following": {
      "accountId": "131"
    }
  },
  {
    "following": {
      "accountId": "132"
    }
  },
  {
    "following": {
      "accountId": "133"
    }
  },
  {
    "following": {
      "accountId": "134"
    }
  },
  {
    "following": {
      "accountId": "135"
    }
  },
  {
    "following": {
      "accountId": "136"
    }
  },
  {
    "following": {
      "accountId": "137"
    }
  },
  {
    "following": {
      "accountId": "138"
    }
  },
  {
    "following": {
      "accountId": "139"
    }
  },
  {
    "following": {
      "accountId": "140"
    }
  },
  {
    "following": {
      "accountId": "141"
    }
  },
  {
    "following": {
      "accountId": "142"
    }
  },
  {
    "following": {
      "accountId": "143"
    }
  },
  {
    "following": {
      "accountId": "144"
    }
  },
  {
    "following": {
      "accountId": "145"
    }
  },
  {
    "following": {
      "accountId": "146"
    }
  },
  {
    "following": {
      "accountId": "147"
    }
  },
  {
    "following": {
      "accountId": "148"
    }
  },
  {
    "following": {
      "accountId": "149"
    }
  },
  {
    "following": {
      "accountId": "150"
    }
  },
  {
    "following": {
      "accountId": "151"
    }
  },
  {
    "following": {
      "accountId": "152"
    }
  },
  {
    "following": {
      "accountId": "153"
    }
  },
  {
    "following": {
      "accountId": "154"
    }
  },
  {
    "following": {
      "accountId": "155"
    }
  },
  {
    "following": {
      "accountId": "156"
    }
  },
  {
    "following": {
      "accountId": "157"
    }
  },
  {
    "following": {
      "accountId": "158"
    }
  },
  {
    "following": {
      "accountId": "159"
    }
  },
  {
    "following": {
      "accountId": "160"
    }
  },
  {
    "following": {
      "accountId": "161"
    }
  },
  {
    "following": {
      "accountId": "162"
    }
  },
  {
    "following": {
      "accountId": "163"
    }
  },
  {
    "following": {
      "accountId": "164"
    }
  },
  {
    "following": {
      "accountId": "165"
    }
  },
  {
    "following": {
      "accountId": "166"
    }
  },
  {
    "following": {
      "accountId": "167"
    }
  },
  {
    "following": {
      "accountId": "168"
    }
  },
  {
    "following": {
      "accountId": "169"
    }
  },
  {
    "following": {
      "accountId": "170"
    }
  },
  {
    "following": {
      "accountId": "171"
    }
  },
  {
    "following": {
      "accountId": "172"
    }
  },
  {
    "following": {
      "accountId": "173"
    }
  },
  {
    "following": {
      "accountId": "174"
    }
  },
  {
    "following": {
      "accountId": "175"
    }
  },
  {
    "following": {
      "accountId": "176"
    }
  },
  {
    "following": {
      "accountId": "177"
    }
  },
  {
    "following": {
      "accountId": "178"
    }
  },
  {
    "following": {
      "accountId": "179"
    }
  },
  {
    "following": {
      "accountId": "180"
    }
  },
  {
    "following": {
      "accountId": "181"
    }
  },
  {
    "following": {
      "accountId": "182"
    }
  },
  {
    "following": {
      "accountId": "183"
    }
  },
  {
    "following": {
      "accountId": "184"
    }
  },
  {
    "following": {
      "accountId": "185"
    }
  },
  {
    "following": {
      "accountId": "186"
    }
  },
  {
    "following": {
      "accountId": "187"
    }
  },
  {
    "following": {
      "accountId": "188"
    }
  },
  {
    "following": {
      "accountId": "189"
    }
  },
  {
    "following": {
      "accountId": "190"
    }
  },
  {
    "following": {
      "accountId": "191"
    }
  },
  {
    "following": {
      "accountId": "192"
    }
  },
  {
    "following": {
      "accountId": "193"
    }
  },
  {
    "following": {
      "accountId": "194"
    }
  },
  {
    "following": {
      "accountId": "195"
    }
  },
  {
    "following": {
      "accountId": "196"
    }
  },
  {
    "following": {
      "accountId": "197"
    }
  },
  {
    "following": {
      "accountId": "198"
    }
  },
  {
    "following": {
      "accountId": "199"
    }
  },
  {
    "following": {
      "accountId": "200"
    }
  },
  {
    "following": {
      "accountId": "201"
    }
  },
  {
    "following": {
      "accountId": "202"
    }
  },
  {
    "following": {
      "accountId": "203"
    }
  },
  {
    "following": {
      "accountId": "204"
    }
  },
  {
    "following": {
      "accountId": "205"
    }
  },
  {
    "following": {
      "accountId": "206"
    }
  },
  {
    "following": {
      "accountId": "207"
    }
  },
  {
    "following": {
      "accountId": "208"
    }
  },
  {
    "following": {
      "accountId": "209"
    }
  },
  {
    "following": {
      "accountId": "210"
    }
  },
  {
    "following": {
      "accountId": "211"
    }
  },
  {
    "following": {
      "accountId": "212"
    }
  },
  {
    "following": {
      "accountId": "213"
    }
  },
  {
    "following": {
      "accountId": "214"
    }
  },
  {
    "following": {
      "accountId": "215"
    }
  },
  {
    "following": {
      "accountId": "216"
    }
  },
  {
    "following": {
      "accountId": "217"
    }
  },
  {
    "following": {
      "accountId": "218"
    }
  },
  {
    "following": {
      "accountId": "219"
    }
  },
  {
    "following": {
      "accountId": "220"
    }
  },
  {
    "following": {
      "accountId": "221"
    }
  },
  {
    "following": {
      "accountId": "222"
    }
  },
  {
    "following": {
      "accountId": "223"
    }
  },
  {
    "following": {
      "accountId": "224"
    }
  },
  {
    "following": {
      "accountId": "225"
    }
  },
  {
    "following": {
      "accountId": "226"
    }
  },
  {
    "following": {
      "accountId": "227"
    }
  },
  {
    "following": {
      "accountId": "228"
    }
  },
  {
    "following": {
      "accountId": "229"
    }
  },
  {
    "following": {
      "accountId": "230"
    }
  },
  {
    "following": {
      "accountId": "231"
    }
  },
  {
    "following": {
      "accountId": "232"
    }
  },
  {
    "following": {
      "accountId": "233"
    }
  },
  {
    "following": {
      "accountId": "234"
    }
  },
  {
    "following": {
      "accountId": "235"
    }
  },
  {
    "following": {
      "accountId": "236"
    }
  },
  {
    "following": {
      "accountId": "237"
    }
  },
  {
    "following": {
      "accountId": "238"
    }
  },
  {
    "following": {
      "accountId": "239"
    }
  },
  {
    "following": {
      "accountId": "240"
    }
  },
  {
    "following": {
      "accountId": "241"
    }
  },
  {
    "following": {
      "accountId": "242"
    }
  },
  {
    "following": {
      "accountId": "243"
    }
  },
  {
    "following": {
      "accountId": "244"
    }
  },
  {
    "following": {
      "accountId": "245"
    }
  },
  {
    "following": {
      "accountId": "246"
    }
  },
  {
    "following": {
      "accountId": "247"
    }
  },
  {
    "following": {
      "accountId": "248"
    }
  },
  {
    "following": {
      "accountId": "249"
    }
  },
  {
    "following": {
      "accountId": "250"
    }
  },
  {
    "following": {
      "accountId": "251"
    }
  },
  {
    "following": {
      "accountId": "252"
    }
  },
  {
    "following": {
      "accountId": "253"
    }
  },
  {
    "following": {
      "accountId": "254"
    }
  },
  {
    "following": {
      "accountId": "255"
    }
  },
  {
    "following": {
      "accountId": "256"
    }
  },
  {
    "following": {
      "accountId": "257"
    }
  },
  {
    "following": {
      "accountId": "258"
    }
  },
  {
    "following": {
      "accountId": "259"
    }
  },
  {
    "following": {
      "accountId": "260"
    }
  },
  {
    "following": {
      "accountId": "261"
    }
  },
  {
    "following": {
      "accountId": "262"
    }
  },
  {
    "following": {
      "accountId": "263"
    }
  },
  {
    "following": {
      "accountId": "264"
    }
  },
  {
    "following": {
      "accountId": "265"
    }
  },
  {
    "following": {
      "accountId": "266"
    }
  },
  {
    "following": {
      "accountId": "267"
    }
  },
  {
    "following": {
      "accountId": "268"
    }
  },
  {
    "following": {
      "accountId": "269"
    }
  },
  {
    "following": {
      "accountId": "270"
    }
  },
  {
    "following": {
      "accountId": "271"
    }
  },
  {
    "following": {
      "accountId": "272"
    }
  },
  {
    "following": {
      "accountId": "273"
    }
  },
  {
    "following": {
      "accountId": "274"
    }
  },
  {
    "following": {
      "accountId": "275"
    }
  },
  {
    "following": {
      "accountId": "276"
    }
  },
  {
    "following": {
      "accountId": "277"
    }
  },
  {
    "following": {
      "accountId": "278"
    }
  },
  {
    "following": {
      "accountId": "279"
    }
  },
  {
    "following": {
      "accountId": "280"
    }
  },
  {
    "following": {
      "accountId": "281"
    }
  },
  {
    "following": {
      "accountId": "282"
    }
  },
  {
    "following": {
      "accountId": "283"
    }
  },
  {
    "following": {
      "accountId": "284"
    }
  },
  {
    "following": {
      "accountId": "285"
    }
  },
  {
    "following": {
      "accountId": "286"
    }
  },
  {
    "following": {
      "accountId": "287"
    }
  },
  {
    "following": {
      "accountId": "288"
    }
  },
  {
    "following": {
      "accountId": "289"
    }
  },
  {
    "following": {
      "accountId": "290"
    }
  },
  {
    "following": {
      "accountId": "291"
    }
  },
  {
    "following": {
      "accountId": "292"
    }
  },
  {
    "following": {
      "accountId": "293"
    }
  },
  {
    "following": {
      "accountId": "294"
    }
  },
  {
    "following": {
      "accountId": "295"
    }
  },
  {
    "following": {
      "accountId": "296"
    }
  },
  {
    "following": {
      "accountId": "297"
    }
  },
  {
    "following": {
      "accountId": "298"
    }
  },
  {
    "following": {
      "accountId": "299"
    }
  },
  {
    "following": {
      "accountId": "300"
    }
  },
  {
    "following": {
      "accountId": "301"
    }
  },
  {
    "following": {
      "accountId": "302"
    }
  },
  {
    "following": {
      "accountId": "303"
    }
  },
  {
    "following": {
      "accountId": "304"
    }
  },
  {
    "following": {
      "accountId": "305"
    }
  },
  {
    "following": {
      "accountId": "306"
    }
  },
  {
    "following": {
      "accountId": "307"
    }
  },
  {
    "following": {
      "accountId": "308"
    }
  },
  {
    "following": {
      "accountId": "309"
    }
  },
  {
    "following": {
      "accountId": "310"
    }
  },
  {
    "following": {
      "accountId": "311"
    }
  },
  {
    "following": {
      "accountId": "312"
    }
  },
  {
    "following": {
      "accountId": "313"
    }
  },
  {
    "following": {
      "accountId": "314"
    }
  },
  {
    "following": {
      "accountId": "315"
    }
  },
  {
    "following": {
      "accountId": "316"
    }
  },
  {
    "following": {
      "accountId": "317"
    }
  },
  {
    "following": {
      "accountId": "318"
    }
  },
  {
    "following": {
      "accountId": "319"
    }
  },
  {
    "following": {
      "accountId": "320"
    }
  },
  {
    "following": {
      "accountId": "321"
    }
  },
  {
    "following": {
      "accountId": "322"
    }
  },
  {
    "following": {
      "accountId": "323"
    }
  },
  {
    "following": {
      "accountId": "324"
    }
  },
  {
    "following": {
      "accountId": "325"
    }
  },
  {
    "following": {
      "accountId": "326"
    }
  },
  {
    "following": {
      "accountId": "327"
    }
  },
  {
    "following": {
      "accountId": "328"
    }
  },
  {
    "following": {
      "accountId": "329"
    }
  },
  {
    "following": {
      "accountId": "330"
    }
  },
  {
    "following": {
      "accountId": "331"
    }
  },
  {
    "following": {
      "accountId": "332"
    }
  },
  {
    "following": {
      "accountId": "333"
    }
  },
  {
    "following": {
      "accountId": "334"
    }
  },
  {
    "following": {
      "accountId": "335"
    }
  },
  {
    "following": {
      "accountId": "336"
    }
  },
  {
    "following": {
      "accountId": "337"
    }
  },
  {
    "following": {
      "accountId": "338"
    }
  },
  {
    "following": {
      "accountId": "339"
    }
  },
  {
    "following": {
      "accountId": "340"
    }
  },
  {
    "following": {
      "accountId": "341"
    }
  },
  {
    "following": {
      "accountId": "342"
    }
  },
  {
    "following": {
      "accountId": "343"
    }
  },
  {
    "following": {
      "accountId": "344"
    }
  },
  {
    "following": {
      "accountId": "345"
    }
  },
  {
    "following": {
      "accountId": "346"
    }
  },
  {
    "following": {
      "accountId": "347"
    }
  },
  {
    "following": {
      "accountId": "348"
    }
  },
  {
    "following": {
      "accountId": "349"
    }
  },
  {
    "following": {
      "accountId": "350"
    }
  },
  {
    "following": {
      "accountId": "351"
    }
  },
  {
    "following": {
      "accountId": "352"
    }
  },
  {
    "following": {
      "accountId": "353"
    }
  },
  {
    "following": {
      "accountId": "354"
    }
  },
  {
    "following": {
      "accountId": "355"
    }
  },
  {
    "following": {
      "accountId": "356"
    }
  },
  {
    "following": {
      "accountId": "357"
    }
  },
  {
    "following": {
      "accountId": "358"
    }
  },
  {
    "following": {
      "accountId": "359"
    }
  },
  {
    "following": {
      "accountId": "360"
    }
  },
  {
    "following": {
      "accountId": "361"
    }
  },
  {
    "following": {
      "accountId": "362"
    }
  },
  {
    "following": {
      "accountId": "363"
    }
  },
  {
    "following": {
      "accountId": "364"
    }
  },
  {
    "following": {
      "accountId": "365"
    }
  },
  {
    "following": {
      "accountId": "366"
    }
  },
  {
    "following": {
      "accountId": "367"
    }
  },
  {
    "following": {
      "accountId": "368"
    }
  },
  {
    "following": {
      "accountId": "369"
    }
  },
  {
    "following": {
      "accountId": "370"
    }
  },
  {
    "following": {
      "accountId": "371"
    }
  },
  {
    "following": {
      "accountId": "372"
    }
  },
  {
    "following": {
      "accountId": "373"
    }
  },
  {
    "following": {
      "accountId": "374"
    }
  },
  {
    "following": {
      "accountId": "375"
    }
  },
  {
    "following": {
      "accountId": "376"
    }
  },
  {
    "following": {
      "accountId": "377"
    }
  },
  {
    "following": {
      "accountId": "378"
    }
  },
  {
    "following": {
      "accountId": "379"
    }
  },
  {
    "following": {
      "accountId": "380"
    }
  },
  {
    "following": {
      "accountId": "381"
    }
  },
  {
    "following": {
      "accountId": "382"
    }
  },
  {
    "following": {
      "accountId": "383"
    }
  },
  {
    "following": {
      "accountId": "384"
    }
  },
  {
    "following": {
      "accountId": "385"
    }
  },
  {
    "following": {
      "accountId": "386"
    }
  },
  {
    "following": {
      "accountId": "387"
    }
  },
  {
    "following": {
      "accountId": "388"
    }
  },
  {
    "following": {
      "accountId": "389"
    }
  },
  {
    "following": {
      "accountId": "390"
    }
  },
  {
    "following": {
      "accountId": "391"
    }
  },
  {
    "following": {
      "accountId": "392"
    }
  },
  {
    "following": {
      "accountId": "393"
    }
  },
  {
    "following": {
      "accountId": "394"
    }
  },
  {
    "following": {
      "accountId": "395"
    }
  },
  {
    "following": {
      "accountId": "396"
    }
  },
  {
    "following": {
      "accountId": "397"
    }
  },
  {
    "following": {
      "accountId": "398"
    }
  },
  {
    "following": {
      "accountId": "399"
    }
  },
  {
    "following": {
      "accountId": "400"
    }
  },
  {
    "following": {
      "accountId": "401"
    }
  },
  {
    "following": {
      "accountId": "402"
    }
  },
  {
    "following": {
      "accountId": "403"
    }
  },
  {
    "following": {
      "accountId": "404"
    }
  },
  {
    "following": {
      "accountId": "405"
    }
  },
  {
    "following": {
      "accountId": "406"
    }
  },
  {
    "following": {
      "accountId": "407"
    }
  },
  {
    "following": {
      "accountId": "408"
    }
  },
  {
    "following": {
      "accountId": "409"
    }
  },
  {
    "following": {
      "accountId": "410"
    }
  },
  {
    "following": {
      "accountId": "411"
    }
  },
  {
    "following": {
      "accountId": "412"
    }
  },
  {
    "following": {
      "accountId": "413"
    }
  },
  {
    "following": {
      "accountId": "414"
    }
  },
  {
    "following": {
      "accountId": "415"
    }
  },
  {
    "following": {
      "accountId": "416"
    }
  },
  {
    "following": {
      "accountId": "417"
    }
  },
  {
    "following": {
      "accountId": "418"
    }
  },
  {
    "following": {
      "accountId": "419"
    }
  },
  {
    "following": {
      "accountId": "420"
    }
  },
  {
    "following": {
      "accountId": "421"
    }
  },
  {
    "following": {
      "accountId": "422"
    }
  },
  {
    "following": {
      "accountId": "423"
    }
  },
  {
    "following": {
      "accountId": "424"
    }
  },
  {
    "following": {
      "accountId": "425"
    }
  },
  {
    "following": {
      "accountId": "426"
    }
  },
  {
    "following": {
      "accountId": "427"
    }
  },
  {
    "following": {
      "accountId": "428"
    }
  },
  {
    "following": {
      "accountId": "429"
    }
  },
  {
    "following": {
      "accountId": "430"
    }
  },
  {
    "following": {
      "accountId": "431"
    }
  },
  {
    "following": {
      "accountId": "432"
    }
  },
  {
    "following": {
      "accountId": "433"
    }
  },
  {
    "following": {
      "accountId": "434"
    }
  },
  {
    "following": {
      "accountId": "435"
    }
  },
  {
    "following": {
      "accountId": "436"
    }
  },
  {
    "following": {
      "accountId": "437"
    }
  },
  {
    "following": {
      "accountId": "438"
    }
  },
  {
    "following": {
      "accountId": "439"
    }
  },
  {
    "following": {
      "accountId": "440"
    }
  },
  {
    "following": {
      "accountId": "441"
    }
  },
  {
    "following": {
      "accountId": "442"
    }
  },
  {
    "following": {
      "accountId": "443"
    }
  },
  {
    "following": {
      "accountId": "444"
    }
  },
  {
    "following": {
      "accountId": "445"
    }
  },
  {
    "following": {
      "accountId": "446"
    }
  },
  {
    "following": {
      "accountId": "447"
    }
  },
  {
    "following": {
      "accountId": "448"
    }
  },
  {
    "following": {
      "accountId": "449"
    }
  },
  {
    "following": {
      "accountId": "450"
    }
  },
  {
    "following": {
      "accountId": "451"
    }
  },
  {
    "following": {
      "accountId": "452"
    }
  },
  {
    "following": {
      "accountId": "453"
    }
  },
  {
    "following": {
      "accountId": "454"
    }
  },
  {
    "following": {
      "accountId": "455"
    }
  },
  {
    "following": {
      "accountId": "456"
    }
  },
  {
    "following": {
      "accountId": "457"
    }
  },
  {
    "following": {
      "accountId": "458"
    }
  },
  {
    "following": {
      "accountId": "459"
    }
  },
  {
    "following": {
      "accountId": "460"
    }
  },
  {
    "following": {
      "accountId": "461"
    }
  },
  {
    "following": {
      "accountId": "462"
    }
  },
  {
    "following": {
      "accountId": "463"
    }
  },
  {
    "following": {
      "accountId": "464"
    }
  },
  {
    "following": {
      "accountId": "465"
    }
  },
  {
    "following": {
      "accountId": "466"
    }
  },
  {
    "following": {
      "accountId": "467"
    }
  },
  {
    "following": {
      "accountId": "468"
    }
  },
  {
    "following": {
      "accountId": "469"
    }
  },
  {
    "following": {
      "accountId": "470"
    }
  },
  {
    "following": {
      "accountId": "471"
    }
  },
  {
    "following": {
      "accountId": "472"
    }
  },
  {
    "following": {
      "accountId": "473"
    }
  },
  {
    "following": {
      "accountId": "474"
    }
  },
  {
    "following": {
      "accountId": "475"
    }
  },
  {
    "following": {
      "accountId": "476"
    }
  },
  {
    "following": {
      "accountId": "477"
    }
  },
  {
    "following": {
      "accountId": "478"
    }
  },
  {
    "following": {
      "accountId": "479"
    }
  },
  {
    "following": {
      "accountId": "480"
    }
  },
  {
    "following": {
      "accountId": "481"
    }
  },
  {
    "following": {
      "accountId": "482"
    }
  },
  {
    "following": {
      "accountId": "483"
    }
  },
  {
    "following": {
      "accountId": "484"
    }
  },
  {
    "following": {
      "accountId": "485"
    }
  },
  {
    "following": {
      "accountId": "486"
    }
  },
  {
    "following": {
      "accountId": "487"
    }
  },
  {
    "following": {
      "accountId": "488"
    }
  },
  {
    "following": {
      "accountId": "489"
    }
  },
  {
    "following": {
      "accountId": "490"
    }
  },
  {
    "following": {
      "accountId": "491"
    }
  },
  {
    "following": {
      "accountId": "492"
    }
  },
  {
    "following": {
      "accountId": "493"
    }
  },
  {
    "following": {
      "accountId": "494"
    }
  },
  {
    "following": {
      "accountId": "495"
    }
  },
  {
    "following": {
      "accountId": "496"
    }
  },
  {
    "following": {
      "accountId": "497"
    }
  },
  {
    "following": {
      "accountId": "498"
    }
  },
  {
    "following": {
      "accountId": "499"
    }
  }
]