#!/usr/bin/env python3
"""Writes src/Interdict.Core/Data/countries.tsv.

Source: Debian's iso-codes package (/usr/share/iso-codes/json/iso_3166-1.json, ISO 3166-1 codes and
English names), plus the supplement below: the spellings sanctions lists use ("Korea, North", "Burma"),
common short names and demonyms. Run: python3 eng/make-countries.py (needs: apt-get install iso-codes).
"""
import json
import pathlib

ISO = "/usr/share/iso-codes/json/iso_3166-1.json"
OUT = pathlib.Path(__file__).resolve().parent.parent / "src/Interdict.Core/Data/countries.tsv"

# alpha-2 -> extra names and demonyms (lower case is fine; matching folds case).
EXTRA = {
    "AF": "Afghan", "AL": "Albanian", "DZ": "Algerian", "AO": "Angolan", "AR": "Argentine|Argentinian",
    "AM": "Armenian", "AU": "Australian", "AT": "Austrian", "AZ": "Azerbaijani|Azeri",
    "BS": "Bahamas, The|The Bahamas|Bahamian", "BH": "Bahraini", "BD": "Bangladeshi", "BY": "Belarusian|Belarusan|Byelorussia",
    "BE": "Belgian", "BA": "Bosnian|Bosnia|Bosnia-Herzegovina", "BR": "Brazilian", "BN": "Brunei|Bruneian",
    "BG": "Bulgarian", "MM": "Burma|Burmese|Myanmar", "BI": "Burundian", "KH": "Cambodian", "CM": "Cameroonian",
    "CA": "Canadian", "CF": "Central African", "TD": "Chadian", "CL": "Chilean", "CN": "China|Chinese|PRC|People's Republic of China",
    "CO": "Colombian", "CD": "Congo, Democratic Republic of the|DRC|DR Congo|Congolese|Zaire",
    "CG": "Congo, Republic of the|Congo-Brazzaville", "CR": "Costa Rican",
    "CI": "Cote d Ivoire|Ivory Coast|Ivorian", "HR": "Croatian", "CU": "Cuban", "CY": "Cypriot",
    "CZ": "Czech Republic|Czech|Czechia", "DK": "Danish|Dane", "DO": "Dominican Republic", "EC": "Ecuadorian|Ecuadorean",
    "EG": "Egyptian", "SV": "Salvadoran|Salvadorean", "ER": "Eritrean", "EE": "Estonian", "ET": "Ethiopian",
    "FI": "Finnish", "FR": "French", "GM": "The Gambia|Gambian", "GE": "Georgian", "DE": "German", "GH": "Ghanaian",
    "GR": "Greek", "GT": "Guatemalan", "GN": "Guinean", "HT": "Haitian", "HN": "Honduran", "HU": "Hungarian",
    "IN": "Indian", "ID": "Indonesian", "IR": "Iran|Iranian|Persia|Persian|Islamic Republic of Iran",
    "IQ": "Iraqi", "IE": "Irish", "IL": "Israeli", "IT": "Italian", "JM": "Jamaican", "JP": "Japanese",
    "JO": "Jordanian", "KZ": "Kazakh|Kazakhstani", "KE": "Kenyan",
    "KP": "Korea, North|North Korea|North Korean|DPRK|Democratic People's Republic of Korea",
    "KR": "Korea, South|South Korea|South Korean|Republic of Korea",
    "XK": "", "KW": "Kuwaiti", "KG": "Kyrgyz|Kyrgyzstani", "LA": "Laos|Lao|Laotian", "LV": "Latvian",
    "LB": "Lebanese", "LR": "Liberian", "LY": "Libyan", "LT": "Lithuanian", "MK": "North Macedonia, The Republic of|Macedonia|Macedonian",
    "MO": "Macau", "MY": "Malaysian", "ML": "Malian", "MT": "Maltese", "MR": "Mauritanian", "MX": "Mexican",
    "MD": "Moldova|Moldovan", "MN": "Mongolian", "ME": "Montenegrin", "MA": "Moroccan", "MZ": "Mozambican",
    "NA": "Namibian", "NP": "Nepalese|Nepali", "NL": "Netherlands|Dutch|Holland", "NZ": "New Zealander",
    "NI": "Nicaraguan", "NE": "Nigerien", "NG": "Nigerian", "NO": "Norwegian", "OM": "Omani", "PK": "Pakistani",
    "PS": "Palestine|Palestinian|West Bank|Gaza|Palestinian Territories|Occupied Palestinian Territory",
    "PA": "Panamanian", "PY": "Paraguayan", "PE": "Peruvian", "PH": "Filipino|Philippine", "PL": "Polish",
    "PT": "Portuguese", "QA": "Qatari", "RO": "Romanian", "RU": "Russia|Russian|Russian Federation",
    "RW": "Rwandan", "KN": "St. Kitts and Nevis|St. Kitts & Nevis", "VC": "St. Vincent and the Grenadines",
    "SA": "Saudi|Saudi Arabian", "SN": "Senegalese", "RS": "Serbian", "SL": "Sierra Leonean", "SG": "Singaporean",
    "SK": "Slovak", "SI": "Slovenian|Slovene", "SO": "Somali|Somalian", "ZA": "South African",
    "SS": "South Sudanese", "ES": "Spanish|Spaniard", "LK": "Sri Lankan", "SD": "Sudanese",
    "SE": "Swedish|Swede", "CH": "Swiss", "SY": "Syria|Syrian|Syrian Arab Republic", "TW": "Taiwan|Taiwanese",
    "TJ": "Tajik|Tajikistani", "TZ": "Tanzania|Tanzanian", "TH": "Thai", "TN": "Tunisian", "TR": "Turkey|Turkish|Turkiye",
    "TM": "Turkmen", "UG": "Ugandan", "UA": "Ukrainian", "AE": "UAE|U.A.E.|Emirati|Emirates",
    "GB": "United Kingdom|UK|U.K.|Britain|Great Britain|British|England|Scotland|Wales|Northern Ireland",
    "US": "United States|USA|U.S.A.|U.S.|America|American",
    "UY": "Uruguayan", "UZ": "Uzbek|Uzbekistani", "VE": "Venezuela|Venezuelan", "VN": "Vietnam|Vietnamese",
    "YE": "Yemeni|Yemenite", "ZM": "Zambian", "ZW": "Zimbabwean", "VG": "British Virgin Islands|BVI",
    "IM": "Man, Isle of", "BO": "Bolivia|Bolivian", "SC": "Seychellois", "MU": "Mauritian", "MV": "Maldivian",
    "BZ": "Belizean", "CV": "Cape Verdean", "DJ": "Djiboutian", "GA": "Gabonese", "GQ": "Equatorial Guinean",
    "KM": "Comoran|Comorian", "LS": "Basotho", "MG": "Malagasy", "MW": "Malawian", "BJ": "Beninese|Beninois",
    "BF": "Burkinabe", "TG": "Togolese", "SZ": "Swazi|Swaziland", "BW": "Motswana|Batswana", "LI": "Liechtensteiner",
    "LU": "Luxembourgish|Luxembourger", "MC": "Monegasque", "IS": "Icelandic|Icelander", "FJ": "Fijian",
    "PG": "Papua New Guinean", "BT": "Bhutanese", "TL": "East Timor|Timorese", "GY": "Guyanese", "SR": "Surinamese",
    "TT": "Trinidadian|Tobagonian", "BB": "Barbadian", "KY": "Caymanian", "HK": "Hong Kong|Hong Konger",
    "AN": "Netherlands Antilles",
}
# Codes that sanctions lists use but ISO 3166-1 does not assign (user-assigned or withdrawn).
ADDED = [
    ("XK", "XKX", "Kosovo", "Kosovar|Kosovan"),
    ("AN", "ANT", "Netherlands Antilles", ""),
]

rows = []
for c in json.load(open(ISO, encoding="utf-8"))["3166-1"]:
    names = [c["name"]]
    for key in ("common_name", "official_name"):
        if key in c and c[key] not in names:
            names.append(c[key])
    extra = [e for e in EXTRA.get(c["alpha_2"], "").split("|") if e and e not in names]
    rows.append((c["alpha_2"], c["alpha_3"], names[0], "|".join(names[1:] + extra)))
for a2, a3, name, extra in ADDED:
    rows.append((a2, a3, name, extra))
rows.sort()

with open(OUT, "w", encoding="utf-8", newline="\n") as f:
    f.write("# Countries and territories, one a line, tab-separated. Made by eng/make-countries.py; edit the script, not this file.\n")
    f.write("# Fields: alpha2 <TAB> alpha3 <TAB> English name <TAB> other names and demonyms, separated by '|'.\n")
    f.write("# Source: ISO 3166-1 via Debian's iso-codes package, plus the spellings that sanctions lists use, and demonyms.\n")
    for r in rows:
        f.write("\t".join(r) + "\n")
print(f"wrote {len(rows)} rows to {OUT}")
