#!/usr/bin/perl
# oracle.pl - classify SMTP reply texts with Debian's Sisimai 4.25 (libsisimai-perl)
#
# stdin : one JSON object per line
#         {"reply": "550 5.1.1 ...", "rcpt": "bob@example.com",
#          "rhost": "mx.example.com" (optional), "command": "RCPT" (optional),
#          "action": "failed"|"delayed" (optional, see --delayed)}
# stdout: one JSON object per line
#         {"reply": ..., "reason": "<sisimai reason>", "via": "<route>", ...extra keys}
#         extra keys of the make route: status (Sisimai's deliverystatus), dsn_status (the
#         Status: we wrote), action, smtpcommand (as Sisimai kept it), softbounce (1 soft,
#         0 hard, -1 n/a), rhost, rhost_module/rhost_reason (when a Sisimai::Rhost::* table
#         applies to the remote host or recipient domain, and what it said), match (the
#         match route's answer, with --route=both); "id" is copied from the input.
#
# Routes (--route):
#   make  (default) wrap the reply into a Postfix-style RFC 3464 bounce
#         (multipart/report; report-type=delivery-status) and run Sisimai->make on it,
#         exactly as a bounce processor would; falls back to "match" if make returns
#         nothing (then via = "match(fallback)").
#   match Sisimai::Reason->match($reply) only (text regexes in a fixed order, then
#         the enhanced code via Sisimai::SMTP::Status->name).
#   both  run make, and also add "match" (the match route's answer) to each output line.
#         This is the default.
# Other options:
#   --format=postfix|rfc3464  the bounce's shape: Postfix bounce(8) (Subject "Undelivered
#                             Mail Returned to Sender", parsed by Sisimai::Lhost::Postfix),
#                             or a generic RFC 3464 DSN (parsed by Sisimai::RFC3464).
#   --delayed                 for 4xx replies write a delay notice (Action: delayed,
#                             Subject "Delayed Mail (still being retried)") instead of the
#                             bounce Postfix sends when the queue lifetime runs out
#                             (Action: failed, Status 4.x.x). Per line: "action".
#   --default-command=CMD     command to assume when a line has none (default: none, so the
#                             bounce has no "(in reply to ... command)" clause).
#   --tmpfile                 write each bounce to a temp file and give make() the path
#                             (same parser as the default in-memory scalar ref).
#   --dump-dsn=DIR            also save every generated bounce as DIR/NNNN.eml.
#   --matches                 add "matching": every Sisimai::Reason::* module whose
#                             match() accepts the text (for explaining disagreements).
# Only Debian-packaged pure Perl: Sisimai (libsisimai-perl), JSON::PP (core).
use strict;
use warnings;
use JSON::PP;
use File::Temp qw(tempfile);
use Getopt::Long;
use Sisimai;
use Sisimai::Reason;
use Sisimai::SMTP::Status;
use Sisimai::Rhost;

my $route = 'both';
my $format = 'postfix';
my $delayed = 0;
my $defcmd = '';
my $tmpfile = 0;
my $dumpdir = '';
my $matches = 0;
GetOptions(
    'route=s' => \$route, 'format=s' => \$format, 'delayed' => \$delayed,
    'default-command=s' => \$defcmd, 'tmpfile' => \$tmpfile, 'dump-dsn=s' => \$dumpdir,
    'matches' => \$matches,
) or die "usage: $0 [--route=make|match|both] [--format=postfix|rfc3464] [--delayed]"
       . " [--default-command=RCPT] [--tmpfile] [--dump-dsn=DIR] [--matches]\n";
die "bad --route\n"  unless $route  =~ /\A(?:make|match|both)\z/;
die "bad --format\n" unless $format =~ /\A(?:postfix|rfc3464)\z/;

my $json = JSON::PP->new->canonical->utf8;
my @reasonmods = map { 'Sisimai::Reason::' . $_ }
    (@{ Sisimai::Reason->index }, qw(Delivered Feedback Undefined Vacation));
for my $m (@reasonmods) { (my $f = $m) =~ s|::|/|g; require "$f.pm"; }

# How Postfix's smtp(8) names the command a reply answered
# ("... said: <reply> (in reply to %s command)"), see postfix/src/smtp/smtp_proto.c.
my %POSTFIX_CMD = (
    'EHLO' => 'EHLO', 'HELO' => 'HELO', 'MAIL' => 'MAIL FROM', 'MAIL FROM' => 'MAIL FROM',
    'RCPT' => 'RCPT TO', 'RCPT TO' => 'RCPT TO', 'DATA' => 'DATA',
    'END-OF-DATA' => 'end of DATA', 'END OF DATA' => 'end of DATA', 'EOD' => 'end of DATA',
    '.' => 'end of DATA', 'END-OF-MESSAGE' => 'end of DATA', 'STARTTLS' => 'STARTTLS',
    'AUTH' => 'AUTH', 'BDAT' => 'BDAT',
);

my $n = 0;
binmode STDIN;
while (my $line = <STDIN>) {
    next unless $line =~ /\S/;
    $n++;
    my $in = eval { $json->decode($line) };
    if (!$in || ref $in ne 'HASH' || !defined $in->{reply}) {
        print $json->encode({ line => $n, error => 'not a JSON object with "reply"' }), "\n";
        next;
    }
    my $reply = $in->{reply};
    $reply =~ s/\s*[\r\n]+\s*/ /g;    # a multi-line reply, joined the way Postfix logs it
    my $out = { reply => $in->{reply} };
    $out->{id} = $in->{id} if defined $in->{id};

    my $m = Sisimai::Reason->match($reply);    # lower-cases itself (Sisimai->match does too)
    if ($route ne 'match') {
        my $r = make_route($in, $reply, $n);
        if ($r) {
            %$out = (%$out, %$r);
        } else {
            $out->{reason} = $m;
            $out->{via} = 'match(fallback)';
        }
        $out->{match} = $m if $route eq 'both';
    } else {
        $out->{reason} = $m;
        $out->{via} = 'match';
    }
    if ($matches) {
        my $lc = lc $reply;
        $out->{matching} = [ map { $_->text } grep { $_->match($lc) } @reasonmods ];
    }
    print $json->encode($out), "\n";
}

sub split_reply {
    # -> (basic code, enhanced code or '') as Postfix would record them
    my $r = shift;
    my ($code, $rest) = $r =~ /\A\s*([2-5]\d\d)(?:[ -]+(.*))?\z/s or return ('', '');
    my $enh = '';
    # Postfix (smtp_chat.c) takes the enhanced code right after the basic code, and only
    # when its class digit equals the reply's; otherwise it records X.0.0.
    if (defined $rest && $rest =~ /\A([245])\.(\d{1,3})\.(\d{1,3})\b/ && $1 eq substr($code, 0, 1)) {
        $enh = "$1.$2.$3";
    }
    return ($code, $enh);
}

sub make_route {
    my ($in, $reply, $n) = @_;
    my $rcpt = $in->{rcpt} || 'bob@example.com';
    my $rhost = $in->{rhost} // '';
    my $cmd = uc($in->{command} // $defcmd);
    my ($code, $enh) = split_reply($reply);
    my $class = $code ? substr($code, 0, 1) : '5';
    my $status = $enh || "$class.0.0";
    my $action = $in->{action}
        // ($class eq '2' ? 'delivered' : ($delayed && $class eq '4') ? 'delayed' : 'failed');
    my $mail = build_dsn($rcpt, $rhost, $cmd, $reply, $status, $action);
    if ($dumpdir) {
        mkdir $dumpdir unless -d $dumpdir;
        open my $fh, '>', sprintf('%s/%04d.eml', $dumpdir, $n) or die "$dumpdir: $!";
        print $fh $mail; close $fh;
    }
    my $list;
    if ($tmpfile) {
        my ($fh, $path) = tempfile('sisimai-XXXXXX', TMPDIR => 1, UNLINK => 1);
        print $fh $mail; close $fh;
        $list = Sisimai->make($path, delivered => 1);
        unlink $path;
    } else {
        $list = Sisimai->make(\$mail, delivered => 1);
    }
    return undef unless $list && @$list;
    my $d = $list->[0];
    return {
        %{ rhost_decision($d) },
        reason      => $d->reason,
        via         => 'make:' . ($d->smtpagent || '?'),
        status      => $d->deliverystatus,
        action      => $d->action,
        smtpcommand => $d->smtpcommand,
        softbounce  => 0 + $d->softbounce,    # 1 soft, 0 hard, -1 n/a
        rhost       => $d->rhost,
        dsn_status  => $status,
    };
}

sub rhost_decision {
    # Did a Sisimai::Rhost::* module (provider table keyed on the remote host or the
    # recipient's domain) decide the reason? Data->make asks it before Reason->get.
    my $d = shift;
    for my $h ($d->rhost, $d->destination) {
        next unless $h && Sisimai::Rhost->match($h);
        my ($mod) = grep { lc($h) =~ $_ } keys %{ Sisimai::Rhost::RhostClass() };
        my $c = bless { %$d, reason => '' }, ref $d;
        my $r = Sisimai::Rhost->get($c, $h eq $d->rhost ? undef : $h) // '';
        return { rhost_module => Sisimai::Rhost::RhostClass()->{$mod}, rhost_reason => $r };
    }
    return {};
}

sub build_dsn {
    my ($rcpt, $rhost, $cmd, $reply, $status, $action) = @_;
    my $me = 'mail.example.org';
    my $from = 'alice@example.org';
    my $date = 'Tue, 07 Jan 2025 10:00:00 +0000 (UTC)';
    my $odate = 'Tue, 07 Jan 2025 09:59:58 +0000';
    my $b = '3F1B21E0C5.1736244000/' . $me;
    my $hostdesc = $rhost ? "$rhost\[192.0.2.25]" : '192.0.2.25[192.0.2.25]';
    my $pcmd = $POSTFIX_CMD{$cmd} // ($cmd ne '' ? $cmd : '');
    my $human;
    if ($cmd eq 'GREETING' || $cmd eq 'CONNECT' || $cmd eq 'BANNER') {
        $human = "<$rcpt>: host $hostdesc refused to talk to me: $reply";
    } elsif ($pcmd ne '') {
        $human = "<$rcpt>: host $hostdesc said: $reply (in reply to $pcmd command)";
    } else {
        $human = "<$rcpt>: host $hostdesc said: $reply";
    }
    my $isdelay = $action eq 'delayed';
    my $subject = $format eq 'postfix'
        ? ($isdelay ? 'Delayed Mail (still being retried)' : 'Undelivered Mail Returned to Sender')
        : ($isdelay ? 'Delivery Status Notification (Delay)' : 'Delivery Status Notification (Failure)');
    my $intro = $isdelay
        ? "This is the mail system at host $me.\n\n####################################################################\n"
        . "# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #\n"
        . "####################################################################\n\n"
        . "Your message could not be delivered for 0.0 hour(s).\nIt will be retried until it is 5.0 day(s) old.\n"
        : "This is the mail system at host $me.\n\nI'm sorry to have to inform you that your message could not\n"
        . "be delivered to one or more recipients. It's attached below.\n";
    $intro = $isdelay
        ? "This report relates to your message: delivery has been delayed.\n"
        : "Your message could not be delivered to one or more recipients.\n"
        if $format eq 'rfc3464';
    my $remote = $rhost ? "Remote-MTA: dns; $rhost\n" : '';
    my $mailsys = $format eq 'postfix' ? "                   The mail system\n\n$human\n" : "$human\n";
    my $hdrfrom = $format eq 'postfix'
        ? "MAILER-DAEMON\@$me (Mail Delivery System)"
        : "Mail Delivery Subsystem <MAILER-DAEMON\@$me>";
    my $xpf = $format eq 'postfix' ? "X-Postfix-Queue-ID: 3F1B21E0C5\nX-Postfix-Sender: rfc822; $from\n" : '';
    return <<"EOM";
From MAILER-DAEMON  Tue Jan  7 10:00:00 2025
Return-Path: <>
Received: by $me (Postfix)
	id 3F1B21E0C5; $date
Date: $date
From: $hdrfrom
Subject: $subject
To: $from
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
	boundary="$b"
Content-Transfer-Encoding: 8bit
Message-Id: <20250107100000.3F1B21E0C5\@$me>

This is a MIME-encapsulated message.

--$b
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

$intro
$mailsys
--$b
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; $me
${xpf}Arrival-Date: $odate

Final-Recipient: rfc822; $rcpt
Original-Recipient: rfc822;$rcpt
Action: $action
Status: $status
${remote}Diagnostic-Code: smtp; $reply

--$b
Content-Description: Undelivered Message Headers
Content-Type: text/rfc822-headers

Return-Path: <$from>
Received: from client.example.org (client.example.org [198.51.100.7])
	by $me (Postfix) with ESMTPSA id 3F1B21E0C5
	for <$rcpt>; $odate
Date: $odate
From: Alice <$from>
To: <$rcpt>
Subject: test message
Message-Id: <test.3F1B21E0C5\@example.org>

--$b--
EOM
}
