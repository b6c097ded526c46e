//! Facts the openfootball text files leave implicit: each nation's FIFA code and each World
//! Cup's hosts.

/// The key a file's team is known by in the seed form: its FIFA code where goalline knows
/// one, else its name as written. A team without a known code is still a team.
pub fn team_key(name: &str) -> String {
    fifa_code(name).map_or_else(|| name.trim().to_owned(), str::to_owned)
}

/// Whether a seed's team key is a FIFA code (three capital letters) rather than a name.
pub fn is_code(key: &str) -> bool {
    key.len() == 3 && key.bytes().all(|b| b.is_ascii_uppercase())
}

/// FIFA's three-letter code for a national team as the files name it. Names differ across
/// eras ("Turkey", "Türkiye"); a code names one team. Predecessors keep their own codes
/// (West Germany FRG, Soviet Union URS): they are not the same team as their successors.
pub fn fifa_code(name: &str) -> Option<&'static str> {
    Some(match name {
        "Algeria" => "ALG",
        "Angola" => "ANG",
        "Argentina" => "ARG",
        "Australia" => "AUS",
        "Austria" => "AUT",
        "Belgium" => "BEL",
        "Bolivia" => "BOL",
        "Bosnia and Herzegovina" | "Bosnia-Herzegovina" | "Bosnia & Herzegovina" => "BIH",
        "Brazil" => "BRA",
        "Bulgaria" => "BUL",
        "Cabo Verde" | "Cape Verde" => "CPV",
        "Cameroon" => "CMR",
        "Canada" => "CAN",
        "Chile" => "CHI",
        "China" | "China PR" => "CHN",
        "Colombia" => "COL",
        "Congo DR" | "DR Congo" => "COD",
        "Costa Rica" => "CRC",
        "Croatia" => "CRO",
        "Cuba" => "CUB",
        "Curaçao" => "CUW",
        "Czechia" | "Czech Republic" => "CZE",
        "Czechoslovakia" => "TCH",
        "Côte d'Ivoire" | "Ivory Coast" => "CIV",
        "Denmark" => "DEN",
        // Indonesia's former name (the international results' former_names.csv).
        "Dutch East Indies" => "IDN",
        "Indonesia" => "IDN",
        // The international results' names for teams the World Cup files name otherwise.
        "German DR" => "GDR",
        "FR Yugoslavia" => "YUG",
        "East Germany" => "GDR",
        "Ecuador" => "ECU",
        "Egypt" => "EGY",
        "El Salvador" => "SLV",
        "England" => "ENG",
        "France" => "FRA",
        "Germany" => "GER",
        "Ghana" => "GHA",
        "Greece" => "GRE",
        "Haiti" => "HAI",
        "Honduras" => "HON",
        "Hungary" => "HUN",
        "Iceland" => "ISL",
        "Iran" => "IRN",
        "Iraq" => "IRQ",
        "Ireland" | "Republic of Ireland" => "IRL",
        "Israel" => "ISR",
        "Italy" => "ITA",
        "Jamaica" => "JAM",
        "Japan" => "JPN",
        "Jordan" => "JOR",
        "Kuwait" => "KUW",
        "Mexico" => "MEX",
        "Morocco" => "MAR",
        "Netherlands" => "NED",
        "New Zealand" => "NZL",
        "Nigeria" => "NGA",
        "North Korea" => "PRK",
        "Northern Ireland" => "NIR",
        "Norway" => "NOR",
        "Panama" => "PAN",
        "Paraguay" => "PAR",
        "Peru" => "PER",
        "Poland" => "POL",
        "Portugal" => "POR",
        "Qatar" => "QAT",
        "Romania" => "ROU",
        "Russia" => "RUS",
        "Saudi Arabia" => "KSA",
        "Scotland" => "SCO",
        "Senegal" => "SEN",
        "Serbia" => "SRB",
        "Serbia and Montenegro" => "SCG",
        "Slovakia" => "SVK",
        "Slovenia" => "SVN",
        "South Africa" => "RSA",
        "South Korea" | "Korea Republic" => "KOR",
        "Soviet Union" => "URS",
        "Spain" => "ESP",
        "Sweden" => "SWE",
        "Switzerland" => "SUI",
        "Togo" => "TOG",
        "Trinidad and Tobago" => "TRI",
        "Tunisia" => "TUN",
        "Turkey" | "Türkiye" => "TUR",
        "USA" | "United States" => "USA",
        "Ukraine" => "UKR",
        "United Arab Emirates" => "UAE",
        "Uruguay" => "URU",
        "Uzbekistan" => "UZB",
        "Wales" => "WAL",
        "West Germany" => "FRG",
        "Yugoslavia" => "YUG",
        // Zaire is DR Congo under its former name, not a team of its own.
        "Zaire" | "Zaïre" => "COD",
        _ => return None,
    })
}

/// The host country (or countries) of each World Cup.
pub fn world_cup_host(year: i32) -> Option<&'static str> {
    Some(match year {
        1930 => "Uruguay",
        1934 => "Italy",
        1938 => "France",
        1950 => "Brazil",
        1954 => "Switzerland",
        1958 => "Sweden",
        1962 => "Chile",
        1966 => "England",
        1970 => "Mexico",
        1974 => "West Germany",
        1978 => "Argentina",
        1982 => "Spain",
        1986 => "Mexico",
        1990 => "Italy",
        1994 => "United States",
        1998 => "France",
        2002 => "South Korea and Japan",
        2006 => "Germany",
        2010 => "South Africa",
        2014 => "Brazil",
        2018 => "Russia",
        2022 => "Qatar",
        2026 => "Canada, Mexico and United States",
        _ => return None,
    })
}

/// A country's name from a code the files use after venues and referees, e.g. "(URU)".
pub fn country_name(code: &str) -> Option<&'static str> {
    Some(match code {
        "URU" => "Uruguay",
        "ITA" => "Italy",
        "FRA" => "France",
        "BRA" => "Brazil",
        "SUI" => "Switzerland",
        "SWE" => "Sweden",
        "CHI" => "Chile",
        "ENG" => "England",
        "MEX" => "Mexico",
        "FRG" => "West Germany",
        "ARG" => "Argentina",
        "ESP" => "Spain",
        "USA" => "United States",
        "KOR" => "South Korea",
        "JPN" => "Japan",
        "GER" => "Germany",
        "RSA" => "South Africa",
        "RUS" => "Russia",
        "QAT" => "Qatar",
        "CAN" => "Canada",
        _ => return None,
    })
}
