//! The Belgian prison establishments, preloaded from public reference data.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::date::{parse_date, year_start};

/// A short stable identifier such as `lantin` or `fpc-gent`.
pub type EstablishmentId = String;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Region {
    Brussels,
    Wallonia,
    Flanders,
}

/// The language regime of an establishment: a separate fact from its region.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum LanguageRegime {
    French,
    Dutch,
    Bilingual,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum EstablishmentKind {
    Prison,
    OpenPrison,
    Internment,
    ForensicPsychiatricCentre,
    DetentionHouse,
    TransitionHouse,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Establishment {
    pub id: EstablishmentId,
    pub name_fr: String,
    pub name_nl: String,
    pub town: String,
    pub region: Region,
    pub language: LanguageRegime,
    pub kind: EstablishmentKind,
    /// Known opening date; reference data only knows the year, kept as 1 January.
    pub opened: Option<NaiveDate>,
    pub closed: Option<NaiveDate>,
    pub note: String,
    /// The coordinator's decisions on whether circular 1785 covers it, each from a date; its
    /// kind decides before the first (see [`Establishment::covered_on`]).
    pub coverage: Vec<Coverage>,
    /// For a bilingual (Brussels) establishment, which drug-policy coordinator serves it, as
    /// the coordinators decided: `French` or `Dutch` (none decided: the French-speaking one,
    /// as the seed counts Brussels with the French-speaking prisons). Unused elsewhere.
    pub coordinator: Option<LanguageRegime>,
}

/// From `from` on, the circular covers the establishment (it needs a local group) or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coverage {
    pub from: NaiveDate,
    pub covered: bool,
}

/// Whether an establishment opened on `opened` and closed on `closed` is open on `date` (see
/// [`Establishment::is_open_on`]).
pub fn open_on(opened: Option<NaiveDate>, closed: Option<NaiveDate>, date: NaiveDate) -> bool {
    opened.is_none_or(|o| o <= date) && closed.is_none_or(|c| date < c)
}

impl Establishment {
    /// Open on `date`: opened on or before it (or date unknown) and not yet closed.
    /// The closing date is the first day the establishment is no longer in use.
    pub fn is_open_on(&self, date: NaiveDate) -> bool {
        open_on(self.opened, self.closed, date)
    }

    /// Which coordinator serves it: the French-speaking or the Dutch-speaking one (never
    /// `Bilingual`).
    pub fn coordinator_side(&self) -> LanguageRegime {
        match (self.language, self.coordinator) {
            (LanguageRegime::Dutch, _) | (LanguageRegime::Bilingual, Some(LanguageRegime::Dutch)) => {
                LanguageRegime::Dutch
            }
            _ => LanguageRegime::French,
        }
    }

    /// Whether circular 1785 covers it on `date`, so that it needs a local group: the latest
    /// of the coordinator's decisions from that date back, or else its kind (prisons, open
    /// prisons and internment establishments are covered; forensic psychiatric centres,
    /// detention and transition houses are not).
    pub fn covered_on(&self, date: NaiveDate) -> bool {
        self.coverage
            .iter()
            .filter(|c| c.from <= date)
            .max_by_key(|c| c.from)
            .map_or_else(|| self.kind.covered_by_default(), |c| c.covered)
    }

    /// The name in a language: Dutch for `nl`, French otherwise (English uses the French
    /// name for Wallonia and Brussels and the Dutch name for Flanders, as Belgian English does).
    pub fn name(&self, lang: &str) -> &str {
        match lang {
            "nl" => &self.name_nl,
            "fr" => &self.name_fr,
            _ if self.region == Region::Flanders => &self.name_nl,
            _ => &self.name_fr,
        }
    }
}

impl Region {
    pub const ALL: [Region; 3] = [Region::Brussels, Region::Wallonia, Region::Flanders];
    pub fn code(self) -> &'static str {
        match self {
            Region::Brussels => "brussels",
            Region::Wallonia => "wallonia",
            Region::Flanders => "flanders",
        }
    }
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }
}

impl LanguageRegime {
    pub const ALL: [LanguageRegime; 3] = [Self::French, Self::Dutch, Self::Bilingual];
    pub fn code(self) -> &'static str {
        match self {
            Self::French => "fr",
            Self::Dutch => "nl",
            Self::Bilingual => "bilingual",
        }
    }
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }
}

impl EstablishmentKind {
    /// The kinds circular 1785 covers unless the coordinator decides otherwise.
    pub fn covered_by_default(self) -> bool {
        matches!(self, Self::Prison | Self::OpenPrison | Self::Internment)
    }

    pub const ALL: [EstablishmentKind; 6] = [
        Self::Prison,
        Self::OpenPrison,
        Self::Internment,
        Self::ForensicPsychiatricCentre,
        Self::DetentionHouse,
        Self::TransitionHouse,
    ];
    pub fn code(self) -> &'static str {
        match self {
            Self::Prison => "prison",
            Self::OpenPrison => "open_prison",
            Self::Internment => "internment",
            Self::ForensicPsychiatricCentre => "forensic_psychiatric_centre",
            Self::DetentionHouse => "detention_house",
            Self::TransitionHouse => "transition_house",
        }
    }
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// The reference list shipped in the binary (`data/establishments.csv`).
pub const REFERENCE_CSV: &str = include_str!("../../data/establishments.csv");

#[derive(Debug, Deserialize)]
struct ReferenceRow {
    id: String,
    name_fr: String,
    name_nl: String,
    town: String,
    region: String,
    language: String,
    kind: String,
    opened: String,
    closed: String,
    note: String,
}

/// Parses the reference CSV. An error names the line, so a bad edit of the data file is
/// caught by the tests rather than by a coordinator.
pub fn parse_reference(csv_text: &str) -> Result<Vec<Establishment>, String> {
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let mut out = Vec::new();
    for (i, row) in reader.deserialize::<ReferenceRow>().enumerate() {
        let line = i + 2;
        let row = row.map_err(|e| format!("establishments.csv line {line}: {e}"))?;
        let bad = |what: &str, v: &str| format!("establishments.csv line {line}: bad {what} {v:?}");
        let opened = match row.opened.trim() {
            "" => None,
            y => Some(y.parse::<i32>().ok().and_then(year_start).ok_or_else(|| bad("opening year", y))?),
        };
        let closed = match row.closed.trim() {
            "" => None,
            c => Some(parse_date(c).ok_or_else(|| bad("closing date", c))?),
        };
        out.push(Establishment {
            region: Region::from_code(&row.region).ok_or_else(|| bad("region", &row.region))?,
            language: LanguageRegime::from_code(&row.language)
                .ok_or_else(|| bad("language", &row.language))?,
            kind: EstablishmentKind::from_code(&row.kind).ok_or_else(|| bad("kind", &row.kind))?,
            id: row.id,
            name_fr: row.name_fr,
            name_nl: row.name_nl,
            town: row.town,
            opened,
            closed,
            note: row.note,
            coverage: Vec::new(),
            coordinator: None,
        });
    }
    Ok(out)
}

/// The establishments from the embedded reference data.
pub fn reference_establishments() -> Vec<Establishment> {
    // The embedded file is checked by a unit test, so this cannot fail in a released binary.
    parse_reference(REFERENCE_CSV).unwrap_or_default()
}

#[cfg(test)]
mod tests {

    /// Circular 1785 covers prisons, open prisons and internment establishments unless the
    /// coordinator decides otherwise, from a date; the latest decision then in force counts.
    #[test]
    fn coverage_by_kind_then_by_the_coordinators_decisions() {
        let all = reference_establishments();
        let by = |id: &str| all.iter().find(|e| e.id == id).unwrap().clone();
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert!(by("lantin").covered_on(day(2011, 1, 1)));
        assert!(by("paifve").covered_on(day(2011, 1, 1)), "internment");
        assert!(!by("fpc-gent").covered_on(day(2020, 1, 1)), "a forensic psychiatric centre");
        assert!(!by("enghien").covered_on(day(2020, 1, 1)), "a transition house");
        let mut gent = by("fpc-gent");
        gent.coverage = vec![
            Coverage { from: day(2019, 1, 1), covered: false },
            Coverage { from: day(2018, 1, 1), covered: true },
        ];
        assert!(!gent.covered_on(day(2017, 12, 31)));
        assert!(gent.covered_on(day(2018, 6, 1)));
        assert!(!gent.covered_on(day(2019, 1, 1)));
    }

    use super::*;

    #[test]
    fn reference_data_parses_completely() {
        let list = parse_reference(REFERENCE_CSV).expect("reference CSV parses");
        assert_eq!(list.len(), REFERENCE_CSV.lines().count() - 1);
        let forest = list.iter().find(|e| e.id == "forest").unwrap();
        assert_eq!(forest.closed, NaiveDate::from_ymd_opt(2022, 11, 18));
        let lantin = list.iter().find(|e| e.id == "lantin").unwrap();
        assert_eq!(lantin.region, Region::Wallonia);
        assert_eq!(lantin.language, LanguageRegime::French);
        let haren = list.iter().find(|e| e.id == "haren").unwrap();
        assert_eq!(haren.language, LanguageRegime::Bilingual);
        assert_eq!(haren.opened, NaiveDate::from_ymd_opt(2022, 1, 1));
    }

    #[test]
    fn closed_establishment_is_open_until_the_day_before_closing() {
        let list = reference_establishments();
        let forest = list.iter().find(|e| e.id == "forest").unwrap();
        assert!(forest.is_open_on(NaiveDate::from_ymd_opt(2022, 11, 17).unwrap()));
        assert!(!forest.is_open_on(NaiveDate::from_ymd_opt(2022, 11, 18).unwrap()));
        let haren = list.iter().find(|e| e.id == "haren").unwrap();
        assert!(!haren.is_open_on(NaiveDate::from_ymd_opt(2021, 12, 31).unwrap()));
    }

    #[test]
    fn names_follow_the_language() {
        let list = reference_establishments();
        let mons = list.iter().find(|e| e.id == "mons").unwrap();
        assert_eq!(mons.name("nl"), "Bergen");
        assert_eq!(mons.name("fr"), "Mons");
        assert_eq!(mons.name("en"), "Mons");
        let gent = list.iter().find(|e| e.id == "gent").unwrap();
        assert_eq!(gent.name("en"), "Gent");
        assert_eq!(gent.name("fr"), "Gand");
    }

    #[test]
    fn a_bad_row_names_its_line() {
        let bad = "id,name_fr,name_nl,town,region,language,kind,opened,closed,confidence,note\n\
                   x,X,X,X,mars,fr,prison,,,high,\n";
        let err = parse_reference(bad).unwrap_err();
        assert!(err.contains("line 2"), "{err}");
    }
}
