//! The concertation (CAPB) from the keyboard, on TestBackend over a real store: its pane, a
//! vote taken by a show of hands, attendance and proxies checked against the charter, and
//! nothing disseminated without the members' agreement.

// A test or bench that cannot go on says so by unwrapping: the panic is the report.
#![allow(clippy::unwrap_used)]

mod tui;

use pilotage::domain::concertation::Vote;
use tui::{Harness, today};

#[test]
fn the_pane_lists_what_needs_attention_first() {
    let mut h = Harness::on_store(false);
    h.keys("5");
    insta::assert_snapshot!("concertation_80x24", h.screen());
    // The production waiting for a decision, and why.
    h.keys("<Enter>");
    insta::assert_snapshot!("concertation_production", h.screen());
    h.keys("<Esc><Down><Down><Down><Down><Down><Down><Down><Enter>");
    let screen = h.screen();
    assert!(screen.contains("The debates are secret") || screen.contains("debates are secret"), "{screen}");
    insta::assert_snapshot!("concertation_meeting", screen);
}

#[test]
fn a_vote_by_a_show_of_hands() {
    let mut h = Harness::on_store(false);
    // The latest meeting (no minutes yet) is the second row.
    h.keys("5<Down>v");
    assert!(h.screen().contains("New motion"), "{}", h.screen());
    h.keys("Ask for naloxone kits on release<C-s>");
    // Present: Centre, Info, Projet, Accueil. The others are absent without a proxy: the
    // cursor passes them by, one key per member who can vote, and says why beside each.
    h.keys("+-");
    assert!(h.screen().contains("to call"), "{}", h.screen());
    h.keys("+0");
    insta::assert_snapshot!("vote", h.screen());
    assert!(h.screen().contains("absent without a proxy"), "{}", h.screen());
    assert!(h.screen().contains("for 2, against 1, abstaining 1; 3 absent"), "{}", h.screen());
    h.keys("<C-s>");
    assert!(h.screen().contains("Saved"), "{}", h.screen());
    let motion =
        h.app.data.motions.values().find(|m| m.text.starts_with("Ask for naloxone")).unwrap().clone();
    let votes: Vec<Vote> = motion.ballots.iter().map(|b| b.vote).collect();
    // A ballot for each member who could vote; those absent without a proxy have none.
    assert_eq!(votes, [Vote::For, Vote::Against, Vote::For, Vote::Abstain]);
    let data = h.reopened();
    assert_eq!(data.motions.get(&motion.id), Some(&motion), "what the screen called saved is stored");
}

#[test]
fn attendance_and_a_proxy_over_the_cap() {
    let mut h = Harness::on_store(false);
    h.keys("5m");
    assert!(h.screen().contains("New concertation meeting"), "{}", h.screen());
    h.keys("<C-s>");
    assert!(h.screen().contains("Attendance and proxies, 23/11/2026"), "{}", h.screen());
    // Centre present; Maison and Info both give their voice to it: one too many.
    h.keys("pg<Down>g");
    h.keys("<C-s>");
    assert!(h.screen().contains("Centre Exemple holds 2 proxies; at most 1"), "{}", h.screen());
    insta::assert_snapshot!("attendance_over_the_cap", h.screen());
    // Info comes after all: its proxy is gone, and the meeting saves.
    h.keys("<Down><Down>p<C-s>");
    assert!(h.screen().contains("Saved"), "{}", h.screen());
    let m = h.app.data.capb_meetings.values().find(|m| m.date == today()).unwrap();
    assert_eq!((m.attendance.len(), m.proxies.len()), (2, 1));
    // Undo takes the whole meeting back.
    h.keys("uy"); // an undo that deletes what was made asks first
    assert!(!h.app.data.capb_meetings.values().any(|m| m.date == today()));
}

#[test]
fn nothing_is_disseminated_without_the_members_agreement() {
    let mut h = Harness::on_store(false);
    // The interview the members tied on: recording it as disseminated is refused.
    h.keys("5e");
    assert!(h.screen().contains("Interview: harm-reduction kits"), "{}", h.screen());
    h.keys("<Tab><Tab><Tab><Tab>01/11/2026<Tab>the press<C-s>");
    let screen = h.screen();
    assert!(screen.contains("Not disseminated without the members' agreement"), "{screen}");
    assert!(screen.contains("(tie: no majority)"), "{screen}");
    insta::assert_snapshot!("dissemination_refused", screen);
}

#[test]
fn the_members_rules_are_theirs_from_a_date() {
    let mut h = Harness::on_store(false);
    h.keys("5R");
    let screen = h.screen();
    assert!(screen.contains("as its members decide them"), "{screen}");
    insta::assert_snapshot!("members_rules", screen);
    // From today: two proxies a holder, the rest as in force; the members' decision in words.
    h.keys("<Tab>");
    insta::assert_snapshot!("members_rules_cap", h.screen());
    h.keys("<Down><Enter><Tab><Tab>Decided at today's meeting<C-s>");
    assert!(h.screen().contains("Saved"), "{}", h.screen());
    // Today's attendance follows it: two proxies for Centre Exemple are now within the rule.
    h.keys("m<C-s>pg<Down>g<C-s>");
    assert!(h.screen().contains("Saved"), "{}", h.screen());
    let data = h.reopened();
    let rules = pilotage::domain::rules::rules_on(&data, today());
    assert_eq!((rules.proxy_cap.value, rules.proxy_cap.since), (2, Some(today())));
    assert_eq!(rules.quorum_percent.value, 50, "the rest as in force");
    let kept = data.capb_rules.values().find(|r| r.from == today()).unwrap();
    assert_eq!(kept.note, "Decided at today's meeting");
}
