#!/usr/bin/env python3
"""Writes tests/tools/redact_corpus.txt, the labelled corpus behind the masking figures.

Each conversation is a few SPEAKER<TAB>TEXT lines, the way a contact-centre call reads in
a transcription event: spoken form ("four one one one"), written form ("4111 1111"),
numbers split over two utterances of one speaker, and the everyday numbers that must stay
readable (times, amounts, order and ticket numbers, "one moment", "line three"). Personal
data is wrapped in {{ }}; every piece of a split number is wrapped in the line it is in.
Conversations are separated by a blank line. Seeded: the same file on every run.

    python3 tools/redact-corpus.py > tests/tools/redact_corpus.txt
"""
import random

rng = random.Random(20261124)
WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
FIRST = ["jo", "jane", "sam", "alex", "maria", "li", "omar", "priya", "tom", "eva"]
LAST = ["smith", "doe", "garcia", "nguyen", "okafor", "kowalski", "brown", "silva"]
DOMAINS = [("example", "com"), ("mail-example", "com"), ("example", "co", "uk"), ("gmail", "com"),
           ("outlook", "com"), ("company", "org")]


def luhn_card(prefix, length):
    digits = prefix + "".join(str(rng.randrange(10)) for _ in range(length - len(prefix) - 1))
    total = 0
    for i, d in enumerate(reversed(digits)):
        v = int(d)
        if i % 2 == 0:
            v *= 2
            v -= 9 if v > 9 else 0
        total += v
    return digits + str((10 - total % 10) % 10)


def card():
    kind = rng.choice([("4", 16), ("51", 16), ("55", 16), ("37", 15), ("6011", 16)])
    return luhn_card(*kind)


def spoken(digits, style=None):
    """Digits as a speech engine writes them: word by word, sometimes 'oh', 'double', pauses."""
    style = style or rng.choice(["plain", "plain", "groups", "double", "oh"])
    out, i = [], 0
    while i < len(digits):
        d = digits[i]
        if style == "double" and i + 1 < len(digits) and digits[i + 1] == d and rng.random() < 0.7:
            out.append("double " + WORDS[int(d)])
            i += 2
            continue
        word = "oh" if style == "oh" and d == "0" and 0 < i else WORDS[int(d)]
        if style == "groups" and i > 0 and i % 4 == 0:
            out[-1] += ","
        out.append(word)
        i += 1
    return " ".join(out)


def grouped(digits):
    return " ".join(digits[i:i + 4] for i in range(0, len(digits), 4))


def phone():
    area = str(rng.randrange(2, 10)) + "".join(str(rng.randrange(10)) for _ in range(2))
    exchange = str(rng.randrange(2, 10)) + "".join(str(rng.randrange(10)) for _ in range(2))
    return area + exchange + "".join(str(rng.randrange(10)) for _ in range(4))


def ssn():
    return f"{rng.randrange(100, 665):03d}{rng.randrange(10, 99):02d}{rng.randrange(1000, 9999):04d}"


def iban_de():
    bban = "".join(str(rng.randrange(10)) for _ in range(18))
    rem = int(bban + "131400") % 97
    return f"DE{98 - rem:02d}{bban}"


def email_spoken():
    first, last = rng.choice(FIRST), rng.choice(LAST)
    local = rng.choice([f"{first} {last}", f"{first} dot {last}", " ".join(first + last[:1]), f"{first} {last} seven"])
    return local + " at " + " dot ".join(rng.choice(DOMAINS))


def email_written():
    first, last = rng.choice(FIRST), rng.choice(LAST)
    return f"{first}.{last}@" + ".".join(rng.choice(DOMAINS))


def m(text):
    return "{{" + text + "}}"


def amount():
    return f"${rng.randrange(5, 900)}.{rng.randrange(100):02d}"


def clock():
    return f"{rng.randrange(8, 18)}:{rng.choice(['00', '15', '30', '45'])}"


def order():
    return rng.choice([f"ORD-{rng.randrange(10**6):06d}", f"INC{rng.randrange(10**7):07d}",
                       f"order {rng.randrange(10**5, 10**7)}", f"ticket {rng.randrange(10**5, 10**8)}"])


CLEAN_AGENT = [
    lambda: "Thank you for calling, how can I help you today?",
    lambda: "One moment please while I pull that up.",
    lambda: "I have two options for you.",
    lambda: "You're on line three, is that right?",
    lambda: f"I can see a charge of {amount()} from yesterday.",
    lambda: f"The refund of {amount()} should arrive by {clock()} tomorrow.",
    lambda: f"Your {order()} shipped this morning.",
    lambda: "Let me transfer you to billing, it will take two minutes.",
    lambda: "Can I have the phone number on the account?",
    lambda: "And the e-mail address we have on file?",
    lambda: "Could you read me the card number please?",
    lambda: f"I'll call you back at {rng.choice(['ten thirty', 'two fifteen', 'four oclock', clock()])}.",
    lambda: "Press one for billing or two for support.",
    lambda: f"Your order number is {spoken(''.join(str(rng.randrange(10)) for _ in range(8)), 'plain')}.",
    lambda: f"The case number is {spoken(''.join(str(rng.randrange(10)) for _ in range(7)), 'plain')}.",
    lambda: "We're open twenty four seven.",
    lambda: f"That's {rng.choice(['two hundred and fifty', 'forty nine ninety nine', 'one thousand two hundred'])} dollars.",
    lambda: "It was on the twenty fourth of November twenty twenty six.",
    lambda: f"The meeting is on 2026-11-{rng.randrange(1, 30):02d} at {clock()}.",
    lambda: "Thanks, that's all verified.",
    lambda: "Is there anything else I can help with?",
    lambda: f"I see {rng.randrange(2, 9)} items on that order.",
]
CLEAN_CUSTOMER = [
    lambda: "Hi, I was charged twice.",
    lambda: "Sure, one sec.",
    lambda: "Oh, okay, just a moment.",
    lambda: "I'm at the office right now.",
    lambda: "Yes, the last four digits are one one one one.",
    lambda: f"It was about {order()}.",
    lambda: f"I paid {amount()} on the twenty third.",
    lambda: "Can you call me back in ten minutes?",
    lambda: "I'd prefer the second option.",
    lambda: "We're at home dot dot dot never mind.",
    lambda: f"My flight is at {clock()} so I need it quickly.",
    lambda: "Great, thanks for your help.",
    lambda: f"The ticket number was {spoken(''.join(str(rng.randrange(10)) for _ in range(6)), 'plain')}.",
    lambda: "I have three cards with you, it's the blue one.",
]


def pii_customer():
    kind = rng.randrange(15)
    if kind == 0:
        return [f"Sure, the card is {m(spoken(card()))}."]
    if kind == 1:
        return [f"It's {m(grouped(card()))}, expiry twelve twenty seven."]
    if kind == 2:  # a card split over two utterances, spoken
        c = card()
        cut = rng.choice([4, 6, 8, 10])
        return [f"The card number is {m(spoken(c[:cut], 'plain'))}", f"{m(spoken(c[cut:], 'plain'))}."]
    if kind == 3:  # split, written
        c = card()
        return [f"It's {m(grouped(c)[:9])}", f"{m(grouped(c)[10:])}"]
    if kind == 4:
        return [f"{rng.choice(['My number is', 'You can reach me on', 'Call me back on', 'My mobile is'])} {m(spoken(phone()))}."]
    if kind == 5:
        p = phone()
        return [rng.choice([f"Call me on {m(p)}.", f"Sure, it's {m('(' + p[:3] + ') ' + p[3:6] + '-' + p[6:])}.",
                            f"It's {m('+1 ' + p[:3] + ' ' + p[3:6] + ' ' + p[6:])}."])]
    if kind == 6:  # phone split
        p = phone()
        return [f"My number is {m(spoken(p[:6], 'plain'))}", f"{m(spoken(p[6:], 'plain'))}."]
    if kind == 7:
        return [f"My email is {m(email_spoken())}."]
    if kind == 8:
        return [f"It should be {m(email_written())}."]
    if kind == 9:
        s = ssn()
        return [rng.choice([f"My social is {m(spoken(s, 'plain'))}.",
                            f"My social security number is {m(s[:3] + '-' + s[3:5] + '-' + s[5:])}."])]
    if kind == 10:
        i = iban_de()
        return [f"My IBAN is {m(grouped(i))}."]
    if kind == 11:
        i = iban_de()
        return [f"My IBAN is {m('D E ' + spoken(i[2:], 'plain'))}."]
    if kind == 12:  # numbers beside the data that must stay
        return [f"For {order()} of {amount()}, use card {m(grouped(card()))} please."]
    if kind == 13:
        return [f"Call me on {m(spoken(phone(), 'plain'))} after {clock()}."]
    return [f"Email {m(email_spoken())} or call me on {m(phone())}."]


def conversation():
    lines = [("INTERNAL", CLEAN_AGENT[0]())]
    for _ in range(rng.randrange(3, 6)):
        lines.append(("INTERNAL", rng.choice(CLEAN_AGENT)()))
        if rng.random() < 0.55:
            lines += [("EXTERNAL", text) for text in pii_customer()]
        else:
            lines.append(("EXTERNAL", rng.choice(CLEAN_CUSTOMER)()))
    return lines


def main():
    print("# Labelled masking corpus (tools/redact-corpus.py): SPEAKER<TAB>TEXT, personal data in {{ }}.")
    count = 0
    while count < 600:
        print()
        for speaker, text in conversation():
            print(f"{speaker}\t{text}")
            count += 1


main()
