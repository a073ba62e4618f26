//! Fictitious demo data and generated stores for benchmarks.
//!
//! Every person, service and contact here is invented: names such as "Marie Fictif" or
//! "Piet Verzonnen", services such as "SAT Exemple Liège", contacts at `example.invalid`.
//! Only the establishments and the circular are real. Nothing about detainees is held.
//!
//! [`demo_dataset`] tells the story of the seeds: the central group that lost its chair in
//! 2011 and never met again, the two drug-policy coordinators who also became prison
//! directors in 2012, the local groups that stopped meeting one after another, projects
//! waiting for an authorisation nobody can give, and the training needs of prison staff.
//! [`generated_dataset`] builds a large store with the same proportions for benchmarks.

// The story's parts are lists of records, read top to bottom; cutting them would only scatter
// the story.
#![allow(clippy::too_many_lines)]

use chrono::{Days, NaiveDate};

use crate::domain::establishment::reference_establishments;
use crate::domain::group::circular_date;
use crate::domain::{
    CHAIR, Dataset, EstablishmentId, FundamentalElement, Group, GroupId, GroupKind, Meeting, Membership,
    MembershipId, Person, PersonId, Priority, Project, ProjectStep, Qualification, Region, StaffGroup,
    TrainingNeed, TrainingSession,
};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap_or(NaiveDate::MIN)
}

fn plus(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_add_days(Days::new(days)).unwrap_or(date)
}

fn minus(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_sub_days(Days::new(days)).unwrap_or(date)
}

/// A work e-mail at the reserved `example.invalid` domain, made from a fictitious name.
fn contact_for(name: &str) -> String {
    let name = name.strip_prefix("Dr. ").unwrap_or(name);
    let mut local = String::new();
    for c in name.chars() {
        let c = match c {
            'à' | 'â' | 'ä' | 'À' | 'Â' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' => 'e',
            'î' | 'ï' => 'i',
            'ô' | 'ö' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            ' ' => '.',
            '\'' => '-',
            c => c.to_ascii_lowercase(),
        };
        if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
            local.push(c);
        }
    }
    format!("{local}@example.invalid")
}

/// Builds a dataset record by record, with one id sequence for every kind of record.
struct Builder {
    data: Dataset,
    next: u64,
}

impl Builder {
    fn id(&mut self) -> u64 {
        let id = self.next;
        self.next += 1;
        id
    }

    fn person(
        &mut self,
        name: &str,
        function: &str,
        organisation: &str,
        qualifications: &[Qualification],
    ) -> PersonId {
        let id = self.id();
        self.data.people.insert(
            id,
            Person {
                id,
                name: name.into(),
                function: function.into(),
                organisation: organisation.into(),
                qualifications: qualifications.to_vec(),
                contact: contact_for(name),
            },
        );
        id
    }

    fn member(
        &mut self,
        person: PersonId,
        group: GroupId,
        seat: &str,
        from: NaiveDate,
        until: Option<NaiveDate>,
    ) -> MembershipId {
        self.member_for(person, group, seat, from, until, None)
    }

    fn member_for(
        &mut self,
        person: PersonId,
        group: GroupId,
        seat: &str,
        from: NaiveDate,
        until: Option<NaiveDate>,
        delegate_of: Option<PersonId>,
    ) -> MembershipId {
        let id = self.id();
        self.data
            .memberships
            .insert(id, Membership { id, person, group, seat: seat.into(), from, until, delegate_of });
        id
    }

    /// A meeting attended by the members of the group on that day.
    fn meeting(&mut self, group: GroupId, date: NaiveDate, notes: &str) {
        let mut attendees: Vec<PersonId> = self
            .data
            .memberships
            .values()
            .filter(|m| m.group == group && m.active_on(date))
            .map(|m| m.person)
            .collect();
        attendees.sort_unstable();
        attendees.dedup();
        let id = self.id();
        self.data.meetings.insert(id, Meeting { id, group, date, attendees, notes: notes.into() });
    }

    fn project(
        &mut self,
        establishment: &str,
        title: &str,
        promoter: &str,
        elements: Vec<FundamentalElement>,
        steps: Vec<(ProjectStep, NaiveDate)>,
    ) {
        let id = self.id();
        let mut p = Project {
            id,
            establishment: establishment.into(),
            title: title.into(),
            promoter: promoter.into(),
            elements,
            history: Vec::new(),
        };
        for (step, date) in steps {
            // The steps below are written in a valid order; a refused step would only be
            // missing from the history, never make it inconsistent.
            let _ = p.record(step, date);
        }
        self.data.projects.insert(id, p);
    }

    fn need(
        &mut self,
        establishment: &str,
        staff_group: StaffGroup,
        topic: &str,
        headcount: u32,
        priority: Priority,
        raised_on: NaiveDate,
    ) -> u64 {
        let id = self.id();
        self.data.needs.insert(
            id,
            TrainingNeed {
                id,
                establishment: establishment.into(),
                staff_group,
                topic: topic.into(),
                headcount,
                priority,
                raised_on,
            },
        );
        id
    }

    fn session(
        &mut self,
        establishment: &str,
        topic: &str,
        date: NaiveDate,
        trainer: &str,
        participants: u32,
        covers: Vec<u64>,
    ) {
        let id = self.id();
        self.data.sessions.insert(
            id,
            TrainingSession {
                id,
                establishment: establishment.into(),
                topic: topic.into(),
                date,
                trainer: trainer.into(),
                participants,
                covers,
            },
        );
    }

    /// The establishment's local group: the one `Dataset::initial` seeded if there is one
    /// (it depends on `today`), otherwise a new one.
    fn local_group(&mut self, establishment: &str) -> GroupId {
        let seeded = self
            .data
            .groups
            .values()
            .find(|g| g.kind == GroupKind::Local && g.establishment.as_deref() == Some(establishment))
            .map(|g| g.id);
        match seeded {
            Some(id) => id,
            None => {
                let id = self.id();
                self.data.groups.insert(
                    id,
                    Group {
                        id,
                        kind: GroupKind::Local,
                        establishment: Some(establishment.into()),
                        created: None,
                        dissolved: None,
                    },
                );
                id
            }
        }
    }
}

/// Fictitious first names and surnames, French and Dutch. The counts are coprime, so the
/// first 156 names of each language are all different.
const FR_FIRST: [&str; 12] = [
    "Sophie", "Olivier", "Nathalie", "Thierry", "Isabelle", "Didier", "Valérie", "Pascal", "Sandrine",
    "Benoît", "Chantal", "Yves",
];
const FR_LAST: [&str; 13] = [
    "Untel",
    "Lambda",
    "Brouillon",
    "Échantillon",
    "Prototype",
    "Essai",
    "Ébauche",
    "Quidam",
    "Pseudonyme",
    "Figurant",
    "Simulé",
    "Hypothèse",
    "Gabarit",
];
const NL_FIRST: [&str; 12] = [
    "Els", "Koen", "Veerle", "Bart", "Lieve", "Dirk", "Annelies", "Wouter", "Sofie", "Geert", "Inge", "Jens",
];
const NL_LAST: [&str; 13] = [
    "Fictief",
    "Bedacht",
    "Gedacht",
    "Probeer",
    "Sjabloon",
    "Nepman",
    "Staal",
    "Monster",
    "Kladversie",
    "Testmans",
    "Proefmans",
    "Model",
    "Dummy",
];

fn fictitious_name(dutch: bool, k: usize) -> String {
    if dutch {
        format!("{} {}", NL_FIRST[k % NL_FIRST.len()], NL_LAST[k % NL_LAST.len()])
    } else {
        format!("{} {}", FR_FIRST[k % FR_FIRST.len()], FR_LAST[k % FR_LAST.len()])
    }
}

/// One local group of the story.
struct LocalStory {
    establishment: &'static str,
    created: NaiveDate,
    /// The last meeting of a group that stopped meeting; `None` for a group that still meets.
    stopped: Option<NaiveDate>,
    dissolved: Option<NaiveDate>,
    /// Seats filled when the group was set up, in order.
    seats: &'static [&'static str],
    /// The town named in the fictitious drug-help services.
    city: &'static str,
}

const FULL: &[&str] = &[
    "principal_director",
    "doctor",
    "restorative_justice_adviser",
    "psychosocial",
    "drug_help_service",
    "drug_help_service",
    "officers_manager",
    "drug_help_coordinator",
];
const MEDIUM: &[&str] = &[
    "principal_director",
    "doctor",
    "psychosocial",
    "drug_help_service",
    "drug_help_service",
    "drug_help_coordinator",
];
const MOST: &[&str] =
    &["principal_director", "doctor", "psychosocial", "drug_help_service", "officers_manager"];
const SMALL: &[&str] = &["principal_director", "psychosocial", "drug_help_service"];

fn local_stories() -> Vec<LocalStory> {
    let story = |establishment, created, stopped, dissolved, seats, city| LocalStory {
        establishment,
        created,
        stopped,
        dissolved,
        seats,
        city,
    };
    vec![
        // French-speaking and Brussels: 12 groups by 2011, two more after the new prisons opened.
        story("lantin", d(2006, 11, 20), None, None, FULL, "Liège"),
        story("saint-gilles", d(2006, 12, 11), None, None, FULL, "Bruxelles"),
        story("mons", d(2007, 2, 5), None, None, MEDIUM, "Mons"),
        story("namur", d(2007, 9, 17), None, None, MOST, "Namur"),
        story("ittre", d(2007, 1, 22), Some(d(2015, 2, 9)), None, MEDIUM, "Nivelles"),
        story("andenne", d(2007, 3, 12), Some(d(2013, 3, 18)), None, MOST, "Namur"),
        story("forest", d(2007, 4, 16), Some(d(2016, 6, 13)), Some(d(2022, 11, 18)), MEDIUM, "Bruxelles"),
        story("huy", d(2007, 6, 4), Some(d(2013, 11, 25)), None, MOST, "Huy"),
        story("jamioulx", d(2008, 2, 11), Some(d(2015, 10, 19)), None, MEDIUM, "Charleroi"),
        story("tournai", d(2008, 5, 26), Some(d(2014, 6, 16)), None, MOST, "Tournai"),
        story("arlon", d(2008, 10, 6), Some(d(2012, 5, 21)), Some(d(2016, 1, 1)), SMALL, "Arlon"),
        story("nivelles", d(2009, 4, 20), Some(d(2016, 11, 14)), None, SMALL, "Nivelles"),
        story("marche-en-famenne", d(2014, 3, 10), Some(d(2016, 9, 26)), None, SMALL, "Marche"),
        story("leuze-en-hainaut", d(2015, 6, 1), Some(d(2016, 12, 5)), None, SMALL, "Tournai"),
        // Dutch-speaking: three still meet, three stopped.
        story("brugge", d(2006, 10, 16), None, None, FULL, "Brugge"),
        story("gent", d(2007, 5, 21), None, None, MEDIUM, "Gent"),
        story("hasselt", d(2007, 11, 5), None, None, MOST, "Hasselt"),
        story("antwerpen", d(2008, 1, 14), Some(d(2014, 10, 6)), None, MEDIUM, "Antwerpen"),
        story("leuven-centraal", d(2008, 4, 7), Some(d(2016, 2, 22)), None, SMALL, "Leuven"),
        story("merksplas", d(2009, 9, 7), Some(d(2013, 5, 13)), None, SMALL, "Turnhout"),
    ]
}

/// The people the story names, created before the local groups.
struct Cast {
    coordinator_fr: PersonId,
    coordinator_nl: PersonId,
    /// The central group's prison director who runs Ittre and the one who runs Gent.
    director_ittre: PersonId,
    director_gent: PersonId,
}

/// The demo store as of `today`: the story of the seeds, with fictitious people.
pub fn demo_dataset(today: NaiveDate) -> Dataset {
    let data = Dataset::initial(reference_establishments());
    let next = data.next_id();
    let mut b = Builder { data, next };
    let cast = central_group(&mut b);
    local_groups(&mut b, &cast, today);
    projects(&mut b, today);
    training(&mut b, today);
    concertation(&mut b, today);
    b.data
}

const CENTRAL: GroupId = 1;

fn central_group(b: &mut Builder) -> Cast {
    use Qualification::*;
    let justice = "SPF Justice – DG Exécution des peines et mesures";
    let justitie = "FOD Justitie – DG Uitvoering van straffen en maatregelen";
    let health = "SPF Justice – Service Soins de santé prison";
    if let Some(g) = b.data.groups.get_mut(&CENTRAL) {
        g.created = Some(circular_date());
    }

    let dg1 = b.person("Paul Modèle", "Director-General (until 2014)", justice, &[]);
    let dg2 = b.person("Ann Voorbeeld", "Director-General", justitie, &[]);
    b.member(dg1, CENTRAL, "director_general", circular_date(), Some(d(2014, 12, 31)));
    b.member(dg2, CENTRAL, "director_general", d(2015, 1, 1), None);

    // The health-care service was led by a doctor, then by an administrator.
    let med1 = b.person("Dr. Anne Exemple", "chief medical officer (until 2015)", health, &[Physician]);
    let med2 =
        b.person("Bernard Factice", "administrator, head of the prison health-care service", health, &[]);
    b.member(med1, CENTRAL, "medical_director", circular_date(), Some(d(2015, 1, 31)));
    b.member(med2, CENTRAL, "medical_director", d(2015, 2, 1), None);

    // The chair was a regional director who resigned from the group in 2011.
    let chair = b.person("Jacques Imaginaire", "regional director (French-speaking prisons)", justice, &[]);
    b.member(chair, CENTRAL, "regional_director", circular_date(), Some(d(2011, 3, 31)));
    b.member(chair, CENTRAL, CHAIR, circular_date(), Some(d(2011, 3, 31)));
    let regional_nl =
        b.person("Katrien Denkbeeld", "regional director (Dutch-speaking prisons)", justitie, &[]);
    b.member(regional_nl, CENTRAL, "regional_director", d(2006, 9, 1), None);

    let director_ittre =
        b.person("Marc Supposé", "prison director, Ittre", "SPF Justice – prison d'Ittre", &[PrisonDirector]);
    b.member(director_ittre, CENTRAL, "prison_director", d(2006, 9, 1), Some(d(2013, 6, 30)));
    let director_gent = b.person(
        "Hilde Schets",
        "prison director, Gent",
        "FOD Justitie – gevangenis Gent",
        &[PrisonDirector],
    );
    b.member(director_gent, CENTRAL, "prison_director", d(2007, 1, 15), None);

    let coordinator_fr = b.person(
        "Marie Fictif",
        "drug-policy coordinator (French-speaking prisons); principal director of Lantin since 2012",
        justice,
        &[PrisonDirector, Psychologist],
    );
    let coordinator_nl = b.person(
        "Piet Verzonnen",
        "drugcoördinator (Dutch-speaking prisons); principal director of Brugge since 2012",
        justitie,
        &[PrisonDirector, SocialWorker],
    );
    b.member(coordinator_fr, CENTRAL, crate::domain::group::COORDINATOR_FR, d(2006, 9, 1), None);
    b.member(coordinator_nl, CENTRAL, crate::domain::group::COORDINATOR_NL, d(2006, 9, 1), None);

    // Two prison doctors were appointed; one left in 2012 and was never replaced.
    let doc1 = b.person("Dr. Luc Maquette", "prison doctor, Saint-Gilles", health, &[Physician]);
    let doc2 = b.person(
        "Dr. Griet Proef",
        "gevangenisarts, Leuven-Centraal",
        "FOD Justitie – Gezondheidszorg gevangenissen",
        &[Physician],
    );
    b.member(doc1, CENTRAL, "prison_doctor", d(2007, 1, 15), None);
    b.member(doc2, CENTRAL, "prison_doctor", d(2007, 1, 15), Some(d(2012, 12, 31)));

    let sps =
        b.person("Nadia Exemplaire", "psychologist, central psychosocial service", justice, &[Psychologist]);
    b.member(sps, CENTRAL, "psychosocial_central", d(2006, 10, 1), None);
    let rj = b.person("Tom Namaak", "restorative-justice coordinator", justitie, &[RestorativeJustice]);
    b.member(rj, CENTRAL, "restorative_justice_coordinator", d(2006, 10, 1), Some(d(2010, 6, 30)));
    let public_health = b.person(
        "Claire Inventée",
        "policy adviser, drugs unit",
        "SPF Santé publique (fictitious unit)",
        &[],
    );
    b.member(public_health, CENTRAL, "public_health", d(2006, 10, 1), None);
    // The Flemish welfare administration never named anyone.
    let police =
        b.person("Alain Témoin", "commissioner, drugs liaison", "Police fédérale (fictitious unit)", &[]);
    b.member(police, CENTRAL, "federal_police", d(2007, 2, 1), None);

    let meetings = [
        (d(2006, 10, 12), "Installation of the central group; inventory of local projects"),
        (d(2007, 1, 25), "Action plan for the Minister"),
        (d(2007, 5, 10), "Entry controls: plan with the police"),
        (d(2007, 10, 4), "Local groups: state of play"),
        (d(2008, 2, 14), "Training plan for prison officers"),
        (d(2008, 6, 12), "Help for drug users: plan with the Communities and Regions"),
        (d(2008, 11, 20), "Local projects with a fundamental element"),
        (d(2009, 3, 19), "Prior authorisations"),
        (d(2009, 9, 24), "Evaluation of the drug-free unit"),
        (d(2010, 1, 21), "Local groups: state of play"),
        (d(2010, 6, 17), "Prior authorisations"),
        (d(2010, 11, 18), "Annual report"),
        (d(2011, 2, 15), "Last meeting before the chair resigned"),
    ];
    for (date, notes) in meetings {
        b.meeting(CENTRAL, date, notes);
    }
    Cast { coordinator_fr, coordinator_nl, director_ittre, director_gent }
}

fn local_groups(b: &mut Builder, cast: &Cast, today: NaiveDate) {
    use Qualification::*;
    let stories = local_stories();
    let story_ids: Vec<&str> = stories.iter().map(|s| s.establishment).collect();
    // Establishments that never had a local group: no group at all.
    b.data.groups.retain(|_, g| {
        g.kind == GroupKind::Central || g.establishment.as_deref().is_some_and(|e| story_ids.contains(&e))
    });

    let mut fr_k = 0;
    let mut nl_k = 0;
    for s in &stories {
        let Some(est) = b.data.establishments.get(s.establishment).cloned() else { continue };
        let dutch = est.region == Region::Flanders;
        let group = b.local_group(s.establishment);
        if let Some(g) = b.data.groups.get_mut(&group) {
            g.created = Some(s.created);
            g.dissolved = s.dissolved;
        }
        let prison = if dutch {
            format!("FOD Justitie – gevangenis {}", est.name_nl)
        } else {
            format!("SPF Justice – prison {}", est.name_fr)
        };
        let sat =
            if dutch { format!("Drughulp Voorbeeld {}", s.city) } else { format!("SAT Exemple {}", s.city) };
        let platform = if dutch {
            format!("Regionaal drugoverleg Verzonnen {}", s.city)
        } else {
            format!("Plate-forme assuétudes Exemple {}", s.city)
        };
        let mut new_name = |prefix: &str| {
            let k = if dutch {
                nl_k += 1;
                nl_k
            } else {
                fr_k += 1;
                fr_k
            };
            format!("{prefix}{}", fictitious_name(dutch, k))
        };

        for (i, &seat) in s.seats.iter().enumerate() {
            let from = plus(s.created, 7 * i as u64);
            let nurse = seat == "doctor" && matches!(s.establishment, "huy" | "namur");
            let (prefix, function, organisation, quals): (&str, &str, &str, Vec<Qualification>) = match seat {
                "principal_director" => match s.establishment {
                    "ittre" | "gent" => {
                        ("", "deputy director, delegate of the director", &prison, vec![PrisonDirector])
                    }
                    _ => ("", "principal director", &prison, vec![PrisonDirector]),
                },
                "doctor" if nurse => ("", "head nurse (no prison doctor available)", &prison, vec![Nurse]),
                "doctor" => ("Dr. ", "prison doctor", &prison, vec![Physician]),
                "restorative_justice_adviser" => {
                    ("", "restorative-justice adviser", &prison, vec![RestorativeJustice])
                }
                "psychosocial" if i % 2 == 0 => {
                    ("", "social worker, psychosocial service", &prison, vec![SocialWorker])
                }
                "psychosocial" => ("", "psychologist, psychosocial service", &prison, vec![Psychologist]),
                "drug_help_service" => ("", "drug-help worker", &sat, vec![DrugHelpWorker, SocialWorker]),
                "drug_help_coordinator" => ("", "drug-help coordinator", &platform, vec![DrugHelpWorker]),
                _ => ("", "chief officer, manager of the prison officers", &prison, vec![]),
            };
            let person = {
                let name = new_name(prefix);
                b.person(&name, function, organisation, &quals)
            };

            // Ends of membership: the 2012 coordinators take over Lantin and Brugge, people
            // leave dormant groups without being replaced, and active groups see some turnover.
            let coordinator = match (seat, s.establishment) {
                ("principal_director", "lantin") => Some(cast.coordinator_fr),
                ("principal_director", "brugge") => Some(cast.coordinator_nl),
                _ => None,
            };
            let delegate_of = match (seat, s.establishment) {
                ("principal_director", "ittre") => Some(cast.director_ittre),
                ("principal_director", "gent") => Some(cast.director_gent),
                _ => None,
            };
            let until = if coordinator.is_some() {
                Some(d(2012, 8, 31))
            } else if let Some(last) = s.stopped {
                (i % 3 == 1).then(|| plus(last, 150 + 60 * i as u64))
            } else {
                (i % 4 == 2).then(|| plus(s.created, 6 * 365))
            };
            b.member_for(person, group, seat, from, until, delegate_of);
            if let Some(c) = coordinator {
                b.member(c, group, seat, d(2012, 9, 1), None);
            } else if s.stopped.is_none()
                && let Some(end) = until
            {
                let name = new_name(prefix);
                let successor = b.person(&name, function, organisation, &quals);
                b.member(successor, group, seat, plus(end, 1), None);
            }
        }

        // Meetings about every three months, until the group stopped or until a few days ago.
        let notes = if dutch {
            "Vergadering lokale stuurgroep drugs"
        } else {
            "Réunion du groupe de pilotage local drogue"
        };
        let end = s.stopped.unwrap_or_else(|| minus(today, 10));
        let mut date = plus(s.created, 45);
        let mut k = 0u64;
        while date < end {
            b.meeting(group, date, notes);
            k += 1;
            date = plus(date, 84 + (k * 13) % 21);
        }
        if let Some(last) = s.stopped {
            b.meeting(group, last, "Last meeting");
        }
    }
}

fn projects(b: &mut Builder, today: NaiveDate) {
    use FundamentalElement::*;
    use ProjectStep::*;
    b.project(
        "brugge",
        "Drugvrije afdeling (drug-free unit)",
        "Gevangenis Brugge with Drughulp Voorbeeld Brugge",
        vec![DrugFreeWing],
        vec![
            (Draft, d(2008, 6, 2)),
            (Submitted, d(2008, 11, 3)),
            (
                Authorised {
                    conditions: "Voluntary admission only; yearly evaluation report to the central group"
                        .into(),
                },
                d(2009, 3, 19),
            ),
        ],
    );
    b.project(
        "hasselt",
        "Voluntary urine-test contracts",
        "Gevangenis Hasselt, medical service",
        vec![UrineTests],
        vec![
            (Submitted, d(2010, 1, 18)),
            (
                Authorised {
                    conditions: "Tests only with written consent; results stay with the medical service"
                        .into(),
                },
                d(2010, 6, 17),
            ),
        ],
    );
    b.project(
        "jamioulx",
        "Systematic urine tests after prison leave",
        "Prison de Jamioulx, management",
        vec![UrineTests],
        vec![
            (Submitted, d(2009, 12, 7)),
            (
                Refused {
                    reason:
                        "Systematic testing without consent does not fit the care approach of the circular; \
                             may be resubmitted as a voluntary programme"
                            .into(),
                },
                d(2010, 6, 17),
            ),
        ],
    );
    b.project(
        "tournai",
        "Aile sans drogue (drug-free wing)",
        "Prison de Tournai with SAT Exemple Tournai",
        vec![DrugFreeWing],
        vec![(Submitted, d(2012, 5, 14)), (Withdrawn, d(2014, 9, 1))],
    );
    // Submitted before the last central meeting, never decided.
    b.project(
        "andenne",
        "Urine tests at the medical service's request",
        "Prison d'Andenne, medical service",
        vec![UrineTests],
        vec![(Submitted, d(2011, 1, 10))],
    );
    // Submitted after the central group stopped meeting: nobody can decide.
    b.project(
        "mons",
        "Urine tests within the drug-care pathway",
        "Prison de Mons with SAT Exemple Mons",
        vec![UrineTests],
        vec![(Submitted, d(2011, 6, 20))],
    );
    b.project(
        "hasselt",
        "Drug-safe section",
        "Gevangenis Hasselt with Drughulp Voorbeeld Hasselt",
        vec![DrugFreeWing, Other("searches with sniffer dogs at visits".into())],
        vec![(Submitted, d(2011, 9, 12))],
    );
    b.project(
        "lantin",
        "Aile sans drogue avec tests d'urine volontaires",
        "Prison de Lantin with SAT Exemple Liège",
        vec![DrugFreeWing, UrineTests],
        vec![(Draft, d(2012, 3, 5)), (Submitted, d(2012, 10, 15))],
    );
    // Authorised in 2015 by a central group that had had no chair since 2011: kept as it was
    // recorded, and said to be a decision the group could not take.
    b.project(
        "ittre",
        "Section sans drogue, régime de confiance",
        "Prison d'Ittre with SAT Exemple Ittre",
        vec![DrugFreeWing],
        vec![
            (Submitted, d(2014, 10, 6)),
            (Authorised { conditions: "recorded from a letter of the administration".into() }, d(2015, 3, 2)),
        ],
    );
    // Written in 2012 and never submitted: a draft with a fundamental element, said as such.
    b.project(
        "namur",
        "Tests d'urine à l'entrée de l'aile de soins",
        "Prison de Namur, service médical",
        vec![UrineTests],
        vec![(Draft, d(2012, 9, 3))],
    );
    // Started without the central group's authorisation, which it never asked for.
    b.project(
        "merksplas",
        "Drugvrije leefgroep",
        "Gevangenis Merksplas with Drughulp Voorbeeld Merksplas",
        vec![DrugFreeWing],
        vec![(Draft, d(2015, 2, 2)), (Running, d(2016, 1, 11))],
    );
    b.project(
        "gent",
        "Second drug-free wing",
        "Gevangenis Gent with Drughulp Voorbeeld Gent",
        vec![DrugFreeWing],
        vec![(Submitted, d(2013, 5, 27))],
    );
    b.project(
        "saint-gilles",
        "Section sans drogue pour prévenus",
        "Prison de Saint-Gilles with SAT Exemple Bruxelles",
        vec![DrugFreeWing],
        vec![(Submitted, d(2014, 2, 3))],
    );
    b.project(
        "namur",
        "Tests d'urine pour la préparation des congés",
        "Prison de Namur, psychosocial service",
        vec![UrineTests],
        vec![(Submitted, d(2016, 1, 20))],
    );
    b.project(
        "saint-gilles",
        "Peer harm-reduction programme with voluntary urine tests",
        "SAT Exemple Bruxelles",
        vec![UrineTests],
        vec![(Draft, minus(today, 60))],
    );
    // Without a fundamental element: the local group decides on its own.
    b.project(
        "namur",
        "Information sessions on drugs and health",
        "SAT Exemple Namur",
        vec![],
        vec![(Submitted, d(2013, 9, 2))],
    );
}

fn training(b: &mut Builder, today: NaiveDate) {
    use Priority::*;
    use StaffGroup::*;
    let naloxone = "Naloxone and overdose first aid";
    let substances = "Recognising substances (synthetic cannabinoids, NPS)";
    let mi = "Motivational interviewing";
    let hcv = "Hepatitis C: screening and treatment";
    let harm = "Harm reduction in prison";

    let lantin_nal = b.need("lantin", PrisonOfficers, naloxone, 40, High, d(2016, 10, 3));
    b.session("lantin", naloxone, d(2017, 3, 14), "SAT Exemple Liège", 18, vec![lantin_nal]);
    b.session("lantin", naloxone, plus(today, 40), "SAT Exemple Liège", 20, vec![lantin_nal]);
    let lantin_hcv = b.need("lantin", Medical, hcv, 8, Medium, d(2015, 5, 11));
    b.session("lantin", hcv, d(2015, 11, 17), "Dr. Anne Exemple", 8, vec![lantin_hcv]);

    let mons_sub = b.need("mons", PrisonOfficers, substances, 30, Medium, d(2016, 2, 1));
    b.session(
        "mons",
        substances,
        d(2016, 9, 20),
        "Marie Fictif (drug-policy coordinator)",
        30,
        vec![mons_sub],
    );
    let mons_mi = b.need("mons", Psychosocial, mi, 10, Medium, d(2014, 4, 7));
    b.session("mons", mi, d(2014, 11, 4), "SAT Exemple Mons", 6, vec![mons_mi]);

    b.need("namur", PrisonOfficers, naloxone, 35, High, minus(today, 150));
    b.need("namur", Management, "Circular 1785 and the local steering group", 5, Low, d(2013, 1, 14));

    let sg_harm = b.need("saint-gilles", PrisonOfficers, harm, 60, High, d(2015, 9, 1));
    b.session("saint-gilles", harm, d(2016, 3, 8), "SAT Exemple Bruxelles", 25, vec![sg_harm]);
    b.session("saint-gilles", harm, d(2016, 10, 11), "SAT Exemple Bruxelles", 20, vec![sg_harm]);
    b.need("saint-gilles", Medical, "Opioid substitution treatment", 12, High, d(2017, 1, 9));
    b.need("saint-gilles", Psychosocial, mi, 15, Medium, d(2017, 2, 6));

    b.need("jamioulx", PrisonOfficers, substances, 35, Medium, d(2014, 3, 10));
    b.need("tournai", Psychosocial, hcv, 8, Low, d(2013, 6, 3));

    let brugge_dfu =
        b.need("brugge", PrisonOfficers, "Working on a drug-free unit", 25, High, d(2008, 10, 6));
    b.session(
        "brugge",
        "Working on a drug-free unit",
        d(2009, 2, 10),
        "Piet Verzonnen (drugcoördinator)",
        25,
        vec![brugge_dfu],
    );
    let brugge_mi = b.need("brugge", Psychosocial, mi, 10, Medium, d(2013, 9, 16));
    b.session("brugge", mi, d(2014, 3, 18), "Drughulp Voorbeeld Brugge", 10, vec![brugge_mi]);

    b.need("gent", PrisonOfficers, naloxone, 50, High, minus(today, 60));
    b.need("hasselt", Management, "Running a drug-safe section", 5, Medium, d(2016, 5, 2));
    b.need("hasselt", Medical, hcv, 6, High, d(2017, 4, 3));
    b.need("antwerpen", PrisonOfficers, substances, 45, Medium, d(2012, 11, 5));
}

/// The Brussels concertation (CAPB) of eight fictitious drug-help services: a letter carried by
/// proxies, an interview refused by a tie and still waiting, minutes released by a decision,
/// a member without a representative, and a meeting whose minutes are not written yet.
fn concertation(b: &mut Builder, today: NaiveDate) {
    use crate::domain::concertation::{ActionField::*, *};
    type Member<'a> = (&'a str, &'a [ActionField], NaiveDate, Option<NaiveDate>, Option<&'a str>);
    let services: [Member; 8] = [
        ("Centre Exemple", &[Health, HarmReduction], d(2012, 1, 1), None, Some("Sophie Exemple")),
        ("Maison Fictive", &[Housing], d(2012, 1, 1), None, Some("Luc Fictif")),
        ("Info-Exemple", &[Information, Prevention], d(2012, 1, 1), None, Some("Nadia Supposée")),
        ("Projet Imaginaire", &[Health], d(2012, 1, 1), None, Some("Tom Imaginaire")),
        ("Réduction Exemple", &[HarmReduction], d(2012, 1, 1), None, Some("Inès Modèle")),
        ("Prévention Fictive", &[Prevention], d(2012, 1, 1), None, None),
        ("Accueil Supposé", &[Housing, Health], d(2015, 1, 1), None, Some("Omar Fictif")),
        ("Liaison Exemple", &[Other], d(2012, 1, 1), Some(d(2016, 12, 31)), Some("Eva Exemple")),
    ];
    let mut ids = Vec::new();
    for (name, fields, joined, left, representative) in services {
        let id = b.id();
        let representatives = representative
            .map(|r| {
                let person = b.person(r, "SAT worker, concertation representative", name, &[]);
                vec![Representative { person, from: joined, until: left }]
            })
            .unwrap_or_default();
        let service =
            Service { id, name: name.into(), fields: fields.to_vec(), joined, left, representatives };
        b.data.services.insert(id, service);
        ids.push(id);
    }
    let [centre, maison, info, projet, reduction, prevention, accueil, liaison] =
        <[u64; 8]>::try_from(ids).unwrap_or_default();
    let meeting =
        |b: &mut Builder, date, present: &[u64], proxies: &[(u64, u64)], agenda: &str, minutes: &str| {
            let id = b.id();
            let attendance = present
                .iter()
                .map(|s| Attendance {
                    service: *s,
                    person: b.data.services.get(s).and_then(|x| x.representative_on(date)),
                })
                .collect();
            let proxies =
                proxies.iter().map(|(giver, holder)| Proxy { giver: *giver, holder: *holder }).collect();
            let m = CapbMeeting {
                id,
                date,
                agenda: agenda.into(),
                minutes: minutes.into(),
                attendance,
                proxies,
                minutes_released_by: None,
            };
            b.data.capb_meetings.insert(id, m);
            id
        };
    let motion = |b: &mut Builder, meeting: u64, text: &str, votes: &[(u64, Vote)]| {
        let id = b.id();
        let ballots = votes.iter().map(|(service, vote)| Ballot { service: *service, vote: *vote }).collect();
        b.data.motions.insert(id, Motion { id, meeting, text: text.into(), ballots, releases: Vec::new() });
        id
    };
    use Vote::*;
    let all = [centre, maison, info, projet, reduction, prevention, liaison];
    let m1 = meeting(
        b,
        d(2014, 3, 11),
        &all,
        &[],
        "Drug use in the Brussels prisons: what the services see",
        "Each service described its work in Saint-Gilles, Forest and Berkendael.",
    );
    let article = motion(
        b,
        m1,
        "Write a joint article on drug use and detention in Brussels",
        &[
            (centre, For),
            (maison, For),
            (info, For),
            (projet, For),
            (reduction, Against),
            (prevention, Abstain),
            (liaison, For),
        ],
    );
    let present = [centre, info, reduction, prevention, accueil, liaison];
    let m2 = meeting(
        b,
        d(2015, 6, 9),
        &present,
        &[(maison, centre), (projet, info)],
        "Substitution treatment after release; the minutes of March 2014",
        "The letter was discussed point by point.",
    );
    // Carried by the two proxies: without them, two for and three against.
    let letter = motion(
        b,
        m2,
        "Send the letter on substitution treatment to the ministers of health and justice",
        &[
            (centre, For),
            (maison, For),
            (info, Against),
            (projet, For),
            (reduction, Against),
            (prevention, Against),
            (accueil, Abstain),
            (liaison, For),
        ],
    );
    let release = motion(
        b,
        m2,
        "Release the minutes of 11 March 2014 to FEDITO BXL",
        &[
            (centre, For),
            (maison, For),
            (info, For),
            (projet, For),
            (reduction, For),
            (prevention, For),
            (accueil, For),
            (liaison, Abstain),
        ],
    );
    if let Some(m) = b.data.capb_meetings.get_mut(&m1) {
        m.minutes_released_by = Some(release);
    }
    let m3 = meeting(
        b,
        d(2016, 11, 8),
        &[centre, maison, info, reduction, prevention, accueil],
        &[],
        "Harm-reduction kits in prison: speaking to the press?",
        "Opinions were divided; the question comes back when the kits are evaluated.",
    );
    let interview = motion(
        b,
        m3,
        "Give an interview to the press on harm-reduction kits in prison",
        &[
            (centre, For),
            (maison, Against),
            (info, For),
            (reduction, For),
            (prevention, Against),
            (accueil, Against),
        ],
    );
    // The members' own rules: from 2015 a member may hold two proxies; in 2017 they went back
    // to one, with a quorum of half the members and a majority of those present.
    let rules = |b: &mut Builder, from, cap, quorum, majority, note: &str| {
        let id = b.id();
        let r = CapbRules { id, from, proxy_cap: cap, quorum_percent: quorum, majority, note: note.into() };
        b.data.capb_rules.insert(id, r);
    };
    rules(
        b,
        d(2015, 1, 13),
        Some(2),
        None,
        None,
        "Decided on 13/01/2015: a member present may hold two proxies.",
    );
    rules(
        b,
        d(2017, 1, 10),
        Some(1),
        Some(50),
        Some(MajorityBase::MembersPresent),
        "Decided on 10/01/2017: one proxy each; half the members present or represented; a majority of them.",
    );
    // Void: Centre Exemple held two proxies where the members' rule allowed one.
    let m4 = meeting(
        b,
        d(2017, 3, 14),
        &[centre, info, projet, accueil],
        &[(maison, centre), (reduction, centre)],
        "A room in each Brussels prison for the services' consultations",
        "The request to the prison directors was drafted.",
    );
    motion(
        b,
        m4,
        "Ask each Brussels prison for a room where the services can see detainees",
        &[(centre, For), (maison, For), (reduction, For), (info, Against), (projet, For), (accueil, Against)],
    );
    // The latest meeting: its minutes are still to be written.
    meeting(
        b,
        minus(today, 20),
        &[centre, info, projet, accueil],
        &[],
        "Naloxone on release from prison",
        "",
    );
    let production =
        |b: &mut Builder, title: &str, kind, drafted, decision, out: Option<(NaiveDate, &str)>| {
            let id = b.id();
            let disseminated = out.map(|(date, to)| Dissemination { date, to: to.into() });
            b.data
                .productions
                .insert(id, Production { id, title: title.into(), kind, drafted, decision, disseminated });
            id
        };
    let ministers = "the ministers of health and of justice";
    let letter_out = production(
        b,
        "Letter on substitution treatment after release",
        ProductionKind::Interpellation,
        d(2015, 5, 4),
        Some(letter),
        Some((d(2015, 7, 1), ministers)),
    );
    let article_text = production(
        b,
        "Drug use and detention in Brussels",
        ProductionKind::Article,
        d(2014, 2, 3),
        Some(article),
        None,
    );
    let interview_text = production(
        b,
        "Interview: harm-reduction kits in prison",
        ProductionKind::Intervention,
        d(2016, 10, 3),
        Some(interview),
        None,
    );
    // Refused: it went out under a decision that released the minutes of 2014, not this note
    // (`check` lists it until the members decide on it).
    production(
        b,
        "Note on naloxone at release",
        ProductionKind::Text,
        minus(today, 40),
        Some(release),
        Some((minus(today, 10), "FEDITO BXL")),
    );
    // Each decision names what it releases, and to whom.
    let mut name = |motion: u64, object, to| {
        if let Some(m) = b.data.motions.get_mut(&motion) {
            m.releases.push(Release { object, to });
        }
    };
    name(article, Released::Production(article_text), Recipients::Public);
    name(letter, Released::Production(letter_out), Recipients::Named(vec![ministers.into()]));
    name(release, Released::Minutes(m1), Recipients::Named(vec!["FEDITO BXL".into()]));
    name(interview, Released::Production(interview_text), Recipients::Named(vec!["the press".into()]));
}

const TOPICS: [&str; 6] = [
    "Naloxone and overdose first aid",
    "Recognising substances",
    "Motivational interviewing",
    "Harm reduction in prison",
    "Hepatitis C",
    "Opioid substitution treatment",
];

/// A store of about `target_records` records with the proportions of the real thing: many
/// fictitious establishments (copies of the reference ones, `lantin-0042` "Lantin 42"), a
/// local group each with 8-12 memberships and about 20 meetings, a few projects, training
/// needs and sessions, and people about two thirds as many as memberships. Deterministic.
pub fn generated_dataset(target_records: usize) -> Dataset {
    let end = d(2026, 11, 23);
    let refs = reference_establishments();
    let mut data = Dataset::initial(Vec::new());
    let mut next = data.next_id();
    let mut id = || {
        let i = next;
        next += 1;
        i
    };
    // Seeded: benchmarks must see the same store every run.
    let mut rng = fastrand::Rng::with_seed(0x9E37_79B9_7F4A_7C15);
    let seats: Vec<String> = data
        .templates
        .values()
        .find(|t| t.kind == GroupKind::Local)
        .map(|t| t.seats.iter().map(|s| s.key.clone()).collect())
        .unwrap_or_default();
    if refs.is_empty() || seats.is_empty() {
        return data;
    }
    let mut name_k = 0usize;
    let mut i = 0usize;
    while data.record_count() < target_records {
        let base = &refs[i % refs.len()];
        let copy = i / refs.len() + 1;
        i += 1;
        let est_id: EstablishmentId = format!("{}-{copy:04}", base.id);
        let mut est = base.clone();
        est.id = est_id.clone();
        est.name_fr = format!("{} {copy}", base.name_fr);
        est.name_nl = format!("{} {copy}", base.name_nl);
        let dutch = est.region == Region::Flanders;
        let start = est.opened.map_or(circular_date(), |o| o.max(circular_date()));
        let created = plus(start, rng.u64(30..=900)).min(end);
        let dissolved = est.closed;
        let live_until = dissolved.unwrap_or(end).min(end);
        data.establishments.insert(est_id.clone(), est);

        let group = id();
        data.groups.insert(
            group,
            Group {
                id: group,
                kind: GroupKind::Local,
                establishment: Some(est_id.clone()),
                created: Some(created),
                dissolved,
            },
        );

        let n_members = rng.u64(8..=12) as usize;
        let n_people = (2 * n_members).div_ceil(3);
        let mut people = Vec::with_capacity(n_people);
        for p in 0..n_people {
            let pid = id();
            let seat = seats[p % seats.len()].as_str();
            let qualifications = match seat {
                "doctor" if rng.u8(0..100) < 85 => vec![Qualification::Physician],
                "doctor" => vec![Qualification::Nurse],
                "principal_director" => vec![Qualification::PrisonDirector],
                "psychosocial" => vec![Qualification::Psychologist],
                "restorative_justice_adviser" => vec![Qualification::RestorativeJustice],
                "drug_help_service" | "drug_help_coordinator" => vec![Qualification::DrugHelpWorker],
                _ => vec![],
            };
            name_k += 1;
            data.people.insert(
                pid,
                Person {
                    id: pid,
                    name: fictitious_name(dutch, name_k),
                    function: seat.replace('_', " "),
                    organisation: format!("{} {copy}", if dutch { "Gevangenis" } else { "Prison" }),
                    qualifications,
                    contact: format!("person{pid}@example.invalid"),
                },
            );
            people.push(pid);
        }
        for j in 0..n_members {
            let seat = if j < seats.len() {
                seats[j].clone()
            } else if j % 2 == 0 {
                "drug_help_service".to_string()
            } else {
                "drug_help_coordinator".to_string()
            };
            let from = plus(created, rng.u64(0..=200));
            let until = (rng.u8(0..100) < 25).then(|| plus(from, rng.u64(200..=3000)));
            let mid = id();
            data.memberships.insert(
                mid,
                Membership {
                    id: mid,
                    person: people[j % n_people],
                    group,
                    seat,
                    from,
                    until,
                    delegate_of: None,
                },
            );
        }

        let n_meetings = rng.u64(15..=25);
        let last = if rng.u8(0..100) < 40 {
            minus(live_until, rng.u64(5..=60))
        } else {
            plus(created, rng.u64(700..=3500)).min(live_until)
        }
        .max(created);
        let span = (last - created).num_days().max(0) as u64;
        for k in 0..n_meetings {
            let date = plus(created, span * k / (n_meetings - 1));
            let first = rng.u64(0..=n_people as u64 - 1) as usize;
            let count = rng.u64(3..=6) as usize;
            let attendees = (0..count.min(n_people)).map(|a| people[(first + a) % n_people]).collect();
            let mid = id();
            data.meetings.insert(
                mid,
                Meeting { id: mid, group, date, attendees, notes: "Local group meeting".into() },
            );
        }

        for _ in 0..rng.u64(1..=3) {
            let pid = id();
            let elements = match rng.u64(0..=9) {
                0 => vec![],
                1..=4 => vec![FundamentalElement::UrineTests],
                5..=7 => vec![FundamentalElement::DrugFreeWing],
                _ => vec![FundamentalElement::DrugFreeWing, FundamentalElement::UrineTests],
            };
            let submitted = plus(created, rng.u64(60..=4000)).min(live_until);
            let decided = plus(submitted, rng.u64(30..=400));
            let mut p = Project {
                id: pid,
                establishment: est_id.clone(),
                title: format!("Local project {pid}"),
                promoter: format!("SAT Exemple {copy}"),
                elements,
                history: Vec::new(),
            };
            let _ = match rng.u64(0..=9) {
                0 => p.record(ProjectStep::Draft, submitted),
                1 | 2 => p.record(ProjectStep::Submitted, submitted).and_then(|()| {
                    p.record(ProjectStep::Authorised { conditions: "Yearly evaluation".into() }, decided)
                }),
                3 => p.record(ProjectStep::Submitted, submitted).and_then(|()| {
                    p.record(
                        ProjectStep::Refused { reason: "Not compatible with the circular".into() },
                        decided,
                    )
                }),
                4 => p
                    .record(ProjectStep::Submitted, submitted)
                    .and_then(|()| p.record(ProjectStep::Withdrawn, decided)),
                _ => p.record(ProjectStep::Submitted, submitted),
            };
            data.projects.insert(pid, p);
        }

        let mut needs = Vec::new();
        for _ in 0..rng.u64(2..=4) {
            let nid = id();
            let raised_on = plus(created, rng.u64(0..=5000)).min(live_until);
            data.needs.insert(
                nid,
                TrainingNeed {
                    id: nid,
                    establishment: est_id.clone(),
                    staff_group: StaffGroup::ALL[rng.u64(0..=3) as usize],
                    topic: TOPICS[rng.usize(0..TOPICS.len())].into(),
                    headcount: rng.u64(5..=60) as u32,
                    priority: Priority::ALL[rng.u64(0..=2) as usize],
                    raised_on,
                },
            );
            needs.push((nid, raised_on));
        }
        for _ in 0..rng.u64(1..=3) {
            let sid = id();
            let (need, raised_on) = needs[rng.usize(0..needs.len())];
            let topic = data.needs.get(&need).map(|n| n.topic.clone()).unwrap_or_default();
            data.sessions.insert(
                sid,
                TrainingSession {
                    id: sid,
                    establishment: est_id.clone(),
                    topic,
                    date: plus(raised_on, rng.u64(30..=700)),
                    trainer: format!("SAT Exemple {copy}"),
                    participants: rng.u64(5..=40) as u32,
                    covers: vec![need],
                },
            );
        }
    }
    generated_concertation(&mut data, target_records / 200, &mut id, &mut rng);
    data
}

/// About `records` records of a concertation (CAPB) for benchmarks: forty member services at
/// most, each represented by someone already in the store; meetings with most members
/// present, a proxy now and then, two motions each with every member's ballot; a production
/// for every fourth meeting, decided by one of its motions.
fn generated_concertation(
    data: &mut Dataset,
    records: usize,
    id: &mut impl FnMut() -> u64,
    rng: &mut fastrand::Rng,
) {
    use crate::domain::concertation::*;
    let people: Vec<PersonId> = data.people.keys().copied().take(40).collect();
    let services = (records / 12).clamp(3, 40).min(people.len());
    if services < 3 {
        return;
    }
    let mut members = Vec::with_capacity(services);
    for (k, person) in people.iter().take(services).enumerate() {
        let sid = id();
        let from = d(2010, 1, 1);
        let representatives = vec![Representative { person: *person, from, until: None }];
        let fields = vec![ActionField::ALL[k % ActionField::ALL.len()]];
        let service = Service {
            id: sid,
            name: format!("SAT Exemple {k}"),
            fields,
            joined: from,
            left: None,
            representatives,
        };
        data.services.insert(sid, service);
        members.push(sid);
    }
    let meetings = records.saturating_sub(services) * 4 / 13;
    for k in 0..meetings {
        let mid = id();
        let date = plus(d(2010, 2, 1), (k as u64 * 5000 / meetings.max(1) as u64).min(6000));
        let present: Vec<u64> = members.iter().copied().filter(|_| rng.u8(0..100) < 80).collect();
        let absent: Vec<u64> = members.iter().copied().filter(|m| !present.contains(m)).collect();
        let proxies = match (absent.first(), present.first()) {
            (Some(giver), Some(holder)) if rng.bool() => vec![Proxy { giver: *giver, holder: *holder }],
            _ => Vec::new(),
        };
        let attendance = present.iter().map(|s| Attendance { service: *s, person: None }).collect();
        let minutes = if rng.u8(0..100) < 90 { "Minutes.".to_string() } else { String::new() };
        let m = CapbMeeting {
            id: mid,
            date,
            agenda: "Agenda".into(),
            minutes,
            attendance,
            proxies,
            minutes_released_by: None,
        };
        data.capb_meetings.insert(mid, m);
        let mut motion = 0;
        for _ in 0..2 {
            let vid = id();
            let ballots = present
                .iter()
                .map(|s| Ballot { service: *s, vote: Vote::ALL[rng.u64(0..=2) as usize] })
                .collect();
            data.motions.insert(
                vid,
                Motion {
                    id: vid,
                    meeting: mid,
                    text: format!("Motion {vid}"),
                    ballots,
                    releases: Vec::new(),
                },
            );
            motion = vid;
        }
        if k % 4 == 0 {
            let pid = id();
            let p = Production {
                id: pid,
                title: format!("Production {pid}"),
                kind: ProductionKind::ALL[k % ProductionKind::ALL.len()],
                drafted: date,
                decision: Some(motion),
                disseminated: None,
            };
            data.productions.insert(pid, p);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::LanguageRegime;
    use crate::domain::rules::{Activity, Blocker, GapKind, Situation};
    use crate::domain::training::NeedStatus;

    fn today() -> NaiveDate {
        d(2026, 11, 23)
    }

    /// Todays the demo must hold for: the app's default, the earliest supported, around
    /// Forest's closing, and well after.
    fn todays() -> [NaiveDate; 5] {
        [d(2018, 1, 1), d(2020, 6, 15), d(2022, 11, 18), today(), d(2031, 2, 28)]
    }

    #[test]
    fn demo_is_sound_and_deterministic_for_any_today() {
        for t in todays() {
            let data = demo_dataset(t);
            assert_eq!(data.violations(), vec![], "as of {t}");
            assert_eq!(data, demo_dataset(t));
            for p in data.people.values() {
                assert!(p.contact.ends_with("@example.invalid"), "{}", p.contact);
            }
        }
    }

    #[test]
    fn central_group_has_no_chair_since_2011() {
        for t in todays() {
            let data = demo_dataset(t);
            let s = Situation::compute(&data, t);
            let chair = s.gaps.iter().find(|g| g.group == CENTRAL && g.seat == CHAIR).expect("chair gap");
            assert_eq!((chair.kind.clone(), chair.since), (GapKind::Empty, d(2011, 4, 1)), "as of {t}");
            let doctors = s.gaps.iter().find(|g| g.group == CENTRAL && g.seat == "prison_doctor").unwrap();
            assert_eq!((doctors.kind.clone(), doctors.since), (GapKind::Short { missing: 1 }, d(2013, 1, 1)));
        }
    }

    #[test]
    fn medical_director_is_no_longer_a_doctor() {
        let data = demo_dataset(today());
        let s = Situation::compute(&data, today());
        let med = s.gaps.iter().find(|g| g.group == CENTRAL && g.seat == "medical_director").unwrap();
        assert!(matches!(med.kind, GapKind::Unqualified { .. }));
        assert_eq!(med.since, d(2015, 2, 1));
    }

    #[test]
    fn central_group_dormant_since_its_last_meeting_in_2011() {
        let data = demo_dataset(today());
        let s = Situation::compute(&data, today());
        assert_eq!(s.central_activity, Activity::Dormant { last: Some(d(2011, 2, 15)) });
        // While it met it was active.
        let past = Situation::compute(&data, d(2010, 12, 1));
        assert!(matches!(past.central_activity, Activity::Active { .. }));
    }

    #[test]
    fn the_two_coordinators_hold_two_heavy_roles_since_2012() {
        for t in todays() {
            let data = demo_dataset(t);
            let s = Situation::compute(&data, t);
            let names: Vec<&str> = s.overloads.iter().map(|o| data.people[&o.person].name.as_str()).collect();
            assert_eq!(names, vec!["Marie Fictif", "Piet Verzonnen"], "as of {t}");
            assert!(s.overloads.iter().all(|o| o.heavy_roles() && o.jobs == 2));
        }
        let data = demo_dataset(today());
        assert!(Situation::compute(&data, d(2012, 8, 31)).overloads.is_empty());
        assert_eq!(Situation::compute(&data, d(2012, 9, 1)).overloads.len(), 2);
    }

    #[test]
    fn only_a_few_french_speaking_groups_still_meet() {
        for t in todays() {
            let data = demo_dataset(t);
            let s = Situation::compute(&data, t);
            let french: Vec<_> = s
                .prisons
                .iter()
                .filter(|p| data.establishments[&p.establishment].language != LanguageRegime::Dutch)
                .collect();
            let active: Vec<&str> = french
                .iter()
                .filter(|p| matches!(p.activity, Activity::Active { .. }))
                .map(|p| p.establishment.as_str())
                .collect();
            let dormant = french.iter().filter(|p| p.activity.is_dormant()).count();
            assert!((3..=5).contains(&active.len()), "as of {t}: {active:?}");
            assert!(dormant >= 6, "as of {t}: {dormant} dormant");
            assert!(french.iter().any(|p| p.activity == Activity::NoGroup));
            let flemish_active = s
                .prisons
                .iter()
                .filter(|p| data.establishments[&p.establishment].language == LanguageRegime::Dutch)
                .filter(|p| matches!(p.activity, Activity::Active { .. }))
                .count();
            assert!(flemish_active >= 2);
        }
        // In 2011, 12 French-speaking/Brussels establishments had a group.
        let data = demo_dataset(today());
        let s = Situation::compute(&data, d(2011, 6, 1));
        let with_group = s
            .prisons
            .iter()
            .filter(|p| data.establishments[&p.establishment].language != LanguageRegime::Dutch)
            .filter(|p| p.group.is_some())
            .count();
        assert_eq!(with_group, 12);
    }

    #[test]
    fn projects_wait_for_years_because_nobody_chairs() {
        let data = demo_dataset(today());
        let s = Situation::compute(&data, today());
        let stuck = s
            .pending
            .iter()
            .filter(|p| p.days > 5 * 365)
            .filter(|p| p.blockers.contains(&Blocker::NoChair { since: Some(d(2011, 4, 1)) }))
            .count();
        assert!(stuck >= 3, "{stuck}");
        let steps: Vec<&ProjectStep> =
            data.projects.values().filter_map(|p| p.history.last()).map(|e| &e.step).collect();
        assert!(steps.iter().any(|s| matches!(s, ProjectStep::Authorised { .. })));
        assert!(steps.iter().any(|s| matches!(s, ProjectStep::Refused { .. })));
        assert!(steps.iter().any(|s| matches!(s, ProjectStep::Withdrawn)));
        assert!(steps.iter().any(|s| matches!(s, ProjectStep::Draft)));
        assert!(data.projects.values().any(|p| !p.needs_authorisation()));
        let early = Situation::compute(&data, d(2018, 1, 1));
        assert!(early.pending.iter().filter(|p| p.days > 5 * 365).count() >= 3);
    }

    #[test]
    fn training_needs_are_open_planned_and_delivered() {
        let data = demo_dataset(today());
        let s = Situation::compute(&data, today());
        let count = |status| s.needs.iter().filter(|n| n.status == status).count();
        assert!(count(NeedStatus::Open) >= 5);
        assert!(count(NeedStatus::Delivered) >= 1);
        assert_eq!(count(NeedStatus::Planned), 1);
        assert!(s.needs.iter().any(|n| n.status == NeedStatus::Open && n.coverage.trained > 0));
        assert_eq!(data.sessions.values().filter(|x| x.date > today()).count(), 1);
        let groups: std::collections::BTreeSet<_> = data.needs.values().map(|n| n.staff_group).collect();
        assert!(groups.len() >= 4);
    }

    #[test]
    fn generated_store_has_the_size_asked_and_is_sound() {
        for target in [20_000, 100_000] {
            let data = generated_dataset(target);
            let n = data.record_count();
            assert!(n.abs_diff(target) <= target / 10, "{n} records for {target}");
            assert_eq!(data.violations(), vec![]);
            let per_group = data.memberships.len() as f64 / (data.groups.len() - 1) as f64;
            assert!((8.0..=12.0).contains(&per_group), "{per_group}");
            let ratio = data.memberships.len() as f64 / data.people.len() as f64;
            assert!((1.3..=1.7).contains(&ratio), "{ratio}");
        }
        assert_eq!(generated_dataset(5_000), generated_dataset(5_000));
        assert!(generated_dataset(100_000).establishments.contains_key("lantin-0042"));
    }
}
