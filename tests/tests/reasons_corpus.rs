//! Replays the corpus's expected bounce reasons (`tests/corpus/reasons.toml`): each entry names a
//! refusal a real server sent (Postfix, Exim, OpenSMTPD, aiosmtpd, captured by
//! `scripts/capture/run`), the command it answered and the reason a bounce processor should
//! conclude; `Reply::diagnose_with` must conclude it from the reply's bytes and the command.

use std::fs;
use std::path::PathBuf;

use serde::Deserialize;
use serde_json::Value;
use smtp_codes::{Command, Context, Reason, Reply};

#[derive(Deserialize)]
struct Entries {
    reply: Vec<Entry>,
}

#[derive(Deserialize)]
struct Entry {
    server: String,
    session: String,
    reply: usize,
    stage: String,
    reason: String,
    why: String,
}

fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

#[test]
fn every_real_refusal_gets_its_expected_reason() {
    let text = fs::read_to_string(corpus().join("reasons.toml")).unwrap();
    let entries: Entries = toml::from_str(&text).unwrap();
    let mut wrong = Vec::new();
    for e in &entries.reply {
        let dir = corpus().join(&e.server);
        let json: Value =
            serde_json::from_slice(&fs::read(dir.join(format!("{}.json", e.session))).unwrap())
                .unwrap();
        let bytes = fs::read(dir.join(format!("{}.bin", e.session))).unwrap();
        let at = &json["replies"][e.reply];
        let offset = at["offset"].as_u64().unwrap() as usize;
        let length = at["length"].as_u64().unwrap() as usize;
        let (reply, used) = Reply::parse(&bytes[offset..offset + length]).unwrap();
        assert_eq!(used, length, "{}/{} reply {}", e.server, e.session, e.reply);
        let command: Command = e.stage.parse().unwrap();
        let expected: Reason = e.reason.parse().unwrap();
        let diagnosis = reply.diagnose_with(&Context::new().command(command));
        if diagnosis.reason() != expected {
            wrong.push(format!(
                "{}/{} reply {} ({}): expected {expected} ({}), got {} by {:?} {:?}\n    {}",
                e.server,
                e.session,
                e.reply,
                e.stage,
                e.why,
                diagnosis.reason(),
                diagnosis.decided_by(),
                diagnosis.rule(),
                String::from_utf8_lossy(reply.as_bytes()).trim_end()
            ));
        }
    }
    assert!(
        entries.reply.len() >= 60,
        "only {} entries",
        entries.reply.len()
    );
    assert!(
        wrong.is_empty(),
        "{} of {} wrong:\n{}",
        wrong.len(),
        entries.reply.len(),
        wrong.join("\n")
    );
}
