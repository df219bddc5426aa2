//! `diagnose` and `diagnose_with` on every reply that `Reply::parse` reads from any bytes, with
//! a context (command, host, recipient) that comes from the input too: no panic, and the
//! diagnosis holds together: a rule decided it exactly when it names one, only failures are
//! decided by rules, a success is delivered, a temporary failure is retried and never a hard
//! bounce, and `diagnose` is `diagnose_with` an empty context.

#![no_main]

use libfuzzer_sys::fuzz_target;
use smtp_codes::{Command, Context, DecidedBy, Diagnosis, Disposition, Reason, Reply};

fuzz_target!(|input: (u8, String, String, Vec<u8>)| {
    let (command, host, recipient, data) = input;
    let mut context = Context::new().host(&host).recipient(&recipient);
    if let Some(&command) = Command::ALL.get(usize::from(command)) {
        context = context.command(command);
    }
    let mut rest = data.as_slice();
    while let Ok((reply, used)) = Reply::parse(rest) {
        let plain = reply.diagnose();
        assert_eq!(plain, reply.diagnose_with(&Context::new()));
        assert_eq!(
            plain,
            reply.diagnose(),
            "the same reply, the same diagnosis"
        );
        holds_together(&reply, &plain);
        holds_together(&reply, &reply.diagnose_with(&context));
        rest = &rest[used..];
    }
});

fn holds_together(reply: &Reply<'_>, d: &Diagnosis<'_>) {
    assert_eq!(d.decided_by() == DecidedBy::Rule, d.rule().is_some());
    if d.rule().is_none() {
        assert!(d.provider().is_none() && d.note().is_none() && d.link().is_none());
    }
    let class = reply.code() / 100;
    if d.rule().is_some() {
        assert!(matches!(class, 4 | 5), "a rule decided a {}", reply.code());
    }
    match class {
        2 => {
            assert_eq!(d.reason(), Reason::Delivered);
            assert_eq!(d.disposition(), Disposition::Success);
        }
        4 => assert_eq!(d.disposition(), Disposition::RetryLater),
        _ => {}
    }
    assert_eq!(
        d.is_hard_bounce(),
        class == 5 && d.reason().is_hard_bounce()
    );
    assert!(!d.remediation().is_empty());
    let shown = d.to_string();
    assert!(shown.starts_with(&d.reason().to_string()));
}
