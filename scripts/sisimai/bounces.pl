#!/usr/bin/perl
# bounces.pl - what Debian's Sisimai 4.25 (libsisimai-perl) reads from bounce messages
#
# argv  : message files (one message each, as tests/corpus/bounces/ holds them)
# stdout: one JSON object per recipient Sisimai found, in the order of the files:
#         {"file": <the argument>, "recipient", "deliverystatus", "replycode", "reason",
#          "softbounce" (1 soft, 0 hard, -1 not a bounce), "action", "diagnosticcode",
#          "smtpagent"}
#         and {"file": ..., "recipient": null} for a file Sisimai found nothing in.
# Only Debian-packaged pure Perl: Sisimai, JSON::PP (core).
use strict;
use warnings;
use JSON::PP;
use Sisimai;

my $json = JSON::PP->new->canonical;
for my $file (@ARGV) {
    my $found = Sisimai->make($file, 'delivered' => 1, 'vacation' => 1) || [];
    if (!@$found) {
        print $json->encode({ file => $file, recipient => undef }), "\n";
        next;
    }
    for my $each (@$found) {
        my $d = $each->damn;
        my %out = (file => $file);
        $out{$_} = $d->{$_} for qw(recipient deliverystatus replycode reason softbounce action
                                   diagnosticcode smtpagent);
        print $json->encode(\%out), "\n";
    }
}
