//! The one message catalogue: every word a user sees, in English, French and Dutch.

pub mod names;

use crate::domain::rules::{Activity, Blocker, GapKind};
use crate::domain::{
    EstablishmentKind, FundamentalElement, GroupKind, LanguageRegime, NeedStatus, Priority, ProjectStep,
    Qualification, Region, SeatRequirement, StaffGroup,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    Fr,
    Nl,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Fr, Lang::Nl];

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::Nl => "nl",
        }
    }

    /// From a locale such as `fr_BE.UTF-8` or `nl`; `None` for anything else.
    pub fn from_locale(locale: &str) -> Option<Lang> {
        let lang = locale.split(['_', '.', '@', '-']).next()?.to_ascii_lowercase();
        match lang.as_str() {
            "fr" => Some(Lang::Fr),
            "nl" => Some(Lang::Nl),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// gettext's order: `LANGUAGE` (a list, `nl:fr`: the first of them pilotage speaks), then
    /// `LC_ALL`, `LC_MESSAGES`, `LANG` as POSIX orders them; English when unknown.
    pub fn from_env() -> Lang {
        Lang::from_vars(|name| std::env::var(name).ok())
    }

    /// [`Lang::from_env`] on any source of variables.
    pub fn from_vars(var: impl Fn(&str) -> Option<String>) -> Lang {
        let listed = var("LANGUAGE").and_then(|list| list.split(':').find_map(Lang::from_locale));
        listed
            .or_else(|| {
                ["LC_ALL", "LC_MESSAGES", "LANG"]
                    .iter()
                    .filter_map(|v| var(v).filter(|s| !s.is_empty()))
                    .next()
                    .and_then(|l| Lang::from_locale(&l))
            })
            .unwrap_or(Lang::En)
    }

    /// What goes between a label and its value: French puts a space before the colon.
    pub fn colon(self) -> &'static str {
        match self {
            Lang::Fr => " : ",
            Lang::En | Lang::Nl => ": ",
        }
    }

    pub fn t(self, msg: Msg) -> &'static str {
        msg.text(self)
    }

    /// A count with the form of its noun this language takes for it: `one` for the singular
    /// ("1 person"; in French 0 and 1, "0 personne"), `many` otherwise ("2 people").
    pub fn count(self, n: usize, one: Msg, many: Msg) -> String {
        let singular = match self {
            Lang::Fr => n <= 1,
            Lang::En | Lang::Nl => n == 1,
        };
        self.f(if singular { one } else { many }, &[&n.to_string()])
    }

    /// A message with its placeholders filled. A message with one value may say `{}`; one
    /// with more names each (`{who} saved {what}`), so that a language puts them in its own
    /// order. `args` come in the order the English text first names them.
    pub fn f(self, msg: Msg, args: &[&str]) -> String {
        fill(msg.text(self), msg.text(Lang::En), args)
    }
}

/// `text` with its placeholders filled from `args`: `{}` by position, `{name}` by where
/// `order` (the English text) first names it. Braces around anything but a name are kept.
fn fill(text: &str, order: &str, args: &[&str]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let (mut rest, mut next) = (text, 0);
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let name = after.find('}').map(|close| &after[..close]).filter(|n| is_placeholder(n));
        let Some(name) = name else {
            out.push('{');
            rest = after;
            continue;
        };
        let index = if name.is_empty() {
            next += 1;
            Some(next - 1)
        } else {
            placeholder_names(order).iter().position(|n| *n == name)
        };
        out.push_str(index.and_then(|i| args.get(i)).copied().unwrap_or(""));
        rest = &after[name.len() + 1..];
    }
    out.push_str(rest);
    out
}

/// A placeholder's name: empty (`{}`) or lower-case letters and `_`.
fn is_placeholder(name: &str) -> bool {
    name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
}

/// The names of a text's placeholders, each once, in the order they are first met (`{}` is
/// not a name).
fn placeholder_names(text: &str) -> Vec<&str> {
    let mut names: Vec<&str> = Vec::new();
    for piece in text.split('{').skip(1) {
        if let Some(name) =
            piece.split_once('}').map(|(n, _)| n).filter(|n| !n.is_empty() && is_placeholder(n))
            && !names.contains(&name)
        {
            names.push(name);
        }
    }
    names
}

macro_rules! catalogue {
    ($($key:ident => $en:expr, $fr:expr, $nl:expr;)*) => {
        /// A message of the catalogue.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Msg { $($key,)* }

        impl Msg {
            pub const ALL: &'static [Msg] = &[$(Msg::$key,)*];

            pub fn text(self, lang: Lang) -> &'static str {
                match self {
                    $(Msg::$key => match lang { Lang::En => $en, Lang::Fr => $fr, Lang::Nl => $nl },)*
                }
            }
        }
    };
}

catalogue! {
    Confidential => "CONFIDENTIAL: work data of the drug steering groups. Do not share without the members' agreement.",
        "CONFIDENTIEL : données de travail des groupes de pilotage drogue. Ne pas diffuser sans l'accord des membres.",
        "VERTROUWELIJK: werkgegevens van de stuurgroepen drugs. Niet verspreiden zonder akkoord van de leden.";
    // Panes
    PanePrisons => "Prisons", "Prisons", "Gevangenissen";
    PaneGaps => "Membership gaps", "Sièges à pourvoir", "Lacunes in de bezetting";
    PaneAuthorisations => "Authorisations", "Autorisations", "Toestemmingen";
    PaneTraining => "Training needs", "Besoins de formation", "Opleidingsbehoeften";
    TabPrisons => "Prisons", "Prisons", "Gevangenissen";
    TabGaps => "Gaps", "Sièges", "Lacunes";
    TabAuthorisations => "Authorisations", "Autorisations", "Toestemmingen";
    TabTraining => "Training", "Formation", "Opleiding";
    // Columns
    ColName => "Name", "Nom", "Naam";
    ColRegion => "Region", "Région", "Gewest";
    ColLanguage => "Lang.", "Langue", "Taal";
    ColGroup => "Local group", "Groupe local", "Lokale groep";
    ColLastMeeting => "Last met", "Réuni le", "Vergaderd";
    LastMeeting => "last meeting", "dernière réunion", "laatste vergadering";
    ColGaps => "Gaps", "Vacants", "Lacunes";
    ColPending => "Pending", "Attente", "Wachtend";
    ColOpenNeeds => "Needs", "Besoins", "Noden";
    ColGroupName => "Group", "Groupe", "Groep";
    ColSeat => "Seat", "Siège", "Zetel";
    ColProblem => "Problem", "Problème", "Probleem";
    ColSince => "Since", "Depuis", "Sinds";
    ColDays => "Days", "Jours", "Dagen";
    ColProject => "Project", "Projet", "Project";
    ColPrison => "Prison", "Prison", "Gevangenis";
    ColElements => "Elements", "Éléments", "Elementen";
    ColSubmitted => "Submitted", "Soumis le", "Ingediend";
    ColWhyStuck => "Why stuck (central group)", "Blocage (groupe central)", "Blokkade (centrale groep)";
    ColStaff => "Staff", "Personnel", "Personeel";
    ColTopic => "Topic", "Thème", "Onderwerp";
    ColPeople => "People", "Personnes", "Personen";
    ColPriority => "Priority", "Priorité", "Prioriteit";
    ColStatus => "Status", "Statut", "Status";
    ColCoverage => "Coverage", "Couverture", "Dekking";
    // Values
    Central => "Central group", "Groupe central", "Centrale stuurgroep";
    LocalOf => "Local group {}", "Groupe local {}", "Lokale groep {}";
    ActivityNone => "none", "aucun", "geen";
    ActivityMissing => "missing", "manquant", "ontbreekt";
    ActivityNotRequired => "not required", "non requis", "niet vereist";
    ProblemNoLocalGroup => "no local group", "pas de groupe local", "geen lokale groep";
    DetailNoGroupSince => "No local group since {}: the circular requires one here.", "Pas de groupe local depuis le {} : la circulaire en exige un.", "Geen lokale groep sinds {}: de omzendbrief vraagt er hier een.";
    DetailNotRequired => "No local group: the circular does not require one here.", "Pas de groupe local : la circulaire n'en demande pas ici.", "Geen lokale groep: de omzendbrief vraagt er hier geen.";
    ActivityActive => "active", "actif", "actief";
    ActivityDormant => "dormant", "en sommeil", "slapend";
    Never => "never", "jamais", "nooit";
    GapEmpty => "empty", "vacant", "leeg";
    GapShort => "short by {}", "manque {}", "{} te weinig";
    GapUnqualified => "not qualified: {}", "non qualifié : {}", "niet bevoegd: {}";
    Overloaded => "overloaded: {seats} seats, {hours} full-time", "surchargé : {seats} sièges, {hours} à temps plein", "overbelast: {seats} zetels, {hours} voltijds";
    BlockNoCentral => "no central group", "pas de groupe central", "geen centrale stuurgroep";
    BlockNoChair => "central group has no chair", "le groupe central n'a pas de président", "centrale stuurgroep zonder voorzitter";
    BlockNoChairSince => "central group has no chair since {}", "le groupe central n'a plus de président depuis le {}", "centrale stuurgroep zonder voorzitter sinds {}";
    BlockNotMet => "central group has not met since {}", "le groupe central ne s'est plus réuni depuis le {}", "centrale stuurgroep niet meer vergaderd sinds {}";
    BlockNeverMet => "central group has never met", "le groupe central ne s'est jamais réuni", "centrale stuurgroep nooit vergaderd";
    ShortNoChair => "no chair", "pas de président", "geen voorzitter";
    ShortNoChairSince => "no chair since {}", "sans président depuis {}", "geen voorzitter sinds {}";
    ShortNotMet => "no meeting since {}", "pas de réunion depuis {}", "geen vergadering sinds {}";
    ShortNeverMet => "never met", "jamais réuni", "nooit vergaderd";
    BlockNone => "waiting for the central group", "en attente du groupe central", "wacht op de centrale stuurgroep";
    StatusOpen => "open", "ouvert", "open";
    StatusPlanned => "planned", "planifié", "gepland";
    StatusDelivered => "delivered", "réalisé", "gegeven";
    // Status bar, prompts, messages
    ReadOnly => "read-only", "lecture seule", "alleen-lezen";
    AsOf => "as of {}", "au {}", "op {}";
    FilterPrompt => "filter: ", "filtre : ", "filter: ";
    ChecklistKeys => "Space ticks, Enter goes on", "Espace coche, Entrée passe", "Spatie vinkt aan, Enter gaat door";
    NoMatch => "No row matches the filter", "Aucune ligne ne correspond au filtre", "Geen rij past bij de filter";
    NoRows => "Nothing here", "Rien à afficher", "Niets te tonen";
    TooSmall => "terminal too small: need {width} x {height}", "terminal trop petit : il faut {width} x {height}", "terminal te klein: nodig {width} x {height}";
    IgnoredKey => "{} key ignored: only q works at this size", "{} touche ignorée : seul q agit à cette taille", "{} toets genegeerd: alleen q werkt op dit formaat";
    IgnoredKeys => "{} keys ignored: only q works at this size", "{} touches ignorées : seul q agit à cette taille", "{} toetsen genegeerd: alleen q werkt op dit formaat";
    SortedBy => "sorted by {}", "trié par {}", "gesorteerd op {}";
    AsOfPrompt => "Show the situation as of (dd/mm/yyyy, empty for today): ", "Situation au (jj/mm/aaaa, vide pour aujourd'hui) : ", "Toestand op (dd/mm/jjjj, leeg voor vandaag): ";
    ErrNoSuchDay => "{date} does not exist: {month} has {days} days", "Le {date} n'existe pas : {month} compte {days} jours", "{date} bestaat niet: {month} heeft {days} dagen";
    ErrOneField => "1 field needs attention", "1 champ demande votre attention", "1 veld vraagt aandacht";
    ErrFields => "{} fields need attention", "{} champs demandent votre attention", "{} velden vragen aandacht";
    BadDate => "Not a date: {} (use dd/mm/yyyy)", "Date invalide : {} (format jj/mm/aaaa)", "Geen datum: {} (gebruik dd/mm/jjjj)";
    AsOfSet => "Showing the situation as of {}", "Situation au {}", "Toestand op {}";
    PaletteTitle => "Actions", "Actions", "Acties";
    PalettePrompt => "action: ", "action : ", "actie: ";
    HelpTitle => "Keys", "Touches", "Toetsen";
    HelpClose => "{close} closes this help, {scroll} scroll it", "{close} ferme cette aide, {scroll} la font défiler", "{close} sluit deze hulp, {scroll} scrollen";
    DetailSeats => "Seats", "Sièges", "Zetels";
    DetailMeetings => "Meetings per year", "Réunions par an", "Vergaderingen per jaar";
    DetailRecentMeetings => "Recent meetings", "Dernières réunions", "Recente vergaderingen";
    DetailProjects => "Projects", "Projets", "Projecten";
    DetailNeeds => "Training needs", "Besoins de formation", "Opleidingsbehoeften";
    DetailHistory => "History", "Historique", "Geschiedenis";
    DetailSessions => "Training sessions", "Sessions de formation", "Opleidingssessies";
    DetailTimeline => "Timeline", "Chronologie", "Tijdlijn";
    DetailNoGroup => "This establishment has no local steering group.", "Cet établissement n'a pas de groupe de pilotage local.", "Deze inrichting heeft geen lokale stuurgroep.";
    Vacant => "(vacant)", "(vacant)", "(vacant)";
    Chair => "chair", "président", "voorzitter";
    DelegateOf => "delegate of {}", "délégué de {}", "afgevaardigde van {}";
    FromUntil => "{from} to {until}", "du {from} au {until}", "van {from} tot {until}";
    FromOn => "since {}", "depuis le {}", "sinds {}";
    Participants => "{} participants", "{} participants", "{} deelnemers";
    ParticipantOne => "{} participant", "{} participant", "{} deelnemer";
    PeopleCount => "{} people", "{} personnes", "{} personen";
    PersonCount => "{} person", "{} personne", "{} persoon";
    Trainer => "trainer: {}", "formateur : {}", "opleider: {}";
    Promoter => "Promoter: {}", "Promoteur : {}", "Promotor: {}";
    HeavyLegend => "* a full-time role", "* une fonction à temps plein", "* een voltijdse functie";
    Conditions => "conditions: {}", "conditions : {}", "voorwaarden: {}";
    Reason => "reason: {}", "motif : {}", "reden: {}";
    None_ => "none", "aucun", "geen";
    ErrRequired => "Required", "Obligatoire", "Verplicht";
    ErrTooLong => "At most {} characters", "{} caractères au plus", "Hoogstens {} tekens";
    ErrControl => "Control characters are not allowed", "Caractères de contrôle interdits", "Stuurtekens zijn niet toegestaan";
    ErrNumber => "A whole number from {min} to {max}", "Un nombre entier de {min} à {max}", "Een geheel getal van {min} tot {max}";
    ErrChoose => "Choose one (type to search, Enter to choose)", "Choisissez (tapez pour chercher, Entrée pour choisir)", "Kies er een (typ om te zoeken, Enter om te kiezen)";
    ErrSeatNotInGroup => "This seat does not exist in that group", "Ce siège n'existe pas dans ce groupe", "Deze zetel bestaat niet in die groep";
    ErrEndsBeforeStart => "Ends before it begins", "Se termine avant de commencer", "Eindigt voor het begint";
    ErrOwnDelegate => "A person cannot be their own delegate", "Une personne ne peut être sa propre déléguée", "Iemand kan niet zijn eigen afgevaardigde zijn";
    ErrNotAMember => "{} is not a member of the group on that date", "{} n'est pas membre du groupe à cette date", "{} is op die datum geen lid van de groep";
    ErrGone => "This record no longer exists", "Cet enregistrement n'existe plus", "Dit record bestaat niet meer";
    ErrReasonRequired => "A refusal needs a reason", "Un refus doit être motivé", "Een weigering heeft een reden nodig";
    ErrBeforeLastStep => "Dated before the project's last step", "Antérieure à la dernière étape du projet", "Vroeger dan de laatste stap van het project";
    ErrStepNotAllowed => "Not possible now (a decision needs a submission; a decided project is closed)", "Impossible maintenant (une décision suppose une soumission ; un projet décidé est clos)", "Nu niet mogelijk (een beslissing vraagt een indiening; een beslist project is afgesloten)";
    ErrNeedElsewhere => "A covered need belongs to another prison", "Un besoin couvert appartient à une autre prison", "Een gedekte behoefte hoort bij een andere gevangenis";
    FieldName => "Name", "Nom", "Naam";
    FieldFunction => "Work function", "Fonction", "Functie";
    FieldOrganisation => "Organisation", "Organisation", "Organisatie";
    FieldQualifications => "Qualifications", "Qualifications", "Kwalificaties";
    FieldContact => "Work contact", "Contact professionnel", "Werkcontact";
    FieldPerson => "Person", "Personne", "Persoon";
    FieldFrom => "From", "Depuis le", "Vanaf";
    FieldUntil => "Until (last day)", "Jusqu'au (dernier jour)", "Tot en met";
    FieldDelegateOf => "Delegate of", "Délégué de", "Afgevaardigde van";
    FieldDate => "Date", "Date", "Datum";
    FieldAttendees => "Attendees", "Présents", "Aanwezigen";
    FieldCentralAttendees => "Present (central group)", "Présents (groupe central)", "Aanwezig (centrale groep)";
    NoteDecisionMeetingKnown => "a decision goes with the central group's meeting of {}, recorded already", "une décision va avec la réunion du groupe central du {}, déjà enregistrée", "een beslissing hoort bij de vergadering van de centrale groep van {}, al geregistreerd";
    NoteDecisionMeetingNew => "for a decision: who attended the central group's meeting of {}, recorded with it", "pour une décision : qui assistait à la réunion du groupe central du {}, enregistrée avec elle", "voor een beslissing: wie de vergadering van de centrale groep van {} bijwoonde, ermee geregistreerd";
    ErrDecisionMeeting => "A decision is taken at a meeting: no meeting of the central group is recorded on {}; tick who attended it here (Space), or record the meeting first", "Une décision se prend en réunion : aucune réunion du groupe central n'est enregistrée le {} ; cochez ici qui y assistait (Espace), ou enregistrez d'abord la réunion", "Een beslissing valt op een vergadering: er is geen vergadering van de centrale groep geregistreerd op {}; vink hier aan wie aanwezig was (Spatie), of registreer eerst de vergadering";
    EmptyMeeting => "a meeting on {} with nobody recorded as present (made for a decision before decisions named their meeting)", "une réunion le {} sans présent enregistré (créée pour une décision avant que les décisions nomment leur réunion)", "een vergadering op {} zonder geregistreerde aanwezigen (gemaakt voor een beslissing voordat beslissingen hun vergadering noemden)";
    NothingToChoose => "Nothing to choose from", "Rien à choisir", "Niets om uit te kiezen";
    FieldNotes => "Notes", "Notes", "Notities";
    FieldOpened => "Opened on", "Ouvert le", "Geopend op";
    FieldClosed => "Closed on (first day closed)", "Fermé le (premier jour)", "Gesloten op (eerste dag)";
    FieldCovered => "Covered by the circular", "Couvert par la circulaire", "Valt onder de omzendbrief";
    FieldCoveredFrom => "  from", "  à partir du", "  vanaf";
    NoteCoveredFrom => "The day the decision takes effect; blank: the day viewed.", "Le jour où la décision prend effet ; vide : le jour affiché.", "De dag waarop de beslissing ingaat; leeg: de getoonde dag.";
    NoteCovered => "Covered: needs a local group (by default: prisons, open prisons, internment).", "Couvert : groupe local requis (par défaut prisons, ouvertes, internement).", "Gedekt: lokale groep vereist (standaard gevangenissen, open, internering).";
    Yes => "yes", "oui", "ja";
    No => "no", "non", "nee";
    FieldGroupCreated => "Local group created on", "Groupe local créé le", "Lokale groep opgericht op";
    FieldGroupDissolved => "Local group dissolved on", "Groupe local dissous le", "Lokale groep ontbonden op";
    FieldTitle => "Title", "Intitulé", "Titel";
    FieldPromoter => "Promoter", "Promoteur", "Promotor";
    FieldOtherElement => "Other fundamental element", "Autre élément fondamental", "Ander fundamenteel element";
    FieldStep => "Step", "Étape", "Stap";
    FieldConditionsOrReason => "Conditions or reason", "Conditions ou motif", "Voorwaarden of reden";
    FieldRaisedOn => "Raised on", "Signalé le", "Gemeld op";
    FieldTrainer => "Trainer", "Formateur", "Opleider";
    FieldParticipants => "Participants", "Participants", "Deelnemers";
    FieldCovers => "Needs covered", "Besoins couverts", "Gedekte behoeften";
    FormNewPerson => "New person", "Nouvelle personne", "Nieuwe persoon";
    FormEditPerson => "Edit person", "Modifier la personne", "Persoon wijzigen";
    FormAppoint => "Appoint to a seat", "Nommer à un siège", "Benoemen in een zetel";
    FormEditMembership => "Edit membership", "Modifier le mandat", "Lidmaatschap wijzigen";
    FormNewMeeting => "New meeting", "Nouvelle réunion", "Nieuwe vergadering";
    FormEditMeeting => "Edit meeting", "Modifier la réunion", "Vergadering wijzigen";
    FormNewProject => "New project", "Nouveau projet", "Nieuw project";
    FormEditProject => "Edit project", "Modifier le projet", "Project wijzigen";
    FormStep => "Record a step", "Enregistrer une étape", "Stap vastleggen";
    FormNewNeed => "New training need", "Nouveau besoin de formation", "Nieuwe opleidingsbehoefte";
    FormEditNeed => "Edit training need", "Modifier le besoin", "Behoefte wijzigen";
    FormNewSession => "New training session", "Nouvelle session de formation", "Nieuwe opleidingssessie";
    FormEditSession => "Edit training session", "Modifier la session", "Sessie wijzigen";
    FormTemplate => "Seats required", "Sièges requis", "Vereiste zetels";
    DetailWaiting => "Projects waiting for its decision", "Projets en attente de sa décision", "Projecten die op zijn beslissing wachten";
    FieldCoordinator => "Drug coordinator", "Coordinateur drogue", "Drugcoördinator";
    NoteCoordinator => "Brussels: the coordinators decide which of them serves it", "Bruxelles : les coordinateurs décident lequel d'entre eux la suit", "Brussel: de coördinatoren beslissen wie van hen ze opvolgt";
    DetailCoordinator => "Drug coordinator", "Coordinateur drogue", "Drugcoördinator";
    DetailNoCoordinator => "No drug coordinator for the {} prisons", "Pas de coordinateur drogue pour les prisons {}", "Geen drugcoördinator voor de {} gevangenissen";
    FormThresholds => "Thresholds", "Seuils", "Drempels";
    FieldDormantMonths => "Dormant after (months)", "En sommeil après (mois)", "Slapend na (maanden)";
    FieldOverdueDays => "Overdue after (days)", "En retard après (jours)", "Te laat na (dagen)";
    FieldSeatLimit => "Most seats for one person", "Sièges max. par personne", "Max. zetels per persoon";
    FieldWhy => "Why", "Pourquoi", "Waarom";
    FieldEffectiveFrom => "In force from", "En vigueur à partir du", "Van kracht vanaf";
    FieldSource => "Source (circular)", "Source (circulaire)", "Bron (omzendbrief)";
    FieldNewSeat => "New seat (name)", "Nouveau siège (nom)", "Nieuwe zetel (naam)";
    FieldNewSeatCount => "New seat: how many", "Nouveau siège : combien", "Nieuwe zetel: hoeveel";
    AtLeast => "at least", "au moins", "minstens";
    ErrTemplateDate => "Must be later than the latest template ({})", "Doit suivre le dernier modèle ({})", "Moet later zijn dan het laatste model ({})";
    ErrSeatExists => "A seat needs a new name", "Un siège doit avoir un nom nouveau", "Een zetel heeft een nieuwe naam nodig";
    ErrNoSeats => "A group needs at least one seat", "Un groupe doit avoir au moins un siège", "Een groep heeft minstens een zetel nodig";
    ActThresholds => "thresholds of the rules", "seuils des règles", "drempels van de regels";
    ActTemplates => "seats required (circular)", "sièges requis (nouvelle circulaire)", "vereiste zetels (nieuwe omzendbrief)";
    FormSave => "Save", "Enregistrer", "Opslaan";
    FormDiscard => "Discard the changes?", "Abandonner les modifications ?", "Wijzigingen weggooien?";
    ServerSilent => "the server did not answer within {} s: whether the change was made is not known (look before saving again)", "le serveur n'a pas répondu en {} s : on ne sait pas si la modification a été faite (vérifiez avant d'enregistrer à nouveau)", "de server antwoordde niet binnen {} s: of de wijziging gemaakt is, is niet bekend (kijk na voor u opnieuw bewaart)";
    SaveWaiting => "A save is waiting for the server's answer; Ctrl-C quits", "Un enregistrement attend la réponse du serveur ; Ctrl-C quitte", "Een bewaring wacht op het antwoord van de server; Ctrl-C sluit af";
    WaitingForServer => "Waiting for the server… (Ctrl-C quits; the form is printed on leaving)", "En attente du serveur… (Ctrl-C quitte ; le formulaire est imprimé en partant)", "Wachten op de server… (Ctrl-C sluit af; het formulier wordt bij het afsluiten getoond)";
    NotConfirmed => "The server did not confirm the save of «{}»: it may or may not have been made. Look at it again; what the form held:", "Le serveur n'a pas confirmé l'enregistrement de « {} » : il a peut-être été fait, ou non. Vérifiez ; ce que contenait le formulaire :", "De server bevestigde de bewaring van «{}» niet: ze is misschien gemaakt, misschien niet. Kijk het na; wat het formulier bevatte:";
    QuitDiscard => "Quit and lose what is not saved?", "Quitter et perdre ce qui n'est pas enregistré ?", "Afsluiten en verliezen wat niet bewaard is?";
    ConfirmDelete => "Delete {}?", "Supprimer {} ?", "{} verwijderen?";
    ConfirmReplace => "{holder} holds this seat since {since}: the appointment ends that membership on {ends}. Save?", "{holder} occupe ce siège depuis le {since} : la nomination met fin à ce mandat le {ends}. Enregistrer ?", "{holder} bekleedt deze zetel sinds {since}: de benoeming beëindigt dat lidmaatschap op {ends}. Opslaan?";
    ListAbove => "… {} more above", "… encore {} plus haut", "… nog {} hoger";
    ListBelow => "… {} more below", "… encore {} plus bas", "… nog {} lager";
    ConfirmEnd => "End this membership?", "Mettre fin à ce mandat ?", "Dit lidmaatschap beëindigen?";
    ConfirmRefuse => "Record the refusal of this project?", "Enregistrer le refus de ce projet ?", "De weigering van dit project vastleggen?";
    ConfirmNoAttendee => "No attendee is recorded for this meeting. Save it anyway?", "Aucun présent n'est noté pour cette réunion. Enregistrer quand même ?", "Voor deze vergadering is geen aanwezige genoteerd. Toch opslaan?";
    ErrIdTaken => "Not saved: the new record's id belongs to another record", "Non enregistré : l'identifiant du nouvel enregistrement appartient à un autre", "Niet opgeslagen: het id van het nieuwe record hoort bij een ander record";
    ErrFuture => "Cannot be after today ({}): record it once it has happened", "Ne peut pas suivre aujourd'hui ({}) : notez-le quand il a eu lieu", "Kan niet na vandaag ({}) liggen: noteer het als het gebeurd is";
    NewPersonEntry => "new person «{}»", "nouvelle personne « {} »", "nieuwe persoon «{}»";
    NoteMembersOn => "members of the group on {date}; «{everyone}» lists everyone", "membres du groupe au {date} ; « {everyone} » les liste tous", "leden van de groep op {date}; «{everyone}» toont iedereen";
    FieldOffer => "Attendees listed", "Présents proposés", "Aanwezigen getoond";
    OfferMembers => "members on that date", "membres à cette date", "leden op die datum";
    OfferEveryone => "everyone", "tout le monde", "iedereen";
    NothingToEdit => "Nothing to edit here", "Rien à modifier ici", "Hier valt niets te wijzigen";
    NothingToDelete => "Nothing to delete here", "Rien à supprimer ici", "Hier valt niets te verwijderen";
    Deleted => "Deleted", "Supprimé", "Verwijderd";
    Saved => "Saved", "Enregistré", "Opgeslagen";
    // Actions (help, palette, hints)
    ActQuit => "quit", "quitter", "afsluiten";
    ActNextPane => "next pane", "volet suivant", "volgend paneel";
    ActPrevPane => "previous pane", "volet précédent", "vorig paneel";
    ActPrisons => "show prisons", "afficher les prisons", "gevangenissen tonen";
    ActGaps => "show membership gaps", "afficher les sièges à pourvoir", "lacunes tonen";
    ActAuthorisations => "show pending authorisations", "afficher les autorisations en attente", "wachtende toestemmingen tonen";
    ActTraining => "show training needs", "afficher les besoins de formation", "opleidingsbehoeften tonen";
    ActUp => "move up", "monter", "omhoog";
    ActDown => "move down", "descendre", "omlaag";
    ActPageUp => "page up", "page précédente", "pagina omhoog";
    ActPageDown => "page down", "page suivante", "pagina omlaag";
    ActTop => "first row", "première ligne", "eerste rij";
    ActBottom => "last row", "dernière ligne", "laatste rij";
    ActOpen => "details", "détails", "details";
    ActConfirm => "confirm / choose", "valider / choisir", "bevestigen / kiezen";
    ActBack => "back / close", "retour / fermer", "terug / sluiten";
    ActClearFilter => "clear the filter", "effacer le filtre", "filter wissen";
    ActFilter => "filter", "filtrer", "filteren";
    ActSort => "sort by next column", "trier par la colonne suivante", "sorteren op volgende kolom";
    ActReverse => "reverse sort", "inverser le tri", "sortering omkeren";
    ActHelp => "help", "aide", "hulp";
    ActPalette => "all actions", "toutes les actions", "alle acties";
    ActAsOf => "view as of a date", "voir à une date", "bekijken op datum";
    ActToday => "back to today", "revenir à aujourd'hui", "terug naar vandaag";
    ActUndo => "undo last change", "annuler la dernière modification", "laatste wijziging ongedaan maken";
    ActRedo => "redo what was undone", "rétablir ce qui a été annulé", "ongedaan gemaakte opnieuw doen";
    Redone => "Redone: {}", "Rétabli : {}", "Opnieuw gedaan: {}";
    NothingToRedo => "Nothing to redo", "Rien à rétablir", "Niets opnieuw te doen";
    ConfirmUndoDeletes => "Undoing «{}» deletes what it made. Undo it?", "Annuler « {} » supprime ce qui a été créé. L'annuler ?", "«{}» ongedaan maken verwijdert wat gemaakt werd. Ongedaan maken?";
    ActAdd => "add", "ajouter", "toevoegen";
    ActNewGroup => "local group (create it, from a date)", "groupe local (le créer, à une date)", "lokale groep (oprichten, vanaf een datum)";
    ActAppoint => "appoint (someone to the seat)", "nommer (quelqu'un au siège)", "benoemen (iemand in de zetel)";
    ActEdit => "edit", "modifier", "wijzigen";
    ActStep => "next step (a project's submission, decision, start or end)", "étape suivante (d'un projet : soumission, décision, début ou fin)", "volgende stap (van een project: indiening, beslissing, start of einde)";
    NoStepHere => "n records a project's next step: choose a project first.", "n enregistre l'étape suivante d'un projet : choisissez d'abord un projet.", "n registreert de volgende stap van een project: kies eerst een project.";
    ActDelete => "delete", "supprimer", "verwijderen";
    ActTrend => "the figures year by year", "les chiffres année par année", "de cijfers jaar na jaar";
    TrendTitle => "Year by year, on 31 December ({keys}: view {place} of {of})", "Année par année, au 31 décembre ({keys} : vue {place} sur {of})", "Jaar na jaar, op 31 december ({keys}: weergave {place} van {of})";
    TrendMeeting => "{regime}: groups that meet ({with_group}/{covered} covered have a group {when})", "{regime} : groupes actifs ({with_group}/{covered} couverts ont un groupe {when})", "{regime}: actieve groepen ({with_group}/{covered} betrokken met groep {when})";
    TrendWithGroup => "{regime}: establishments with a group (of {covered} covered {when})", "{regime} : établissements avec groupe (sur {covered} couverts {when})", "{regime}: inrichtingen met een groep (van {covered} betrokken {when})";
    TrendSeats => "{regime}: required seats filled, % ({now}% {when})", "{regime} : sièges requis pourvus, % ({now} % {when})", "{regime}: vereiste zetels bezet, % ({now}% {when})";
    TrendWaiting => "{regime}: projects waiting for authorisation ({now} {when})", "{regime} : projets en attente d'autorisation ({now} {when})", "{regime}: projecten die op toestemming wachten ({now} {when})";
    TrendNow => "now", "aujourd'hui", "nu";
    TrendOn => "on {}", "au {}", "op {}";
    ActHistory => "history of the record", "historique de l'enregistrement", "geschiedenis van het record";
    ActNewPerson => "new person", "nouvelle personne", "nieuwe persoon";
    ActNewMeeting => "meeting (record one, with who attended)", "réunion (en noter une, avec les présents)", "vergadering (er een noteren, met wie aanwezig was)";
    ActNextField => "next field", "champ suivant", "volgend veld";
    ActPrevField => "previous field", "champ précédent", "vorig veld";
    ActSave => "save", "enregistrer", "opslaan";
    ActYes => "yes", "oui", "ja";
    ActNo => "no", "non", "nee";
    ActCancel => "cancel", "annuler", "annuleren";
    ActRedraw => "redraw the screen", "redessiner l'écran", "scherm opnieuw tekenen";
    ActTextStart => "start of the text", "début du texte", "begin van de tekst";
    ActTextEnd => "end of the text", "fin du texte", "einde van de tekst";
    ActTextLeft => "cursor left", "curseur à gauche", "cursor naar links";
    ActTextRight => "cursor right", "curseur à droite", "cursor naar rechts";
    ActDeleteBack => "delete the character before", "effacer le caractère avant", "teken ervoor wissen";
    ActDeleteForward => "delete the character after", "effacer le caractère après", "teken erna wissen";
    ActDeleteWord => "delete the word before", "effacer le mot avant", "woord ervoor wissen";
    ActDeleteLine => "clear the field", "vider le champ", "veld leegmaken";
    ActDeleteToEnd => "delete to the end", "effacer jusqu'à la fin", "wissen tot het einde";
    ActToggle => "tick / untick", "cocher / décocher", "aan- / uitvinken";
    KeyEnter => "Enter", "Entrée", "Enter";
    KeyEsc => "Esc", "Échap", "Esc";
    KeySpace => "Space", "Espace", "Spatie";
    KeyBackTab => "S-Tab", "Maj-Tab", "Shift-Tab";
    KeyUp => "Up", "Haut", "Omhoog";
    KeyDown => "Down", "Bas", "Omlaag";
    KeyLeft => "Left", "Gauche", "Links";
    KeyRight => "Right", "Droite", "Rechts";
    KeyPageUp => "PgUp", "PgPréc", "PgUp";
    KeyPageDown => "PgDn", "PgSuiv", "PgDn";
    KeyHome => "Home", "Début", "Home";
    KeyEnd => "End", "Fin", "End";
    KeyBackspace => "Backspace", "Retour arrière", "Backspace";
    KeyDelete => "Del", "Suppr", "Del";
    HelpInViews => "In the panes and detail views", "Dans les volets et les détails", "In de panelen en details";
    HelpInForms => "In a form, a filter or a prompt (other keys are typed)", "Dans un formulaire, un filtre ou une invite (les autres touches s'écrivent)", "In een formulier, filter of prompt (andere toetsen worden getypt)";
    HelpInQuestions => "In a yes / no question", "Dans une question oui / non", "Bij een ja / nee-vraag";
    NewDay => "A new day: {}", "Un nouveau jour : {}", "Een nieuwe dag: {}";
    AuditPut => "saved", "enregistré", "opgeslagen";
    AuditDelete => "deleted", "supprimé", "verwijderd";
    HistoryTitle => "History: {}", "Historique : {}", "Geschiedenis: {}";
    HistoryAsked => "Asking for its history…", "Demande de son historique…", "Geschiedenis wordt opgevraagd…";
    HistoryEmpty => "No change recorded", "Aucune modification enregistrée", "Geen wijziging geregistreerd";
    HintMore => "? help", "? aide", "? hulp";
    // Commands
    ReportTitle => "Drug-policy steering report", "Rapport de pilotage de la politique drogue", "Rapport stuurgroepen drugsbeleid";
    ReportAsOf => "Situation as of {}", "Situation au {}", "Toestand op {}";
    ReportCentral => "Central group", "Groupe central", "Centrale stuurgroep";
    ReportChairVacant => "The central group has had no chair since {}.", "Le groupe central n'a plus de président depuis le {}.", "De centrale stuurgroep heeft geen voorzitter sinds {}.";
    ReportCentralDormant => "The central group is dormant: it has not met since {last}, more than {months} months ago.", "Le groupe central est en sommeil : il ne s'est plus réuni depuis le {last}, il y a plus de {months} mois.", "De centrale stuurgroep slaapt: ze is niet meer samengekomen sinds {last}, meer dan {months} maanden geleden.";
    ReportCentralNeverMet => "The central group is dormant: it has never met.", "Le groupe central est en sommeil : il ne s'est jamais réuni.", "De centrale stuurgroep slaapt: ze is nooit samengekomen.";
    ReportCentralLastMet => "Last meeting of the central group: {}.", "Dernière réunion du groupe central : {}.", "Laatste vergadering van de centrale stuurgroep: {}.";
    ReportFigures => "Local groups by language regime", "Groupes locaux par régime linguistique", "Lokale groepen per taalregime";
    ReportThresholds => "Thresholds in force on {date}: a group is dormant after {months} months without a meeting; a wait is overdue after {days} days; more than {seats} seats is too many for one person.", "Seuils en vigueur le {date} : un groupe est en sommeil après {months} mois sans réunion ; une attente est en retard après {days} jours ; plus de {seats} sièges, c'est trop pour une personne.", "Drempels van kracht op {date}: een groep is slapend na {months} maanden zonder vergadering; een wachttijd is te lang na {days} dagen; meer dan {seats} zetels is te veel voor één persoon.";
    TrendNothing => "No meeting and no member is recorded yet: the figures start with the first.", "Aucune réunion ni aucun membre n'est encore enregistré : les chiffres commencent au premier.", "Nog geen vergadering en geen lid geregistreerd: de cijfers beginnen bij de eerste.";
    TrendFrom => "Nothing is recorded before {}: the figures start there.", "Rien n'est enregistré avant {} : les chiffres commencent là.", "Niets geregistreerd vóór {}: de cijfers beginnen daar.";
    ReportTrend => "Year by year, on 31 December", "Année par année, au 31 décembre", "Jaar na jaar, op 31 december";
    ColCovered => "covered", "couverts", "betrokken";
    ColWithGroup => "with a local group", "avec un groupe local", "met een lokale groep";
    ColMeetingGroups => "whose group meets", "dont le groupe se réunit", "waarvan de groep vergadert";
    ColSeatsFilled => "required seats filled", "sièges requis pourvus", "vereiste zetels bezet";
    ColWaiting => "projects waiting", "projets en attente", "wachtende projecten";
    RegimeFrench => "French-speaking", "Francophones", "Franstalig";
    RegimeDutch => "Dutch-speaking", "Néerlandophones", "Nederlandstalig";
    RegimeFrenchPrisons => "French-speaking", "francophones", "Franstalige";
    RegimeDutchPrisons => "Dutch-speaking", "néerlandophones", "Nederlandstalige";
    ColYear => "Year", "Année", "Jaar";
    ReportCoverage => "Training coverage by prison, staff group and topic", "Couverture des formations par prison, personnel et thème", "Opleidingsdekking per gevangenis, personeelsgroep en onderwerp";
    ReportNothing => "Nothing to report.", "Rien à signaler.", "Niets te melden.";
    CheckAllClear => "Nothing needs attention.", "Rien ne demande d'attention.", "Niets vraagt aandacht.";
    ErrBusy => "The store {} is in use by another pilotage. Close the other one (or wait for it), then try again.",
        "La base de données {} est utilisée par un autre pilotage. Fermez l'autre (ou attendez-le), puis réessayez.",
        "De opslag {} is in gebruik door een andere pilotage. Sluit die (of wacht erop) en probeer opnieuw.";
    ErrNotAStore => "{store} is not a pilotage store ({why}). Choose another directory with --db.",
        "{store} n'est pas une base de données pilotage ({why}). Choisissez un autre répertoire avec --db.",
        "{store} is geen pilotage-opslag ({why}). Kies een andere map met --db.";
    ErrDamaged => "The store {store} is damaged ({why}). Nothing was changed. Restore the latest backup: pilotage --db {store} restore {latest}",
        "La base de données {store} est endommagée ({why}). Rien n'a été modifié. Restaurez la dernière sauvegarde : pilotage --db {store} restore {latest}",
        "De opslag {store} is beschadigd ({why}). Er is niets gewijzigd. Zet de laatste back-up terug: pilotage --db {store} restore {latest}";
    ErrIo => "The store {store} cannot be used: {why}", "La base de données {store} est inutilisable : {why}", "De opslag {store} is onbruikbaar: {why}";
    ErrDailyBackup => "no automatic backup today: {}", "pas de sauvegarde automatique aujourd'hui : {}", "vandaag geen automatische back-up: {}";
    ErrBackup => "The backup {backup} cannot be used: {why}. Nothing was changed.", "La sauvegarde {backup} est inutilisable : {why}. Rien n'a été modifié.", "De back-up {backup} is onbruikbaar: {why}. Er is niets gewijzigd.";
    PanicMessage => "pilotage stopped on an internal error. Your data is safe in {}: every change the screen confirmed was saved.",
        "pilotage s'est arrêté sur une erreur interne. Vos données sont en sécurité dans {} : toute modification confirmée à l'écran a été enregistrée.",
        "pilotage is gestopt door een interne fout. Uw gegevens zijn veilig in {}: elke bevestigde wijziging is opgeslagen.";
    ErrBackupInsideStore => "{backup} is inside the store {store}: a backup there would overwrite the store's own files. Choose a file elsewhere.", "{backup} est dans la base de données {store} : une sauvegarde à cet endroit écraserait ses propres fichiers. Choisissez un fichier ailleurs.", "{backup} ligt in de opslag {store}: een back-up daar zou de eigen bestanden van de opslag overschrijven. Kies een bestand elders.";
    ErrRefused => "Nothing was written to the store {store}: {why}. Such a record could not be read back; make it smaller.", "Rien n'a été écrit dans la base de données {store} : {why}. Un tel enregistrement ne pourrait pas être relu ; réduisez-le.", "Er is niets geschreven in de opslag {store}: {why}. Zo'n record kan niet teruggelezen worden; maak het kleiner.";
    ErrDiskFull => "The disk holding the store {} is full: nothing was written, and what was saved before is intact. Free some space, then try again.", "Le disque de la base de données {} est plein : rien n'a été écrit, et ce qui était enregistré est intact. Libérez de la place, puis réessayez.", "De schijf van de opslag {} is vol: er is niets geschreven, en wat eerder opgeslagen was, is intact. Maak ruimte vrij en probeer opnieuw.";
    UndoneOnOpen => "The store {store} held a change that stopped half-way ({what}): it was undone, and the store is as it was before it. Run it again.", "La base de données {store} contenait une modification arrêtée à mi-chemin ({what}) : elle a été annulée, et la base de données est telle qu'avant. Relancez-la.", "De opslag {store} bevatte een wijziging die halverwege stopte ({what}): ze is ongedaan gemaakt, en de opslag is zoals ervoor. Voer ze opnieuw uit.";
    WhyIsAFile => "it is a file", "c'est un fichier", "het is een bestand";
    WhyOtherFiles => "the directory holds other files", "le dossier contient d'autres fichiers", "de map bevat andere bestanden";
    WhyFilesDoNotReadBack => "its files do not read back as they were written", "ses fichiers ne se relisent pas tels qu'ils ont été écrits", "de bestanden lezen niet terug zoals ze geschreven zijn";
    WhyContentGone => "its files are there but their content is gone or unreadable", "ses fichiers sont là mais leur contenu a disparu ou est illisible", "de bestanden zijn er, maar de inhoud is weg of onleesbaar";
    WhyRestoreUnfinished => "a restore from {} did not finish", "une restauration depuis {} ne s'est pas terminée", "een terugzetting vanuit {} is niet afgerond";
    WhyChangeUnfinished => "a change of {} stopped half-way, and what it replaced cannot be read back", "une modification de {} s'est arrêtée à mi-chemin, et ce qu'elle remplaçait ne peut être relu", "een wijziging van {} stopte halverwege, en wat ze verving kan niet teruggelezen worden";
    WhyNotARegularFile => "it is not a regular file (a pipe, a device or a socket)", "ce n'est pas un fichier ordinaire (un tube, un périphérique ou un socket)", "het is geen gewoon bestand (een pipe, een apparaat of een socket)";
    WhyTooLarge => "it is larger than a backup can be ({} MiB)", "il est plus grand qu'une sauvegarde ne peut l'être ({} Mio)", "het is groter dan een back-up kan zijn ({} MiB)";
    WhyPermissionDenied => "permission denied: the files belong to another account, or the directory may not be written", "permission refusée : les fichiers appartiennent à un autre compte, ou le dossier n'est pas accessible en écriture", "toegang geweigerd: de bestanden horen bij een andere account, of de map is niet beschrijfbaar";
    WhyReadOnlyFilesystem => "the disk is read-only", "le disque est en lecture seule", "de schijf is alleen-lezen";
    WhyNotFound => "it does not exist", "il n'existe pas", "het bestaat niet";
    WhyCannotMake => "it cannot be made there (its parent is missing or takes no new directory)", "il ne peut pas être créé là (son parent manque ou n'accepte pas de nouveau dossier)", "het kan daar niet gemaakt worden (de bovenliggende map ontbreekt of neemt geen nieuwe map aan)";
    // Import's refusals (src/cli/transfer): pieces joined with ": " after the file and line.
    ImpRaw => "{}", "{}", "{}";
    ImpRecord => "record {}", "enregistrement {}", "record {}";
    ImpColumn => "column {}", "colonne {}", "kolom {}";
    ImpIsEmpty => "is empty", "est vide", "is leeg";
    ImpOutOfBounds => "{value} is not between {min} and {max}", "{value} n'est pas entre {min} et {max}", "{value} ligt niet tussen {min} en {max}";
    ImpNotNumberInRange => "{} is not a whole number in range", "{} n'est pas un nombre entier dans les limites", "{} is geen geheel getal binnen het bereik";
    ImpNotNumber => "{} is not a whole number", "{} n'est pas un nombre entier", "{} is geen geheel getal";
    ImpIdTooHigh => "{id} is over {max}, the highest id a store gives", "{id} dépasse {max}, le plus grand numéro qu'une base de données attribue", "{id} is groter dan {max}, het hoogste nummer dat een opslag geeft";
    ImpNotADate => "{} is not a date (dd/mm/yyyy or yyyy-mm-dd, a day that exists)", "{} n'est pas une date (jj/mm/aaaa ou aaaa-mm-jj, un jour qui existe)", "{} is geen datum (dd/mm/jjjj of jjjj-mm-dd, een dag die bestaat)";
    ImpNotABool => "{} is not true or false", "{} n'est ni vrai ni faux", "{} is niet waar of onwaar";
    ImpNotAFile => "is not a regular file (a pipe, a device or a socket): pilotage reads only files", "n'est pas un fichier ordinaire (un tube, un périphérique ou un socket) : pilotage ne lit que des fichiers", "is geen gewoon bestand (een pipe, een apparaat of een socket): pilotage leest alleen bestanden";
    ImpFileTooLarge => "the file is larger than {} MiB", "le fichier dépasse {} Mio", "het bestand is groter dan {} MiB";
    ImpQuoteNeverClosed => "a quote opened on this line is never closed: the lines after it would be read as one cell", "un guillemet ouvert sur cette ligne n'est jamais fermé : les lignes suivantes seraient lues comme une seule cellule", "een aanhalingsteken dat op deze regel opent, wordt nooit gesloten: de regels erna zouden als één cel gelezen worden";
    ImpQuoteNotClosedWithin => "a quote opened on this line is not closed within 1 MiB: the lines after it would be read as one cell", "un guillemet ouvert sur cette ligne n'est pas fermé dans le Mio qui suit : les lignes suivantes seraient lues comme une seule cellule", "een aanhalingsteken dat op deze regel opent, wordt binnen 1 MiB niet gesloten: de regels erna zouden als één cel gelezen worden";
    ImpLineTooLong => "this line is longer than 1 MiB", "cette ligne dépasse 1 Mio", "deze regel is langer dan 1 MiB";
    ImpHeaderNotUtf8 => "the header is not UTF-8 text (save the file as \"CSV UTF-8\")", "l'en-tête n'est pas du texte UTF-8 (enregistrez le fichier en « CSV UTF-8 »)", "de kopregel is geen UTF-8-tekst (sla het bestand op als \"CSV UTF-8\")";
    ImpLineNotUtf8 => "the line is not UTF-8 text (save the file as \"CSV UTF-8\")", "la ligne n'est pas du texte UTF-8 (enregistrez le fichier en « CSV UTF-8 »)", "de regel is geen UTF-8-tekst (sla het bestand op als \"CSV UTF-8\")";
    ImpNoColumn => "the header has no column {column} (a {kind} file needs: {columns})", "l'en-tête n'a pas de colonne {column} (un fichier {kind} demande : {columns})", "de kopregel heeft geen kolom {column} (een bestand {kind} vraagt: {columns})";
    ImpColumnTwice => "the header names column {} twice", "l'en-tête nomme la colonne {} deux fois", "de kopregel noemt kolom {} twee keer";
    ImpMoreCells => "the line has more cells than the header's {}", "la ligne a plus de cellules que les {} de l'en-tête", "de regel heeft meer cellen dan de {} van de kopregel";
    ImpCellMissing => "the line has {cells} cells where the header has {header}: a cell is missing (an empty one still needs its separator)", "la ligne a {cells} cellules là où l'en-tête en a {header} : il manque une cellule (une cellule vide garde son séparateur)", "de regel heeft {cells} cellen waar de kopregel er {header} heeft: er ontbreekt een cel (een lege cel heeft ook haar scheidingsteken nodig)";
    ImpListTextsNumbers => "a list may hold only texts and numbers", "une liste ne peut contenir que des textes et des nombres", "een lijst mag alleen teksten en getallen bevatten";
    ImpValueObject => "a value cannot be an object", "une valeur ne peut pas être un objet", "een waarde kan geen object zijn";
    ImpNotJson => "not valid JSON: {why} (column {column})", "JSON non valide : {why} (colonne {column})", "geen geldige JSON: {why} (kolom {column})";
    ImpNoRecordsList => "there is no \"records\" list", "il n'y a pas de liste « records »", "er is geen lijst \"records\"";
    ImpNotAnObject => "is not an object", "n'est pas un objet", "is geen object";
    ImpHasNo => "has no {}", "n'a pas de {}", "heeft geen {}";
    ImpSchema => "schema {schema} is not supported (this pilotage reads schema {supported})", "le schéma {schema} n'est pas pris en charge (ce pilotage lit le schéma {supported})", "schema {schema} wordt niet ondersteund (deze pilotage leest schema {supported})";
    ImpLocalNeedsEstablishment => "is empty, and a local group needs one", "est vide, et un groupe local en demande un", "is leeg, en een lokale groep heeft er een nodig";
    ImpBefore => "is before {}", "est antérieur à {}", "ligt vóór {}";
    ImpOtherElement => "other element {}", "autre élément : {}", "ander element: {}";
    ImpUnknownElement => "unknown fundamental element {} (expected drug_free_wing, urine_tests or other:<text>)", "élément fondamental inconnu {} (attendu : drug_free_wing, urine_tests ou other:<texte>)", "onbekend fundamenteel element {} (verwacht: drug_free_wing, urine_tests of other:<tekst>)";
    ImpStepNoText => "a {} step takes no text", "une étape {} ne prend pas de texte", "een stap {} krijgt geen tekst";
    ImpStepBeforeLast => "this event is dated before the project's previous event", "cet événement est daté d'avant l'événement précédent du projet", "deze gebeurtenis is gedateerd vóór de vorige gebeurtenis van het project";
    ImpStepNotAllowed => "this step cannot follow the project's previous one (a decision needs a submission first; a decided or withdrawn project is closed)", "cette étape ne peut suivre la précédente du projet (une décision demande d'abord une soumission ; un projet décidé ou retiré est clos)", "deze stap kan niet volgen op de vorige van het project (een beslissing vraagt eerst een indiening; een beslist of ingetrokken project is afgesloten)";
    ImpTooLong => "is longer than {} characters", "dépasse {} caractères", "is langer dan {} tekens";
    ImpControlChar => "holds the control character U+{}", "contient le caractère de contrôle U+{}", "bevat het stuurteken U+{}";
    ImpUnknownCode => "unknown {what} {code} (expected one of: {known})", "{what} inconnu(e) : {code} (attendu : {known})", "onbekende {what} {code} (verwacht: {known})";
    ImpAlsoHolds => "{file} also holds {kind}; keep only one of the two files", "{file} contient aussi {kind} ; ne gardez qu'un des deux fichiers", "{file} bevat ook {kind}; houd maar één van beide bestanden";
    ImpCannotTell => "cannot tell what this file holds: its name must be one of {} with .csv or .json", "impossible de savoir ce que contient ce fichier : son nom doit être l'un de {} avec .csv ou .json", "onduidelijk wat dit bestand bevat: de naam moet een van {} zijn, met .csv of .json";
    ImpAppearsTwice => "{what} appears twice (first on {first})", "{what} apparaît deux fois (d'abord {first})", "{what} komt twee keer voor (eerst op {first})";
    ImpAtLine => "line {}", "à la ligne {}", "regel {}";
    ImpAtRecord => "record {}", "à l'enregistrement {}", "record {}";
    ImpNeedsBeside => "{child} needs {parent}.csv or {parent}.json beside it", "{child} demande {parent}.csv ou {parent}.json à côté", "{child} vraagt {parent}.csv of {parent}.json ernaast";
    ImpTemplateMissing => "template {} is not in the templates file", "le modèle {} n'est pas dans le fichier des modèles", "sjabloon {} staat niet in het bestand met sjablonen";
    ImpProjectMissing => "project {} is not in the projects file", "le projet {} n'est pas dans le fichier des projets", "project {} staat niet in het bestand met projecten";
    ImpBadCoverage => "{} is not a coverage decision (yyyy-mm-dd:yes or yyyy-mm-dd:no)", "{} n'est pas une décision de couverture (aaaa-mm-jj:yes ou aaaa-mm-jj:no)", "{} is geen beslissing over de dekking (jjjj-mm-dd:yes of jjjj-mm-dd:no)";
    ImpWhatRegion => "region", "région", "gewest";
    ImpWhatLanguage => "language regime", "régime linguistique", "taalregime";
    ImpWhatEstablishmentKind => "establishment kind", "type d'établissement", "soort inrichting";
    ImpWhatGroupKind => "group kind", "type de groupe", "soort groep";
    ImpWhatQualification => "qualification", "qualification", "kwalificatie";
    ImpWhatStep => "project step", "étape de projet", "projectstap";
    ImpWhatStaffGroup => "staff group", "groupe de personnel", "personeelsgroep";
    ImpWhatPriority => "priority", "priorité", "prioriteit";
    ImpEstablishment => "establishment {}", "l'établissement {}", "inrichting {}";
    ImpPerson => "person {}", "la personne {}", "persoon {}";
    ImpGroup => "group {}", "le groupe {}", "groep {}";
    ImpTemplate => "template {}", "le modèle {}", "sjabloon {}";
    ImpWhatCoordinator => "coordinator side", "côté du coordinateur", "kant van de coördinator";
    ImpSettings => "thresholds {}", "les seuils {}", "drempels {}";
    ReportCapbOutside => "Only what the members agreed to disseminate is here. For the members' own use, `pilotage report --internal` gives the whole concertation, marked confidential.", "Seul ce que les membres ont accepté de diffuser figure ici. Pour l'usage des membres, `pilotage report --internal` donne toute la concertation, marquée confidentielle.", "Alleen wat de leden lieten verspreiden staat hier. Voor de leden zelf geeft `pilotage report --internal` het hele overleg, als vertrouwelijk gemarkeerd.";
    ReportCapbInternal => "CONFIDENTIAL, INTERNAL TO THE CONCERTATION: its debates are secret; nothing here leaves without a decision of its members.", "CONFIDENTIEL, INTERNE À LA CONCERTATION : ses débats sont secrets ; rien ne sort d'ici sans décision de ses membres.", "VERTROUWELIJK, INTERN AAN HET OVERLEG: de debatten zijn geheim; niets verlaat dit zonder beslissing van de leden.";
    ReportCapbMembers => "Member services on {date}: {services}", "Services membres au {date} : {services}", "Lidorganisaties op {date}: {services}";
    ReportCapbMeetings => "Meetings held: {count} (the latest on {latest})", "Réunions tenues : {count} (la dernière le {latest})", "Gehouden vergaderingen: {count} (de laatste op {latest})";
    ReportCapbAgreed => "Productions the members agreed to disseminate", "Productions dont les membres ont décidé la diffusion", "Producties waarvan de leden de verspreiding beslisten";
    ReportCapbReleased => "Minutes released by the members", "Procès-verbaux diffusables sur décision des membres", "Verslagen vrijgegeven door de leden";
    ReportCapbWithheld => "Left out: {} (the members have not agreed)", "Non repris : {} (les membres n'ont pas donné leur accord)", "Weggelaten: {} (de leden gaven geen akkoord)";
    ReportCapbWithheldProduction => "production {id}: {why}", "production {id} : {why}", "productie {id}: {why}";
    ReportCapbWithheldToThem => "Left out: {}", "Non repris : {}", "Weggelaten: {}";
    ConsentToThemOnly => "released by the members' decision of {} to its recipients only", "libéré par la décision des membres du {} pour ses seuls destinataires", "vrijgegeven door de beslissing van de leden van {} alleen voor haar ontvangers";
    ReportCapbWithheldMinutes => "minutes of {date}: {why}", "procès-verbal du {date} : {why}", "verslag van {date}: {why}";
    ReportCapbVotes => "Motions and votes", "Motions et votes", "Moties en stemmingen";
    ImpCapbService => "member service {}", "le service membre {}", "lidorganisatie {}";
    ImpCapbMeeting => "concertation meeting {}", "la réunion de concertation {}", "overlegvergadering {}";
    ImpCapbMotion => "motion {}", "la motion {}", "motie {}";
    ImpCapbRules => "the concertation's rules {}", "les règles de la concertation {}", "de regels van het overleg {}";
    ImpCapbProduction => "production {}", "la production {}", "productie {}";
    ImpWhatActionField => "field of action", "champ d'action", "actiedomein";
    ImpWhatVote => "vote", "vote", "stem";
    ImpWhatMajority => "majority base", "base de la majorité", "meerderheidsbasis";
    ImpWhatProductionKind => "kind of production", "genre de production", "soort productie";
    ImpBadItem => "{item} is not of the form {form}", "{item} n'a pas la forme {form}", "{item} heeft niet de vorm {form}";
    ImpSeatOf => "position {position} of template {template}", "la place {position} du modèle {template}", "plaats {position} van sjabloon {template}";
    ImpMembership => "membership {}", "l'affiliation {}", "lidmaatschap {}";
    ImpMeeting => "meeting {}", "la réunion {}", "vergadering {}";
    ImpProject => "project {}", "le projet {}", "project {}";
    ImpEventOf => "position {position} of project {project}", "la place {position} du projet {project}", "plaats {position} van project {project}";
    ImpNeed => "training need {}", "le besoin de formation {}", "opleidingsbehoefte {}";
    ImpSession => "training session {}", "la session de formation {}", "opleidingssessie {}";
    ImpNothingImported => "nothing was imported", "rien n'a été importé", "er is niets geïmporteerd";
    ImportSummary => "The import adds {added} records, changes {changed}, removes {removed}, and leaves {kept} as they were.", "L'import ajoute {added} enregistrements, en modifie {changed}, en retire {removed} et en laisse {kept} tels quels.", "De import voegt {added} records toe, wijzigt er {changed}, verwijdert er {removed} en laat er {kept} zoals ze waren.";
    ImportDryRun => "Nothing was stored (--dry-run).", "Rien n'a été enregistré (--dry-run).", "Er is niets opgeslagen (--dry-run).";
    StandingDraft => "draft, never submitted", "brouillon jamais soumis", "ontwerp, nooit ingediend";
    StandingRunning => "running without authorisation", "en cours sans autorisation", "lopend zonder toestemming";
    DaysCount => "{} days", "{} jours", "{} dagen";
    DayCount => "{} day", "{} jour", "{} dag";
    ErrNoChairToDecide => "The central group had no chair on {}: it could not decide.", "Le groupe central n'avait pas de président le {} : il ne pouvait pas décider.", "De centrale stuurgroep had op {} geen voorzitter: ze kon niet beslissen.";
    DecisionWithoutChair => "decided on {} by a central group without a chair: a decision it could not take", "décidé le {} par un groupe central sans président : une décision qu'il ne pouvait pas prendre", "beslist op {} door een centrale stuurgroep zonder voorzitter: een beslissing die ze niet kon nemen";
    DoneImport => "{read} records read, {changed} changed", "{read} enregistrements lus, {changed} modifiés", "{read} records gelezen, {changed} gewijzigd";
    DoneBackup => "{entries} entries -> {file}", "{entries} entrées -> {file}", "{entries} items -> {file}";
    DoneRestore => "{records} records restored from {file}", "{records} enregistrements restaurés depuis {file}", "{records} records teruggezet vanuit {file}";
    DoneSafetyCopy => "current content saved to {}", "contenu actuel enregistré dans {}", "huidige inhoud bewaard in {}";
    DoneMovedAside => "the store ({store}) was moved to {aside}", "la base de données ({store}) a été déplacée vers {aside}", "de opslag ({store}) is verplaatst naar {aside}";
    ErrMoveAside => "cannot move the store ({store}) aside: {why}", "impossible de mettre la base de données ({store}) de côté : {why}", "kan de opslag ({store}) niet opzij zetten: {why}";
    AsideDamaged => "damaged", "endommagé", "beschadigd";
    AsideUnreadable => "unreadable", "illisible", "onleesbaar";
    ImpDiskFull => "the disk is full", "le disque est plein", "de schijf is vol";
    ErrNationalNumber => "{} looks like a national register number: no detainee's details here", "{} ressemble à un numéro de registre national : pas de données de détenus ici", "{} lijkt op een rijksregisternummer: geen gegevens van gedetineerden hier";
    NoteNoDetainee => "Work notes only: no detainee's name, number or health.", "Notes de travail seulement : ni nom, ni numéro, ni santé d'un détenu.", "Alleen werknotities: geen naam, nummer of gezondheid van een gedetineerde.";
    ImpNationalNumber => "holds {}, which looks like a national register number: the data is about the groups' work, never about detainees", "contient {}, qui ressemble à un numéro de registre national : les données portent sur le travail des groupes, jamais sur des détenus", "bevat {}, dat op een rijksregisternummer lijkt: de gegevens gaan over het werk van de groepen, nooit over gedetineerden";
    ErrTerminal => "The terminal cannot show the screens ({}). Run pilotage in a terminal, or use its commands (pilotage --help).", "Le terminal ne peut afficher les écrans ({}). Lancez pilotage dans un terminal, ou utilisez ses commandes (pilotage --help).", "De terminal kan de schermen niet tonen ({}). Start pilotage in een terminal, of gebruik de opdrachten (pilotage --help).";
    SaveFailed => "Not saved: {}", "Non enregistré : {}", "Niet opgeslagen: {}";
    Undone => "Undone: {}", "Annulé : {}", "Ongedaan gemaakt: {}";
    NothingToUndo => "Nothing to undo", "Rien à annuler", "Niets ongedaan te maken";
    ReadOnlyRefused => "Read-only: nothing can be changed", "Lecture seule : aucune modification possible", "Alleen-lezen: niets kan gewijzigd worden";
    // The concertation (CAPB)
    PaneConcertation => "Concertation (CAPB)", "Concertation Assuétudes/Prisons (CAPB)", "Overleg Verslaving/Gevangenis (CAPB)";
    TabConcertation => "CAPB", "CAPB", "CAPB";
    ActConcertation => "show the concertation (CAPB)", "afficher la concertation (CAPB)", "het overleg (CAPB) tonen";
    ActMembersRules => "the members' rules (concertation)", "règles des membres (concertation)", "regels van de leden (overleg)";
    ActVote => "put a motion to the vote", "mettre une motion au vote", "een motie ter stemming leggen";
    ActMarkFor => "for", "pour", "voor";
    ActMarkAgainst => "against", "contre", "tegen";
    ActMarkAbstain => "abstains", "abstention", "onthouding";
    ActMarkAbsent => "absent", "absent", "afwezig";
    ActMarkPresent => "present", "présent", "aanwezig";
    ActMarkProxy => "give proxy", "procuration", "volmacht";
    ColWhat => "What", "Quoi", "Wat";
    ColState => "State", "État", "Stand";
    ColAttention => "Needs attention", "À traiter", "Aandacht nodig";
    KindService => "member", "membre", "lid";
    KindCapbMeeting => "meeting", "réunion", "vergadering";
    KindProduction => "production", "production", "productie";
    CapbMeetingSummary => "{present} present, {proxies} by proxy, {motions} motions", "{present} présents, {proxies} par procuration, {motions} motions", "{present} aanwezig, {proxies} bij volmacht, {motions} moties";
    AttNoRepresentative => "no representative", "aucun représentant", "geen vertegenwoordiger";
    AttNoMinutes => "no minutes", "pas de procès-verbal", "geen verslag";
    AttWaitingDecision => "waiting for the members' decision", "attend la décision des membres", "wacht op de beslissing van de leden";
    AttOutWithout => "disseminated without the members' agreement", "diffusée sans l'accord des membres", "verspreid zonder akkoord van de leden";
    AttMembersRule => "breaks the members' rule: {}", "contraire à la règle des membres : {}", "strijdig met de regel van de leden: {}";
    AttCharter => "breaks the charter: {}", "contraire à la charte : {}", "strijdig met het charter: {}";
    ProbNotMember => "{} is not a member on that date", "{} n'est pas membre à cette date", "{} is op die datum geen lid";
    ProbAttendsTwice => "{} is listed twice", "{} figure deux fois", "{} staat er twee keer";
    ProbProxyToSelf => "{} cannot give its proxy to itself", "{} ne peut se donner procuration", "{} kan zichzelf geen volmacht geven";
    ProbProxyTwice => "{} gave two proxies", "{} a donné deux procurations", "{} gaf twee volmachten";
    ProbHolderAbsent => "{member} gave its proxy to {holder}, who is absent", "{member} a donné procuration à {holder}, absent", "{member} gaf volmacht aan {holder}, die afwezig is";
    ProbChain => "{holder} holds a proxy and cannot pass one on to {to}", "{holder} détient une procuration et ne peut en transmettre à {to}", "{holder} heeft een volmacht en kan er geen doorgeven aan {to}";
    ProbOverCap => "{holder} holds {proxies} proxies; at most {max}", "{holder} détient {proxies} procurations ; au plus {max}", "{holder} heeft {proxies} volmachten; hoogstens {max}";
    ProbVotesTwice => "{} has two ballots", "{} a deux votes", "{} heeft twee stemmen";
    ProbNoVoice => "{} is absent without a proxy: it cannot vote", "{} est absent sans procuration : il ne peut voter", "{} is afwezig zonder volmacht: het kan niet stemmen";
    VoteFor => "for", "pour", "voor";
    VoteAgainst => "against", "contre", "tegen";
    VoteAbstain => "abstains", "abstention", "onthouding";
    VoteAbsent => "absent", "absent", "afwezig";
    VoteByProxy => "absent, votes through {}", "absent, vote par {}", "afwezig, stemt via {}";
    NoServerStarted => "no server could start: this window holds the store itself", "aucun serveur n'a pu démarrer : cette fenêtre tient elle-même la base", "geen server kon starten: dit venster houdt de opslag zelf";
    NoServerNoStore => "no server could start, nor the store open here ({}): read-only", "aucun serveur n'a pu démarrer, ni la base s'ouvrir ici ({}) : lecture seule", "geen server kon starten en de opslag niet hier openen ({}): alleen-lezen";
    ServerBack => "the server is back: up to date again", "le serveur est revenu : à jour à nouveau", "de server is terug: weer bijgewerkt";
    WhileAway => "someone (while the server was away)", "quelqu'un (pendant l'absence du serveur)", "iemand (terwijl de server weg was)";
    ServerLost => "lost the server: read-only until it is back (forms keep what you typed)", "serveur perdu : lecture seule jusqu'à son retour (les formulaires gardent votre saisie)", "server verloren: alleen-lezen tot hij terug is (formulieren houden wat u typte)";
    ChangedBy => "{who} saved {what}", "{who} a enregistré {what}", "{who} heeft {what} opgeslagen";
    ErrServedStore => "a pilotage server holds the store {}: replacing all of it waits for the server to stop (systemctl stop pilotage, or quit every pilotage on it)", "un serveur pilotage tient la base de données {} : le remplacer entièrement attend l'arrêt du serveur (systemctl stop pilotage, ou quittez chaque pilotage ouvert dessus)", "een pilotage-server beheert de opslag {}: alles vervangen wacht tot de server stopt (systemctl stop pilotage, of sluit elke pilotage erop)";
    Conflict => "{who} saved this {what} since you began: saving again writes yours over it; reloading shows theirs", "{who} a enregistré ceci {what} depuis que vous avez commencé : enregistrer à nouveau écrit le vôtre par-dessus ; recharger montre le sien", "{who} heeft dit {what} opgeslagen sinds u begon: opnieuw opslaan schrijft het uwe erover; opnieuw laden toont het hunne";
    ConflictMerged => "{who} saved this {what} since you began. Shown: their version with the fields you changed over it (theirs under a field you both changed). Ctrl-S saves this; Ctrl-R takes theirs whole", "{who} a enregistré ceci {what} depuis que vous avez commencé. Affiché : sa version, avec par-dessus les champs que vous avez modifiés (la sienne sous un champ modifié des deux côtés). Ctrl-S enregistre ceci ; Ctrl-R reprend la sienne entière", "{who} heeft dit {what} opgeslagen sinds u begon. Getoond: hun versie met de velden die u wijzigde erover (de hunne onder een veld dat u allebei wijzigde). Ctrl-S bewaart dit; Ctrl-R neemt de hunne helemaal";
    TheirsValue => "theirs: {}", "la sienne : {}", "de hunne: {}";
    TakeTheirs => "Take their version and drop what you typed?", "Reprendre sa version et abandonner ce que vous avez tapé ?", "Hun versie nemen en weggooien wat u typte?";
    StampAt => "on {date} at {time}", "le {date} à {time}", "op {date} om {time}";
    UndoConflict => "{who} changed this {what} since: u again undoes over their change", "{who} a modifié ceci {what} depuis : u à nouveau annule par-dessus sa modification", "{who} heeft dit {what} gewijzigd sindsdien: nogmaals u maakt ongedaan over hun wijziging heen";
    NothingToReload => "only after someone else saved what the form holds", "seulement quand quelqu'un d'autre a enregistré ce que tient le formulaire", "alleen nadat iemand anders opsloeg wat het formulier bevat";
    ActReload => "reload what is saved", "recharger ce qui est enregistré", "opnieuw laden wat opgeslagen is";
    ActAccounts => "grant access to the store (shared)", "donner accès à la base de données (partagé)", "toegang tot de opslag geven (gedeeld)";
    FormAccount => "Access to the store", "Accès à la base de données", "Toegang tot de opslag";
    FieldAccount => "OS account (name or uid)", "Compte système (nom ou uid)", "Systeemaccount (naam of uid)";
    FieldRole => "Role", "Rôle", "Rol";
    FieldEstablishments => "Establishments (staff)", "Établissements (personnel)", "Inrichtingen (personeel)";
    ErrNoAccount => "no account {} on this system", "aucun compte {} sur ce système", "geen account {} op dit systeem";
    ErrStaffNeedsPrison => "prison staff need at least one establishment", "le personnel de prison a besoin d'au moins un établissement", "gevangenispersoneel heeft minstens één inrichting nodig";
    ErrBadServerBackup => "the server's backup is not whole ({}): nothing was written", "la sauvegarde du serveur n'est pas entière ({}) : rien n'a été écrit", "de back-up van de server is niet volledig ({}): er is niets geschreven";
    ErrYearOutOfRange => "{}: dates run from the year 1800 to 2200", "{} : les dates vont de l'an 1800 à 2200", "{}: datums lopen van het jaar 1800 tot 2200";
    WhyNotOwner => "its files belong to the account {account}: run pilotage as that account (sudo -u {sudo} pilotage …), so that none of them changes hands", "ses fichiers appartiennent au compte {account} : lancez pilotage sous ce compte (sudo -u {sudo} pilotage …), pour qu'aucun ne change de propriétaire", "de bestanden horen bij de account {account}: start pilotage als die account (sudo -u {sudo} pilotage …), zodat geen ervan van eigenaar verandert";
    WhyLink => "it is a symbolic link, not a directory of the store's own: pilotage writes its copies only into a directory of its own account", "c'est un lien symbolique, pas un dossier propre à la base de données : pilotage n'écrit ses copies que dans un dossier de son propre compte", "het is een symbolische koppeling, geen eigen map van de opslag: pilotage schrijft zijn kopieën alleen in een map van zijn eigen account";
    ErrNoStore => "no store at {path}: make one with `pilotage --db {path} init` (or start the UI there)", "aucune base de données dans {path} : créez-en un avec `pilotage --db {path} init` (ou lancez l'interface à cet endroit)", "geen opslag in {path}: maak er een met `pilotage --db {path} init` (of start de interface daar)";
    InitAlready => "A store is already at {}: nothing was changed.", "Une base de données existe déjà dans {} : rien n'a été modifié.", "Er staat al een opslag in {}: er is niets gewijzigd.";
    InitDone => "A new store is at {}, with the establishments and the circular's seats.", "Une nouvelle base de données est prête dans {}, avec les établissements et les sièges de la circulaire.", "Een nieuwe opslag staat in {}, met de inrichtingen en de zetels van de omzendbrief.";
    ErrGenerateNotEmpty => "generate fills a new store only; {} is not empty", "generate ne remplit qu'une nouvelle base de données ; {} n'est pas vide", "generate vult alleen een nieuwe opslag; {} is niet leeg";
    ErrOtherStore => "the server at {socket} serves the store {served}, not {named} (--db): leave --db out to use the server's, or name its socket with --socket", "le serveur de {socket} sert la base de données {served}, pas {named} (--db) : omettez --db pour utiliser celui du serveur, ou nommez son socket avec --socket", "de server op {socket} bedient de opslag {served}, niet {named} (--db): laat --db weg om die van de server te gebruiken, of noem zijn socket met --socket";
    ErrNoServer => "no server at {}: the socket was named (--socket or PILOTAGE_SOCKET) and nothing answers there; start the service, or leave the socket out to open a store directly", "aucun serveur à {} : le socket a été nommé (--socket ou PILOTAGE_SOCKET) et rien n'y répond ; démarrez le service, ou omettez le socket pour ouvrir une base de données directement", "geen server op {}: de socket werd genoemd (--socket of PILOTAGE_SOCKET) en niets antwoordt daar; start de dienst, of laat de socket weg om een opslag rechtstreeks te openen";
    AskCreateStore => "There is no store at {}. Make a new one there? [y/N]", "Il n'y a pas de base de données dans {}. En créer un nouveau à cet endroit ? [o/N]", "Er is geen opslag in {}. Daar een nieuwe maken? [j/N]";
    ErrNoTerminal => "the screens need a terminal on both sides (input and output); for a script or a file, `pilotage report` and `pilotage check` print what they show", "les écrans demandent un terminal des deux côtés (entrée et sortie) ; pour un script ou un fichier, `pilotage report` et `pilotage check` impriment ce qu'ils montrent", "de schermen hebben aan beide kanten een terminal nodig (invoer en uitvoer); voor een script of een bestand drukken `pilotage report` en `pilotage check` af wat ze tonen";
    ErrDumbTerminal => "TERM=dumb places no cursor, which the screens need; `pilotage report` and `pilotage check` print what they show", "TERM=dumb ne place pas de curseur, ce dont les écrans ont besoin ; `pilotage report` et `pilotage check` impriment ce qu'ils montrent", "TERM=dumb plaatst geen cursor, wat de schermen nodig hebben; `pilotage report` en `pilotage check` drukken af wat ze tonen";
    OnlyYours => "Only your establishments' projects are shown: the others' are the coordinator's to see.", "Seuls les projets de vos établissements sont montrés : ceux des autres relèvent du coordinateur.", "Alleen de projecten van uw inrichtingen worden getoond: die van de andere zijn voor de coördinator.";
    WhyFiguresCoordinators => "the figures count every establishment: the coordinator's to see", "les chiffres comptent tous les établissements : réservés au coordinateur", "de cijfers tellen alle inrichtingen: voorbehouden aan de coördinator";
    ViolationVotedMotion => "{}: the members voted on this text and what it releases; they stay as decided (another decision is a new motion)", "{} : les membres ont voté ce texte et ce qu'il libère ; ils restent tels que décidés (une autre décision est une nouvelle motion)", "{}: de leden stemden over deze tekst en wat hij vrijgeeft; die blijven zoals beslist (een andere beslissing is een nieuwe motie)";
    ViolationCoversAnother => "{} covers a training need of another establishment: a session answers its own establishment's needs", "{} couvre un besoin de formation d'un autre établissement : une session répond aux besoins de son établissement", "{} dekt een opleidingsbehoefte van een andere inrichting: een sessie beantwoordt de behoeften van haar eigen inrichting";
    RefusedNotYours => "this is not your establishment's to change: ask the coordinator", "ceci n'appartient pas à votre établissement : demandez au coordinateur", "dit is niet aan uw inrichting om te wijzigen: vraag het de coördinator";
    RefusedNotYoursToRead => "this is not yours to read: ask the coordinator", "ceci ne vous est pas accessible : demandez au coordinateur", "dit is niet voor u leesbaar: vraag het de coördinator";
    RefusedCentralDecides => "past its submission a project is the central group's: staff neither decide nor delete it", "après sa soumission, un projet relève du groupe central : le personnel ne le décide ni ne le supprime", "na de indiening is een project van de centrale stuurgroep: het personeel beslist en verwijdert het niet";
    RefusedNoSuchRecord => "there is no such record", "cet enregistrement n'existe pas", "dat record bestaat niet";
    RefusedNumberTaken => "the new record's number was taken meanwhile: save again", "le numéro du nouvel enregistrement a été pris entre-temps : enregistrez à nouveau", "het nummer van het nieuwe record werd intussen genomen: sla opnieuw op";
    RefusedMalformed => "the request was not understood (a client of another version, or too large)", "la demande n'a pas été comprise (un client d'une autre version, ou trop grande)", "het verzoek werd niet begrepen (een client van een andere versie, of te groot)";
    RefusedNotWritten => "the store could not write it: {}", "la base de données n'a pas pu l'écrire : {}", "de opslag kon het niet schrijven: {}";
    RefusedInadmissible => "{record}, field {field}: {why}", "{record}, champ {field} : {why}", "{record}, veld {field}: {why}";
    FlawEmpty => "is empty", "est vide", "is leeg";
    FlawIdTooHigh => "is over the highest number a store gives", "dépasse le plus grand numéro qu'une base de données attribue", "is groter dan het hoogste nummer dat een opslag geeft";
    FlawDateOutOfRange => "is not a date between the years 1800 and 2200", "n'est pas une date entre les années 1800 et 2200", "is geen datum tussen de jaren 1800 en 2200";
    ViolationMissing => "{record} names a {kind} that does not exist", "{record} désigne un(e) {kind} qui n'existe pas", "{record} noemt een {kind} die niet bestaat";
    ViolationMissingKey => "{record} names {key}, which does not exist", "{record} désigne {key}, qui n'existe pas", "{record} noemt {key}, dat niet bestaat";
    ViolationLocalWithoutEstablishment => "{} is a local group with no establishment", "{} est un groupe local sans établissement", "{} is een lokale groep zonder inrichting";
    ViolationEndsBeforeBegins => "{} ends before it begins", "{} se termine avant de commencer", "{} eindigt voor het begint";
    ViolationImpossibleHistory => "{} has an impossible history (a decision without a submission, or out of date order)", "{} a un historique impossible (une décision sans soumission, ou des dates dans le désordre)", "{} heeft een onmogelijke geschiedenis (een beslissing zonder indiening, of data in de verkeerde volgorde)";
    ViolationOutOfBounds => "{} holds thresholds out of their bounds", "{} contient des seuils hors limites", "{} bevat drempels buiten hun grenzen";
    RecordKindEstablishment => "establishment", "établissement", "inrichting";
    RecordKindPerson => "person", "personne", "persoon";
    RecordKindGroup => "group", "groupe", "groep";
    RecordKindTemplate => "seat template", "modèle de sièges", "zetelsjabloon";
    RecordKindMembership => "membership", "affiliation", "lidmaatschap";
    RecordKindMeeting => "meeting", "réunion", "vergadering";
    RecordKindProject => "project", "projet", "project";
    RecordKindNeed => "training need", "besoin de formation", "opleidingsbehoefte";
    RecordKindSession => "training session", "session de formation", "opleidingssessie";
    RecordKindSettings => "thresholds", "seuils", "drempels";
    RecordKindService => "member service", "service membre", "lid-dienst";
    RecordKindCapbMeeting => "concertation meeting", "réunion de concertation", "overlegvergadering";
    RecordKindMotion => "motion", "motion", "motie";
    RecordKindProduction => "production", "production", "productie";
    RecordKindAccount => "account", "compte", "account";
    RecordKindCapbRules => "concertation rules", "règles de la concertation", "regels van het overleg";
    RecordKindAdmission => "admission to the concertation", "admission à la concertation", "toelating tot het overleg";
    AdmitByCommand => "who reads the debates is changed with `pilotage users admit` and `unadmit`, by the coordinator or the keeper of the records; nothing is erased", "qui lit les débats se change par `pilotage users admit` et `unadmit`, par le coordinateur ou qui tient les écrits ; rien n'est effacé", "wie de debatten leest, wijzigt men met `pilotage users admit` en `unadmit`, door de coördinator of wie de stukken bijhoudt; niets wordt gewist";
    WhyKeeperOnly => "the concertation's records are kept by whoever its members admitted to keep them (pilotage users admit)", "les écrits de la concertation sont tenus par qui ses membres ont admis pour cela (pilotage users admit)", "de stukken van het overleg worden bijgehouden door wie de leden daarvoor toelieten (pilotage users admit)";
    WhyMemberOnly => "a member of the concertation reads and changes only the concertation", "un membre de la concertation ne lit et ne modifie que la concertation", "een lid van het overleg leest en wijzigt alleen het overleg";
    RefusedConcertationNamesIt => "the concertation's records name it (a member service's representative, a meeting's attendance): its keeper can say more", "les écrits de la concertation le mentionnent (représentant d'un service membre, présence à une réunion) : qui les tient peut en dire plus", "de stukken van het overleg vermelden het (vertegenwoordiger van een lid-dienst, aanwezigheid op een vergadering): wie ze bijhoudt, kan meer zeggen";
    RefusedAdmissionsStay => "who was admitted to the debates stays on record: an admission is ended (pilotage users unadmit), never erased or rewritten", "qui a été admis aux débats reste inscrit : une admission prend fin (pilotage users unadmit), elle n'est jamais effacée ni réécrite", "wie tot de debatten werd toegelaten, blijft geregistreerd: een toelating wordt beëindigd (pilotage users unadmit), nooit gewist of herschreven";
    RefusedBackupHoldsTheDebates => "a backup holds the concertation's debates: through the server, only an account it admitted takes one (the server writes its own daily backups)", "une sauvegarde contient les débats de la concertation : par le serveur, seul un compte qu'elle a admis en fait une (le serveur écrit ses propres sauvegardes quotidiennes)", "een back-up bevat de debatten van het overleg: via de server maakt alleen een account dat het toeliet er een (de server schrijft zelf zijn dagelijkse back-ups)";
    RefusedNotAdmitted => "the concertation's records are kept by whoever it admitted to keep them", "les écrits de la concertation sont tenus par qui elle a admis pour cela", "de stukken van het overleg worden bijgehouden door wie het daarvoor toeliet";
    RoleMember => "member of the concertation", "membre de la concertation", "lid van het overleg";
    WhyObserver => "an observer reads and changes nothing", "un observateur lit et ne modifie rien", "een waarnemer leest en wijzigt niets";
    WhyCoordinatorOnly => "the coordinator's to change", "réservé au coordinateur", "voorbehouden aan de coördinator";
    HelpNotForYou => "Not available to you here", "Non disponible pour vous ici", "Hier niet voor u beschikbaar";
    RoleCoordinator => "coordinator", "coordinateur", "coördinator";
    RoleObserver => "observer (read-only)", "observateur (lecture seule)", "waarnemer (alleen-lezen)";
    RoleStaff => "prison staff ({})", "personnel de prison ({})", "gevangenispersoneel ({})";
    RoleStaffChoice => "prison staff", "personnel de prison", "gevangenispersoneel";
    RollToCall => "{} still to call", "encore {} à appeler", "nog {} af te roepen";
    VoteHolderAbsent => "its proxy went to {}, absent too: no vote", "sa procuration est allée à {}, absent aussi : pas de vote", "zijn volmacht ging naar {}, ook afwezig: geen stem";
    VoteNoVoice => "absent without a proxy: no vote", "absent sans procuration : pas de vote", "afwezig zonder volmacht: geen stem";
    OutAdopted => "adopted", "adoptée", "aangenomen";
    ConsentDoesNotName => "released by a decision that does not name it (\"{}\"), until the members decide on it", "libéré par une décision qui ne le désigne pas (« {} »), jusqu'à ce que les membres en décident", "vrijgegeven door een beslissing die het niet noemt (\"{}\"), tot de leden erover beslissen";
    ConsentNotToThem => "\"{}\" did not release it to them", "« {} » ne l'a pas libérée pour eux", "\"{}\" gaf het niet aan hen vrij";
    ConsentBefore => "it went out before \"{}\" was decided", "diffusée avant que « {} » ne soit décidée", "verspreid voordat \"{}\" beslist werd";
    ReleasesTo => "{what} to {to}", "{what} à {to}", "{what} aan {to}";
    ReleasesPublic => "the public", "tout public", "iedereen";
    SealedOutside => "The concertation's debates are its members': this is what leaves it (its member services, the dates it met, what its members released).", "Les débats de la concertation sont à ses membres : voici ce qui en sort (ses services membres, les dates de ses réunions, ce que ses membres ont libéré).", "De debatten van het overleg zijn van de leden: dit is wat naar buiten gaat (de lid-diensten, de vergaderdata, wat de leden vrijgaven).";
    ReportMinutesToThemOnly => "(their text goes to those recipients only)", "(leur texte ne va qu'à ces destinataires)", "(de tekst gaat alleen naar die ontvangers)";
    NewStoreMade => "New store {}; pilotage --demo shows fictitious data", "Nouvelle base {} ; pilotage --demo : données fictives", "Nieuwe opslag {}; pilotage --demo: fictieve gegevens";
    ReportReleasedTo => "to {}", "à {}", "aan {}";
    ReleasedMinutes => "the minutes of {}", "le procès-verbal du {}", "het verslag van {}";
    ReleasedProduction => "«{}»", "« {} »", "«{}»";
    FieldReleases => "Releases", "Libère", "Geeft vrij";
    FieldReleasesTo => "To (names, or: public)", "À (noms, ou : public)", "Aan (namen, of: iedereen)";
    ReleasesPublicWord => "public", "public", "iedereen";
    ErrReleasesTo => "to whom: the recipients' names, separated by commas, or \"public\" for anyone", "à qui : les noms des destinataires, séparés par des virgules, ou « public » pour tous", "aan wie: de namen van de ontvangers, gescheiden door komma's, of \"iedereen\" voor iedereen";
    SealedDecision => "the members' decision of {}", "la décision des membres du {}", "de beslissing van de leden van {}";
    OutRejected => "rejected", "rejetée", "verworpen";
    OutTie => "tie: no majority", "égalité : pas de majorité", "staking van stemmen: geen meerderheid";
    OutNoQuorum => "no quorum", "quorum non atteint", "quorum niet bereikt";
    CapbTally => "for {for}, against {against}, abstaining {abstain}; {absent} absent, {by_proxy} of them voting by proxy", "pour {for}, contre {against}, abstentions {abstain} ; {absent} absents, dont {by_proxy} votant par procuration", "voor {for}, tegen {against}, onthoudingen {abstain}; {absent} afwezig, van wie {by_proxy} bij volmacht stemmen";
    OutVoid => "void", "nulle", "ongeldig";
    OutVoidBecause => "void: {}", "nulle : {}", "ongeldig: {}";
    RuleCharter => "The charter: one vote per member service, a member present may carry an absent member's vote by proxy, decisions by a majority; a tie is no majority.", "La charte : une voix par service membre, un membre présent peut porter la voix d'un absent par procuration, décisions à la majorité ; l'égalité n'est pas une majorité.", "Het charter: één stem per lid-dienst, een aanwezig lid kan bij volmacht de stem van een afwezig lid uitbrengen, beslissingen bij meerderheid; staking is geen meerderheid.";
    RuleMajorityCast => "majority of the votes cast (abstentions are not cast)", "majorité des voix exprimées (les abstentions ne comptent pas)", "meerderheid van de uitgebrachte stemmen (onthoudingen tellen niet)";
    RuleMajorityPresent => "majority of the members present or represented", "majorité des membres présents ou représentés", "meerderheid van aanwezigen en vertegenwoordigden";
    RuleMajorityAll => "majority of all members", "majorité de tous les membres", "meerderheid van alle leden";
    RuleQuorumNone => "no quorum", "pas de quorum", "geen quorum";
    RuleQuorum => "quorum {}% of the members present or represented", "quorum de {} % des membres présents ou représentés", "quorum {}% van de leden aanwezig of vertegenwoordigd";
    RuleProxyCapOne => "one proxy at most per member present", "une procuration au plus par membre présent", "hoogstens één volmacht per aanwezig lid";
    RuleProxyCap => "at most {} proxies per member present", "au plus {} procurations par membre présent", "hoogstens {} volmachten per aanwezig lid";
    RuleMembersSince => "{rule} (the members' rule since {since})", "{rule} (règle des membres depuis le {since})", "{rule} (regel van de leden sinds {since})";
    RuleDefault => "{} (a default: the charter fixes none and the members have decided none)", "{} (par défaut : la charte n'en fixe pas et les membres n'en ont pas décidé)", "{} (standaard: het charter legt er geen vast en de leden hebben er geen beslist)";
    StageDraft => "draft", "projet", "ontwerp";
    StageDecided => "dissemination decided", "diffusion décidée", "verspreiding beslist";
    StageDisseminated => "disseminated", "diffusée", "verspreid";
    ConsentNoDecision => "no decision of the members allows it", "aucune décision des membres ne l'autorise", "geen beslissing van de leden staat het toe";
    ConsentNotAdopted => "the motion \"{motion}\" was not adopted ({result})", "la motion « {motion} » n'a pas été adoptée ({result})", "de motie \"{motion}\" werd niet aangenomen ({result})";
    ConsentNotAdoptedSealed => "the members' motion of {date} was not adopted ({result})", "la motion des membres du {date} n'a pas été adoptée ({result})", "de motie van de leden van {date} werd niet aangenomen ({result})";
    ConsentNotYet => "motion {} has not been voted", "la motion {} n'a pas été votée", "motie {} is niet gestemd";
    ConsentAllowedSealed => "allowed by the members' decision of {}", "autorisée par la décision des membres du {}", "toegestaan door de beslissing van de leden van {}";
    ConsentAllowed => "allowed by \"{motion}\" ({date})", "autorisée par « {motion} » ({date})", "toegestaan door \"{motion}\" ({date})";
    CapbConfidential => "CONFIDENTIAL: the concertation's debates are secret.", "CONFIDENTIEL : les débats de la concertation sont secrets.", "VERTROUWELIJK: de debatten van het overleg zijn geheim.";
    ProdText => "text", "texte", "tekst";
    ProdArticle => "article", "article", "artikel";
    ProdPublication => "publication", "publication", "publicatie";
    ProdIntervention => "intervention", "intervention", "interventie";
    ProdInterpellation => "interpellation", "interpellation", "interpellatie";
    FieldActionFields => "Fields of action", "Champs d'action", "Actiedomeinen";
    FieldJoined => "Member from", "Membre depuis le", "Lid vanaf";
    FieldLeft => "Member until (last day)", "Membre jusqu'au (dernier jour)", "Lid tot en met";
    FieldRepresentative => "Representative", "Représentant", "Vertegenwoordiger";
    FieldRepresentativeFrom => "  represents from", "  représente depuis le", "  vertegenwoordigt vanaf";
    FieldAgenda => "Agenda", "Ordre du jour", "Agenda";
    FieldMinutes => "Minutes (confidential)", "Procès-verbal (confidentiel)", "Verslag (vertrouwelijk)";
    FieldMinutesRelease => "Minutes released by", "Procès-verbal diffusable par", "Verslag vrijgegeven door";
    FieldMeeting => "Meeting", "Réunion", "Vergadering";
    FieldMotion => "Motion", "Motion", "Motie";
    FieldKind => "Kind", "Genre", "Soort";
    FieldResult => "Result", "Résultat", "Uitslag";
    FieldDrafted => "Drafted on", "Rédigée le", "Opgesteld op";
    FieldDecision => "Decision (motion)", "Décision (motion)", "Beslissing (motie)";
    FieldDisseminatedOn => "Disseminated on", "Diffusée le", "Verspreid op";
    FieldDisseminatedTo => "  to whom", "  à qui", "  aan wie";
    FormNewService => "New member service", "Nouveau service membre", "Nieuwe lidorganisatie";
    FormEditService => "Member service", "Service membre", "Lidorganisatie";
    FormNewCapbMeeting => "New concertation meeting", "Nouvelle réunion de la concertation", "Nieuwe overlegvergadering";
    FormEditCapbMeeting => "Concertation meeting", "Réunion de la concertation", "Overlegvergadering";
    FormNewMotion => "New motion", "Nouvelle motion", "Nieuwe motie";
    FormEditMotion => "Motion", "Motion", "Motie";
    FormNewProduction => "New production", "Nouvelle production", "Nieuwe productie";
    FormEditProduction => "Production", "Production", "Productie";
    FormAttendance => "Attendance and proxies, {}", "Présences et procurations, {}", "Aanwezigheid en volmachten, {}";
    FormVote => "Vote: {}", "Vote : {}", "Stemming: {}";
    RollPresent => "present", "présent", "aanwezig";
    RollAbsent => "absent", "absent", "afwezig";
    RollProxy => "absent, proxy to {}", "absent, procuration à {}", "afwezig, volmacht aan {}";
    RollLapsed => "present (its proxy lapses)", "présent (sa procuration tombe)", "aanwezig (zijn volmacht vervalt)";
    RollCount => "{present} present, {proxies} by proxy, {members} members", "{present} présents, {proxies} par procuration, {members} membres", "{present} aanwezig, {proxies} bij volmacht, {members} leden";
    RollNoMembers => "No member service on this date.", "Aucun service membre à cette date.", "Geen lidorganisatie op deze datum.";
    ErrNoDecisionToDisseminate => "Not disseminated without the members' agreement: {}", "Pas de diffusion sans l'accord des membres : {}", "Geen verspreiding zonder akkoord van de leden: {}";
    ErrMinutesRelease => "The minutes cannot be released: {}", "Le procès-verbal ne peut être diffusé : {}", "Het verslag kan niet worden vrijgegeven: {}";
    DetailRepresentatives => "Representatives", "Représentants", "Vertegenwoordigers";
    DetailMotions => "Motions", "Motions", "Moties";
    DetailAttended => "Meetings attended", "Réunions suivies", "Bijgewoonde vergaderingen";
    DetailNoMinutes => "No minutes yet.", "Pas encore de procès-verbal.", "Nog geen verslag.";
    FieldProxyCap => "Proxies a member may hold", "Procurations par membre", "Volmachten per lid";
    FieldQuorum => "Quorum (% of members)", "Quorum (% des membres)", "Quorum (% van de leden)";
    FieldMajority => "Majority", "Majorité", "Meerderheid";
    FieldMembersDecision => "The members' decision", "Décision des membres", "Beslissing van de leden";
    FormCapbRules => "The concertation's rules, as its members decide them", "Règles de la concertation, telles que ses membres les décident", "Regels van het overleg, zoals de leden ze beslissen";
    RuleSinceShort => "the members' rule since {}", "règle des membres depuis le {}", "regel van de leden sinds {}";
    RuleDefaultShort => "default", "par défaut", "standaard";
    DetailMembers => "Member services", "Services membres", "Lid-diensten";
    RollAbsentNoProxy => "absent, no proxy", "absent, sans procuration", "afwezig, zonder volmacht";
    DetailReleases => "releases {}", "libère {}", "geeft vrij: {}";
    DetailRules => "The rules these votes rest on", "Les règles sur lesquelles reposent ces votes", "De regels waarop deze stemmingen steunen";
    ReportCapbOthers => "Productions not released (internal)", "Productions non libérées (interne)", "Niet vrijgegeven producties (intern)";
    AttMinutesOut => "minutes marked released, but not released: {}", "procès-verbal marqué libéré, mais non libéré : {}", "verslag als vrijgegeven gemarkeerd, maar niet vrijgegeven: {}";
    KindReader => "reader", "lecteur", "lezer";
    ReaderSince => "{seat} since {since}", "{seat} depuis le {since}", "{seat} sinds {since}";
    FieldSeat => "Admitted as", "Admis comme", "Toegelaten als";
    SeatKeeper => "keeper of its records", "gardien de ses écrits", "bewaarder van de stukken";
    SeatRepresents => "representative of {}", "représentant de {}", "vertegenwoordiger van {}";
    OptDefault => "default", "par défaut", "standaard";
}

pub fn action_field(lang: Lang, f: crate::domain::concertation::ActionField) -> &'static str {
    use crate::domain::concertation::ActionField as F;
    match f {
        F::Health => pick(lang, "health", "santé", "gezondheid"),
        F::Prevention => pick(lang, "prevention", "prévention", "preventie"),
        F::Housing => pick(lang, "housing", "hébergement", "huisvesting"),
        F::HarmReduction => pick(lang, "harm reduction", "réduction des risques", "schadebeperking"),
        F::Information => pick(lang, "information", "information", "informatie"),
        F::Other => pick(lang, "other", "autre", "andere"),
    }
}

pub fn vote(lang: Lang, v: crate::domain::concertation::Vote) -> &'static str {
    use crate::domain::concertation::Vote;
    lang.t(match v {
        Vote::For => Msg::VoteFor,
        Vote::Against => Msg::VoteAgainst,
        Vote::Abstain => Msg::VoteAbstain,
        Vote::Absent => Msg::VoteAbsent,
    })
}

pub fn outcome(lang: Lang, o: crate::domain::concertation::Outcome) -> &'static str {
    use crate::domain::concertation::Outcome;
    lang.t(match o {
        Outcome::Adopted => Msg::OutAdopted,
        Outcome::Rejected => Msg::OutRejected,
        Outcome::Tie => Msg::OutTie,
        Outcome::NoQuorum => Msg::OutNoQuorum,
        Outcome::Void(_) => Msg::OutVoid,
    })
}

pub fn production_kind(lang: Lang, k: crate::domain::concertation::ProductionKind) -> &'static str {
    use crate::domain::concertation::ProductionKind as K;
    lang.t(match k {
        K::Text => Msg::ProdText,
        K::Article => Msg::ProdArticle,
        K::Publication => Msg::ProdPublication,
        K::Intervention => Msg::ProdIntervention,
        K::Interpellation => Msg::ProdInterpellation,
    })
}

pub fn stage(lang: Lang, s: crate::domain::rules::Stage) -> &'static str {
    use crate::domain::rules::Stage;
    lang.t(match s {
        Stage::Draft => Msg::StageDraft,
        Stage::Decided => Msg::StageDecided,
        Stage::Disseminated => Msg::StageDisseminated,
    })
}

/// A tally in words: "for 3, against 2, abstaining 1; 2 absent, 1 of them voting by proxy".
pub fn tally(lang: Lang, t: &crate::domain::concertation::Tally) -> String {
    let n = |v: usize| v.to_string();
    let by_proxy = t.voting_by_proxy();
    lang.f(Msg::CapbTally, &[&n(t.for_), &n(t.against), &n(t.abstain), &n(t.absent()), &n(by_proxy)])
}

/// How the concertation admitted an account: "keeper of its records", "representative of X".
pub fn admission_seat(
    lang: Lang,
    seat: &crate::domain::access::Seat,
    service: impl Fn(u64) -> String,
) -> String {
    use crate::domain::access::Seat;
    match seat {
        Seat::Keeper => lang.t(Msg::SeatKeeper).to_string(),
        Seat::Represents(s) => lang.f(Msg::SeatRepresents, &[&service(*s)]),
    }
}

/// What a majority is of, in words.
pub fn majority(lang: Lang, b: crate::domain::concertation::MajorityBase) -> &'static str {
    use crate::domain::concertation::MajorityBase;
    lang.t(match b {
        MajorityBase::VotesCast => Msg::RuleMajorityCast,
        MajorityBase::MembersPresent => Msg::RuleMajorityPresent,
        MajorityBase::AllMembers => Msg::RuleMajorityAll,
    })
}

/// A result in words, a void vote with the rule it broke.
pub fn result(lang: Lang, o: crate::domain::concertation::Outcome, name: impl Fn(u64) -> String) -> String {
    match o {
        crate::domain::concertation::Outcome::Void(p) => {
            lang.f(Msg::OutVoidBecause, &[&vote_problem(lang, p, name)])
        }
        other => outcome(lang, other).to_string(),
    }
}

/// The rules a result rests on: the charter's, then each of the members' own (theirs since a
/// date, or a default), so that the members see what they rely on.
pub fn rules(
    lang: Lang,
    r: &crate::domain::rules::MembersRules,
    date: impl Fn(chrono::NaiveDate) -> String,
) -> Vec<String> {
    use crate::domain::concertation::MajorityBase;
    let say = |text: String, since: Option<chrono::NaiveDate>| match since {
        Some(d) => lang.f(Msg::RuleMembersSince, &[&text, &date(d)]),
        None => lang.f(Msg::RuleDefault, &[&text]),
    };
    let majority = lang.t(match r.majority.value {
        MajorityBase::VotesCast => Msg::RuleMajorityCast,
        MajorityBase::MembersPresent => Msg::RuleMajorityPresent,
        MajorityBase::AllMembers => Msg::RuleMajorityAll,
    });
    let quorum = match r.quorum_percent.value {
        0 => lang.t(Msg::RuleQuorumNone).to_string(),
        q => lang.f(Msg::RuleQuorum, &[&q.to_string()]),
    };
    vec![
        lang.t(Msg::RuleCharter).to_string(),
        say(majority.to_string(), r.majority.since),
        say(quorum, r.quorum_percent.since),
        proxy_rule(lang, r),
    ]
}

/// The proxies a member present may hold, the members' rule or the default.
pub fn proxy_rule(lang: Lang, r: &crate::domain::rules::MembersRules) -> String {
    let cap = match r.proxy_cap.value {
        1 => lang.t(Msg::RuleProxyCapOne).to_string(),
        n => lang.f(Msg::RuleProxyCap, &[&n.to_string()]),
    };
    match r.proxy_cap.since {
        Some(d) => lang.f(Msg::RuleMembersSince, &[&cap, &crate::domain::date::format_be(d)]),
        None => lang.f(Msg::RuleDefault, &[&cap]),
    }
}

/// The majority base and the quorum a result rests on, each the members' rule or a default:
/// "majority of the votes cast (default); no quorum (default)".
pub fn rules_short(lang: Lang, r: &crate::domain::rules::MembersRules) -> String {
    let mark = |since: Option<chrono::NaiveDate>| match since {
        Some(d) => lang.f(Msg::RuleSinceShort, &[&crate::domain::date::format_be(d)]),
        None => lang.t(Msg::RuleDefaultShort).to_string(),
    };
    let quorum = match r.quorum_percent.value {
        0 => lang.t(Msg::RuleQuorumNone).to_string(),
        q => lang.f(Msg::RuleQuorum, &[&q.to_string()]),
    };
    format!(
        "{} ({}); {quorum} ({})",
        majority(lang, r.majority.value),
        mark(r.majority.since),
        mark(r.quorum_percent.since)
    )
}

/// What a decision releases, in words: "«Letter» to FEDITO BXL; the minutes of 11/03/2014 to
/// the public".
pub fn releases(
    lang: Lang,
    releases: &[crate::domain::concertation::Release],
    production: impl Fn(u64) -> String,
    meeting_date: impl Fn(u64) -> String,
) -> String {
    use crate::domain::concertation::Released;
    let items: Vec<String> = releases
        .iter()
        .map(|r| {
            let what = match r.object {
                Released::Production(p) => lang.f(Msg::ReleasedProduction, &[&production(p)]),
                Released::Minutes(m) => lang.f(Msg::ReleasedMinutes, &[&meeting_date(m)]),
            };
            lang.f(Msg::ReleasesTo, &[&what, &recipients(lang, &r.to)])
        })
        .collect();
    items.join("; ")
}

/// Whether a recipient typed means anyone: "public" in any of the three languages.
pub fn means_public(typed: &str) -> bool {
    let typed = crate::domain::people::fold(typed.trim());
    ["public", "the public", "tout public", "iedereen", "openbaar"].contains(&typed.as_str())
}

/// To whom a decision released something: "the public", or the names it gave.
pub fn recipients(lang: Lang, to: &crate::domain::concertation::Recipients) -> String {
    use crate::domain::concertation::Recipients;
    match to {
        Recipients::Public => lang.t(Msg::ReleasesPublic).to_string(),
        Recipients::Named(names) => names.join(", "),
    }
}

/// What a meeting or vote breaks, said as the charter's or as the members' own rule.
pub fn breach(
    lang: Lang,
    p: crate::domain::concertation::VoteProblem,
    name: impl Fn(u64) -> String,
) -> String {
    let whose = if p.charter() { Msg::AttCharter } else { Msg::AttMembersRule };
    lang.f(whose, &[&vote_problem(lang, p, name)])
}

/// What breaks a rule in force, naming the services.
pub fn vote_problem(
    lang: Lang,
    p: crate::domain::concertation::VoteProblem,
    name: impl Fn(u64) -> String,
) -> String {
    use crate::domain::concertation::VoteProblem as P;
    match p {
        P::NotAMember(s) => lang.f(Msg::ProbNotMember, &[&name(s)]),
        P::AttendsTwice(s) => lang.f(Msg::ProbAttendsTwice, &[&name(s)]),
        P::ProxyToSelf(s) => lang.f(Msg::ProbProxyToSelf, &[&name(s)]),
        P::ProxyGivenTwice(s) => lang.f(Msg::ProbProxyTwice, &[&name(s)]),
        P::HolderAbsent { giver, holder } => lang.f(Msg::ProbHolderAbsent, &[&name(giver), &name(holder)]),
        P::ProxyChain { giver, holder } => lang.f(Msg::ProbChain, &[&name(giver), &name(holder)]),
        P::OverCap { holder, held, cap } => {
            lang.f(Msg::ProbOverCap, &[&name(holder), &held.to_string(), &cap.to_string()])
        }
        P::VotesTwice(s) => lang.f(Msg::ProbVotesTwice, &[&name(s)]),
        P::NoVoice(s) => lang.f(Msg::ProbNoVoice, &[&name(s)]),
    }
}

/// Why something may not leave the concertation, or which decision allows it.
/// Where the debates are `sealed`, a decision is named by its date alone (its text is not there).
pub fn consent(
    lang: Lang,
    c: crate::domain::rules::Consent,
    sealed: bool,
    motion: impl Fn(u64) -> String,
    date: impl Fn(u64) -> String,
) -> String {
    use crate::domain::rules::Consent;
    match c {
        Consent::Allowed(m) if sealed => lang.f(Msg::ConsentAllowedSealed, &[&date(m)]),
        Consent::Allowed(m) => lang.f(Msg::ConsentAllowed, &[&motion(m), &date(m)]),
        Consent::NoDecision => lang.t(Msg::ConsentNoDecision).into(),
        Consent::NotAdopted(m, o) if sealed => {
            lang.f(Msg::ConsentNotAdoptedSealed, &[&date(m), outcome(lang, o)])
        }
        Consent::NotAdopted(m, o) => lang.f(Msg::ConsentNotAdopted, &[&motion(m), outcome(lang, o)]),
        Consent::NotYet(m) => lang.f(Msg::ConsentNotYet, &[&motion(m)]),
        Consent::DoesNotName(m) => lang.f(Msg::ConsentDoesNotName, &[&motion(m)]),
        Consent::NotToThem(m) => lang.f(Msg::ConsentNotToThem, &[&motion(m)]),
        Consent::Before(m) => lang.f(Msg::ConsentBefore, &[&motion(m)]),
    }
}

fn pick(lang: Lang, en: &'static str, fr: &'static str, nl: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Fr => fr,
        Lang::Nl => nl,
    }
}

pub fn region(lang: Lang, r: Region) -> &'static str {
    match r {
        Region::Brussels => pick(lang, "Brussels", "Bruxelles", "Brussel"),
        Region::Wallonia => pick(lang, "Wallonia", "Wallonie", "Wallonië"),
        Region::Flanders => pick(lang, "Flanders", "Flandre", "Vlaanderen"),
    }
}

pub fn language(lang: Lang, l: LanguageRegime) -> &'static str {
    match l {
        LanguageRegime::French => pick(lang, "FR", "FR", "FR"),
        LanguageRegime::Dutch => pick(lang, "NL", "NL", "NL"),
        LanguageRegime::Bilingual => pick(lang, "FR/NL", "FR/NL", "FR/NL"),
    }
}

/// A coordinator's side: the French-speaking or the Dutch-speaking prisons.
pub fn regime(lang: Lang, side: LanguageRegime) -> &'static str {
    lang.t(if side == LanguageRegime::Dutch { Msg::RegimeDutch } else { Msg::RegimeFrench })
}

pub fn kind(lang: Lang, k: EstablishmentKind) -> &'static str {
    match k {
        EstablishmentKind::Prison => pick(lang, "prison", "prison", "gevangenis"),
        EstablishmentKind::OpenPrison => pick(lang, "open prison", "prison ouverte", "open gevangenis"),
        EstablishmentKind::Internment => pick(lang, "internment", "internement", "internering"),
        EstablishmentKind::ForensicPsychiatricCentre => pick(
            lang,
            "forensic psychiatric centre",
            "centre de psychiatrie légale",
            "forensisch psychiatrisch centrum",
        ),
        EstablishmentKind::DetentionHouse => {
            pick(lang, "detention house", "maison de détention", "detentiehuis")
        }
        EstablishmentKind::TransitionHouse => {
            pick(lang, "transition house", "maison de transition", "transitiehuis")
        }
    }
}

/// A month's name (1 = January), as a date's problem is told.
pub fn month(lang: Lang, month: u32) -> &'static str {
    const EN: [&str; 12] = [
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
    const FR: [&str; 12] = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    const NL: [&str; 12] = [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ];
    let names = match lang {
        Lang::En => &EN,
        Lang::Fr => &FR,
        Lang::Nl => &NL,
    };
    names.get(month.wrapping_sub(1) as usize).copied().unwrap_or("?")
}

pub fn qualification(lang: Lang, q: Qualification) -> &'static str {
    match q {
        Qualification::Physician => pick(lang, "physician", "médecin", "arts"),
        Qualification::PrisonDirector => {
            pick(lang, "prison director", "directeur de prison", "gevangenisdirecteur")
        }
        Qualification::Psychologist => pick(lang, "psychologist", "psychologue", "psycholoog"),
        Qualification::SocialWorker => {
            pick(lang, "social worker", "assistant social", "maatschappelijk werker")
        }
        Qualification::Nurse => pick(lang, "nurse", "infirmier", "verpleegkundige"),
        Qualification::RestorativeJustice => {
            pick(lang, "restorative justice", "justice réparatrice", "herstelrecht")
        }
        Qualification::DrugHelpWorker => {
            pick(lang, "drug-help worker", "intervenant SAT", "drughulpverlener")
        }
    }
}

pub fn staff_group(lang: Lang, g: StaffGroup) -> &'static str {
    match g {
        StaffGroup::PrisonOfficers => {
            pick(lang, "prison officers", "agents pénitentiaires", "penitentiaire beambten")
        }
        StaffGroup::Medical => pick(lang, "medical", "médical", "medisch"),
        StaffGroup::Psychosocial => pick(lang, "psychosocial", "psychosocial", "psychosociaal"),
        StaffGroup::Management => pick(lang, "management", "direction", "directie"),
        StaffGroup::Other => pick(lang, "other", "autre", "andere"),
    }
}

pub fn priority(lang: Lang, p: Priority) -> &'static str {
    match p {
        Priority::High => pick(lang, "high", "haute", "hoog"),
        Priority::Medium => pick(lang, "medium", "moyenne", "middel"),
        Priority::Low => pick(lang, "low", "basse", "laag"),
    }
}

pub fn need_status(lang: Lang, s: NeedStatus) -> &'static str {
    lang.t(match s {
        NeedStatus::Open => Msg::StatusOpen,
        NeedStatus::Planned => Msg::StatusPlanned,
        NeedStatus::Delivered => Msg::StatusDelivered,
    })
}

/// A prison's group, in a word: a covered establishment without one is "missing", another
/// "not required".
pub fn prison_activity(lang: Lang, p: &crate::domain::rules::PrisonRow) -> &'static str {
    match p.activity {
        Activity::NoGroup if p.covered => lang.t(Msg::ActivityMissing),
        Activity::NoGroup => lang.t(Msg::ActivityNotRequired),
        other => activity(lang, &other),
    }
}

pub fn activity(lang: Lang, a: &Activity) -> &'static str {
    lang.t(match a {
        Activity::NoGroup => Msg::ActivityNone,
        Activity::Active { .. } => Msg::ActivityActive,
        Activity::Dormant { .. } => Msg::ActivityDormant,
    })
}

pub fn element(lang: Lang, e: &FundamentalElement) -> String {
    match e {
        FundamentalElement::DrugFreeWing => {
            pick(lang, "drug-free wing", "aile sans drogue", "drugvrije afdeling").into()
        }
        FundamentalElement::UrineTests => pick(lang, "urine tests", "tests d'urine", "urinetests").into(),
        FundamentalElement::Other(text) => text.clone(),
    }
}

pub fn step(lang: Lang, s: &ProjectStep) -> &'static str {
    match s {
        ProjectStep::Draft => pick(lang, "draft", "brouillon", "ontwerp"),
        ProjectStep::Submitted => pick(lang, "submitted", "soumis", "ingediend"),
        ProjectStep::Authorised { .. } => pick(lang, "authorised", "autorisé", "toegestaan"),
        ProjectStep::Refused { .. } => pick(lang, "refused", "refusé", "geweigerd"),
        ProjectStep::Withdrawn => pick(lang, "withdrawn", "retiré", "ingetrokken"),
        ProjectStep::Running => pick(lang, "running", "en cours", "lopend"),
        ProjectStep::Ended => pick(lang, "ended", "terminé", "beëindigd"),
    }
}

pub fn group_kind(lang: Lang, k: GroupKind) -> &'static str {
    match k {
        GroupKind::Central => lang.t(Msg::Central),
        GroupKind::Local => pick(lang, "local group", "groupe local", "lokale groep"),
    }
}

/// A seat's name: the catalogue's for the circular's seats, the template's own label otherwise.
pub fn seat(lang: Lang, key: &str, requirement: Option<&SeatRequirement>) -> String {
    let known = match key {
        "director_general" => pick(lang, "Director-General", "Directeur général", "Directeur-generaal"),
        "medical_director" => pick(lang, "Medical director", "Médecin directeur", "Medisch directeur"),
        "regional_director" => pick(lang, "Regional director", "Directeur régional", "Regionaal directeur"),
        "prison_director" => pick(lang, "Prison director", "Directeur de prison", "Gevangenisdirecteur"),
        "drug_coordinator" => pick(lang, "Drug-policy coordinator", "Coordinateur drogue", "Drugcoördinator"),
        "drug_coordinator_fr" => pick(
            lang,
            "Drug coordinator, FR prisons",
            "Coordinateur drogue, prisons FR",
            "Drugcoördinator, FR-gevangenissen",
        ),
        "drug_coordinator_nl" => pick(
            lang,
            "Drug coordinator, NL prisons",
            "Coordinateur drogue, prisons NL",
            "Drugcoördinator, NL-gevangenissen",
        ),
        "prison_doctor" => pick(lang, "Prison doctor", "Médecin de prison", "Gevangenisarts"),
        "psychosocial_central" => pick(
            lang,
            "Central psychosocial service",
            "Service psychosocial central",
            "Centrale psychosociale dienst",
        ),
        "restorative_justice_coordinator" => pick(
            lang,
            "Restorative-justice coordinator",
            "Coordinateur justice réparatrice",
            "Coördinator herstelrecht",
        ),
        "public_health" => pick(lang, "FPS Public Health", "SPF Santé publique", "FOD Volksgezondheid"),
        "flemish_welfare" => pick(
            lang,
            "Flemish welfare administration",
            "Administration flamande bien-être",
            "Vlaamse administratie welzijn",
        ),
        "federal_police" => pick(lang, "Federal police", "Police fédérale", "Federale politie"),
        "chair" => pick(lang, "Chair", "Président", "Voorzitter"),
        "principal_director" => pick(lang, "Principal director", "Directeur principal", "Hoofddirecteur"),
        "doctor" => pick(lang, "Doctor", "Médecin", "Arts"),
        "restorative_justice_adviser" => pick(
            lang,
            "Restorative-justice adviser",
            "Conseiller justice réparatrice",
            "Consulent herstelrecht",
        ),
        "psychosocial" => pick(lang, "Psychosocial service", "Service psychosocial", "Psychosociale dienst"),
        "drug_help_service" => pick(lang, "Drug-help service", "Service d'aide (SAT)", "Drughulpverlening"),
        "officers_manager" => pick(lang, "Officers' manager", "Cadre des agents", "Leidinggevende beambten"),
        "drug_help_coordinator" => {
            pick(lang, "Drug-help coordinator", "Coordinateur aide drogue", "Coördinator drughulp")
        }
        _ => "",
    };
    if !known.is_empty() {
        known.to_string()
    } else {
        requirement.map(|r| r.label.clone()).filter(|l| !l.is_empty()).unwrap_or_else(|| key.to_string())
    }
}

pub fn gap_kind(lang: Lang, kind: &GapKind, names: impl Fn(u64) -> String) -> String {
    match kind {
        GapKind::Empty => lang.t(Msg::GapEmpty).into(),
        GapKind::Short { missing } => lang.f(Msg::GapShort, &[&missing.to_string()]),
        GapKind::Unqualified { holders } => {
            let who: Vec<String> = holders.iter().map(|h| names(*h)).collect();
            lang.f(Msg::GapUnqualified, &[&who.join(", ")])
        }
    }
}

/// A blocker in a few words, for a table cell (the column says it is about the central group).
pub fn blocker_short(lang: Lang, b: &Blocker, date: impl Fn(chrono::NaiveDate) -> String) -> String {
    match b {
        Blocker::NoCentralGroup => lang.t(Msg::BlockNoCentral).into(),
        Blocker::NoChair { since: Some(s) } => lang.f(Msg::ShortNoChairSince, &[&date(*s)]),
        Blocker::NoChair { since: None } => lang.t(Msg::ShortNoChair).into(),
        Blocker::NotMetSince(d) => lang.f(Msg::ShortNotMet, &[&date(*d)]),
        Blocker::NeverMet => lang.t(Msg::ShortNeverMet).into(),
    }
}

/// A stored UTC stamp as a sentence says when: "on 04/12/2026 at 13:48", "le 04/12/2026 à
/// 13:48", "op 04/12/2026 om 13:48".
pub fn when(lang: Lang, utc: &str) -> String {
    let stamp = crate::domain::date::local_stamp(utc);
    match stamp.split_once(' ') {
        Some((day, time)) => lang.f(Msg::StampAt, &[day, time]),
        None => stamp,
    }
}

pub fn blocker(lang: Lang, b: &Blocker, date: impl Fn(chrono::NaiveDate) -> String) -> String {
    match b {
        Blocker::NoCentralGroup => lang.t(Msg::BlockNoCentral).into(),
        Blocker::NoChair { since: Some(s) } => lang.f(Msg::BlockNoChairSince, &[&date(*s)]),
        Blocker::NoChair { since: None } => lang.t(Msg::BlockNoChair).into(),
        Blocker::NotMetSince(d) => lang.f(Msg::BlockNotMet, &[&date(*d)]),
        Blocker::NeverMet => lang.t(Msg::BlockNeverMet).into(),
    }
}

impl Lang {
    /// Why a store or a backup could not be used, in this language (what sled, the system or
    /// the codec said is given as it is).
    pub fn why(self, why: &crate::store::Why) -> String {
        use crate::store::Why;
        match why {
            Why::IsAFile => self.t(Msg::WhyIsAFile).into(),
            Why::OtherFiles => self.t(Msg::WhyOtherFiles).into(),
            Why::FilesDoNotReadBack => self.t(Msg::WhyFilesDoNotReadBack).into(),
            Why::ContentGone => self.t(Msg::WhyContentGone).into(),
            Why::RestoreUnfinished(from) => self.f(Msg::WhyRestoreUnfinished, &[from]),
            Why::ChangeUnfinished(what) => self.f(Msg::WhyChangeUnfinished, &[what]),
            Why::NotARegularFile => self.t(Msg::WhyNotARegularFile).into(),
            Why::TooLarge(mib) => self.f(Msg::WhyTooLarge, &[&mib.to_string()]),
            Why::PermissionDenied => self.t(Msg::WhyPermissionDenied).into(),
            Why::NotOwner(uid) => {
                let name = crate::system::account_name(*uid);
                // sudo takes an account without a name by its uid: `-u '#4242'`.
                let (who, sudo) = if name == format!("uid {uid}") {
                    (name, format!("'#{uid}'"))
                } else {
                    (format!("{name} (uid {uid})"), name)
                };
                self.f(Msg::WhyNotOwner, &[&who, &sudo])
            }
            Why::Link => self.t(Msg::WhyLink).into(),
            Why::Inadmissible(i) => {
                refusal(self, &crate::domain::access::Refusal::Inadmissible((**i).clone()))
            }
            Why::ReadOnlyFilesystem => self.t(Msg::WhyReadOnlyFilesystem).into(),
            Why::NotFound => self.t(Msg::WhyNotFound).into(),
            Why::Other(text) => text.clone(),
        }
    }
}

/// A kind of record, in words.
pub fn record_kind(lang: Lang, kind: crate::domain::RecordKind) -> &'static str {
    use crate::domain::RecordKind as K;
    lang.t(match kind {
        K::Establishment => Msg::RecordKindEstablishment,
        K::Person => Msg::RecordKindPerson,
        K::Group => Msg::RecordKindGroup,
        K::Template => Msg::RecordKindTemplate,
        K::Membership => Msg::RecordKindMembership,
        K::Meeting => Msg::RecordKindMeeting,
        K::Project => Msg::RecordKindProject,
        K::Need => Msg::RecordKindNeed,
        K::Session => Msg::RecordKindSession,
        K::Settings => Msg::RecordKindSettings,
        K::Service => Msg::RecordKindService,
        K::CapbMeeting => Msg::RecordKindCapbMeeting,
        K::Motion => Msg::RecordKindMotion,
        K::Production => Msg::RecordKindProduction,
        K::Account => Msg::RecordKindAccount,
        K::CapbRules => Msg::RecordKindCapbRules,
        K::Admission => Msg::RecordKindAdmission,
    })
}

/// A record named by its kind and key: "person 12", "establishment lantin".
pub fn record_key(lang: Lang, key: &crate::domain::RecordKey) -> String {
    let id = match key {
        crate::domain::RecordKey::Establishment(id) => id.clone(),
        crate::domain::RecordKey::Id(_, id) => id.to_string(),
    };
    format!("{} {id}", record_kind(lang, key.kind()))
}

/// What is wrong with a field.
pub fn flaw(lang: Lang, flaw: &crate::domain::admission::Flaw) -> String {
    use crate::domain::admission::Flaw;
    match flaw {
        Flaw::TooLong { max } => lang.f(Msg::ImpTooLong, &[&max.to_string()]),
        Flaw::ControlChar(c) => lang.f(Msg::ImpControlChar, &[&format!("{c:04X}")]),
        Flaw::NationalNumber(n) => lang.f(Msg::ImpNationalNumber, &[n]),
        Flaw::Empty => lang.t(Msg::FlawEmpty).into(),
        Flaw::IdTooHigh => lang.t(Msg::FlawIdTooHigh).into(),
        Flaw::DateOutOfRange => lang.t(Msg::FlawDateOutOfRange).into(),
    }
}

/// A broken rule between records, in words.
pub fn violation(lang: Lang, v: &crate::domain::Violation) -> String {
    use crate::domain::Problem;
    let record = record_key(lang, &v.record);
    match &v.problem {
        Problem::Missing { key: Some(key), .. } => {
            lang.f(Msg::ViolationMissingKey, &[&record, &record_key(lang, key)])
        }
        Problem::Missing { kind, key: None } => {
            lang.f(Msg::ViolationMissing, &[&record, record_kind(lang, *kind)])
        }
        Problem::LocalWithoutEstablishment => lang.f(Msg::ViolationLocalWithoutEstablishment, &[&record]),
        Problem::EndsBeforeBegins => lang.f(Msg::ViolationEndsBeforeBegins, &[&record]),
        Problem::ImpossibleHistory => lang.f(Msg::ViolationImpossibleHistory, &[&record]),
        Problem::OutOfBounds => lang.f(Msg::ViolationOutOfBounds, &[&record]),
        Problem::CoversAnotherEstablishment => lang.f(Msg::ViolationCoversAnother, &[&record]),
        Problem::VotedMotionChanged => lang.f(Msg::ViolationVotedMotion, &[&record]),
    }
}

/// Why a request was refused, in words (see `domain::access::Refusal`).
pub fn refusal(lang: Lang, r: &crate::domain::access::Refusal) -> String {
    use crate::domain::access::Refusal;
    match r {
        Refusal::ReadOnly => lang.t(Msg::WhyObserver).into(),
        Refusal::StoreReadOnly => lang.t(Msg::ReadOnlyRefused).into(),
        Refusal::NotYours => lang.t(Msg::RefusedNotYours).into(),
        Refusal::NotYoursToRead => lang.t(Msg::RefusedNotYoursToRead).into(),
        Refusal::CentralDecides => lang.t(Msg::RefusedCentralDecides).into(),
        Refusal::NoSuchRecord => lang.t(Msg::RefusedNoSuchRecord).into(),
        Refusal::NumberTaken { .. } => lang.t(Msg::RefusedNumberTaken).into(),
        Refusal::Malformed => lang.t(Msg::RefusedMalformed).into(),
        Refusal::NotWritten(why) => {
            lang.f(Msg::RefusedNotWritten, &[&crate::domain::admission::printable(why)])
        }
        Refusal::Inadmissible(i) => {
            lang.f(Msg::RefusedInadmissible, &[&record_key(lang, &i.record), &i.field, &flaw(lang, &i.flaw)])
        }
        Refusal::Rule(v) => violation(lang, v),
        Refusal::NotAdmitted => lang.t(Msg::RefusedNotAdmitted).into(),
        Refusal::ConcertationNamesIt => lang.t(Msg::RefusedConcertationNamesIt).into(),
        Refusal::AdmissionsStay => lang.t(Msg::RefusedAdmissionsStay).into(),
        Refusal::BackupHoldsTheDebates => lang.t(Msg::RefusedBackupHoldsTheDebates).into(),
    }
}

/// A role in a shared store, in words: "prison staff (Lantin)" names the establishments.
pub fn role(lang: Lang, role: &crate::domain::access::Role) -> String {
    use crate::domain::access::Role;
    match role {
        Role::Coordinator => lang.t(Msg::RoleCoordinator).into(),
        Role::Observer => lang.t(Msg::RoleObserver).into(),
        Role::PrisonStaff(list) => lang.f(Msg::RoleStaff, &[&list.join(", ")]),
        Role::Member => lang.t(Msg::RoleMember).into(),
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_tally_counts_the_represented_as_voting_by_proxy_while_the_vote_is_called() {
        use crate::domain::concertation::Tally;
        let calling = Tally { members: 7, present: 4, represented: 1, to_call: 5, ..Tally::default() };
        assert!(tally(Lang::En, &calling).contains("3 absent, 1 of them voting by proxy"));
        let done = Tally { for_: 2, against: 2, abstain: 1, by_proxy: 1, to_call: 0, ..calling };
        assert!(tally(Lang::En, &done).contains("3 absent, 1 of them voting by proxy"));
        // The proxy holder said the represented member does not vote: none by proxy.
        let withheld = Tally { by_proxy: 0, ..done };
        assert!(tally(Lang::En, &withheld).contains("3 absent, 0 of them voting by proxy"));
    }

    #[test]
    fn counts_take_each_languages_plural() {
        let people = |lang: Lang, n| lang.count(n, Msg::PersonCount, Msg::PeopleCount);
        assert_eq!(people(Lang::En, 1), "1 person");
        assert_eq!(people(Lang::En, 0), "0 people");
        assert_eq!(people(Lang::En, 2), "2 people");
        assert_eq!(people(Lang::Fr, 0), "0 personne");
        assert_eq!(people(Lang::Fr, 1), "1 personne");
        assert_eq!(people(Lang::Fr, 2), "2 personnes");
        assert_eq!(people(Lang::Nl, 1), "1 persoon");
        assert_eq!(people(Lang::Nl, 0), "0 personen");
    }
    use super::*;

    #[test]
    fn the_language_comes_from_language_then_posix_order() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string())
        };
        assert_eq!(Lang::from_vars(env(&[("LANGUAGE", "de:nl:fr"), ("LANG", "fr_BE.UTF-8")])), Lang::Nl);
        assert_eq!(Lang::from_vars(env(&[("LANGUAGE", "de"), ("LANG", "fr_BE.UTF-8")])), Lang::Fr);
        assert_eq!(Lang::from_vars(env(&[("LC_ALL", "nl_BE"), ("LANG", "fr_BE")])), Lang::Nl);
        assert_eq!(Lang::from_vars(env(&[])), Lang::En);
        use crate::ui::theme::utf8_locale;
        assert!(utf8_locale(env(&[("LANG", "C.UTF-8")])));
        assert!(utf8_locale(env(&[("LC_CTYPE", "fr_BE.utf8@euro"), ("LANG", "C")])));
        assert!(!utf8_locale(env(&[("LC_ALL", "C"), ("LANG", "C.UTF-8")])), "LC_ALL first");
        assert!(!utf8_locale(env(&[("LANG", "fr_BE.ISO-8859-1")])));
        assert!(!utf8_locale(env(&[])), "no locale at all is C");
    }

    #[test]
    fn every_message_is_translated_and_placeholders_agree() {
        for msg in Msg::ALL {
            let count = |l: Lang| msg.text(l).matches("{}").count();
            let mut named = placeholder_names(msg.text(Lang::En));
            named.sort_unstable();
            // Two values or more are named, so a language can order them as it needs.
            assert!(count(Lang::En) <= 1, "{msg:?}: name its placeholders");
            assert!(count(Lang::En) == 0 || named.is_empty(), "{msg:?} mixes {{}} and names");
            for lang in Lang::ALL {
                assert!(!msg.text(lang).is_empty(), "{msg:?} empty in {lang:?}");
                assert_eq!(count(lang), count(Lang::En), "{msg:?} placeholders differ in {lang:?}");
                let mut theirs = placeholder_names(msg.text(lang));
                theirs.sort_unstable();
                assert_eq!(theirs, named, "{msg:?} names other placeholders in {lang:?}");
            }
        }
    }

    #[test]
    fn locales_pick_the_language() {
        assert_eq!(Lang::from_locale("fr_BE.UTF-8"), Some(Lang::Fr));
        assert_eq!(Lang::from_locale("nl_BE.UTF-8"), Some(Lang::Nl));
        assert_eq!(Lang::from_locale("C.UTF-8"), None);
        assert_eq!(Lang::from_locale("de_DE"), None);
    }

    #[test]
    fn placeholders_fill_by_name_in_any_order() {
        assert_eq!(Lang::En.f(Msg::TooSmall, &["50", "12"]), "terminal too small: need 50 x 12");
        assert_eq!(Lang::Nl.f(Msg::GapShort, &["2"]), "2 te weinig");
        // A translation may put the names in another order, or say one twice.
        let english = "{who} saved {what}";
        assert_eq!(
            fill("{what} opgeslagen door {who}", english, &["An", "Lantin"]),
            "Lantin opgeslagen door An"
        );
        assert_eq!(fill("{who}, {who}: {what}", english, &["An", "x"]), "An, An: x");
        assert_eq!(Lang::Fr.f(Msg::ErrNoStore, &["/d"]).matches("/d").count(), 2);
        // Braces that are not a placeholder stay; a missing value is empty, never a panic.
        assert_eq!(fill("{\"a\": 1} {Who} {}", "", &["x"]), "{\"a\": 1} {Who} x");
        assert_eq!(fill("{what} {", english, &[]), " {");
    }

    #[test]
    fn every_circular_seat_has_a_name_in_every_language() {
        use crate::domain::group::{circular_central_template, circular_local_template};
        for t in [circular_central_template(1), circular_local_template(2)] {
            for s in &t.seats {
                for lang in Lang::ALL {
                    assert_ne!(seat(lang, &s.key, None), s.key, "{} untranslated", s.key);
                }
            }
        }
    }
}
