//! The operating system's accounts: who a uid is, and who this process is. The kernel says
//! who a client is; these only put names on uids, for people reading lists and trails.

/// An OS account's name, as the system's user database gives it.
pub fn account_name(uid: u32) -> String {
    match nix::unistd::User::from_uid(uid.into()) {
        Ok(Some(user)) => user.name,
        _ => format!("uid {uid}"),
    }
}

/// An OS account by its uid or its name, as the system's user database knows it.
pub fn uid_of_account(account: &str) -> Option<u32> {
    account.parse::<u32>().ok().or_else(|| match nix::unistd::User::from_name(account) {
        Ok(Some(user)) => Some(user.uid.as_raw()),
        _ => None,
    })
}

/// The account this process runs as: its uid and name.
pub fn this_account() -> (u32, String) {
    let uid = nix::unistd::getuid().as_raw();
    (uid, account_name(uid))
}
