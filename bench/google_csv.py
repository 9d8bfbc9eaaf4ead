#!/usr/bin/env python3
"""Writes a Google Contacts CSV (the current layout) of N rows to standard output, for
measuring imports at scale: `python3 bench/google_csv.py 200000 > big.csv`, then
`/usr/bin/time -v rapport --board /tmp/b.ron import big.csv`. Deterministic.

Shaped like a real address book: about 1,800 first names and 16,000 family names built
from syllables (and a few with accents or CJK), so about 1% of rows share a name with an
earlier one: half by chance, half someone met again under another address (the same name,
another email: a possible duplicate). 8% have no email; every email is unique."""
import random
import sys

HEADER = ("First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,"
          "Phonetic Last Name,Name Prefix,Name Suffix,Nickname,File As,Organization Name,"
          "Organization Title,Organization Department,Birthday,Notes,Photo,Labels,"
          "E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,"
          "Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value,"
          "Address 1 - Label,Address 1 - Formatted,Address 1 - Street,Address 1 - City,"
          "Address 1 - Postal Code,Address 1 - Country,Website 1 - Label,Website 1 - Value")

FIRST_START = ["A", "Be", "Ca", "Da", "E", "Fe", "Ga", "Ha", "I", "Jo", "Ka", "Le", "Ma",
               "Ni", "O", "Pe", "Ra", "Sa", "Ta", "Va", "Wi", "Ya", "Ze", "Lu", "Mi"]
FIRST_MID = ["", "li", "ri", "na", "e"]
FIRST_END = ["na", "ra", "n", "l", "lia", "to", "ssa", "rik", "mon", "ya", "dre", "co",
             "ine", "el"]
FIRST_ACCENT = ["Zoë", "Jürgen", "Siobhán", "Ömer", "Chloé", "Łukasz", "Søren", "Inés",
                "愛子", "민준", "Nguyễn", "José"]
LAST_A = ["Ber", "Cal", "Dor", "Fen", "Gar", "Hal", "Kes", "Lind", "Mor", "Nor", "Oak",
          "Pen", "Quin", "Ros", "Sel", "Tam", "Ul", "Var", "Wes", "Yor", "Ash", "Brad",
          "Cor", "Dun", "El", "Fair", "Glen", "Hart", "Ing", "Jar", "Kel", "Lan", "Mar",
          "Nes", "Ol", "Pad", "Rad", "Stan", "Thorn", "Wal"]
LAST_B = ["", "a", "e", "i", "o", "en", "er", "is", "an", "el", "in", "ow", "ey", "ri",
          "sa", "to", "ma", "li", "do", "ne"]
LAST_C = ["ton", "son", "ford", "wick", "berg", "man", "ley", "field", "stein", "ez",
          "ini", "sen", "ova", "ski", "ham", "worth", "dale", "croft", "mont", "court"]
LAST_ACCENT = ["Müller", "Weiß", "Pérez", "Çelik", "Ødegård", "Nuñez", "Béranger",
               "田中", "김", "Nakamura", "Dąbrowski", "Ólafsson"]
DOMAINS = ["example.com", "mail.example", "post.example", "inbox.example", "work.example"]
CITIES = ["Springfield", "München", "Lyon", "Osaka", "Porto", "Gdańsk", "Austin"]


def first_name(rnd):
    if rnd.random() < 0.03:
        return rnd.choice(FIRST_ACCENT)
    return rnd.choice(FIRST_START) + rnd.choice(FIRST_MID) + rnd.choice(FIRST_END)


def last_name(rnd):
    if rnd.random() < 0.03:
        return rnd.choice(LAST_ACCENT)
    return rnd.choice(LAST_A) + rnd.choice(LAST_B) + rnd.choice(LAST_C)


def local(s):
    return "".join(c for c in s.lower() if c.isalnum()) or "x"


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200000
    rnd = random.Random(12)
    out = sys.stdout
    out.write(HEADER + "\n")
    people = []
    used = set()

    def unique(email):
        name, domain = email.split("@")
        k = 1
        while email in used:
            k += 1
            email = f"{name}{k}@{domain}"
        used.add(email)
        return email

    for i in range(n):
        if people and rnd.random() < 0.005:
            # Someone already in the book, under another address.
            f, l = rnd.choice(people)
        else:
            f, l = first_name(rnd), last_name(rnd)
            people.append((f, l))
        email = ""
        if rnd.random() >= 0.08:
            email = unique(f"{local(f)}.{local(l)}@{rnd.choice(DOMAINS)}")
        home = unique(f"{local(f)}{local(l)}@home.example") if i % 2 else ""
        street = f"{rnd.randint(1, 999)} {last_name(rnd)} Street"
        city = rnd.choice(CITIES)
        note = "Met at the meetup; follows up slowly." if i % 3 == 0 else ""
        row = [f, "", l, "", "", "", "", "", "", "", f"{last_name(rnd)} & Co",
               rnd.choice(["Founder", "CTO", "Head of Sales", ""]), "", "", note, "",
               "* myContacts ::: Clients" if i % 4 == 0 else "* myContacts",
               "Work", email, "Home", home,
               "Mobile", f"+1 555 {i % 10000:04d} {i // 10000:03d}", "", "",
               "Work", f"\"{street}\n{city}\"", street, city, f"{rnd.randint(10000, 99999)}",
               "US", "Profile", f"https://x.com/user{i}" if i % 5 == 0 else ""]
        out.write(",".join(row) + "\n")


main()
