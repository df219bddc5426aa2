//! The reasons of failures already diagnosed in this scan: mail logs repeat the same refusal
//! for many messages, and looking a reply up costs less than running the rules on it again.

use std::collections::HashMap;

use smtp_codes::{Command, Reason};

/// Past this many distinct failures the memo starts again, so that memory stays bounded
/// whatever the log holds.
const MAX_ENTRIES: usize = 16_384;

/// The remote host and the recipient's domain, as far as the line names them.
type Hosts<'a> = (Option<&'a [u8]>, Option<&'a [u8]>);

/// Failures' reasons by everything the rules look at: the reply's text and the command, host
/// and domain around it.
#[derive(Debug, Default)]
pub struct Memo {
    /// foldhash, seeded per process: cheaper than std's SipHash on keys of a hundred bytes
    /// (scan on one core: 0.40-0.41 s became 0.39-0.40 s), and still seeded, so that a crafted
    /// log cannot pick keys that collide.
    reasons: HashMap<Vec<u8>, (Reason, bool), foldhash::fast::RandomState>,
    /// The key being looked up, kept to spare an allocation per line.
    key: Vec<u8>,
}

impl Memo {
    /// The reason of this failure when it is known not to depend on the host or domain.
    pub fn without_host(
        &mut self,
        text: &[u8],
        command: Option<Command>,
    ) -> Option<(Reason, bool)> {
        self.make_key(text, command, None);
        self.reasons.get(self.key.as_slice()).copied()
    }

    /// The reason and hard-bounce flag of this failure: remembered, or `diagnose`d and kept.
    /// `diagnose` also says whether its answer holds for any host and domain; such an answer is
    /// kept under the text and command alone, for [`without_host`](Self::without_host).
    pub fn reason(
        &mut self,
        text: &[u8],
        command: Option<Command>,
        host: Option<&[u8]>,
        domain: Option<&[u8]>,
        diagnose: impl FnOnce() -> ((Reason, bool), bool),
    ) -> (Reason, bool) {
        self.make_key(text, command, Some((host, domain)));
        if let Some(&known) = self.reasons.get(self.key.as_slice()) {
            return known;
        }
        let (found, any_host) = diagnose();
        if any_host {
            self.make_key(text, command, None);
        }
        if self.reasons.len() >= MAX_ENTRIES {
            self.reasons.clear();
        }
        self.reasons.insert(self.key.clone(), found);
        found
    }

    /// The key: a tag for whether the host and domain are in it, the command, then each part
    /// with its length first, so that no two contexts give the same key.
    fn make_key(&mut self, text: &[u8], command: Option<Command>, hosts: Option<Hosts<'_>>) {
        self.key.clear();
        self.key.push(u8::from(hosts.is_some()));
        let command = command.and_then(|c| Command::ALL.iter().position(|&k| k == c));
        self.key.push(command.map_or(0, |i| (i + 1) as u8));
        let (host, domain) = hosts.unwrap_or((None, None));
        for part in [Some(text), host, domain] {
            match part {
                Some(bytes) => {
                    self.key
                        .extend_from_slice(&(bytes.len() as u32 + 1).to_le_bytes());
                    self.key.extend_from_slice(bytes);
                }
                None => self.key.extend_from_slice(&0u32.to_le_bytes()),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_failure_is_diagnosed_once_and_contexts_stay_apart() {
        let mut memo = Memo::default();
        let runs = std::cell::Cell::new(0);
        let ask = |memo: &mut Memo, host: Option<&[u8]>, any_host: bool| {
            memo.reason(b"550 5.1.1 no", Some(Command::Rcpt), host, None, || {
                runs.set(runs.get() + 1);
                ((Reason::UserUnknown, true), any_host)
            })
        };
        // An answer that depends on the host is kept for that host only.
        assert_eq!(
            ask(&mut memo, Some(b"mx.example.com"), false),
            (Reason::UserUnknown, true)
        );
        assert_eq!(
            memo.without_host(b"550 5.1.1 no", Some(Command::Rcpt)),
            None
        );
        ask(&mut memo, Some(b"mx.example.com"), false);
        assert_eq!(runs.get(), 1);
        ask(&mut memo, Some(b"mx.example.net"), true);
        assert_eq!(runs.get(), 2);
        // One that holds for any host is found by the text and command alone.
        assert_eq!(
            memo.without_host(b"550 5.1.1 no", Some(Command::Rcpt)),
            Some((Reason::UserUnknown, true))
        );
        assert_eq!(
            memo.without_host(b"550 5.1.1 no", Some(Command::Data)),
            None
        );
        // The text "ab" with host "c" and the text "a" with host "bc" are different keys.
        let one = memo.reason(b"ab", None, Some(b"c"), None, || {
            ((Reason::Blocked, false), false)
        });
        let two = memo.reason(b"a", None, Some(b"bc"), None, || {
            ((Reason::Suspend, false), false)
        });
        assert_ne!(one, two);
    }
}
