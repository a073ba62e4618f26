//! The tests of export and import: round trips, and every refusal with its file and line.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use chrono::NaiveDate;

use serde_json::Value;

use super::cells::{BOM, defuse, restore};
use super::*;
use crate::domain::group::{circular_central_template, circular_local_template};
use crate::domain::*;

/// Every record an import gives, in order.
fn import(path: &Path) -> Result<Vec<Record>, TransferError> {
    let mut records = Vec::new();
    let count = super::import(path, &mut |r| records.push(r))?;
    assert_eq!(count, records.len());
    Ok(records)
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn establishment(id: &str, name_fr: &str, name_nl: &str, region: Region) -> Establishment {
    Establishment {
        id: id.into(),
        name_fr: name_fr.into(),
        name_nl: name_nl.into(),
        town: name_fr.into(),
        region,
        language: LanguageRegime::French,
        kind: EstablishmentKind::Prison,
        opened: None,
        closed: None,
        note: String::new(),
        coverage: Vec::new(),
        coordinator: None,
    }
}

fn person(id: u64, name: &str, qualifications: Vec<Qualification>) -> Person {
    Person {
        id,
        name: name.into(),
        function: "prison director".into(),
        organisation: "FPS Justice".into(),
        qualifications,
        contact: format!("p{id}@just.fgov.be"),
    }
}

// A list of records, one of each kind and shape the transfer must carry.
#[allow(clippy::too_many_lines)]
fn sample() -> Dataset {
    let mut data = Dataset::default();
    let mut liege = establishment("lantin", "Liège (Lantin)", "Luik (Lantin)", Region::Wallonia);
    liege.coverage = vec![
        establishment::Coverage { from: d(2015, 1, 1), covered: false },
        establishment::Coverage { from: d(2016, 1, 1), covered: true },
    ];
    liege.note = "a note; with \"quotes\",\na new line and\ta tab\n".into();
    liege.opened = Some(d(1979, 1, 1));
    let mut forest = establishment("forest", "Forest", "Vorst", Region::Brussels);
    forest.language = LanguageRegime::Bilingual;
    forest.coordinator = Some(LanguageRegime::Dutch);
    forest.kind = EstablishmentKind::DetentionHouse;
    forest.closed = Some(d(2022, 11, 18));
    forest.note = "=HYPERLINK(\"http://example.invalid\")".into();
    let mut gent = establishment("fpc-gent", "Gand (CPL)", "Gent (FPC)", Region::Flanders);
    gent.language = LanguageRegime::Dutch;
    gent.kind = EstablishmentKind::ForensicPsychiatricCentre;
    for e in [liege, forest, gent] {
        data.establishments.insert(e.id.clone(), e);
    }

    let mut people = vec![
        person(10, "Françoise Dubois-Lefèvre", vec![Qualification::Physician, Qualification::PrisonDirector]),
        person(11, "Jan Peeters", vec![]),
        person(12, "Anaïs « Nana » O'Brien; Jr", vec![Qualification::DrugHelpWorker]),
        person(13, "-Dash", vec![Qualification::Nurse]),
    ];
    people[1].organisation = "'s-Gravenbrakel OCMW".into();
    people[2].function = "'=not a formula".into();
    people[3].contact = String::new();
    for p in people {
        data.people.insert(p.id, p);
    }

    let groups = vec![
        Group {
            id: 1,
            kind: GroupKind::Central,
            establishment: None,
            created: Some(d(2006, 7, 18)),
            dissolved: None,
        },
        Group {
            id: 2,
            kind: GroupKind::Local,
            establishment: Some("lantin".into()),
            created: None,
            dissolved: None,
        },
        Group {
            id: 3,
            kind: GroupKind::Local,
            establishment: Some("forest".into()),
            created: Some(d(2007, 1, 1)),
            dissolved: Some(d(2022, 11, 18)),
        },
    ];
    for g in groups {
        data.groups.insert(g.id, g);
    }

    let mut custom = circular_local_template(6);
    custom.effective_from = d(2024, 2, 29);
    custom.source = "circular 1785bis; draft | \"v2\"".into();
    custom.seats.push(SeatRequirement {
        key: "peer_worker".into(),
        label: "Pair-aidant | ervaringsdeskundige; \"peer\"".into(),
        min: 2,
        at_least: true,
        qualification: Some(Qualification::SocialWorker),
        heavy: true,
    });
    let empty = SeatTemplate {
        id: 7,
        kind: GroupKind::Central,
        effective_from: d(2030, 1, 1),
        source: String::new(),
        seats: vec![],
    };
    for t in [circular_central_template(4), circular_local_template(5), custom, empty] {
        data.templates.insert(t.id, t);
    }

    let memberships = vec![
        Membership {
            id: 20,
            person: 10,
            group: 1,
            seat: "drug_coordinator".into(),
            from: d(2006, 9, 1),
            until: None,
            delegate_of: None,
        },
        Membership {
            id: 21,
            person: 11,
            group: 2,
            seat: "principal_director".into(),
            from: d(2012, 1, 1),
            until: Some(d(2012, 1, 1)),
            delegate_of: Some(10),
        },
        Membership {
            id: 22,
            person: 12,
            group: 3,
            seat: "drug_help_service".into(),
            from: d(2010, 5, 3),
            until: Some(d(2022, 11, 17)),
            delegate_of: None,
        },
    ];
    for m in memberships {
        data.memberships.insert(m.id, m);
    }

    let meetings = vec![
        Meeting {
            id: 30,
            group: 2,
            date: d(2017, 3, 14),
            attendees: vec![12, 10, 11],
            notes: "Ordre du jour ; «naloxone»\nsecond line".into(),
        },
        Meeting { id: 31, group: 1, date: d(2011, 6, 1), attendees: vec![], notes: String::new() },
        Meeting {
            id: 32,
            group: 3,
            date: d(2020, 2, 29),
            attendees: vec![10],
            notes: "\nstarts and ends with a new line\n".into(),
        },
    ];
    for m in meetings {
        data.meetings.insert(m.id, m);
    }

    let mut p1 = Project {
        id: 40,
        establishment: "lantin".into(),
        title: "Aile sans drogue à Lantin".into(),
        promoter: "SAT \"Liège\"".into(),
        elements: vec![
            FundamentalElement::DrugFreeWing,
            FundamentalElement::UrineTests,
            FundamentalElement::Other("x;y".into()),
            FundamentalElement::Other("a|b\\c".into()),
        ],
        history: vec![],
    };
    p1.record(ProjectStep::Draft, d(2011, 1, 10)).unwrap();
    p1.record(ProjectStep::Submitted, d(2011, 1, 10)).unwrap();
    p1.record(ProjectStep::Authorised { conditions: "review yearly;\n\"strict\"".into() }, d(2011, 3, 1))
        .unwrap();
    let mut p2 = Project {
        id: 41,
        establishment: "forest".into(),
        title: "Urine tests".into(),
        promoter: String::new(),
        elements: vec![FundamentalElement::UrineTests],
        history: vec![],
    };
    p2.record(ProjectStep::Submitted, d(2012, 3, 1)).unwrap();
    p2.record(ProjectStep::Refused { reason: String::new() }, d(2013, 3, 1)).unwrap();
    let mut p3 = Project {
        id: 42,
        establishment: "fpc-gent".into(),
        title: "Peer support".into(),
        promoter: "CAW".into(),
        elements: vec![],
        history: vec![],
    };
    p3.record(ProjectStep::Withdrawn, d(2015, 5, 5)).unwrap();
    let p4 = Project {
        id: 43,
        establishment: "lantin".into(),
        title: "Idea".into(),
        promoter: String::new(),
        elements: vec![FundamentalElement::Other(String::new())],
        history: vec![],
    };
    for p in [p1, p2, p3, p4] {
        data.projects.insert(p.id, p);
    }

    let needs = vec![
        TrainingNeed {
            id: 50,
            establishment: "lantin".into(),
            staff_group: StaffGroup::PrisonOfficers,
            topic: "naloxone".into(),
            headcount: 20,
            priority: Priority::High,
            raised_on: d(2024, 1, 1),
        },
        TrainingNeed {
            id: 51,
            establishment: "fpc-gent".into(),
            staff_group: StaffGroup::Medical,
            topic: "Substitutiebehandeling".into(),
            headcount: 0,
            priority: Priority::Low,
            raised_on: d(2023, 12, 31),
        },
    ];
    for n in needs {
        data.needs.insert(n.id, n);
    }
    let sessions = vec![
        TrainingSession {
            id: 60,
            establishment: "lantin".into(),
            topic: "naloxone".into(),
            date: d(2024, 3, 1),
            trainer: "Modus Vivendi".into(),
            participants: 12,
            covers: vec![50],
        },
        TrainingSession {
            id: 61,
            establishment: "fpc-gent".into(),
            topic: "Intro".into(),
            date: d(2024, 6, 1),
            trainer: String::new(),
            participants: 0,
            covers: vec![51],
        },
    ];
    for s in sessions {
        data.sessions.insert(s.id, s);
    }
    let thresholds =
        crate::domain::Thresholds { dormant_after_months: 12, overdue_after_days: 120, seat_limit: 4 };
    data.settings.insert(
        70,
        crate::domain::Settings {
            id: 70,
            effective_from: d(2018, 1, 1),
            thresholds,
            note: "Twice a year is enough;\n\"quoted\", with a comma".into(),
        },
    );
    capb_sample(&mut data);
    assert!(data.violations().is_empty(), "{:?}", data.violations());
    data
}

/// The concertation: two members, a meeting with a proxy, an adopted motion and a tie, a
/// production agreed to and one not, minutes released and minutes not.
fn capb_sample(data: &mut Dataset) {
    use crate::domain::concertation::*;
    let person = *data.people.keys().next().unwrap();
    for (id, name) in [(80, "Centre | Exemple"), (81, "Maison Fictive")] {
        let representatives =
            vec![Representative { person, from: d(2014, 1, 1), until: Some(d(2016, 1, 1)) }];
        let fields = vec![ActionField::Health, ActionField::HarmReduction];
        let service =
            Service { id, name: name.into(), fields, joined: d(2012, 1, 1), left: None, representatives };
        data.services.insert(id, service);
    }
    let meeting = |id, minutes: &str, release| CapbMeeting {
        id,
        date: d(2015, 6, 9),
        agenda: "Point 1;\nPoint 2".into(),
        minutes: minutes.into(),
        attendance: vec![Attendance { service: 80, person: Some(person) }],
        proxies: vec![Proxy { giver: 81, holder: 80 }],
        minutes_released_by: release,
    };
    data.capb_meetings.insert(82, meeting(82, "Secret debate,\n\"quoted\"", None));
    data.capb_meetings.insert(83, meeting(83, "Released", Some(84)));
    let ballots = |a, b| vec![Ballot { service: 80, vote: a }, Ballot { service: 81, vote: b }];
    let adopted = Motion {
        releases: vec![
            Release {
                object: Released::Production(86),
                to: Recipients::Named(vec!["the ministers".into(), "FEDITO BXL".into()]),
            },
            Release { object: Released::Minutes(83), to: Recipients::Public },
        ],
        id: 84,
        meeting: 82,
        text: "Send | the letter".into(),
        ballots: ballots(Vote::For, Vote::For),
    };
    data.motions.insert(84, adopted);
    let tie = Motion {
        releases: vec![],
        id: 85,
        meeting: 82,
        text: "Speak to the press".into(),
        ballots: ballots(Vote::For, Vote::Against),
    };
    data.motions.insert(85, tie);
    let out = Some(Dissemination { date: d(2015, 7, 1), to: "the ministers".into() });
    let production = |id, decision, disseminated| Production {
        id,
        title: format!("Production {id}"),
        kind: ProductionKind::Interpellation,
        drafted: d(2015, 5, 4),
        decision,
        disseminated,
    };
    data.productions.insert(86, production(86, Some(84), out));
    data.productions.insert(87, production(87, Some(85), None));
    data.productions.insert(88, production(88, None, None));
    let rules = CapbRules {
        id: 89,
        from: d(2015, 1, 1),
        proxy_cap: Some(2),
        quorum_percent: Some(25),
        majority: Some(MajorityBase::VotesCast),
        note: "The members' decision of January 2015".into(),
    };
    data.capb_rules.insert(89, rules);
}

/// For the outside, the minutes and productions the members did not agree to are left out,
/// and each is named with the decision it lacks; what they agreed to goes.
#[test]
fn an_export_for_the_outside_keeps_the_concertations_secrets() {
    let data = sample();
    let dir = tempfile::tempdir().unwrap();
    let out = export(&data, dir.path(), Format::Csv, Audience::Outside(d(2026, 1, 1))).unwrap();
    let imported = by_key(import(dir.path()).unwrap());
    let meeting = |id| match imported.get(&RecordKey::Id(RecordKind::CapbMeeting, id)) {
        Some(Record::CapbMeeting(m)) => m.minutes.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(meeting(82), "", "minutes nobody released");
    assert_eq!(meeting(83), "Released");
    let has = |id| imported.contains_key(&RecordKey::Id(RecordKind::Production, id));
    assert!(has(86) && !has(87) && !has(88));
    let said: Vec<String> =
        out.withheld.iter().map(|w| w.describe(&data, crate::i18n::Lang::En, d(2026, 1, 1))).collect();
    assert_eq!(
        said,
        [
            "minutes of 09/06/2015: no decision of the members allows it",
            "production 87: the members' motion of 09/06/2015 was not adopted (tie: no majority)",
            "production 88: no decision of the members allows it",
        ]
    );
    let csv = fs::read_to_string(dir.path().join("capb_meetings.csv")).unwrap();
    assert!(!csv.contains("Secret") && !csv.contains("Point 1"), "no minutes, no agenda: {csv}");
    // Of the motions, only the decision that released, without its text or ballots; none of
    // the members' rules.
    let motions = fs::read_to_string(dir.path().join("capb_motions.csv")).unwrap();
    assert!(
        !motions.contains("Send") && !motions.contains("press") && !motions.contains(":for"),
        "{motions}"
    );
    assert!(motions.contains("production:86:the ministers + FEDITO BXL"), "{motions}");
    let rules = fs::read_to_string(dir.path().join("capb_rules.csv")).unwrap();
    assert_eq!(rules.lines().count(), 2, "the header only: {rules}");
    let productions = fs::read_to_string(dir.path().join("capb_productions.csv")).unwrap();
    assert!(
        !productions.contains("Production 87") && !productions.contains("Production 88"),
        "{productions}"
    );
}

fn by_key(records: impl IntoIterator<Item = Record>) -> BTreeMap<RecordKey, Record> {
    records.into_iter().map(|r| (r.key(), r)).collect()
}

fn round_trip(format: Format) {
    let data = sample();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("export");
    let written = export(&data, &out, format, Audience::Internal).unwrap().files;
    assert_eq!(written.len(), 18);
    let imported = import(&out).unwrap();
    assert_eq!(imported.len(), data.record_count());
    assert_eq!(by_key(imported), by_key(data.records()));
    let notice = fs::read_to_string(out.join(NOTICE_FILE)).unwrap();
    assert!(
        notice.contains(CONFIDENTIAL_EN)
            && notice.contains("confidentielles")
            && notice.contains("vertrouwelijke")
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for f in &written {
            assert_eq!(fs::metadata(f).unwrap().permissions().mode() & 0o777, 0o600, "{}", f.display());
        }
    }
}

#[test]
fn round_trip_csv() {
    round_trip(Format::Csv);
}

#[test]
fn round_trip_json() {
    round_trip(Format::Json);
}

#[test]
fn the_initial_store_round_trips() {
    use crate::domain::establishment::reference_establishments;
    let data = Dataset::initial(reference_establishments());
    for format in [Format::Csv, Format::Json] {
        let dir = tempfile::tempdir().unwrap();
        export(&data, dir.path(), format, Audience::Internal).unwrap();
        assert_eq!(by_key(import(dir.path()).unwrap()), by_key(data.records()), "{format:?}");
    }
}

#[test]
fn hand_written_json_imports_and_bad_records_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "training_sessions.json",
        r#"{"records": [{"id": "7", "establishment": "mons", "topic": "naloxone", "date": "01/03/2024",
            "trainer": null, "participants": 3, "covers": [1, "2"]}]}"#,
    );
    let records = import(&file).unwrap();
    let [Record::Session(s)] = records.as_slice() else { panic!("{records:?}") };
    assert_eq!((s.id, s.date, s.covers.clone(), s.trainer.as_str()), (7, d(2024, 3, 1), vec![1, 2], ""));
    write(
        dir.path(),
        "training_sessions.json",
        r#"[{"id": 7, "establishment": "mons", "topic": "x", "date": "2024-03-01", "trainer": "",
            "participants": 3, "covers": ""},
           {"id": 8, "establishment": "mons", "topic": "x", "date": "2024-03-01", "trainer": "",
            "participants": -1, "covers": ""}]"#,
    );
    let err = import(&file).unwrap_err();
    assert_eq!(err.line, None);
    assert!(err.message().starts_with("record 2: column participants"), "{err}");
    write(dir.path(), "training_sessions.json", "{\n  \"records\": [\n  }");
    let err = import(&file).unwrap_err();
    assert_eq!(err.line, Some(3), "{err}");
}

#[test]
fn csv_is_spreadsheet_friendly() {
    let dir = tempfile::tempdir().unwrap();
    export(&sample(), dir.path(), Format::Csv, Audience::Internal).unwrap();
    let bytes = fs::read(dir.path().join("people.csv")).unwrap();
    assert!(bytes.starts_with(BOM));
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let mark = "# CONFIDENTIAL / CONFIDENTIEL / VERTROUWELIJK: see CONFIDENTIAL.txt\r\n";
    assert!(
        text.starts_with(&format!("{mark}id;name;function;organisation;qualifications;contact\r\n")),
        "{text}"
    );
    assert!(
        text.contains("10;Françoise Dubois-Lefèvre;prison director;FPS Justice;physician|prison_director;")
    );
    assert!(text.contains(";'-Dash;"), "formula-like text is defused: {text}");
    for cell in ["\t=cmd|' /C calc'!A0", "\r=1+1", "=1+1", "@SUM(A1)"] {
        assert!(defuse(cell).starts_with('\''), "{cell:?} is defused");
        assert_eq!(restore(defuse(cell)), cell, "and read back as it was");
    }
    assert!(text.contains(";''=not a formula;"), "{text}");
    // A cell holding either separator is quoted: a spreadsheet splitting on `,` finds no
    // formula in it.
    let mut quoted = sample();
    quoted.people.values_mut().next().unwrap().function = "a,=1+1".into();
    let dir3 = tempfile::tempdir().unwrap();
    export(&quoted, dir3.path(), Format::Csv, Audience::Internal).unwrap();
    let people = fs::read_to_string(dir3.path().join("people.csv")).unwrap();
    assert!(people.contains(";\"a,=1+1\";"), "{people}");
    let establishments = fs::read_to_string(dir.path().join("establishments.csv")).unwrap();
    assert!(establishments.contains("'=HYPERLINK"), "{establishments}");
    assert!(establishments.contains(";1979-01-01;"));
    let projects = fs::read_to_string(dir.path().join("projects.csv")).unwrap();
    assert!(projects.contains("drug_free_wing|urine_tests|other:x;y|other:a\\|b\\\\c"), "{projects}");
    // An empty kind still has its header.
    let empty = Dataset::default();
    let dir2 = tempfile::tempdir().unwrap();
    export(&empty, dir2.path(), Format::Csv, Audience::Internal).unwrap();
    let header = fs::read_to_string(dir2.path().join("training_sessions.csv")).unwrap();
    assert_eq!(header, format!("\u{feff}{mark}id;establishment;topic;date;trainer;participants;covers\r\n"));
    assert!(import(dir2.path()).unwrap().is_empty());
}

#[test]
fn json_has_the_envelope() {
    let dir = tempfile::tempdir().unwrap();
    export(&sample(), dir.path(), Format::Json, Audience::Internal).unwrap();
    let value: Value =
        serde_json::from_slice(&fs::read(dir.path().join("memberships.json")).unwrap()).unwrap();
    assert_eq!(value["confidential"], CONFIDENTIAL_EN);
    assert_eq!(value["schema"], 1);
    let first = &value["records"][0];
    assert_eq!(first["id"], 20);
    assert_eq!(first["from"], "2006-09-01");
    assert_eq!(first["until"], Value::Null);
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, text).unwrap();
    path
}

#[test]
fn a_belgian_spreadsheet_csv_imports() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "people.csv",
        "\u{feff}ID ; Name ; function;organisation;qualifications;contact\r\n\
         1 ; Marie Dupont ;Directrice;SPF Justice; Physician | prison_director ;\r\n\
         ;;;;;\r\n\
         2;\"Van den Broeck; Pieter\";;;;\"tel.\r\n02 542 11 11\"\r\n",
    );
    write(
        dir.path(),
        "memberships.csv",
        "\u{feff}id;person;group;seat;from;until;delegate_of\r\n3;1;1;doctor;18/07/2006;31/12/2011;\r\n",
    );
    write(
        dir.path(),
        "training_needs.csv",
        "id,establishment,staff_group,topic,headcount,priority,raised_on\r\n\
         4,lantin,prison_officers,\"naloxone, overdose\",20,HIGH,1/2/2025\r\n",
    );
    write(dir.path(), "notes.txt", "ignored");
    let records = by_key(import(dir.path()).unwrap());
    assert_eq!(records.len(), 4);
    let Record::Person(marie) = &records[&RecordKey::Id(crate::domain::RecordKind::Person, 1)] else {
        panic!()
    };
    assert_eq!(marie.name, "Marie Dupont");
    assert_eq!(marie.qualifications, vec![Qualification::Physician, Qualification::PrisonDirector]);
    let Record::Person(pieter) = &records[&RecordKey::Id(crate::domain::RecordKind::Person, 2)] else {
        panic!()
    };
    assert_eq!(pieter.name, "Van den Broeck; Pieter");
    assert_eq!(pieter.contact, "tel.\n02 542 11 11");
    let Record::Membership(m) = &records[&RecordKey::Id(crate::domain::RecordKind::Membership, 3)] else {
        panic!()
    };
    assert_eq!((m.from, m.until), (d(2006, 7, 18), Some(d(2011, 12, 31))));
    let Record::Need(n) = &records[&RecordKey::Id(crate::domain::RecordKind::Need, 4)] else { panic!() };
    assert_eq!(
        (n.topic.as_str(), n.priority, n.raised_on),
        ("naloxone, overdose", Priority::High, d(2025, 2, 1))
    );
}

#[test]
fn a_bad_row_names_its_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let people = write(
        dir.path(),
        "people.csv",
        "id;name;function;organisation;qualifications;contact\r\n1;A;;;;\r\n2;B;;;surgeon;\r\n",
    );
    let err = import(dir.path()).unwrap_err();
    assert_eq!((err.file.as_path(), err.line), (people.as_path(), Some(3)), "{err}");
    assert!(err.message().contains("surgeon"), "{err}");
    assert!(err.to_string().starts_with(&format!("{}:3: ", people.display())), "{err}");
    fs::remove_file(&people).unwrap();

    let memberships = write(
        dir.path(),
        "memberships.csv",
        "id;person;group;seat;from;until;delegate_of\n1;1;1;doctor;01/01/2020;;\n2;1;1;doctor;2020-13-01;;\n",
    );
    let err = import(dir.path()).unwrap_err();
    assert_eq!((err.file.as_path(), err.line), (memberships.as_path(), Some(3)), "{err}");
    assert!(err.message().contains("from") && err.message().contains("2020-13-01"), "{err}");
}

/// An id the store could not give a next one after is refused on import, by line.
#[test]
fn an_id_at_the_edge_of_its_range_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let header = "id;name;function;organisation;qualifications;contact\n";
    write(dir.path(), "people.csv", &format!("{header}1;A;;;;\n18446744073709551615;B;;;;\n"));
    let err = import(dir.path()).unwrap_err();
    assert_eq!(err.line, Some(3), "{err}");
    assert!(err.message().contains("highest id"), "{err}");
}

/// An unclosed quote swallowed the rows after it into one cell ("2 records read" of 4);
/// a row with too few cells was taken with empty values. Both are refused, with the file
/// and the line.
#[test]
fn an_unclosed_quote_or_a_missing_cell_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let header = "id;name;function;organisation;qualifications;contact\n";
    let people = write(dir.path(), "people.csv", &format!("{header}1;A;;;;\n2;\"B;;;;\n3;C;;;;\n4;D;;;;\n"));
    let err = import(dir.path()).unwrap_err();
    assert_eq!((err.file.as_path(), err.line), (people.as_path(), Some(3)), "{err}");
    assert!(err.message().contains("never closed"), "{err}");
    fs::write(&people, format!("{header}1;A;;;;\n2;B;;\n")).unwrap();
    let err = import(dir.path()).unwrap_err();
    assert_eq!(err.line, Some(3), "{err}");
    assert!(err.message().contains("4 cells where the header has 6"), "{err}");
    // Quotes that close, and "" inside them, are what a spreadsheet writes: accepted.
    fs::write(&people, format!("{header}1;\"A \"\"quoted\"\"\";;;;\n2;\"two\nlines\";;;;\n")).unwrap();
    assert_eq!(import(dir.path()).unwrap().len(), 2);
}

#[test]
fn line_numbers_survive_crlf_blank_lines_and_multi_line_cells() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "people.csv",
        "\u{feff}id;name;function;organisation;qualifications;contact\r\n\r\n1;A;\"two\r\nlines\";;;\r\n;;;;;\r\n2;B;;;bad;\r\n",
    );
    let err = import(&file).unwrap_err();
    assert_eq!(err.line, Some(6), "{err}");
}

#[test]
fn an_impossible_date_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "training_needs.csv",
        "id;establishment;staff_group;topic;headcount;priority;raised_on\n1;lantin;medical;x;1;low;31/02/2025\n",
    );
    let err = import(&file).unwrap_err();
    assert_eq!(err.line, Some(2));
    assert!(err.message().contains("31/02/2025"), "{err}");
}

#[test]
fn an_unknown_staff_group_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "training_needs.csv",
        "id;establishment;staff_group;topic;headcount;priority;raised_on\n1;lantin;nurses;x;1;low;01/02/2025\n",
    );
    let err = import(&file).unwrap_err();
    assert_eq!(err.line, Some(2));
    assert!(err.message().contains("staff group") && err.message().contains("prison_officers"), "{err}");
}

#[test]
fn other_bad_rows_are_refused() {
    let header = "id;name;function;organisation;qualifications;contact\n";
    let cases = [
        ("people.csv", format!("{header}1;;;;;\n"), "name: is empty"),
        ("people.csv", format!("{header}x;A;;;;\n"), "not a whole number"),
        ("people.csv", format!("{header}1;A\u{7};;;;\n"), "control character"),
        ("people.csv", format!("{header}1;{};;;;\n", "a".repeat(501)), "longer than 500"),
        ("people.csv", format!("{header}1;A;;;;\n1;B;;;;\n"), "appears twice"),
        (
            "people.csv",
            "id;name;function;organisation;qualifications\n1;A;;;\n".to_string(),
            "no column contact",
        ),
        ("people.csv", format!("{header}1;A;;;;;extra\n"), "more cells"),
        (
            "groups.csv",
            "id;kind;establishment;created;dissolved\n1;local;;;\n".to_string(),
            "local group needs one",
        ),
    ];
    for (name, text, expected) in cases {
        let dir = tempfile::tempdir().unwrap();
        let file = write(dir.path(), name, &text);
        let err = import(&file).unwrap_err();
        assert!(err.message().contains(expected), "{expected}: {err}");
        assert_eq!(err.line, Some(if expected == "no column contact" { 1 } else { text.lines().count() }));
    }
}

#[test]
fn a_project_event_the_rules_refuse_names_its_line() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "projects.csv", "id;establishment;title;promoter;elements\n1;lantin;T;;urine_tests\n");
    let events = write(
        dir.path(),
        "project_events.csv",
        "project;position;date;step;conditions_or_reason\n1;1;01/03/2012;submitted;\n1;2;01/03/2011;refused;no\n",
    );
    let err = import(dir.path()).unwrap_err();
    assert_eq!((err.file.as_path(), err.line), (events.as_path(), Some(3)), "{err}");
    assert!(err.message().contains("before"), "{err}");

    write(
        dir.path(),
        "project_events.csv",
        "project;position;date;step;conditions_or_reason\n1;2;01/03/2012;authorised;\n1;1;01/03/2012;draft;\n",
    );
    let err = import(dir.path()).unwrap_err();
    assert_eq!(err.line, Some(2), "{err}");

    // A single projects file brings its events along.
    write(
        dir.path(),
        "project_events.csv",
        "project;position;date;step;conditions_or_reason\n1;2;01/03/2012;authorised;ok\n1;1;01/03/2012;submitted;\n",
    );
    let records = import(&dir.path().join("projects.csv")).unwrap();
    let [Record::Project(p)] = records.as_slice() else { panic!("{records:?}") };
    assert_eq!(
        p.history,
        vec![
            ProjectEvent { date: d(2012, 3, 1), step: ProjectStep::Submitted },
            ProjectEvent { date: d(2012, 3, 1), step: ProjectStep::Authorised { conditions: "ok".into() } },
        ]
    );
}

#[test]
fn an_empty_directory_imports_nothing() {
    let dir = tempfile::tempdir().unwrap();
    assert!(import(dir.path()).unwrap().is_empty());
    assert!(import(&dir.path().join("missing")).is_err());
}

#[test]
fn two_files_of_one_kind_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    export(&sample(), dir.path(), Format::Csv, Audience::Internal).unwrap();
    fs::write(dir.path().join("people.json"), "[]").unwrap();
    let err = import(dir.path()).unwrap_err();
    assert!(err.message().contains("keep only one"), "{err}");
}

#[test]
fn hostile_input_is_an_error_not_a_panic() {
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for round in 0..200 {
        let dir = tempfile::tempdir().unwrap();
        let len = (next() % 4096) as usize;
        let bytes: Vec<u8> = (0..len).map(|_| next() as u8).collect();
        let name = if round % 2 == 0 { "people.csv" } else { "people.json" };
        fs::write(dir.path().join(name), &bytes).unwrap();
        assert!(import(dir.path()).is_err(), "round {round}");
    }
    // Valid header, random rows.
    for _ in 0..200 {
        let dir = tempfile::tempdir().unwrap();
        let mut bytes = b"id;name;function;organisation;qualifications;contact\n".to_vec();
        let alphabet = b"1;a\"\n\r|\\\xff\xc3\x00";
        bytes.extend((0..(next() % 512)).map(|_| alphabet[(next() % alphabet.len() as u64) as usize]));
        fs::write(dir.path().join("people.csv"), &bytes).unwrap();
        let _ = import(dir.path());
    }
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("meetings.json"), "[".repeat(100_000)).unwrap();
    assert!(import(dir.path()).is_err());
    fs::write(dir.path().join("meetings.json"), r#"{"schema": 2, "records": []}"#).unwrap();
    assert!(import(dir.path()).unwrap_err().message().contains("schema 2"));
}

/// The format's documentation is made from the column tables: a column added, renamed or
/// described anew changes `docs/export-format.md` with it.
#[test]
fn the_format_documentation_is_the_column_tables() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/export-format.md");
    let made = columns::documentation();
    if std::env::var_os("PILOTAGE_WRITE_DOCS").is_some() {
        fs::write(&path, &made).unwrap();
    }
    let written = fs::read_to_string(&path).unwrap_or_default();
    assert!(
        written == made,
        "docs/export-format.md is not what the column tables say: run PILOTAGE_WRITE_DOCS=1 cargo test the_format_documentation"
    );
    // And the header of every file is its table, in order.
    let dir = tempfile::tempdir().unwrap();
    export(&sample(), dir.path(), Format::Csv, Audience::Internal).unwrap();
    for kind in FileKind::ALL {
        let text = fs::read_to_string(dir.path().join(format!("{}.csv", kind.stem()))).unwrap();
        let header = text.trim_start_matches('\u{feff}').lines().nth(1).unwrap().to_string();
        assert_eq!(header, columns::names(kind).join(";"), "{kind:?}");
    }
}

/// Import reads a record at a time, and a record is at most 1 MiB: a line without end, or a
/// quote never closed in a large file, is refused by the line it starts on, without reading
/// the rest into one cell.
#[test]
fn a_record_over_a_mebibyte_is_refused_by_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let people = dir.path().join("people.csv");
    let header = "id;name;function;organisation;qualifications;contact\n1;A;;;;\n";
    fs::write(&people, format!("{header}2;{};;;;\n3;C;;;;\n", "x".repeat(2 << 20))).unwrap();
    let err = import(&people).unwrap_err();
    assert_eq!(err.line, Some(3), "{err}");
    assert!(err.message().contains("longer than 1 MiB"), "{err}");
    let mut text = format!("{header}2;\"B;;;;\n");
    for id in 3..100_000 {
        text.push_str(&format!("{id};P{id};;;;\n"));
    }
    fs::write(&people, text).unwrap();
    let err = import(&people).unwrap_err();
    assert_eq!(err.line, Some(3), "{err}");
    assert!(err.message().contains("quote"), "{err}");
}

/// The data is about the groups' work, never about detainees: a national register number in
/// any text cell is refused by its line and column.
#[test]
fn a_national_register_number_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("meetings.csv");
    fs::write(
        &file,
        "id;group;date;attendees;notes\n1;1;2024-05-02;;fine\n2;1;2024-06-02;;about 85.07.30-033.28\n",
    )
    .unwrap();
    let err = import(&file).unwrap_err();
    assert_eq!(err.line, Some(3), "{err}");
    assert!(
        err.message().contains("column notes") && err.message().contains("national register number"),
        "{err}"
    );
}

/// A file written before a column was added still imports: the column reads as empty.
#[test]
fn a_file_without_a_column_added_later_imports() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("establishments.csv");
    let header = "id;name_fr;name_nl;town;region;language;kind;opened;closed;note";
    fs::write(&file, format!("{header}\nlantin;Lantin;Lantin;Juprelle;wallonia;fr;prison;;;\n")).unwrap();
    let records = import(&file).unwrap();
    let Record::Establishment(e) = &records[0] else { panic!("{records:?}") };
    assert!(e.coverage.is_empty() && e.covered_on(d(2020, 1, 1)));
    fs::write(
        &file,
        format!(
            "{header};coverage\nlantin;Lantin;Lantin;Juprelle;wallonia;fr;prison;;;;2015-01-01:perhaps\n"
        ),
    )
    .unwrap();
    let err = import(&file).unwrap_err();
    assert!(err.message().contains("column coverage") && err.message().contains("perhaps"), "{err}");
}

/// Thresholds out of bounds would make every group dormant, or none: refused by column.
#[test]
fn thresholds_out_of_bounds_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "settings.csv",
        "id,effective_from,dormant_after_months,overdue_after_days,seat_limit,note\r\n\
         7,2018-01-01,12,120,4,fine\r\n\
         8,2019-01-01,0,120,4,never dormant\r\n",
    );
    let err = import(&file).unwrap_err();
    assert_eq!(err.line, Some(3));
    assert!(err.message().contains("dormant_after_months"), "{}", err.message());
    assert!(err.message().contains("0 is not between 1 and 60"), "{}", err.message());
}

/// Minutes the members released to named recipients are left out of an export for the
/// outside, and said as released to them only, never as "allowed" and "not agreed" at once.
#[test]
fn minutes_released_to_named_recipients_are_said_as_theirs_only() {
    let today = d(2026, 11, 23);
    let data = crate::demo::demo_dataset(today);
    let dir = tempfile::tempdir().unwrap();
    let out = export(&data, dir.path(), Format::Csv, Audience::Outside(today)).unwrap();
    let theirs: Vec<String> = out
        .withheld
        .iter()
        .filter(|w| w.released_to_others())
        .map(|w| w.describe(&data, crate::i18n::Lang::En, today))
        .collect();
    assert_eq!(
        theirs,
        ["minutes of 11/03/2014: released by the members' decision of 09/06/2015 to its recipients only"]
    );
    assert!(
        out.withheld
            .iter()
            .filter(|w| !w.released_to_others())
            .all(|w| { !w.describe(&data, crate::i18n::Lang::En, today).contains("allowed") })
    );
}
