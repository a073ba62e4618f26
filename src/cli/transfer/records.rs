//! Rows into records: each cell checked by its column (from [`super::columns`]), every refusal
//! naming the column and saying what is wrong.

use crate::domain::establishment::Coverage;
use crate::domain::{
    Establishment, EstablishmentKind, FundamentalElement, Group, GroupKind, LanguageRegime, Meeting,
    Membership, Person, Priority, Project, ProjectStep, Qualification, Region, SeatRequirement, SeatTemplate,
    Settings, StaffGroup, Thresholds, TrainingNeed, TrainingSession,
};

use super::cells::{
    GROUP_KINDS, NAME_MAX, SLUG_MAX, STEP_CODES, check_text, group_kind_code, parse_code, shorten,
};
use super::columns::{
    EventRow, SeatRow, establishments as E, groups as G, meetings as MT, memberships as M, people as P,
    project_events as PE, projects as PR, settings as ST, template_seats as TS, templates as T,
    training_needs as N, training_sessions as S,
};
use super::columns::{
    capb_meetings as CM, capb_motions as CV, capb_productions as CP, capb_rules as CR, capb_services as CS,
};
use super::rows::Row;
use super::{TransferError, said};
use crate::domain::concertation::{
    ActionField, Attendance, Ballot, CapbMeeting, CapbRules, Dissemination, MajorityBase, Motion, Production,
    ProductionKind, Proxy, Recipients, Release, Released, Representative, Service, Vote,
};
use crate::i18n::Msg;

pub fn establishment(r: &Row) -> Result<Establishment, TransferError> {
    Ok(Establishment {
        id: r.line(E::ID.name, SLUG_MAX, true)?,
        name_fr: r.line(E::NAME_FR.name, NAME_MAX, true)?,
        name_nl: r.line(E::NAME_NL.name, NAME_MAX, true)?,
        town: r.line(E::TOWN.name, NAME_MAX, false)?,
        region: r.code(E::REGION.name, Msg::ImpWhatRegion, &Region::ALL, Region::code)?,
        language: r.code(
            E::LANGUAGE.name,
            Msg::ImpWhatLanguage,
            &LanguageRegime::ALL,
            LanguageRegime::code,
        )?,
        kind: r.code(
            E::KIND.name,
            Msg::ImpWhatEstablishmentKind,
            &EstablishmentKind::ALL,
            EstablishmentKind::code,
        )?,
        opened: r.opt_date(E::OPENED.name)?,
        closed: r.opt_date(E::CLOSED.name)?,
        note: r.note(E::NOTE.name)?,
        coverage: r.items(E::COVERAGE.name).iter().map(|i| coverage(r, i)).collect::<Result<_, _>>()?,
        coordinator: r.opt_code(
            E::COORDINATOR.name,
            Msg::ImpWhatCoordinator,
            &[LanguageRegime::French, LanguageRegime::Dutch],
            LanguageRegime::code,
        )?,
    })
}

/// One coverage decision, `yyyy-mm-dd:yes` or `:no` (a date `dd/mm/yyyy` too).
fn coverage(r: &Row, item: &str) -> Result<Coverage, TransferError> {
    let bad = || r.error(E::COVERAGE.name, said!(Msg::ImpBadCoverage, format!("{:?}", shorten(item))));
    let (date, covered) = item.rsplit_once(':').ok_or_else(bad)?;
    let from = crate::domain::date::parse_date(date.trim()).ok_or_else(bad)?;
    let covered = match covered.trim().to_lowercase().as_str() {
        "yes" | "oui" | "ja" | "true" => true,
        "no" | "non" | "nee" | "false" => false,
        _ => return Err(bad()),
    };
    Ok(Coverage { from, covered })
}

pub fn person(r: &Row) -> Result<Person, TransferError> {
    let column = P::QUALIFICATIONS.name;
    let qualifications = r
        .items(column)
        .iter()
        .map(|q| {
            parse_code(q, Msg::ImpWhatQualification, &Qualification::ALL, Qualification::code)
                .map_err(|e| r.error(column, e))
        })
        .collect::<Result<_, _>>()?;
    Ok(Person {
        id: r.id(P::ID.name)?,
        name: r.line(P::NAME.name, NAME_MAX, true)?,
        function: r.line(P::FUNCTION.name, NAME_MAX, false)?,
        organisation: r.line(P::ORGANISATION.name, NAME_MAX, false)?,
        qualifications,
        contact: r.line(P::CONTACT.name, NAME_MAX, false)?,
    })
}

pub fn group(r: &Row) -> Result<Group, TransferError> {
    let group = Group {
        id: r.id(G::ID.name)?,
        kind: r.code(G::KIND.name, Msg::ImpWhatGroupKind, &GROUP_KINDS, group_kind_code)?,
        establishment: r.opt_line(G::ESTABLISHMENT.name, SLUG_MAX)?,
        created: r.opt_date(G::CREATED.name)?,
        dissolved: r.opt_date(G::DISSOLVED.name)?,
    };
    if group.kind == GroupKind::Local && group.establishment.is_none() {
        return Err(r.error(G::ESTABLISHMENT.name, said!(Msg::ImpLocalNeedsEstablishment)));
    }
    Ok(group)
}

pub fn template(r: &Row) -> Result<SeatTemplate, TransferError> {
    Ok(SeatTemplate {
        id: r.id(T::ID.name)?,
        kind: r.code(T::KIND.name, Msg::ImpWhatGroupKind, &GROUP_KINDS, group_kind_code)?,
        effective_from: r.date(T::EFFECTIVE_FROM.name)?,
        source: r.line(T::SOURCE.name, NAME_MAX, false)?,
        seats: Vec::new(),
    })
}

pub fn seat(r: &Row) -> Result<SeatRow, TransferError> {
    Ok(SeatRow {
        template: r.number(TS::TEMPLATE.name)?,
        position: r.number(TS::POSITION.name)?,
        seat: SeatRequirement {
            key: r.line(TS::KEY.name, SLUG_MAX, true)?,
            label: r.line(TS::LABEL.name, NAME_MAX, false)?,
            min: r.number(TS::MIN.name)?,
            at_least: r.flag(TS::AT_LEAST.name)?,
            qualification: r.opt_code(
                TS::QUALIFICATION.name,
                Msg::ImpWhatQualification,
                &Qualification::ALL,
                Qualification::code,
            )?,
            heavy: r.flag(TS::HEAVY.name)?,
        },
    })
}

pub fn membership(r: &Row) -> Result<Membership, TransferError> {
    let m = Membership {
        id: r.id(M::ID.name)?,
        person: r.number(M::PERSON.name)?,
        group: r.number(M::GROUP.name)?,
        seat: r.line(M::SEAT.name, SLUG_MAX, true)?,
        from: r.date(M::FROM.name)?,
        until: r.opt_date(M::UNTIL.name)?,
        delegate_of: r.opt_number(M::DELEGATE_OF.name)?,
    };
    if m.until.is_some_and(|u| u < m.from) {
        return Err(r.error(M::UNTIL.name, said!(Msg::ImpBefore, M::FROM.name)));
    }
    Ok(m)
}

pub fn meeting(r: &Row) -> Result<Meeting, TransferError> {
    Ok(Meeting {
        id: r.id(MT::ID.name)?,
        group: r.number(MT::GROUP.name)?,
        date: r.date(MT::DATE.name)?,
        attendees: r.numbers(MT::ATTENDEES.name)?,
        notes: r.note(MT::NOTES.name)?,
    })
}

fn element(r: &Row, item: &str) -> Result<FundamentalElement, TransferError> {
    if item.eq_ignore_ascii_case("drug_free_wing") {
        return Ok(FundamentalElement::DrugFreeWing);
    }
    if item.eq_ignore_ascii_case("urine_tests") {
        return Ok(FundamentalElement::UrineTests);
    }
    let column = PR::ELEMENTS.name;
    match item.split_once(':') {
        Some((head, text)) if head.trim().eq_ignore_ascii_case("other") => {
            let text = text.trim();
            check_text(text, NAME_MAX).map_err(|e| r.error(column, said!(Msg::ImpOtherElement, e)))?;
            Ok(FundamentalElement::Other(text.to_string()))
        }
        _ => Err(r.error(column, said!(Msg::ImpUnknownElement, format!("{:?}", shorten(item))))),
    }
}

pub fn project(r: &Row) -> Result<Project, TransferError> {
    Ok(Project {
        id: r.id(PR::ID.name)?,
        establishment: r.line(PR::ESTABLISHMENT.name, SLUG_MAX, true)?,
        title: r.line(PR::TITLE.name, NAME_MAX, true)?,
        promoter: r.line(PR::PROMOTER.name, NAME_MAX, false)?,
        elements: r.items(PR::ELEMENTS.name).iter().map(|i| element(r, i)).collect::<Result<_, _>>()?,
        history: Vec::new(),
    })
}

pub fn event(r: &Row) -> Result<EventRow, TransferError> {
    let code = r.code(PE::STEP.name, Msg::ImpWhatStep, &STEP_CODES, |c| c)?;
    let column = PE::CONDITIONS_OR_REASON.name;
    let text = r.note(column)?;
    let step = match code {
        "authorised" => ProjectStep::Authorised { conditions: text },
        "refused" => ProjectStep::Refused { reason: text },
        _ if !text.trim().is_empty() => {
            return Err(r.error(column, said!(Msg::ImpStepNoText, code)));
        }
        "draft" => ProjectStep::Draft,
        "submitted" => ProjectStep::Submitted,
        "running" => ProjectStep::Running,
        "ended" => ProjectStep::Ended,
        _ => ProjectStep::Withdrawn,
    };
    Ok(EventRow {
        project: r.number(PE::PROJECT.name)?,
        position: r.number(PE::POSITION.name)?,
        date: r.date(PE::DATE.name)?,
        step,
    })
}

pub fn need(r: &Row) -> Result<TrainingNeed, TransferError> {
    Ok(TrainingNeed {
        id: r.id(N::ID.name)?,
        establishment: r.line(N::ESTABLISHMENT.name, SLUG_MAX, true)?,
        staff_group: r.code(
            N::STAFF_GROUP.name,
            Msg::ImpWhatStaffGroup,
            &StaffGroup::ALL,
            StaffGroup::code,
        )?,
        topic: r.line(N::TOPIC.name, NAME_MAX, true)?,
        headcount: r.number(N::HEADCOUNT.name)?,
        priority: r.code(N::PRIORITY.name, Msg::ImpWhatPriority, &Priority::ALL, Priority::code)?,
        raised_on: r.date(N::RAISED_ON.name)?,
    })
}

pub fn session(r: &Row) -> Result<TrainingSession, TransferError> {
    Ok(TrainingSession {
        id: r.id(S::ID.name)?,
        establishment: r.line(S::ESTABLISHMENT.name, SLUG_MAX, true)?,
        topic: r.line(S::TOPIC.name, NAME_MAX, true)?,
        date: r.date(S::DATE.name)?,
        trainer: r.line(S::TRAINER.name, NAME_MAX, false)?,
        participants: r.number(S::PARTICIPANTS.name)?,
        covers: r.numbers(S::COVERS.name)?,
    })
}

pub fn settings(r: &Row) -> Result<Settings, TransferError> {
    let bounded = |column: &str, (lo, hi): (u32, u32)| -> Result<u32, TransferError> {
        let n: u32 = r.number(column)?;
        if (lo..=hi).contains(&n) {
            Ok(n)
        } else {
            Err(r.error(column, said!(Msg::ImpOutOfBounds, n.to_string(), lo.to_string(), hi.to_string())))
        }
    };
    Ok(Settings {
        id: r.id(ST::ID.name)?,
        effective_from: r.date(ST::EFFECTIVE_FROM.name)?,
        thresholds: Thresholds {
            dormant_after_months: bounded(ST::DORMANT_AFTER_MONTHS.name, Thresholds::MONTHS)?,
            overdue_after_days: bounded(ST::OVERDUE_AFTER_DAYS.name, Thresholds::DAYS)?,
            seat_limit: bounded(ST::SEAT_LIMIT.name, Thresholds::SEATS)?,
        },
        note: r.note(ST::NOTE.name)?,
    })
}

/// An item of a list cell, split on `:` into `n` parts (the last may be empty).
fn parts<'i>(
    r: &Row,
    column: &str,
    item: &'i str,
    n: usize,
    form: &str,
) -> Result<Vec<&'i str>, TransferError> {
    let parts: Vec<&str> = item.splitn(n, ':').map(str::trim).collect();
    if parts.len() == n {
        Ok(parts)
    } else {
        Err(r.error(column, said!(Msg::ImpBadItem, format!("{:?}", shorten(item)), form)))
    }
}

fn number_in(r: &Row, column: &str, text: &str) -> Result<u64, TransferError> {
    text.parse().map_err(|_| r.error(column, said!(Msg::ImpNotNumber, format!("{:?}", shorten(text)))))
}

fn date_in(r: &Row, column: &str, text: &str) -> Result<chrono::NaiveDate, TransferError> {
    crate::domain::date::parse_date(text)
        .ok_or_else(|| r.error(column, said!(Msg::ImpBadItem, format!("{:?}", shorten(text)), "yyyy-mm-dd")))
}

pub fn capb_service(r: &Row) -> Result<Service, TransferError> {
    let column = CS::FIELDS.name;
    let fields = r
        .items(column)
        .iter()
        .map(|f| {
            parse_code(f, Msg::ImpWhatActionField, &ActionField::ALL, ActionField::code)
                .map_err(|e| r.error(column, e))
        })
        .collect::<Result<_, _>>()?;
    let column = CS::REPRESENTATIVES.name;
    let representatives = r
        .items(column)
        .iter()
        .map(|item| {
            let p = parts(r, column, item, 3, "person:from:until")?;
            let until = match p[2] {
                "" => None,
                u => Some(date_in(r, column, u)?),
            };
            Ok(Representative { person: number_in(r, column, p[0])?, from: date_in(r, column, p[1])?, until })
        })
        .collect::<Result<_, TransferError>>()?;
    let s = Service {
        id: r.id(CS::ID.name)?,
        name: r.line(CS::NAME.name, NAME_MAX, true)?,
        fields,
        joined: r.date(CS::JOINED.name)?,
        left: r.opt_date(CS::LEFT.name)?,
        representatives,
    };
    if s.left.is_some_and(|l| l < s.joined) {
        return Err(r.error(CS::LEFT.name, said!(Msg::ImpBefore, CS::JOINED.name)));
    }
    Ok(s)
}

pub fn capb_meeting(r: &Row) -> Result<CapbMeeting, TransferError> {
    let column = CM::ATTENDANCE.name;
    let attendance = r
        .items(column)
        .iter()
        .map(|item| match item.split_once(':') {
            Some((s, p)) => Ok(Attendance {
                service: number_in(r, column, s.trim())?,
                person: Some(number_in(r, column, p.trim())?),
            }),
            None => Ok(Attendance { service: number_in(r, column, item)?, person: None }),
        })
        .collect::<Result<_, TransferError>>()?;
    let column = CM::PROXIES.name;
    let proxies = r
        .items(column)
        .iter()
        .map(|item| {
            let p = parts(r, column, item, 2, "giver:holder")?;
            Ok(Proxy { giver: number_in(r, column, p[0])?, holder: number_in(r, column, p[1])? })
        })
        .collect::<Result<_, TransferError>>()?;
    Ok(CapbMeeting {
        id: r.id(CM::ID.name)?,
        date: r.date(CM::DATE.name)?,
        agenda: r.note(CM::AGENDA.name)?,
        minutes: r.note(CM::MINUTES.name)?,
        attendance,
        proxies,
        minutes_released_by: r.opt_number(CM::MINUTES_RELEASED_BY.name)?,
    })
}

pub fn capb_motion(r: &Row) -> Result<Motion, TransferError> {
    let column = CV::BALLOTS.name;
    let ballots = r
        .items(column)
        .iter()
        .map(|item| {
            let p = parts(r, column, item, 2, "service:vote")?;
            let vote =
                parse_code(p[1], Msg::ImpWhatVote, &Vote::ALL, Vote::code).map_err(|e| r.error(column, e))?;
            Ok(Ballot { service: number_in(r, column, p[0])?, vote })
        })
        .collect::<Result<_, TransferError>>()?;
    let column = CV::RELEASES.name;
    let releases = r
        .items(column)
        .iter()
        .map(|item| {
            let p = parts(r, column, item, 3, "production:number:to")?;
            let id = number_in(r, column, p[1])?;
            let object = match p[0].trim() {
                "production" => Released::Production(id),
                "minutes" => Released::Minutes(id),
                _ => {
                    return Err(r.error(
                        column,
                        said!(Msg::ImpBadItem, format!("{:?}", shorten(item)), "production:number:to"),
                    ));
                }
            };
            let to = match p[2].trim() {
                "public" | "" => Recipients::Public,
                names => Recipients::Named(
                    names
                        .split(super::cells::RECIPIENTS_JOIN.trim())
                        .map(|n| n.trim().to_string())
                        .filter(|n| !n.is_empty())
                        .collect(),
                ),
            };
            Ok(Release { object, to })
        })
        .collect::<Result<_, TransferError>>()?;
    Ok(Motion {
        id: r.id(CV::ID.name)?,
        meeting: r.number(CV::MEETING.name)?,
        text: r.note(CV::TEXT.name)?,
        ballots,
        releases,
    })
}

pub fn capb_rules(r: &Row) -> Result<CapbRules, TransferError> {
    let bounded = |column: &str, (lo, hi): (u32, u32)| -> Result<Option<u32>, TransferError> {
        match r.opt_number::<u32>(column)? {
            Some(n) if !(lo..=hi).contains(&n) => {
                Err(r
                    .error(column, said!(Msg::ImpOutOfBounds, n.to_string(), lo.to_string(), hi.to_string())))
            }
            n => Ok(n),
        }
    };
    Ok(CapbRules {
        id: r.id(CR::ID.name)?,
        from: r.date(CR::FROM.name)?,
        proxy_cap: bounded(CR::PROXY_CAP.name, (1, 10))?,
        quorum_percent: bounded(CR::QUORUM_PERCENT.name, (0, 100))?,
        majority: r.opt_code(
            CR::MAJORITY.name,
            Msg::ImpWhatMajority,
            &MajorityBase::ALL,
            MajorityBase::code,
        )?,
        note: r.note(CR::NOTE.name)?,
    })
}

pub fn capb_production(r: &Row) -> Result<Production, TransferError> {
    let disseminated = match r.opt_date(CP::DISSEMINATED_ON.name)? {
        Some(date) => Some(Dissemination { date, to: r.line(CP::DISSEMINATED_TO.name, NAME_MAX, false)? }),
        None => None,
    };
    Ok(Production {
        id: r.id(CP::ID.name)?,
        title: r.line(CP::TITLE.name, NAME_MAX, true)?,
        kind: r.code(
            CP::KIND.name,
            Msg::ImpWhatProductionKind,
            &ProductionKind::ALL,
            ProductionKind::code,
        )?,
        drafted: r.date(CP::DRAFTED.name)?,
        decision: r.opt_number(CP::DECISION.name)?,
        disseminated,
    })
}
