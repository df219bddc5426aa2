//! Benchmarks of smtp-codes against its peers (see benches/): the reply parser against lettre,
//! smtp-proto and http (`parse`), the writer against smtp-proto and `write!` (`write`), and
//! `Reply::diagnose` against the same rules run as a `regex::RegexSet` (`diagnose`).
//!
//! This library holds the replies that more than one benchmark times, so that they time the
//! same bytes, and the `diagnose` benchmark's `RegexSet` peer as `regex_set` builds it, which
//! `examples/regexset_history.rs` times too. `scripts/bench` runs the benchmarks and prints the medians as Markdown tables.

/// The commonest reply of all, such as the answer to `RCPT TO`: shorter than one SSE2 load.
pub const ONE_LINE_SHORT: &[u8] = b"250 2.1.5 Ok\r\n";

/// A one-line success with a queue id, as Postfix answers the end of data.
pub const ONE_LINE: &[u8] = b"250 2.0.0 Ok: queued as 4F2B1C0A1B\r\n";

/// A three-line refusal with an enhanced code on every line.
pub const THREE_LINE_550: &[u8] =
    b"550-5.7.1 [192.0.2.25] Message rejected due to local policy: the\r\n\
550-5.7.1 sending IP address is listed on a DNS blocklist. Please visit\r\n\
550 5.7.1 https://postmaster.example.net/blocked for details.\r\n";

/// The answer to `EHLO` with eight lines of extensions.
pub const EHLO_8_LINES: &[u8] = b"250-mail.test\r\n\
250-PIPELINING\r\n\
250-SIZE 10240000\r\n\
250-VRFY\r\n\
250-ETRN\r\n\
250-STARTTLS\r\n\
250-ENHANCEDSTATUSCODES\r\n\
250 8BITMIME\r\n";

/// The `diagnose` benchmark's peer: one escaped regex per pattern, in the order given, ASCII
/// case ignored as the rules compare (with Unicode on, `k` would also match the Kelvin sign).
///
/// # Panics
///
/// Never on the escaped patterns of `rules.toml`: they are plain literals.
#[must_use]
pub fn regex_set<S: AsRef<str>>(patterns: &[S]) -> regex::RegexSet {
    let sources: Vec<String> = patterns.iter().map(|p| regex::escape(p.as_ref())).collect();
    regex::RegexSetBuilder::new(&sources)
        .case_insensitive(true)
        .unicode(false)
        .build()
        .expect("the escaped patterns make a regex set")
}
