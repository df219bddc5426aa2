#!/usr/bin/env python3
"""Check smtp-codes/rules.toml (or the file given) the way the rules' matcher will read it.

Usage: scripts/check_rules.py [RULES.toml] [--codes CODES.toml]

It checks each [[provider]] and [[rule]] against the schema in the file's header (fields, types,
unique ids, known reasons, providers and stages, the enhanced code's class against the basic
code or class), then the order of the rules:

- every rule's own example, matched against all rules in file order, is first matched by that
  rule itself (the basic code is the example's first three digits, the enhanced code the one that
  starts the text, as `Reply::enhanced` reads it; `stage` is ignored; an example is given the
  rule's first `host` when the rule has one, and no host otherwise);
- no rule is always shadowed by an earlier one: A shadows B when every condition of A is implied
  by B's (code or class, enhanced code or pattern, each text of A inside some text of B, the same
  stage or none, A's hosts covering all of B's or A without hosts).

Every problem is printed as `FILE:LINE: rule ID: message`; the exit status is 1 if there is any.
Python 3.11+ standard library only, no network: the test suite runs it.
"""

import os
import re
import sys
import tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DEFAULT_RULES = os.path.join(ROOT, "smtp-codes", "rules.toml")
DEFAULT_CODES = os.path.join(ROOT, "smtp-codes", "codes.toml")

# Issue 13's vocabulary (Sisimai's). When codes.toml gains a [[reason]] table, its tokens are used.
REASONS = """
userunknown hostunknown mailboxfull suspend hasmoved notaccept norelaying blocked badreputation
requireptr authfailure spamdetected virusdetected policyviolation filtered contenterror
notcompliantrfc rejected mesgtoobig exceedlimit speeding toomanyconn securityerror failedstarttls
syntaxerror systemerror systemfull networkerror expired mailererror suppressed feedback vacation
delivered onhold undefined
""".split()

PROVIDER_KEYS = {"id": str, "name": str, "hosts": list, "link": str}
RULE_KEYS = {
    "id": str, "provider": str, "reason": str, "code": int, "class": int, "enhanced": str,
    "text": list, "stage": str, "host": list, "note": str, "remediation": str, "link": str,
    "example": str, "source": str,
}
PROVIDER_REQUIRED = ("id", "name", "hosts", "link")
RULE_REQUIRED = ("id", "reason", "example", "source")

ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
NUM = r"(0|[1-9][0-9]{0,2})"
ENHANCED_RE = re.compile(rf"^([245])\.(?:{NUM}\.{NUM}|{NUM}\.\*|\*\.\*)$")
DOMAIN_RE = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$")
SOURCE_RE = re.compile(r"^(https?://\S+|repo: [A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+ \S.*)$")


def printable(s):
    return all(0x20 <= ord(c) != 0x7F for c in s)


# --- reading an example the way the library reads a reply ----------------------------------------

def read_enhanced_prefix(text):
    """The enhanced code that starts `text`, as EnhancedCode::prefix_of reads it, or None."""
    m = re.match(r"([0-9]+)\.([0-9]+)\.([0-9]+)", text)
    if not m:
        return None
    parts = m.groups()
    for p in parts:
        if len(p) > 3 or (len(p) > 1 and p[0] == "0"):
            return None
    if parts[0] not in ("2", "4", "5"):
        return None
    rest = text[m.end():]
    if rest:
        c = rest[0]
        if c.isascii() and (c.isalnum() or c == "."):
            return None
        if not c.isascii():
            return None
    return tuple(int(p) for p in parts)


def parse_example(example):
    """(code or None, enhanced tuple or None, text) of one example line."""
    m = re.match(r"([0-9]{3})(?:([ -])(.*))?$", example)
    if m and 200 <= int(m.group(1)) <= 599:
        code = int(m.group(1))
        text = m.group(3) or ""
        return code, read_enhanced_prefix(text), text
    return None, None, example


def host_covers(suffix, host):
    """Does `host` end with the domain `suffix` at a label boundary?"""
    return host == suffix or host.endswith("." + suffix)


def enhanced_matches(pattern, enhanced):
    if enhanced is None:
        return False
    parts = pattern.split(".")
    return all(p == "*" or int(p) == v for p, v in zip(parts, enhanced))


def matches(rule, code, enhanced, example, host):
    if "code" in rule and code != rule["code"]:
        return False
    if "class" in rule and (code is None or code // 100 != rule["class"]):
        return False
    if "enhanced" in rule and not enhanced_matches(rule["enhanced"], enhanced):
        return False
    low = example.lower()
    if any(t.lower() not in low for t in rule.get("text", [])):
        return False
    if "host" in rule and (host is None or not any(host_covers(h, host) for h in rule["host"])):
        return False
    return True


# --- shadowing -----------------------------------------------------------------------------------

def enhanced_covers(a, b):
    """Does every code matching pattern `b` match pattern `a`?"""
    pa, pb = a.split("."), b.split(".")
    for x, y in zip(pa, pb):
        if x == "*":
            continue
        if y == "*" or x != y:
            return False
    return True


def shadows(a, b):
    """True when rule `a` matches every reply that rule `b` matches."""
    if "code" in a and b.get("code") != a["code"]:
        return False
    if "class" in a:
        b_class = b.get("class", b["code"] // 100 if "code" in b else None)
        if b_class != a["class"]:
            return False
    if "enhanced" in a and ("enhanced" not in b or not enhanced_covers(a["enhanced"], b["enhanced"])):
        return False
    b_texts = [t.lower() for t in b.get("text", [])]
    for t in a.get("text", []):
        if not any(t.lower() in bt for bt in b_texts):
            return False
    if "stage" in a and a["stage"] != b.get("stage"):
        return False
    if "host" in a:
        if "host" not in b:
            return False
        if not all(any(host_covers(ah, bh) for ah in a["host"]) for bh in b["host"]):
            return False
    return True


# --- the checks ----------------------------------------------------------------------------------

class Report:
    def __init__(self, path):
        self.path = path
        self.problems = []

    def add(self, line, who, message):
        self.problems.append(f"{self.path}:{line}: {who}: {message}")


def header_lines(raw, table):
    """Line numbers of each `[[table]]` header, in order."""
    pat = re.compile(rf"^\s*\[\[{table}\]\]\s*(#.*)?$")
    return [n for n, line in enumerate(raw.splitlines(), 1) if pat.match(line)]


def load_codes(path):
    with open(path, "rb") as f:
        codes = tomllib.load(f)
    verbs = {c["verb"] for c in codes.get("command", [])}
    subjects = {s["subject"] for s in codes.get("enhanced_subject", [])}
    reasons = [r.get("token", r.get("name")) for r in codes.get("reason", [])] or REASONS
    return verbs, subjects, set(reasons)


def check_fields(rep, where, line, row, keys, required):
    ok = True
    for k in row:
        if k not in keys:
            rep.add(line, where, f"unknown field `{k}`")
            ok = False
    for k in required:
        if k not in row:
            rep.add(line, where, f"missing required field `{k}`")
            ok = False
    for k, t in keys.items():
        if k in row and (not isinstance(row[k], t) or isinstance(row[k], bool)):
            rep.add(line, where, f"`{k}` must be a {t.__name__}")
            ok = False
    return ok


def check_string(rep, line, who, key, value):
    if not value.strip():
        rep.add(line, who, f"`{key}` is empty")
    elif not printable(value):
        rep.add(line, who, f"`{key}` holds a control character")
    elif value != value.strip():
        rep.add(line, who, f"`{key}` has leading or trailing spaces")


def check_hosts(rep, line, who, key, hosts, allow_empty):
    if not hosts and not allow_empty:
        rep.add(line, who, f"`{key}` is empty; leave it out instead")
    for h in hosts:
        if not isinstance(h, str) or not DOMAIN_RE.match(h):
            rep.add(line, who, f"`{key}` entry {h!r} is not a lower-case domain name")
    if len(set(hosts)) != len(hosts):
        rep.add(line, who, f"`{key}` lists a domain twice")


def check(rules_path, codes_path):
    rep = Report(os.path.relpath(rules_path))
    with open(rules_path, "rb") as f:
        raw = f.read()
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        rep.add(0, "file", f"cannot parse: {e}")
        return rep
    verbs, subjects, reasons = load_codes(codes_path)
    text = raw.decode("utf-8")
    for k in data:
        if k not in ("provider", "rule"):
            rep.add(1, "file", f"unknown table `{k}`")

    providers = data.get("provider", [])
    rules = data.get("rule", [])
    plines = header_lines(text, "provider")
    rlines = header_lines(text, "rule")

    provider_ids = {}
    for i, p in enumerate(providers):
        line = plines[i] if i < len(plines) else 0
        who = f"provider {p.get('id', '#' + str(i + 1))}"
        if not check_fields(rep, who, line, p, PROVIDER_KEYS, PROVIDER_REQUIRED):
            continue
        if not ID_RE.match(p["id"]):
            rep.add(line, who, "id must be lower-case a-z, 0-9 and '-'")
        if p["id"] in provider_ids:
            rep.add(line, who, f"duplicate provider id (first at line {provider_ids[p['id']]})")
        provider_ids.setdefault(p["id"], line)
        check_string(rep, line, who, "name", p["name"])
        check_hosts(rep, line, who, "hosts", p["hosts"], allow_empty=True)
        if not p["link"].startswith("https://"):
            rep.add(line, who, "link must be an https URL")

    rule_ids = {}
    valid = []  # (line, rule) of rules whose fields are sound enough to match
    for i, r in enumerate(rules):
        line = rlines[i] if i < len(rlines) else 0
        who = f"rule {r.get('id', '#' + str(i + 1))}"
        if not check_fields(rep, who, line, r, RULE_KEYS, RULE_REQUIRED):
            continue
        sound = True
        rid = r["id"]
        if not ID_RE.match(rid):
            rep.add(line, who, "id must be lower-case a-z, 0-9 and '-'")
        prefix = r.get("provider", "generic")
        if not rid.startswith(prefix + "-"):
            rep.add(line, who, f"id must start with `{prefix}-` (its provider, or `generic`)")
        if rid in rule_ids:
            rep.add(line, who, f"duplicate rule id (first at line {rule_ids[rid]})")
        rule_ids.setdefault(rid, line)
        if "provider" in r and r["provider"] not in provider_ids:
            rep.add(line, who, f"unknown provider `{r['provider']}`")
        if r["reason"] not in reasons:
            rep.add(line, who, f"unknown reason `{r['reason']}`")
        if "code" in r and "class" in r:
            rep.add(line, who, "give `code` or `class`, not both")
            sound = False
        if "code" in r and not 200 <= r["code"] <= 599:
            rep.add(line, who, f"code {r['code']} is not between 200 and 599")
            sound = False
        if "class" in r and r["class"] not in (2, 4, 5):
            rep.add(line, who, f"class {r['class']} is not 2, 4 or 5")
            sound = False
        if "enhanced" in r:
            m = ENHANCED_RE.match(r["enhanced"])
            if not m:
                rep.add(line, who, f"enhanced {r['enhanced']!r} is not X.Y.Z, X.Y.* or X.*.*")
                sound = False
            else:
                ecls = int(m.group(1))
                basic = r.get("class", r["code"] // 100 if "code" in r else None)
                if basic is not None and basic != ecls:
                    rep.add(line, who, f"enhanced {r['enhanced']} is of class {ecls}, the rule's code of class {basic}")
                subj = r["enhanced"].split(".")[1]
                if subj != "*" and int(subj) not in subjects:
                    rep.add(line, who, f"enhanced {r['enhanced']}: subject {subj} has no [[enhanced_subject]] in codes.toml")
        if "text" in r:
            if not r["text"]:
                rep.add(line, who, "`text` is empty; leave it out instead")
            for t in r["text"]:
                if not isinstance(t, str):
                    rep.add(line, who, "`text` entries must be strings")
                    sound = False
                    continue
                if len(t.encode()) < 4:
                    rep.add(line, who, f"text {t!r} is shorter than 4 bytes")
                if not printable(t):
                    rep.add(line, who, f"text {t!r} holds a control character")
                if t != t.strip():
                    rep.add(line, who, f"text {t!r} has leading or trailing spaces")
            if len({t.lower() for t in r["text"] if isinstance(t, str)}) != len(r["text"]):
                rep.add(line, who, "`text` lists a substring twice")
        if not any(k in r for k in ("code", "class", "enhanced", "text")):
            rep.add(line, who, "needs at least one of code, class, enhanced, text")
            sound = False
        if "stage" in r and r["stage"] not in verbs:
            rep.add(line, who, f"unknown stage `{r['stage']}` (not a verb of codes.toml's [[command]])")
        if "host" in r:
            check_hosts(rep, line, who, "host", r["host"], allow_empty=False)
            if not all(isinstance(h, str) for h in r["host"]):
                sound = False
        for k in ("note", "remediation", "example", "source"):
            if k in r:
                check_string(rep, line, who, k, r[k])
        if "link" in r and not r["link"].startswith("https://"):
            rep.add(line, who, "link must be an https URL")
        if not SOURCE_RE.match(r["source"]):
            rep.add(line, who, "source must be a URL or `repo: owner/name path/to/file`")
        if sound:
            valid.append((line, r))

    # Order: each example is first matched by its own rule.
    for line, r in valid:
        code, enhanced, _ = parse_example(r["example"])
        host = r["host"][0] if r.get("host") else None
        if not matches(r, code, enhanced, r["example"], host):
            rep.add(line, f"rule {r['id']}", "does not match its own example")
            continue
        for _, earlier in valid:
            if earlier is r:
                break
            if matches(earlier, code, enhanced, r["example"], host):
                rep.add(line, f"rule {r['id']}", f"its example is first matched by the earlier rule {earlier['id']}")
                break

    # No rule is always shadowed by an earlier one.
    for j, (line, b) in enumerate(valid):
        for _, a in valid[:j]:
            if shadows(a, b):
                rep.add(line, f"rule {b['id']}", f"can never match: the earlier rule {a['id']} matches everything it does")
                break
    return rep


def main(argv):
    args = list(argv)
    codes = DEFAULT_CODES
    if "--codes" in args:
        i = args.index("--codes")
        codes = args[i + 1]
        del args[i:i + 2]
    rules = args[0] if args else DEFAULT_RULES
    rep = check(rules, codes)
    for p in rep.problems:
        print(p)
    if rep.problems:
        print(f"{len(rep.problems)} problem(s)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
