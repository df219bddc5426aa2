//! `smtp_codes_bounce::parse` on any bytes: no panic, and what it reads holds together: a
//! reply it rebuilt writes itself back the same, a hard bounce is a failed recipient with a
//! class 5 outcome, a delivered or delayed recipient is never a hard bounce, and every
//! problem has a message.

#![no_main]

use libfuzzer_sys::fuzz_target;
use smtp_codes::{Disposition, Reply};
use smtp_codes_bounce::Action;

fuzz_target!(|data: &[u8]| {
    let bounce = smtp_codes_bounce::parse(data);
    for recipient in bounce.recipients() {
        if let Some(reply) = recipient.reply() {
            let (parsed, used) = Reply::parse(reply.as_str().as_bytes()).expect("a ReplyBuf parses");
            assert_eq!(used, reply.as_str().len());
            assert_eq!(parsed.code(), reply.code());
        }
        if recipient.is_hard_bounce() {
            assert_eq!(recipient.action(), Some(Action::Failed));
            assert!(recipient.reason().is_hard_bounce());
        }
        if matches!(recipient.action(), Some(Action::Delivered | Action::Delayed)) {
            assert!(!recipient.is_hard_bounce());
            assert_ne!(recipient.disposition(), Disposition::GiveUp);
        }
    }
    for reply in bounce.codes() {
        assert!(Reply::parse(reply.as_str().as_bytes()).is_ok());
    }
    for problem in bounce.problems() {
        assert!(!problem.to_string().is_empty());
    }
});
