#!/usr/bin/env python3
"""Writes a Google Contacts CSV (the current layout) of N rows to standard output, for
measuring imports at scale: `python3 bench/google_csv.py 200000 > big.csv`, then
`/usr/bin/time -v rapport --board /tmp/b.ron import big.csv`. Deterministic."""
import random
import sys

HEADER = ("First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,"
          "Phonetic Last Name,Name Prefix,Name Suffix,Nickname,File As,Organization Name,"
          "Organization Title,Organization Department,Birthday,Notes,Photo,Labels,"
          "E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,"
          "Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value,"
          "Address 1 - Label,Address 1 - Formatted,Address 1 - Street,Address 1 - City,"
          "Address 1 - Postal Code,Address 1 - Country,Website 1 - Label,Website 1 - Value")

FIRST = ["Ann", "Bob", "Cy", "Di", "Ed", "Flo", "Gus", "Hana", "Ivo", "Jun", "Kai", "Lea",
         "Zoë", "Jürgen", "Siobhán", "Ömer", "愛子", "민준"]
LAST = ["Lee", "Ray", "Dee", "Fox", "Gray", "Hill", "Ng", "Okada", "Pérez", "Weiß",
        "Müller", "Çelik", "田中", "김"]


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200000
    rnd = random.Random(12)
    out = sys.stdout
    out.write(HEADER + "\n")
    for i in range(n):
        f, l = rnd.choice(FIRST), rnd.choice(LAST)
        street = f"{rnd.randint(1, 999)} {rnd.choice(LAST)} Street"
        city = rnd.choice(["Springfield", "München", "Lyon", "Osaka"])
        note = "Met at the meetup; follows up slowly." if i % 3 == 0 else ""
        row = [f, "", l, "", "", "", "", "", "", "", f"{l} & Co {i % 5000}",
               rnd.choice(["Founder", "CTO", "Head of Sales", ""]), "", "", note, "",
               "* myContacts ::: Clients" if i % 4 == 0 else "* myContacts",
               "Work", f"{f.lower()}.{l.lower()}.{i}@example.com",
               "Home", f"{f.lower()}{i}@mail.example" if i % 2 else "",
               "Mobile", f"+1 555 {i % 10000:04d} {i // 10000:03d}", "", "",
               "Work", f"\"{street}\n{city}\"", street, city, f"{rnd.randint(10000, 99999)}",
               "US", "Profile", f"https://x.com/user{i}" if i % 5 == 0 else ""]
        out.write(",".join(row) + "\n")


main()
