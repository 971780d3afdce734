#!/usr/bin/env python3
"""Writes the fuzz seed corpora, tests/fuzz/corpus/<target>/, from the inputs the unit tests
already use: the string literals of the test files that exercise each parser, and the
--script files in assets/. Seeds are named by content hash, so re-running adds nothing twice.
Run it after adding tests; commit what it writes (tools/fuzz.sh only reads the corpus)."""
import glob
import hashlib
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

RAW = re.compile(r'R"([^()\\ ]{0,16})\((.*?)\)\1"', re.S)
PLAIN = re.compile(r'(?<![A-Za-z0-9_\'])"((?:[^"\\\n]|\\.)*)"')
ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "0": "\0", '"': '"', "\\": "\\", "'": "'"}


def unescape(text):
    def one(m):
        s = m.group(1)
        if s[0] == "x":
            return chr(int(s[1:], 16))
        return ESCAPES.get(s, s)
    return re.sub(r"\\(x[0-9a-fA-F]{2}|.)", one, text)


def literals(path):
    """Every string literal in a C++ file: raw ones as written, plain ones unescaped."""
    source = open(path, encoding="utf-8").read()
    found = [m.group(2) for m in RAW.finditer(source)]
    source = RAW.sub("", source)
    source = re.sub(r"//[^\n]*", "", source)  # no literals from comments
    found += [unescape(m.group(1)) for m in PLAIN.finditer(source)]
    return [s for s in found if s.strip()]


def json_like(items):
    return [s for s in items if s.lstrip()[:1] in ("{", "[")]


def from_tests(pattern, keep=lambda items: items):
    out = []
    for path in sorted(glob.glob(os.path.join(ROOT, pattern))):
        out += keep(literals(path))
    return out


def main():
    rest_bodies = from_tests("tests/api/codec_*_test.cpp", json_like)
    scripts = [open(p, encoding="utf-8").read() for p in sorted(glob.glob(os.path.join(ROOT, "assets/**/*.script"), recursive=True))]
    targets = {
        "notifications": from_tests("tests/api/events_test.cpp", json_like),
        # The REST codecs share the JSON reader and often the same shapes (users inside
        # conversations, entity listings): every REST body of the api tests seeds each of them.
        "codec-users": rest_bodies,
        "codec-conversation": rest_bodies,
        "codec-coaching": rest_bodies,
        "codec-analytics": rest_bodies,
        "codec-notifications": rest_bodies,
        "codec-transcript": rest_bodies,
        "errors": from_tests("tests/api/errors_test.cpp"),
        "redact": from_tests("tests/model/redact_test.cpp"),
        "traffic-redact": from_tests("tests/net/traffic_log_test.cpp"),
        "url": from_tests("tests/net/url_test.cpp"),
        "script": from_tests("tests/app/script_test.cpp") + scripts,
    }
    for target, seeds in targets.items():
        folder = os.path.join(ROOT, "tests/fuzz/corpus", target)
        os.makedirs(folder, exist_ok=True)
        for seed in seeds:
            data = seed.encode("utf-8", "surrogateescape")
            name = hashlib.sha1(data).hexdigest()[:16]
            with open(os.path.join(folder, name), "wb") as f:
                f.write(data)
        print(f"{target}: {len(set(seeds))} seeds", file=sys.stderr)


if __name__ == "__main__":
    main()
