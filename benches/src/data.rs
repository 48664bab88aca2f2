//! Tables the generator draws from.
//!
//! Post names, routing-indicator shapes, TAGS codes, precedence words and format keywords
//! are facts about the format. Everything that stands for cable *content* — the prose
//! vocabulary, personal names, headings, subjects — is invented here and copies no cable.

/// Kind of sending post, which decides the `Embassy X` / `AMEMBASSY X` spellings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PostKind {
    /// `Embassy X`, `AMEMBASSY X`.
    Embassy,
    /// `Consulate X`, `AMCONSUL X`.
    Consulate,
    /// `Secretary of State`, `SECSTATE WASHDC`.
    State,
    /// A mission with its own spellings (USNATO, USEU, RPO Dubai, UNVIE, USINT Havana).
    Special {
        /// Refid origin part (`USNATO`, `BRUSSELS`, `RPODUBAI`).
        refid: &'static str,
        /// Metadata origin (`Mission USNATO`).
        origin: &'static str,
        /// `FM` originator (`USMISSION USNATO`).
        from: &'static str,
        /// Post name on page-break lines (`DUBAI` for RPO Dubai).
        page: &'static str,
    },
}

/// A sending post: banner name, kind, routing indicator, country tag and relative weight.
#[derive(Debug, Clone, Copy)]
pub struct Post {
    /// Post as written in the banner (`BUENOS AIRES`).
    pub name: &'static str,
    /// How the post names itself in metadata and `FM`.
    pub kind: PostKind,
    /// The post's routing indicator (`RUEHBU`).
    pub route: &'static str,
    /// The host country's two-letter TAGS code.
    pub country: &'static str,
    /// Relative frequency (roughly the sample's counts).
    pub weight: u32,
}

const fn e(name: &'static str, route: &'static str, country: &'static str, weight: u32) -> Post {
    Post {
        name,
        kind: PostKind::Embassy,
        route,
        country,
        weight,
    }
}

const fn c(name: &'static str, route: &'static str, country: &'static str, weight: u32) -> Post {
    Post {
        name,
        kind: PostKind::Consulate,
        route,
        country,
        weight,
    }
}

/// Sending posts, weighted roughly like the sample (format.md §2.1).
pub const POSTS: &[Post] = &[
    e("MADRID", "RUEHMD", "SP", 111),
    e("PARIS", "RUEHFR", "FR", 105),
    Post {
        name: "STATE",
        kind: PostKind::State,
        route: "RUEHC",
        country: "US",
        weight: 79,
    },
    e("BRASILIA", "RUEHBR", "BR", 62),
    e("MOSCOW", "RUEHMO", "RS", 62),
    e("ISLAMABAD", "RUEHIL", "PK", 56),
    e("LONDON", "RUEHLO", "UK", 53),
    e("KABUL", "RUEHBUL", "AF", 49),
    e("BEIJING", "RUEHBJ", "CH", 41),
    e("BERLIN", "RUEHRL", "GM", 38),
    e("ANKARA", "RUEHAK", "TU", 30),
    e("MEXICO", "RUEHME", "MX", 30),
    e("CARACAS", "RUEHCV", "VE", 25),
    e("BAGHDAD", "RUEHGB", "IZ", 25),
    e("BUENOS AIRES", "RUEHBU", "AR", 20),
    e("BOGOTA", "RUEHBO", "CO", 20),
    e("TOKYO", "RUEHKO", "JA", 20),
    e("TEL AVIV", "RUEHTV", "IS", 20),
    e("ROME", "RUEHRO", "IT", 20),
    e("LA PAZ", "RUEHLP", "BL", 15),
    e("SEOUL", "RUEHUL", "KS", 15),
    e("NEW DELHI", "RUEHNE", "IN", 15),
    e("CAIRO", "RUEHEG", "EG", 15),
    e("RIYADH", "RUEHRH", "SA", 15),
    e("OTTAWA", "RUEHOT", "CA", 15),
    e("NAIROBI", "RUEHNR", "KE", 15),
    e("ABU DHABI", "RUEHAD", "AE", 12),
    e("ASTANA", "RUEHTA", "KZ", 10),
    e("TBILISI", "RUEHSI", "GG", 10),
    e("KYIV", "RUEHKV", "UP", 10),
    e("HARARE", "RUEHSB", "ZI", 10),
    e("SANTIAGO", "RUEHSG", "CI", 10),
    e("TRIPOLI", "RUEHTRO", "LY", 8),
    e("LIMA", "RUEHPE", "PE", 8),
    e("ADDIS ABABA", "RUEHDS", "ET", 8),
    e("SAN SALVADOR", "RUEHSN", "ES", 6),
    e("PORT AU PRINCE", "RUEHPU", "HA", 6),
    e("OUAGADOUGOU", "RUEHOG", "UV", 3),
    c("SAO PAULO", "RUEHSO", "BR", 6),
    c("ISTANBUL", "RUEHIT", "TU", 6),
    c("RIO DE JANEIRO", "RUEHRI", "BR", 5),
    c("MONTERREY", "RUEHMC", "MX", 4),
    c("SHENYANG", "RUEHSH", "CH", 4),
    c("JEDDAH", "RUEHJI", "SA", 4),
    c("VLADIVOSTOK", "RUEHVK", "RS", 3),
    Post {
        name: "RPO DUBAI",
        kind: PostKind::Special {
            refid: "RPODUBAI",
            origin: "Iran RPO Dubai",
            from: "RPO DUBAI",
            page: "DUBAI",
        },
        route: "RUEHDE",
        country: "IR",
        weight: 9,
    },
    Post {
        name: "USNATO",
        kind: PostKind::Special {
            refid: "USNATO",
            origin: "Mission USNATO",
            from: "USMISSION USNATO",
            page: "USNATO",
        },
        route: "RUEHNO",
        country: "NATO",
        weight: 8,
    },
    Post {
        name: "USEU BRUSSELS",
        kind: PostKind::Special {
            refid: "BRUSSELS",
            origin: "USEU Brussels",
            from: "USEU BRUSSELS",
            page: "USEU BRUS",
        },
        route: "RUEHBS",
        country: "EUN",
        weight: 7,
    },
    Post {
        name: "UNVIE VIENNA",
        kind: PostKind::Special {
            refid: "UNVIEVIENNA",
            origin: "UNVIE",
            from: "USMISSION UNVIE VIENNA",
            page: "UNVIE VIEN",
        },
        route: "RUEHUNV",
        country: "IAEA",
        weight: 2,
    },
    Post {
        name: "HAVANA",
        kind: PostKind::Special {
            refid: "HAVANA",
            origin: "US Interests Section Havana",
            from: "USINT HAVANA",
            page: "HAVANA",
        },
        route: "RUEHUB",
        country: "CU",
        weight: 2,
    },
];

/// Non-post addressees: (routing indicator, name).
pub const AGENCIES: &[(&str, &str)] = &[
    ("RUEKJCS", "SECDEF WASHDC"),
    ("RUEKJCS", "JOINT STAFF WASHDC"),
    ("RHMFISS", "CDR USCENTCOM MACDILL AFB FL"),
    ("RHEHNSC", "NSC WASHDC"),
    ("RUEAIIA", "CIA WASHDC"),
    ("RHEFDIA", "DIA WASHDC"),
    ("RUEATRS", "DEPT OF TREASURY WASHINGTON DC"),
    ("RUCPDOC", "USDOC WASHDC"),
    ("RUEHNO", "USMISSION USNATO"),
    ("RUCNDT", "USMISSION USUN NEW YORK"),
    ("RHEHAAA", "WHITE HOUSE WASHDC"),
    ("RUEILB", "NCTC WASHINGTON DC"),
    ("RHMFIUU", "CDR USSOUTHCOM MIAMI FL"),
    ("RUEABND", "DEA HQS WASHINGTON DC"),
    ("RUEHGV", "USMISSION GENEVA"),
    ("RHMFIUU", "HQ USEUCOM VAIHINGEN GE"),
    ("RUEHBS", "USEU BRUSSELS"),
    ("RHEBAAA", "DEPT OF ENERGY WASHINGTON DC"),
];

/// Addressees carrying office symbols (`NAME//OFFICE//`).
pub const OFFICE_SYMBOLS: &[(&str, &str)] = &[
    ("RHMFIUU", "CDR USSOUTHCOM MIAMI FL//J2/J3/J5//"),
    ("RUEKJCS", "JOINT STAFF WASHINGTON DC//J5//"),
    ("RUEKDIA", "DIA WASHINGTON DC//DHO-2//"),
    ("RHMFISS", "HQ USCENTCOM MACDILL AFB FL//CCJ2/CCJ5//"),
];

/// Collective addressees: (routing indicator, name).
pub const COLLECTIVES: &[(&str, &str)] = &[
    ("RUEHZL", "EUROPEAN POLITICAL COLLECTIVE"),
    ("RUCNIRA", "IRAN COLLECTIVE"),
    ("RUCNMEM", "EU MEMBER STATES COLLECTIVE"),
    ("RUCNCIS", "CIS COLLECTIVE"),
    ("RUEHXC", "ALL US CONSULATES IN MEXICO COLLECTIVE"),
    ("RUEHWH", "WESTERN HEMISPHERIC AFFAIRS DIPL POSTS"),
    ("RUCNSAD", "SOUTHERN AF DEVELOPMENT COMMUNITY COLLECTIVE"),
    ("RUEHZO", "AFRICAN UNION COLLECTIVE"),
    ("RUCNAFG", "AFGHANISTAN COLLECTIVE"),
    ("RUEHEE", "ARAB LEAGUE COLLECTIVE"),
    ("RUCNCLS", "SOUTH AND CENTRAL ASIA COLLECTIVE"),
    ("RUCNNAT", "NATO EU COLLECTIVE"),
    ("RUEHBW", "MERCOSUR COLLECTIVE"),
    ("RUEHGG", "UN SECURITY COUNCIL COLLECTIVE"),
];

/// State-internal distribution codes for the "print" block (`LOG-00` …).
pub const DIST_CODES: &[&str] = &[
    "LOG", "EEB", "AID", "AMAD", "ACQ", "CIAE", "INL", "DODE", "DOEE", "DOTE", "PERC", "DS",
    "DHSE", "EUR", "FAAE", "FBIE", "VCI", "H", "TEDE", "INR", "IO", "MOFM", "MOF", "VCIE", "NRC",
    "NSAE", "ISN", "OES", "NIMA", "PM", "GIWI", "ISNE", "DOHS", "FMPC", "IRM", "SSO", "SS", "NCTC",
    "SCRS", "PMB", "DSCC", "PRM", "DRL", "SCA", "SAS", "FA", "SWCI", "SEEE",
];

/// Subject tags with weights (format.md §5.6 inventory, top codes).
pub const TOPIC_TAGS: &[(u32, &str)] = &[
    (1025, "PREL"),
    (825, "PGOV"),
    (317, "PTER"),
    (253, "PINR"),
    (233, "ECON"),
    (160, "MARR"),
    (160, "PHUM"),
    (135, "MOPS"),
    (90, "KDEM"),
    (90, "EFIN"),
    (90, "ETRD"),
    (80, "ENRG"),
    (60, "SNAR"),
    (60, "KCRM"),
    (60, "PARM"),
    (60, "KNNP"),
    (40, "MNUC"),
    (50, "ASEC"),
    (20, "CASC"),
    (20, "CVIS"),
    (20, "SMIG"),
    (30, "PREF"),
    (20, "ELAB"),
    (20, "EAGR"),
    (40, "EAID"),
    (30, "SENV"),
    (10, "TBIO"),
    (40, "KJUS"),
    (40, "KCOR"),
    (15, "KWMN"),
    (20, "OVIP"),
    (10, "OEXC"),
    (20, "KPAO"),
    (10, "AMGT"),
    (40, "NATO"),
    (30, "EUN"),
    (40, "UNSC"),
    (20, "KTFN"),
    (40, "MASS"),
    (20, "MCAP"),
    (30, "EINV"),
    (20, "EPET"),
    (10, "ECIN"),
    (10, "KIRF"),
    (15, "KTIP"),
    (30, "PINS"),
    (20, "PBTS"),
    (10, "MTCRE"),
    (10, "KISL"),
    (10, "SOCI"),
];

/// Country tags used besides the sending post's own.
pub const COUNTRY_TAGS: &[(u32, &str)] = &[
    (210, "IR"),
    (128, "AF"),
    (60, "IZ"),
    (60, "PK"),
    (50, "RS"),
    (50, "CH"),
    (40, "US"),
    (30, "IS"),
    (30, "SY"),
    (25, "LE"),
    (25, "KN"),
    (20, "VE"),
    (20, "CU"),
    (15, "GG"),
    (15, "UP"),
    (15, "SU"),
    (15, "XF"),
    (10, "XM"),
    (10, "KV"),
    (10, "SR"),
];

/// Free-text multi-word tags (format.md §5.6).
pub const FREE_TAGS: &[&str] = &["USEU BRUSSELS", "COUNTER TERRORISM", "GOI EXTERNAL", "AU-1"];

/// Months, upper-case three-letter (DTG).
pub const MON3: [&str; 12] = [
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
];

/// Months in full (date line, prose).
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Weekdays, Monday first.
pub const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Invented given names.
pub const GIVEN: &[&str] = &[
    "Alder", "Berit", "Casimir", "Dorotea", "Emeric", "Filomena", "Gaspard", "Halvard", "Ileana",
    "Jorund", "Kasimira", "Lisandro", "Marit", "Nestor", "Ottilie", "Pelle", "Quirino", "Rosalind",
    "Sten", "Teodora", "Ulrik", "Valeska", "Wendel", "Ximena", "Yannick", "Zelmira", "Anselm",
    "Brigida", "Corvin", "Delphine",
];

/// Invented family names.
pub const FAMILY: &[&str] = &[
    "Valdoria",
    "Krestin",
    "Marovine",
    "Ostrander",
    "Pellucci",
    "Quennell",
    "Rusnakov",
    "Tarvanen",
    "Ulmaro",
    "Vesterby",
    "Wexmoor",
    "Yarrowby",
    "Zandolin",
    "Abernathe",
    "Belmarcho",
    "Corvasi",
    "Drummelow",
    "Eskelund",
    "Farrowgate",
    "Gorvitch",
    "Hallowell",
    "Iskander-Bey",
    "Jelinkova",
    "Kettleby",
    "Lindqvane",
    "Morrowan",
    "Nadalino",
    "Oberlin-Sauk",
    "Pravdin",
    "Roscamp",
];

/// Titles for `Classified By` and prose.
pub const TITLES: &[&str] = &[
    "Ambassador",
    "DCM",
    "Political Counselor",
    "Charge d'Affaires",
    "PolOff",
    "Economic Counselor",
    "Acting DCM",
    "Consul General",
    "Deputy Assistant Secretary",
    "Political Minister-Counselor",
    "A/DCM",
    "Pol/Econ Chief",
];

/// Sentence subjects (noun phrases).
pub const SUBJECTS: &[&str] = &[
    "the minister",
    "the deputy foreign minister",
    "opposition leaders",
    "the ruling party",
    "provincial officials",
    "our contacts",
    "the central bank",
    "the governor",
    "the president",
    "the prime minister",
    "the army",
    "the security services",
    "NGO representatives",
    "the ambassador",
    "business leaders",
    "the national assembly",
    "the electoral commission",
    "the finance ministry",
    "local journalists",
    "the coalition partners",
    "party hardliners",
    "the border police",
    "the customs service",
    "senior advisors",
];

/// Verbs of saying.
pub const SAYING: &[&str] = &[
    "said",
    "told PolOff",
    "noted",
    "stressed",
    "argued",
    "claimed",
    "acknowledged",
    "insisted",
    "confirmed",
    "told the Ambassador",
    "suggested",
    "warned",
];

/// Modal phrases (number-neutral, so any subject agrees).
pub const MODALS: &[&str] = &[
    "would",
    "will",
    "could",
    "might",
    "may",
    "should",
    "cannot",
    "would not",
    "will soon",
    "must",
    "would eventually",
    "could still",
];

/// Verbs.
pub const VERBS: &[&str] = &[
    "support",
    "review",
    "delay",
    "approve",
    "reject",
    "expand",
    "reduce",
    "finance",
    "negotiate",
    "announce",
    "oppose",
    "postpone",
    "implement",
    "investigate",
    "strengthen",
    "press for",
    "reconsider",
    "publish",
];

/// Objects (noun phrases).
pub const OBJECTS: &[&str] = &[
    "the draft law",
    "the new budget",
    "the border agreement",
    "the energy reform",
    "a cabinet reshuffle",
    "the trade accord",
    "regional cooperation",
    "the police reform",
    "early elections",
    "the customs union",
    "the investment code",
    "the pipeline project",
    "new sanctions",
    "the peace talks",
    "the anti-corruption plan",
    "military cooperation",
    "the water treaty",
    "fuel subsidies",
    "the visa regime",
    "the port concession",
    "the judicial appointments",
    "the census results",
    "the grain export quota",
    "the airport expansion",
];

/// Prepositional phrases.
pub const PHRASES: &[&str] = &[
    "in the coming weeks",
    "before the elections",
    "after the summit",
    "during the meeting",
    "in the capital",
    "by the end of the year",
    "despite strong pressure",
    "with little public debate",
    "over the objections of the opposition",
    "in several provinces",
    "at a cost of several million dollars",
    "without consulting its partners",
    "as a gesture of goodwill",
    "under the current constitution",
    "for the first time since independence",
];

/// Sentence openers.
pub const OPENERS: &[&str] = &[
    "In a separate meeting,",
    "However,",
    "At the same time,",
    "According to press reports,",
    "In private,",
    "Separately,",
    "As expected,",
    "Nonetheless,",
    "In contrast,",
    "On the economic side,",
];

/// Heading titles (invented).
pub const HEADINGS: &[&str] = &[
    "Background",
    "Political Outlook",
    "Economic Impact",
    "Security Situation",
    "Next Steps",
    "Meeting with the Minister",
    "Regional Implications",
    "Opposition Reaction",
    "Budget Pressures",
    "Border Questions",
    "Public Opinion",
    "Donor Coordination",
    "Energy Supplies",
    "Parliamentary Arithmetic",
];

/// Subject-line topics (invented).
pub const SUBJECT_TOPICS: &[&str] = &[
    "MINISTER OUTLINES PLANS FOR BUDGET REFORM",
    "OPPOSITION SPLITS OVER ELECTION BOYCOTT",
    "BORDER TALKS STALL AGAIN",
    "NEW CUSTOMS RULES WORRY EXPORTERS",
    "CABINET RESHUFFLE EXPECTED AFTER SUMMIT",
    "PARLIAMENT DEBATES POLICE REFORM",
    "ENERGY SHORTAGES PROMPT EMERGENCY MEASURES",
    "GOVERNOR SEEKS MORE FEDERAL FUNDS",
    "COALITION PARTNERS DISAGREE ON TRADE ACCORD",
    "CENTRAL BANK HOLDS RATES STEADY",
    "PRESIDENT CONSIDERS EARLY ELECTIONS",
    "PROVINCIAL LEADERS DEMAND MORE AUTONOMY",
    "ARMY CHIEF DISCUSSES TRAINING NEEDS",
    "PEACE TALKS RESUME UNDER NEW MEDIATOR",
    "PIPELINE PROJECT FACES NEW DELAYS",
    "VISA BACKLOG AND CONSULAR OUTREACH",
];

/// Pass / distribution lines (format shapes; office symbols are generic).
pub const PASS_LINES: &[&str] = &[
    "STATE FOR EUR/WE",
    "STATE FOR WHA/MEX AND INR/IAA",
    "DEPT FOR EEB/ESC/IEC",
    "NSC FOR SENIOR DIRECTOR",
    "TREASURY FOR OASIA",
    "STATE PASS TO USAID FOR AID/W AND AID/OFDA",
    "HQ SOUTHCOM ALSO FOR J5",
    "DEPARTMENT FOR S/CT",
    "USDOC FOR ITA/MAC/OEENIS",
    "DEPT FOR INL/LP AND DRL",
    "STATE ALSO FOR SCA/A",
    "OSD FOR POLICY",
];

/// Continuations of pass lines.
pub const PASS_CONT: &[&str] = &["AND EB", "NEA/IR, NEA/PI", "AND PM/RSAT", "EUR/CE, EEB/TPP"];

/// Redaction tokens (format.md §5.17).
pub const REDACTIONS: &[(u32, &str)] = &[
    (80, "XXXXXXXXXXXX"),
    (20, "xxxxxxxxxxxx"),
    (15, "xxxxx"),
    (5, "XXXXXXXXXXX"),
    (2, "XXXXXXXXXXXXX"),
    (2, "[NAME REMOVED]"),
    (2, "[DETAILS REMOVED]"),
];

/// Portion marks seen on paragraph starts, per classification level (common ones first).
pub const MARKS_CONFIDENTIAL: &[(u32, &str)] = &[
    (80, "(C)"),
    (10, "(U)"),
    (8, "(SBU)"),
    (1, "(c)"),
    (1, "(C/REL NATO)"),
];
/// Portion marks for CONFIDENTIAL//NOFORN.
pub const MARKS_CONFIDENTIAL_NF: &[(u32, &str)] = &[
    (50, "(C/NF)"),
    (30, "(C)"),
    (10, "(C//NF)"),
    (5, "(U)"),
    (1, "(C NF)"),
];
/// Portion marks for SECRET.
pub const MARKS_SECRET: &[(u32, &str)] = &[
    (70, "(S)"),
    (15, "(C)"),
    (8, "(U)"),
    (2, "(S/REL NATO)"),
    (1, "(S/Rel UK)"),
];
/// Portion marks for SECRET//NOFORN.
pub const MARKS_SECRET_NF: &[(u32, &str)] = &[
    (60, "(S/NF)"),
    (15, "(S)"),
    (10, "(S//NF)"),
    (8, "(C)"),
    (2, "(S//FGI//NF)"),
    (1, "(S-NF)"),
];
/// Portion marks for unclassified cables.
pub const MARKS_UNCLASSIFIED: &[(u32, &str)] =
    &[(70, "(SBU)"), (25, "(U)"), (3, "(U//FOUO)"), (1, "(u)")];

/// Boilerplate lines before the signature (generic shapes, invented addresses).
pub const BOILERPLATE: &[&str] = &[
    "Visit our Classified Web Site at http://www.state.sgov.gov/p/example/index.cfm",
    "Visit the Embassy's classified website: http://www.state.sgov.gov/p/example/",
    "For more reporting see our Intellipedia page http://www.intelink.sgov.gov/wiki/Portal:Example",
];
