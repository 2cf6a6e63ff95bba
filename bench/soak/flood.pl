#!/usr/bin/perl
# Unauthenticated connection flood of bench/soak.sh, bounded in count and time, on 127.0.0.1 only:
#   perl flood.pl PORT CONNECTIONS SECONDS
# Opens up to CONNECTIONS TCP connections to the adapter (1 s connect timeout each, at most 200 a second) and holds
# them for SECONDS from its start: even ones idle (nothing sent), odd ones with an unfinished request head without
# Authorization (a slow-loris); meanwhile, once per 0.1 s tick (at most 10 a second, each waiting up to 2 s for its
# answer), a complete POST /mcp without Authorization on a fresh connection, whose status it counts. Then it closes everything and prints one line:
#   FLOOD held=<still open at the end> of <opened> (idle <n>/<n>, half-sent <n>/<n> ...) failed=<connects that failed
#         or timed out> unauth=<requests sent> unauth_401=<answered 401> unauth_other=<answered otherwise (status
#         lines)> unauth_none=<not answered within 2 s>
use strict;
use warnings;
use IO::Socket::INET;
use Time::HiRes qw(time sleep);

my ($port, $count, $seconds) = @ARGV;
die "usage: flood.pl PORT CONNECTIONS SECONDS\n" unless $port && defined $count && $seconds;
my $end = time + $seconds;
my (@held, @half_sent);
my ($failed, $unauth, $u401, $uother, $unone) = (0, 0, 0, 0, 0);
my $body = '{"jsonrpc":"2.0","id":1,"method":"tools/list"}';
my $opened = 0;
my %other_status;

sub unauthenticated {
  $unauth++;
  my $s = IO::Socket::INET->new(PeerAddr => "127.0.0.1:$port", Timeout => 1);
  unless ($s) { $unone++; return; }
  print $s "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
    . "Accept: application/json, text/event-stream\r\nConnection: close\r\nContent-Length: " . length($body)
    . "\r\n\r\n$body";
  my $line;
  eval {
    local $SIG{ALRM} = sub { die "timeout\n" };
    alarm 2;
    $line = <$s>;
    alarm 0;
  };
  alarm 0;
  if (!defined $line) { $unone++; }
  elsif ($line =~ m{^HTTP/1\.[01] 401}) { $u401++; }
  else { $uother++; $line =~ s/\s+$//; $other_status{$line}++; }
  close $s;
}

while (time < $end) {
  my $tick = time;
  # open up to 20 held connections per 0.1 s tick
  for (1 .. 20) {
    last if $opened >= $count;
    $opened++;
    my $s = IO::Socket::INET->new(PeerAddr => "127.0.0.1:$port", Timeout => 1);
    if (!$s) { $failed++; next; }
    my $half = $opened % 2;
    if ($half) {
      print $s "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n";
    }
    push @held, $s;
    push @half_sent, $half;
  }
  unauthenticated();
  my $left = 0.1 - (time - $tick);
  sleep($left) if $left > 0;
}
# a held connection the adapter closed meanwhile reads as end of stream (or an answer): not held any more
my ($alive_idle, $alive_half) = (0, 0);
for my $i (0 .. $#held) {
  my $s = $held[$i];
  $s->blocking(0);
  my $n = sysread($s, my $buf, 1);
  if (!defined $n && $!{EAGAIN}) { $half_sent[$i] ? $alive_half++ : $alive_idle++; }
  close $s;
}
my $half = grep { $_ } @half_sent;
my $idle = scalar(@held) - $half;
my $others = join(',', map { "'$_' x $other_status{$_}" } sort keys %other_status);
print "FLOOD held=" . ($alive_idle + $alive_half) . " of " . scalar(@held) . " (idle $alive_idle/$idle, half-sent $alive_half/$half"
  . " still open at the end) failed=$failed unauth=$unauth unauth_401=$u401 unauth_other=$uother"
  . ($others ? " ($others)" : "") . " unauth_none=$unone\n";
