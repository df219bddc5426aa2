//! Property tests on generated delivery status notifications (RFC 3464): whatever the order of
//! the fields, the case of their names, where long values are folded, CRLF or LF line ends and
//! the charset labels, every recipient's address, action, status and reply come back as
//! generated, and nothing is reported as a problem.

use proptest::prelude::*;
use smtp_codes_bounce::{Action, Kind};

/// One generated recipient: what the report says about it.
#[derive(Debug, Clone)]
struct Generated {
    address: String,
    action: Action,
    class: u8,
    subject: u16,
    detail: u16,
    /// The reply's basic code, whether it repeats the status as its enhanced code, and its
    /// text, when the diagnostic is an SMTP reply.
    reply: Option<(u16, bool, String)>,
    remote_mta: Option<String>,
}

fn word() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9]{0,9}"
}

fn text() -> impl Strategy<Value = String> {
    // Words and punctuation as replies have them, no control characters; no digits, so that
    // no word can pass for a reply code or an enhanced code. At least one word.
    proptest::collection::vec("[A-Za-z<>@.,:;()'=_-]{1,12}", 1..25).prop_map(|w| w.join(" "))
}

fn recipient() -> impl Strategy<Value = Generated> {
    (
        (word(), word(), word()),
        prop_oneof![
            Just(Action::Failed),
            Just(Action::Delayed),
            Just(Action::Delivered),
            Just(Action::Relayed),
            Just(Action::Expanded),
        ],
        prop_oneof![Just(2u8), Just(4), Just(5)],
        (0u16..8, 0u16..30),
        proptest::option::of((0u16..100, any::<bool>(), text())),
        proptest::option::of(word()),
    )
        .prop_map(
            |((local, domain, tld), action, class, (subject, detail), reply, remote)| Generated {
                address: format!("{local}@{domain}.{tld}"),
                action,
                class,
                subject,
                detail,
                reply: reply
                    .map(|(rest, enhanced, text)| (u16::from(class) * 100 + rest, enhanced, text)),
                remote_mta: remote.map(|r| format!("{r}.example.net")),
            },
        )
}

/// How one report is written out.
#[derive(Debug, Clone)]
struct Writing {
    crlf: bool,
    /// Where to fold: a long value is folded at its spaces whose index this divides.
    fold_every: usize,
    /// The indent of a continuation line: spaces and tabs.
    indent: String,
    upper: bool,
    charset: &'static str,
}

fn writing() -> impl Strategy<Value = Writing> {
    (
        any::<bool>(),
        2usize..7,
        "[ \t]{1,6}",
        any::<bool>(),
        prop_oneof![
            Just("us-ascii"),
            Just("utf-8"),
            Just("UTF-8"),
            Just("iso-8859-1"),
            Just("x-unknown-charset"),
        ],
    )
        .prop_map(|(crlf, fold_every, indent, upper, charset)| Writing {
            crlf,
            fold_every,
            indent,
            upper,
            charset,
        })
}

impl Writing {
    /// `name: value`, the value folded at some of its spaces.
    fn field(&self, name: &str, value: &str) -> String {
        let name = if self.upper {
            name.to_ascii_uppercase()
        } else {
            name.to_owned()
        };
        let mut out = format!("{name}:");
        for (i, word) in value.split(' ').enumerate() {
            if i > 0 && i % self.fold_every == 0 {
                out.push('\n');
                out.push_str(&self.indent);
            } else {
                out.push(' ');
            }
            out.push_str(word);
        }
        out
    }
}

fn message(recipients: &[Generated], orders: &[Vec<usize>], how: &Writing) -> Vec<u8> {
    let mut status = vec![how.field("Reporting-MTA", "dns; mx.example.org")];
    status.push(how.field("X-Queue-ID", "ABC123"));
    status.push(String::new());
    for (r, order) in recipients.iter().zip(orders) {
        let mut fields = vec![
            how.field("Final-Recipient", &format!("rfc822; {}", r.address)),
            how.field("Action", r.action.token()),
            how.field("Status", &format!("{}.{}.{}", r.class, r.subject, r.detail)),
        ];
        if let Some(remote) = &r.remote_mta {
            fields.push(how.field("Remote-MTA", &format!("dns; {remote}")));
        }
        if let Some((code, enhanced, text)) = &r.reply {
            let enhanced = if *enhanced {
                format!("{}.{}.{} ", r.class, r.subject, r.detail)
            } else {
                String::new()
            };
            fields.push(how.field("Diagnostic-Code", &format!("smtp; {code} {enhanced}{text}")));
        }
        for &i in order {
            if let Some(field) = fields.get(i) {
                status.push(field.clone());
            }
        }
        for (i, field) in fields.iter().enumerate() {
            if !order.contains(&i) {
                status.push(field.clone());
            }
        }
        status.push(String::new());
    }
    let status = status.join("\n");
    let body = format!(
        "From: MAILER-DAEMON@mx.example.org\n\
         To: sender@example.org\n\
         Subject: Delivery Status Notification\n\
         MIME-Version: 1.0\n\
         Content-Type: multipart/report; report-type=delivery-status; boundary=\"=b=\"\n\
         \n\
         --=b=\n\
         Content-Type: text/plain; charset={charset}\n\
         \n\
         This is a report.\n\
         \n\
         --=b=\n\
         Content-Type: message/delivery-status; charset={charset}\n\
         \n\
         {status}\n\
         --=b=--\n",
        charset = how.charset
    );
    let body = if how.crlf {
        body.replace('\n', "\r\n")
    } else {
        body
    };
    body.into_bytes()
}

fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn generated_reports_read_back(
        recipients in proptest::collection::vec(recipient(), 1..5),
        orders in proptest::collection::vec(Just((0..5).collect::<Vec<usize>>()).prop_shuffle(), 5),
        how in writing(),
    ) {
        let bytes = message(&recipients, &orders, &how);
        let bounce = smtp_codes_bounce::parse(&bytes);
        prop_assert_eq!(bounce.kind(), Kind::Dsn);
        prop_assert!(bounce.problems().is_empty(), "{:?}", bounce.problems());
        prop_assert_eq!(bounce.reporting_mta(), Some("mx.example.org"));
        prop_assert_eq!(bounce.recipients().len(), recipients.len());
        for (read, made) in bounce.recipients().iter().zip(&recipients) {
            prop_assert_eq!(read.address(), made.address.as_str());
            prop_assert_eq!(read.action(), Some(made.action));
            let status = read.status().map(|s| (s.class(), s.subject(), s.detail()));
            prop_assert_eq!(status, Some((made.class, made.subject, made.detail)));
            prop_assert_eq!(read.remote_mta(), made.remote_mta.as_deref());
            match &made.reply {
                Some((code, enhanced, text)) => {
                    let reply = read.reply();
                    prop_assert!(reply.is_some(), "no reply for {:?}", made);
                    let reply = reply.unwrap();
                    prop_assert_eq!(reply.code(), *code);
                    prop_assert_eq!(reply.enhanced_code().is_some(), *enhanced);
                    if *enhanced {
                        prop_assert_eq!(reply.enhanced_code(), read.status());
                    }
                    // One line, its text the generated one up to the folding's whitespace.
                    prop_assert_eq!(reply.texts().len(), 1);
                    prop_assert_eq!(squeeze(&reply.texts()[0]), squeeze(text));
                }
                None => prop_assert!(read.reply().is_none()),
            }
        }
    }
}
