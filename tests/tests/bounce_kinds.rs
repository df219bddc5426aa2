//! The kinds of message `smtp_codes_bounce::parse` tells apart, on messages written here in
//! the shapes the RFCs give: an RFC 5965 feedback report, RFC 3834 automatic replies, an RFC
//! 6533 UTF-8 DSN, a free-text bounce no module knows, ordinary mail, and a truncated DSN.

use smtp_codes::Reason;
use smtp_codes_bounce::{Action, Kind, MailSystem, Problem};

fn multipart_report(report_type: &str, parts: &[(&str, &str)]) -> Vec<u8> {
    let mut out = format!(
        "From: reports@isp.example\r\nTo: abuse@sender.example\r\nSubject: report\r\nMIME-Version: 1.0\r\n\
         Content-Type: multipart/report; report-type={report_type}; boundary=\"part\"\r\n\r\n"
    );
    for (content_type, body) in parts {
        out.push_str(&format!(
            "--part\r\nContent-Type: {content_type}\r\n\r\n{body}\r\n"
        ));
    }
    out.push_str("--part--\r\n");
    out.into_bytes()
}

const ORIGINAL: &str = "From: news@sender.example\r\nTo: bob@example.com\r\nSubject: Our offers\r\nMessage-ID: <offer-1@sender.example>\r\n\r\nBuy now.\r\n";

#[test]
fn a_feedback_report_is_a_complaint_not_a_bounce() {
    let report = "Feedback-Type: abuse\r\nUser-Agent: ExampleFBL/1.0\r\nVersion: 1\r\n\
        Original-Mail-From: <news@sender.example>\r\nOriginal-Rcpt-To: <bob@example.com>\r\n\
        Arrival-Date: Tue, 1 Dec 2026 10:00:00 +0000\r\nReporting-MTA: dns; mx.isp.example\r\n\
        Source-IP: 192.0.2.1\r\n";
    let bounce = smtp_codes_bounce::parse(&multipart_report(
        "feedback-report",
        &[
            ("text/plain", "A user marked this message as spam."),
            ("message/feedback-report", report),
            ("message/rfc822", ORIGINAL),
        ],
    ));
    assert_eq!(bounce.kind(), Kind::Feedback);
    assert_eq!(bounce.reporting_mta(), Some("mx.isp.example"));
    assert_eq!(
        bounce.original().message_id(),
        Some("offer-1@sender.example")
    );
    assert_eq!(bounce.original().subject(), Some("Our offers"));
    let [bob] = bounce.recipients() else {
        panic!("one complaining recipient: {:?}", bounce.recipients())
    };
    assert_eq!(bob.address(), "bob@example.com");
    assert_eq!(bob.reason(), Reason::Feedback);
    assert!(!bob.is_hard_bounce());
    assert!(
        bounce
            .extensions()
            .iter()
            .any(|(name, value)| name == "Feedback-Type" && value == "abuse")
    );
}

#[test]
fn automatic_replies_are_vacation() {
    let reply = "From: Bob <bob@example.com>\r\nTo: news@sender.example\r\nSubject: Re: Our offers\r\n\
        Auto-Submitted: auto-replied (vacation)\r\n\r\nI am away until Monday.\r\n";
    let bounce = smtp_codes_bounce::parse(reply.as_bytes());
    assert_eq!(bounce.kind(), Kind::Vacation);
    assert_eq!(bounce.recipients()[0].address(), "bob@example.com");
    assert_eq!(bounce.recipients()[0].reason(), Reason::Vacation);

    // Exchange's subject alone.
    let exchange =
        "From: carol@example.org\r\nSubject: Automatic reply: Our offers\r\n\r\nAway.\r\n";
    assert_eq!(
        smtp_codes_bounce::parse(exchange.as_bytes()).kind(),
        Kind::Vacation
    );

    // A mailer daemon's failure notice marked auto-replied (Mail.Ru's, MailEnable's) is a
    // bounce all the same.
    let daemon = "From: Mail Delivery System <mailer-daemon@mx.example.net>\r\n\
        Subject: Undelivered mail\r\nAuto-Submitted: auto-replied\r\n\r\n\
        This message was created automatically by mail delivery software.\r\n\r\n\
        A message that you sent could not be delivered to one or more of its recipients.\r\n\
        The following address(es) failed:\r\n\r\n  bob@example.com\r\n    550 5.1.1 no such user\r\n";
    let bounce = smtp_codes_bounce::parse(daemon.as_bytes());
    assert_eq!(bounce.kind(), Kind::Text);
    assert_eq!(bounce.recipients()[0].address(), "bob@example.com");
    assert_eq!(bounce.recipients()[0].reason(), Reason::UserUnknown);

    // auto-generated is what DSNs and list software write: not a vacation message.
    let generated = "From: list@example.org\r\nSubject: digest\r\nAuto-Submitted: auto-generated\r\n\r\nNews.\r\n";
    assert_eq!(
        smtp_codes_bounce::parse(generated.as_bytes()).kind(),
        Kind::NotABounce
    );
}

#[test]
fn a_utf8_dsn_of_rfc_6533() {
    let status = "Reporting-MTA: dns; mx.example.org\r\n\r\n\
        Original-Recipient: utf-8; j\\x{F6}rg@b\\x{FC}cher.example\r\n\
        Final-Recipient: utf-8; jörg@bücher.example\r\nAction: failed\r\nStatus: 5.1.1\r\n\
        Diagnostic-Code: smtp; 550 5.1.1 Empfänger unbekannt\r\n";
    let bounce = smtp_codes_bounce::parse(&multipart_report(
        "global-delivery-status",
        &[
            ("text/plain; charset=utf-8", "Zustellung fehlgeschlagen."),
            ("message/global-delivery-status", status),
            (
                "message/global-headers",
                "From: a@example.org\r\nSubject: Grüße\r\n",
            ),
        ],
    ));
    assert_eq!(bounce.kind(), Kind::Dsn);
    assert!(bounce.problems().is_empty(), "{:?}", bounce.problems());
    let jorg = &bounce.recipients()[0];
    assert_eq!(jorg.address(), "jörg@bücher.example");
    assert_eq!(jorg.original_address(), Some("jörg@bücher.example"));
    assert_eq!(jorg.action(), Some(Action::Failed));
    assert_eq!(
        jorg.reply().map(|r| r.to_string()).as_deref(),
        Some("550 5.1.1 Empfänger unbekannt\r\n")
    );
    assert_eq!(jorg.reason(), Reason::UserUnknown);
}

#[test]
fn a_free_text_bounce_no_module_knows_gives_its_replies() {
    let text = "From: MAILER-DAEMON@mx.example.org\r\nSubject: Delivery failure\r\n\r\n\
        Delivery failed for the recipients below.\r\n\r\n\
        \x20 bob@example.com\r\n\x20 550 5.1.1 <bob@example.com>... User unknown\r\n";
    let bounce = smtp_codes_bounce::parse(text.as_bytes());
    assert_eq!(bounce.kind(), Kind::Text);
    assert_eq!(bounce.mail_system(), None);
    assert!(bounce.recipients().is_empty());
    let codes: Vec<String> = bounce.codes().iter().map(|c| c.to_string()).collect();
    assert_eq!(codes, ["550 5.1.1 <bob@example.com>... User unknown\r\n"]);
}

#[test]
fn sendmails_text_only_bounce_is_read_by_its_module() {
    let text = "From: MAILER-DAEMON@mx.example.org\r\nSubject: Returned mail: see transcript for details\r\n\r\n\
        The original message was received from localhost.\r\n\r\n\
        ----- The following addresses had permanent fatal errors -----\r\n<bob@example.com>\r\n\r\n\
        ----- Transcript of session follows -----\r\n... while talking to mx.example.com.:\r\n\
        >>> RCPT To:<bob@example.com>\r\n<<< 550 5.1.1 <bob@example.com>... User unknown\r\n";
    let bounce = smtp_codes_bounce::parse(text.as_bytes());
    assert_eq!(bounce.kind(), Kind::Text);
    assert_eq!(bounce.mail_system(), Some(MailSystem::Sendmail));
    let [bob] = bounce.recipients() else {
        panic!("one recipient: {:?}", bounce.recipients());
    };
    assert_eq!(bob.address(), "bob@example.com");
    assert_eq!(bob.action(), Some(Action::Failed));
    assert_eq!(
        bob.reply().map(|r| r.to_string()).as_deref(),
        Some("550 5.1.1 <bob@example.com>... User unknown\r\n")
    );
    assert_eq!(bob.reason(), Reason::UserUnknown);
}

#[test]
fn qsbmfs_structure_alone_is_a_bounce_only_from_a_mailer_daemon() {
    let body = "\r\nUnfortunately, your mail was not delivered to the following address:\r\n\r\n\
        <bob@example.com>:\r\nSorry, no mailbox here by that name. (#5.1.1)\r\n\r\n\
        --- Below this line is a copy of the message.\r\n";
    let daemon = format!("From: MAILER-DAEMON@mx.example.net\r\nSubject: failure notice\r\n{body}");
    let bounce = smtp_codes_bounce::parse(daemon.as_bytes());
    assert_eq!(bounce.mail_system(), Some(MailSystem::Qmail));
    assert_eq!(bounce.recipients()[0].address(), "bob@example.com");
    assert_eq!(bounce.recipients()[0].reason(), Reason::UserUnknown);
    // The same paragraphs in a person's message are not a bounce.
    let person = format!("From: carol@example.org\r\nSubject: minutes\r\n{body}");
    let bounce = smtp_codes_bounce::parse(person.as_bytes());
    assert_eq!(bounce.kind(), Kind::NotABounce);
    assert!(bounce.recipients().is_empty());
}

#[test]
fn ordinary_mail_is_not_a_bounce() {
    let bounce = smtp_codes_bounce::parse(ORIGINAL.as_bytes());
    assert_eq!(bounce.kind(), Kind::NotABounce);
    assert!(bounce.recipients().is_empty());
    assert!(bounce.problems().is_empty());
}

#[test]
fn a_truncated_dsn_reads_what_is_there() {
    let whole = multipart_report(
        "delivery-status",
        &[
            ("text/plain", "Failed."),
            (
                "message/delivery-status",
                "Reporting-MTA: dns; mx.example.org\r\n\r\nFinal-Recipient: rfc822; bob@example.com\r\n\
                 Action: failed\r\nStatus: 5.1.1\r\n\r\nFinal-Recipient: rfc822; carol@example.com\r\nAction: fa",
            ),
        ],
    );
    let cut = whole.len() - "\r\n--part--\r\n".len();
    for end in [cut, cut / 2, 10, 0] {
        let bounce = smtp_codes_bounce::parse(&whole[..end]);
        if end == cut {
            assert_eq!(bounce.kind(), Kind::Dsn);
            assert_eq!(bounce.recipients().len(), 2);
            assert_eq!(bounce.recipients()[0].address(), "bob@example.com");
            assert_eq!(bounce.recipients()[1].address(), "carol@example.com");
            assert!(
                bounce.problems().contains(&Problem::BadField {
                    field: "Action".into(),
                    value: "fa".into(),
                    line: 8
                }),
                "{:?}",
                bounce.problems()
            );
        }
        if end == 0 {
            assert_eq!(bounce.problems(), [Problem::NotAMessage]);
        }
    }
}

/// A returned message whose body is another `message/rfc822` part, inside a multipart: the
/// shape that reaches a `debug_assert!` in mail-parser 0.11.9 (found by fuzzing from
/// flufl.bounce's messages). Tests run with debug assertions, so this fails with a panic
/// unless the workspace builds mail-parser without them (Cargo.toml's profile override).
#[test]
fn a_message_inside_a_returned_message_does_not_panic() {
    let text = "From: mailer-daemon@example.org\n\
        Content-Type: multipart/mixed;\n\tboundary=\"b1\"\n\n\n\
        --b1\nContent-Type: message/rfc822\n\n\
        Received: by mx.example.org\nContent-Type: message/rfc822\n\nReceived: x\n\n\
        --b1--\n";
    let bounce = smtp_codes_bounce::parse(text.as_bytes());
    assert!(bounce.recipients().is_empty());
}

/// A DSN whose delivery-status part has only per-message fields (as Netscape's and
/// MIMEsweeper's among flufl.bounce's messages do): the problem is reported, and the
/// recipients come from its human-readable part where a format module reads it.
#[test]
fn a_dsn_that_names_no_recipient_falls_back_to_its_text() {
    let postfix = "This is the Postfix program at host mx.example.org.\r\n\r\n\
        I'm sorry to have to inform you that your message could not\r\n\
        be delivered to one or more recipients.\r\n\r\n\
        \t\t\tThe Postfix program\r\n\r\n\
        <bob@example.com>: host mx.example.com[192.0.2.1] said: 550 5.1.1 <bob@example.com>:\r\n    \
        Recipient address rejected: User unknown (in reply to RCPT TO command)\r\n";
    let per_message =
        "Reporting-MTA: dns; mx.example.org\r\nArrival-Date: Tue, 1 Dec 2026 10:00:00 +0000\r\n";
    let bounce = smtp_codes_bounce::parse(&multipart_report(
        "delivery-status",
        &[
            ("text/plain", postfix),
            ("message/delivery-status", per_message),
        ],
    ));
    assert_eq!(bounce.kind(), Kind::Dsn);
    assert_eq!(bounce.reporting_mta(), Some("mx.example.org"));
    assert!(bounce.problems().contains(&Problem::NoRecipients));
    assert_eq!(bounce.mail_system(), Some(MailSystem::Postfix));
    let [bob] = bounce.recipients() else {
        panic!("one recipient: {:?}", bounce.recipients())
    };
    assert_eq!(bob.address(), "bob@example.com");
    assert_eq!(bob.action(), Some(Action::Failed));
    assert_eq!(bob.reason(), Reason::UserUnknown);

    // With a text no module reads, there is still no recipient.
    let bounce = smtp_codes_bounce::parse(&multipart_report(
        "delivery-status",
        &[
            ("text/plain", "Your message could not be delivered."),
            ("message/delivery-status", per_message),
        ],
    ));
    assert!(bounce.recipients().is_empty());
    assert!(bounce.problems().contains(&Problem::NoRecipients));
}

#[test]
fn a_bounce_forwarded_as_an_attachment_is_read_from_it() {
    let status = "Reporting-MTA: dns; mx.example.org\r\n\r\n\
        Final-Recipient: rfc822; bob@example.com\r\nAction: failed\r\nStatus: 5.1.1\r\n\
        Diagnostic-Code: smtp; 550 5.1.1 <bob@example.com>: User unknown\r\n";
    let dsn = String::from_utf8(multipart_report(
        "delivery-status",
        &[
            ("text/plain", "Delivery to bob@example.com failed."),
            ("message/delivery-status", status),
            ("message/rfc822", ORIGINAL),
        ],
    ))
    .unwrap();
    let forwarded = format!(
        "From: helpdesk@sender.example\r\nTo: postmaster@sender.example\r\n\
         Subject: Fwd: Delivery Status Notification (Failure)\r\nMIME-Version: 1.0\r\n\
         Content-Type: multipart/mixed; boundary=\"outer\"\r\n\r\n\
         --outer\r\nContent-Type: text/plain\r\n\r\nSee the attached bounce.\r\n\
         --outer\r\nContent-Type: message/rfc822\r\n\
         Content-Disposition: attachment; filename=\"bounce.eml\"\r\n\r\n{dsn}\r\n--outer--\r\n"
    );
    let bounce = smtp_codes_bounce::parse(forwarded.as_bytes());
    assert_eq!(bounce.kind(), Kind::Dsn);
    assert!(
        bounce
            .problems()
            .contains(&Problem::ReportInAttachedMessage)
    );
    assert_eq!(bounce.reporting_mta(), Some("mx.example.org"));
    let [bob] = bounce.recipients() else {
        panic!("one recipient: {:?}", bounce.recipients())
    };
    assert_eq!(bob.address(), "bob@example.com");
    assert_eq!(bob.reason(), Reason::UserUnknown);
    // The original is the one the report returned, not the bounce itself.
    assert_eq!(
        bounce.original().message_id(),
        Some("offer-1@sender.example")
    );

    // A DSN that returns a DSN (a bounce of a bounce) reads its own report only.
    let carol = "Reporting-MTA: dns; mx.example.net\r\n\r\n\
        Final-Recipient: rfc822; carol@example.net\r\nAction: failed\r\nStatus: 5.2.2\r\n";
    let twice = smtp_codes_bounce::parse(&multipart_report(
        "delivery-status",
        &[
            ("text/plain", "Delivery to carol@example.net failed."),
            ("message/delivery-status", carol),
            ("message/rfc822", &dsn),
        ],
    ));
    assert!(!twice.problems().contains(&Problem::ReportInAttachedMessage));
    let addresses: Vec<&str> = twice.recipients().iter().map(|r| r.address()).collect();
    assert_eq!(addresses, ["carol@example.net"]);
}

#[test]
fn a_notice_sent_as_html_only_is_read_as_text() {
    // Exchange 5.5's report in the shape of flufl.bounce's groupwise_02.txt: its lines end in
    // <BR>, its indents are &nbsp;, and there is no text/plain part.
    let html = "<HTML><BODY><P><FONT SIZE=2>Your message<BR>\r\n<BR>\r\n\
        &nbsp; To:&nbsp;&nbsp; list@example.org<BR>\r\n<BR>\r\n\
        did not reach the following recipient(s):<BR>\r\n<BR>\r\n\
        bob@example.com on Fri, 4 Oct 2002 17:12:28 -0400<BR>\r\n\
        &nbsp;&nbsp;&nbsp; The recipient name is not recognized<BR>\r\n\
        </FONT></P></BODY></HTML>";
    let message = format!(
        "From: System Administrator <postmaster@example.com>\r\nTo: list@example.org\r\n\
         Subject: Undeliverable: Plans\r\nMIME-Version: 1.0\r\n\
         Content-Type: text/html; charset=iso-8859-1\r\n\r\n{html}\r\n"
    );
    let bounce = smtp_codes_bounce::parse(message.as_bytes());
    assert_eq!(bounce.kind(), Kind::Text);
    assert_eq!(bounce.mail_system(), Some(MailSystem::Exchange));
    let [bob] = bounce.recipients() else {
        panic!("one recipient: {:?}", bounce.recipients())
    };
    assert_eq!(bob.address(), "bob@example.com");
    assert_eq!(bob.reason(), Reason::UserUnknown);
}

/// A DSN for one recipient: `status` and `diagnostic` (typed: `smtp; 550 ...`) as its
/// fields say.
fn dsn_for(status: &str, diagnostic: &str) -> Vec<u8> {
    let fields = format!(
        "Reporting-MTA: dns; relay.example.org\r\n\r\nFinal-Recipient: rfc822; bob@example.com\r\n\
         Action: failed\r\nStatus: {status}\r\nDiagnostic-Code: {diagnostic}\r\n"
    );
    multipart_report(
        "delivery-status",
        &[
            ("text/plain", "Delivery failed."),
            ("message/delivery-status", &fields),
            ("message/rfc822", ORIGINAL),
        ],
    )
}

#[test]
fn a_specific_status_speaks_where_the_reply_says_only_its_code() {
    let reason = |status: &str, reply: &str| {
        let bounce = smtp_codes_bounce::parse(&dsn_for(status, &format!("smtp; {reply}")));
        bounce.recipients()[0].reason()
    };
    // No enhanced code, no rule: the 550 says nothing more, the Sendmail-style 5.1.1 does.
    let vague = "550 <bob@example.com> recipient rejected";
    assert_eq!(reason("5.1.1", vague), Reason::UserUnknown);
    assert_eq!(reason("5.2.1", vague), Reason::Suspend);
    // A status of its class alone says no more than the code.
    assert_eq!(reason("5.0.0", vague), Reason::OnHold);
    // Where a rule knows the words, they decide, whatever the status.
    assert_eq!(reason("5.2.1", "550 Unknown user"), Reason::UserUnknown);
    // Where the reply has an enhanced code of its own, that decides.
    assert_eq!(
        reason("5.1.1", "550 5.2.2 <bob@example.com> recipient rejected"),
        Reason::MailboxFull
    );
}

#[test]
fn xwalls_report_part_is_read_as_a_dsn_and_its_type_reported() {
    let fields = "Reporting-MTA: dns; gw.example.org\r\n\r\nFinal-Recipient: rfc822; bob@example.com\r\n\
        Action: failed\r\nStatus: 5.1.1\r\n";
    let bounce = smtp_codes_bounce::parse(&multipart_report(
        "delivery-status",
        &[
            (
                "text/plain",
                "Your message has encountered a delivery problem.",
            ),
            (
                "message/xdelivery-status ; name=\"delivery-status.txt\"",
                fields,
            ),
        ],
    ));
    assert_eq!(bounce.kind(), Kind::Dsn);
    assert_eq!(bounce.recipients()[0].address(), "bob@example.com");
    assert_eq!(bounce.recipients()[0].reason(), Reason::UserUnknown);
    assert!(bounce.problems().contains(&Problem::NonstandardReportType {
        content_type: "message/xdelivery-status".to_owned()
    }));
    // The standard type beside it wins and nothing is reported.
    let both = smtp_codes_bounce::parse(&multipart_report(
        "delivery-status",
        &[
            ("message/delivery-status", fields),
            ("message/xdelivery-status", fields),
        ],
    ));
    assert!(
        !both
            .problems()
            .iter()
            .any(|p| matches!(p, Problem::NonstandardReportType { .. }))
    );
}

#[test]
fn a_network_status_leaves_the_mtas_words_to_say_which_failure() {
    let judged = |diagnostic: &str| {
        let bounce =
            smtp_codes_bounce::parse(&dsn_for("5.4.4", &format!("X-Postfix; {diagnostic}")));
        let bob = &bounce.recipients()[0];
        (bob.reason(), bob.is_hard_bounce())
    };
    // A DNS answer Postfix could not read: the domain's DNS is broken, the address may be fine.
    assert_eq!(
        judged(
            "Name service error for name=example.com type=MX: Malformed or unexpected name server reply"
        ),
        (Reason::NetworkError, false)
    );
    // DNS says the domain does not exist: the status and the words agree.
    assert_eq!(
        judged(
            "Host or domain name not found. Name service error for name=example.com type=A: Host not found"
        ),
        (Reason::HostUnknown, true)
    );
    // Words no phrase knows: the status decides.
    assert_eq!(
        judged("something else went wrong"),
        (Reason::HostUnknown, true)
    );
}
