//! How records are named on screen and in reports: in one language, as of one date. The panes,
//! the detail views, the forms, the report and the export all name things through this one
//! place, which sits below the screen and the commands that use it.

use chrono::NaiveDate;

use crate::domain::group::template_on;
use crate::domain::{Dataset, GroupId, GroupKind, PersonId, Record};
use crate::i18n::{Lang, Msg};

#[derive(Clone, Copy)]
pub struct Names<'a> {
    pub data: &'a Dataset,
    pub lang: Lang,
    pub as_of: NaiveDate,
}

impl<'a> Names<'a> {
    pub fn new(data: &'a Dataset, lang: Lang, as_of: NaiveDate) -> Names<'a> {
        Names { data, lang, as_of }
    }

    pub fn date(&self, d: NaiveDate) -> String {
        crate::domain::date::format_be(d)
    }

    /// A date, or "never".
    pub fn maybe_date(&self, d: Option<NaiveDate>) -> String {
        d.map_or_else(|| self.lang.t(Msg::Never).to_string(), |d| self.date(d))
    }

    pub fn establishment(&self, id: &str) -> String {
        self.establishment_name(id).to_string()
    }

    /// The same, borrowed (the id itself for an establishment the data does not have).
    pub fn establishment_name<'s>(&'s self, id: &'s str) -> &'s str {
        self.data.establishments.get(id).map_or(id, |e| e.name(self.lang.code()))
    }

    pub fn person(&self, id: PersonId) -> String {
        self.data.people.get(&id).map_or_else(|| format!("#{id}"), |p| p.name.clone())
    }

    /// A group as a table cell: "Central group", or the prison's name.
    pub fn group(&self, id: GroupId) -> String {
        match self.data.groups.get(&id) {
            Some(g) if g.kind == GroupKind::Central => self.lang.t(Msg::Central).to_string(),
            Some(g) => g.establishment.as_deref().map_or_else(|| format!("#{id}"), |e| self.establishment(e)),
            None => format!("#{id}"),
        }
    }

    /// A group on its own: "Central group", or "Local group Lantin".
    pub fn group_title(&self, id: GroupId) -> String {
        match self.data.groups.get(&id) {
            Some(g) if g.kind == GroupKind::Local => self.lang.f(Msg::LocalOf, &[&self.group(id)]),
            _ => self.group(id),
        }
    }

    /// A record as the status bar names it after a save or an undo: in the UI language, by what
    /// it is about. The record may be new, so its own fields come first.
    pub fn record(&self, record: &Record) -> String {
        match record {
            Record::Establishment(e) => e.name(self.lang.code()).to_string(),
            Record::Person(p) => p.name.clone(),
            Record::Group(g) => match &g.establishment {
                Some(e) => self.lang.f(Msg::LocalOf, &[&self.establishment(e)]),
                None => self.lang.t(Msg::Central).to_string(),
            },
            Record::Template(t) => format!(
                "{} ({}) — {}",
                self.lang.t(Msg::FormTemplate),
                crate::i18n::group_kind(self.lang, t.kind),
                self.date(t.effective_from)
            ),
            Record::Membership(m) => {
                format!(
                    "{} — {} ({})",
                    self.person(m.person),
                    self.seat(m.group, &m.seat),
                    self.group(m.group)
                )
            }
            Record::Meeting(m) => format!("{} — {}", self.group_title(m.group), self.date(m.date)),
            Record::Project(p) => p.title.clone(),
            Record::Need(n) => format!("{} — {}", n.topic, self.establishment(&n.establishment)),
            Record::Session(s) => format!("{} — {}", s.topic, self.date(s.date)),
            Record::Settings(s) => {
                format!("{} — {}", self.lang.t(Msg::FormThresholds), self.date(s.effective_from))
            }
            Record::Service(s) => s.name.clone(),
            Record::CapbMeeting(m) => {
                format!("{} — {}", self.lang.t(Msg::FormEditCapbMeeting), self.date(m.date))
            }
            Record::Motion(m) => format!("{} — {}", self.lang.t(Msg::FormEditMotion), m.text),
            Record::Production(p) => p.title.clone(),
            Record::Account(a) => {
                format!("{} — {}", a.who(), crate::i18n::role(self.lang, &a.role))
            }
            Record::CapbRules(r) => format!("{} — {}", self.lang.t(Msg::FormCapbRules), self.date(r.from)),
            Record::Admission(a) => format!(
                "{} — {}",
                a.name,
                crate::i18n::admission_seat(self.lang, &a.seat, |s| self.service(s))
            ),
        }
    }

    /// A member service of the concertation by its name.
    pub fn service(&self, id: u64) -> String {
        self.data.services.get(&id).map_or_else(|| format!("#{id}"), |s| s.name.clone())
    }

    /// A motion by its text, cut short.
    /// A motion by its text; where the debates are sealed (its text is not there), as "the
    /// members' decision of" its date.
    pub fn motion(&self, id: u64) -> String {
        match self.data.motions.get(&id) {
            Some(_) if self.data.sealed => self.lang.f(Msg::SealedDecision, &[&self.motion_date(id)]),
            Some(m) => self.motion_text(&m.text),
            None => format!("#{id}"),
        }
    }

    /// A motion's text on one line, cut short.
    pub fn motion_text(&self, text: &str) -> String {
        let line = text.lines().next().unwrap_or_default();
        if line.chars().count() > 60 || text.lines().nth(1).is_some() {
            format!("{}...", line.chars().take(57).collect::<String>())
        } else {
            line.to_string()
        }
    }

    /// A production by its title.
    pub fn production(&self, id: u64) -> String {
        self.data.productions.get(&id).map_or_else(|| format!("#{id}"), |p| p.title.clone())
    }

    /// A concertation meeting by its date.
    pub fn meeting_date(&self, id: u64) -> String {
        self.data.capb_meetings.get(&id).map_or_else(|| format!("#{id}"), |m| self.date(m.date))
    }

    /// The date of the meeting that voted a motion.
    pub fn motion_date(&self, id: u64) -> String {
        let meeting = self.data.motions.get(&id).and_then(|m| self.data.capb_meetings.get(&m.meeting));
        meeting.map_or_else(String::new, |m| self.date(m.date))
    }

    /// A seat's name in the template in force on the date.
    pub fn seat(&self, group: GroupId, key: &str) -> String {
        let kind = self.data.groups.get(&group).map_or(GroupKind::Local, |g| g.kind);
        let t = template_on(self.data.templates.values(), kind, self.as_of);
        crate::i18n::seat(self.lang, key, t.and_then(|t| t.seat(key)))
    }
}

/// For contexts that carry names along with what else they need.
macro_rules! deref_names {
    ($ty:ident) => {
        impl<'a> std::ops::Deref for $ty<'a> {
            type Target = crate::i18n::names::Names<'a>;
            fn deref(&self) -> &Self::Target {
                &self.names
            }
        }
    };
}
pub(crate) use deref_names;
