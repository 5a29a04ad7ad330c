#!/usr/bin/env python3
"""Validate a residency catalog file (policies/catalog/segment-regional.json by default)
and print its counts. Standard library only.

    python3 scripts/check-catalog.py [FILE ...]

Exit status: 0 valid, 1 invalid, 2 unreadable file or bad usage.
The format is described in docs/catalog.md.
"""
import datetime
import ipaddress
import json
import os
import re
import sys

DEFAULT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "policies", "catalog",
                                        "segment-regional.json"))

TOP = ["catalogVersion", "title", "sourceDocument", "ingest", "dates", "warehouseCidrs",
       "cidrRequiredFor", "sdks", "destinations", "warehouses", "sources"]
INGEST = ["euHost", "euUrl", "usHost", "euApiHost", "usApiHost"]
DATES = ["dpfAdequacyDecision", "wrongRegionRejectedFrom"]
SDK = [("integration", str), ("libraries", list), ("settings", dict), ("notes", str)]
DESTINATION = [("name", str), ("slugs", list), ("vendor", str), ("usWorkspace", bool),
               ("euWorkspace", bool), ("euEndpoint", bool)]
WAREHOUSE = [("name", str), ("slugs", list), ("usWorkspace", bool), ("euWorkspace", bool),
             ("euEndpoint", bool), ("requiresCidr", bool)]
SOURCE = [("name", str), ("slugs", list), ("usWorkspace", bool), ("euWorkspace", bool), ("cloud", bool)]
TABLES = [("destinations", DESTINATION), ("warehouses", WAREHOUSE), ("sources", SOURCE)]

HOST = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$")
SLUG = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


def key(name):
    """How the auditor compares names and slugs: surrounding space and case ignored."""
    return name.strip().lower()


def is_date(s):
    if not isinstance(s, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
        return False
    try:
        datetime.date.fromisoformat(s)
        return True
    except ValueError:
        return False


class Checker:
    def __init__(self, path):
        self.path = path
        self.errors = []

    def err(self, where, msg):
        self.errors.append(f"{self.path}: {where}: {msg}")

    def keys(self, where, obj, expected):
        if not isinstance(obj, dict):
            self.err(where, f"expected an object, found {type(obj).__name__}")
            return False
        got = list(obj)
        if got != expected:
            missing = [k for k in expected if k not in obj]
            extra = [k for k in got if k not in expected]
            if missing or extra:
                self.err(where, f"keys differ: missing {missing}, unexpected {extra}")
            else:
                self.err(where, f"keys out of order: {got}, expected {expected}")
            return not missing
        return True

    def string(self, where, value, nonempty=True):
        if not isinstance(value, str):
            self.err(where, f"expected a string, found {type(value).__name__}")
        elif nonempty and not value.strip():
            self.err(where, "must not be empty")
        elif value != value.strip():
            self.err(where, f"surrounding whitespace in {value!r}")

    def host(self, where, value):
        self.string(where, value)
        if isinstance(value, str) and not HOST.match(value):
            self.err(where, f"not a host name: {value!r}")

    def check(self, doc):
        if not self.keys("top level", doc, TOP):
            return
        self.string("catalogVersion", doc["catalogVersion"])
        if isinstance(doc["catalogVersion"], str) and not is_date(doc["catalogVersion"]):
            self.err("catalogVersion", "expected a YYYY-MM-DD date")
        self.string("title", doc["title"])
        self.string("sourceDocument", doc["sourceDocument"])

        if self.keys("ingest", doc["ingest"], INGEST):
            ing = doc["ingest"]
            for k in ("euHost", "usHost", "euApiHost", "usApiHost"):
                self.host(f"ingest.{k}", ing[k])
            self.string("ingest.euUrl", ing["euUrl"])
            if isinstance(ing["euUrl"], str) and isinstance(ing["euHost"], str) \
                    and not ing["euUrl"].startswith("https://" + ing["euHost"] + "/"):
                self.err("ingest.euUrl", "must be https://<euHost>/…")

        if self.keys("dates", doc["dates"], DATES):
            for k in DATES:
                if not is_date(doc["dates"][k]):
                    self.err(f"dates.{k}", f"expected a YYYY-MM-DD date, found {doc['dates'][k]!r}")

        cidrs = doc["warehouseCidrs"]
        if not isinstance(cidrs, list):
            self.err("warehouseCidrs", "expected a list")
        else:
            for i, c in enumerate(cidrs):
                try:
                    ipaddress.ip_network(c, strict=True)
                except (ValueError, TypeError):
                    self.err(f"warehouseCidrs[{i}]", f"not a network in CIDR notation: {c!r}")

        self.check_sdks(doc["sdks"])
        for table, fields in TABLES:
            self.check_table(table, doc[table], fields)

        # cidrRequiredFor names warehouses that exist and say requiresCidr.
        req = doc["cidrRequiredFor"]
        whs = doc["warehouses"] if isinstance(doc["warehouses"], list) else []
        by_name = {key(w["name"]): w for w in whs if isinstance(w, dict) and isinstance(w.get("name"), str)}
        if not isinstance(req, list) or not all(isinstance(n, str) for n in req):
            self.err("cidrRequiredFor", "expected a list of warehouse names")
        else:
            if len({key(n) for n in req}) != len(req):
                self.err("cidrRequiredFor", "duplicate names")
            for n in req:
                w = by_name.get(key(n))
                if w is None:
                    self.err("cidrRequiredFor", f"{n!r} is not a warehouse in this file")
                elif w.get("requiresCidr") is not True:
                    self.err("cidrRequiredFor", f"{n!r} is listed but its requiresCidr is not true")
            listed = {key(n) for n in req}
            for w in whs:
                if isinstance(w, dict) and w.get("requiresCidr") is True and key(w.get("name", "")) not in listed:
                    self.err("warehouses", f"{w.get('name')!r} has requiresCidr true but is not in cidrRequiredFor")

        # Every slug is unique across the whole file.
        seen = {}
        for table, _ in TABLES:
            rows = doc[table] if isinstance(doc[table], list) else []
            for i, row in enumerate(rows):
                if not isinstance(row, dict) or not isinstance(row.get("slugs"), list):
                    continue
                for s in row["slugs"]:
                    if not isinstance(s, str):
                        continue
                    where = f"{table}[{i}] ({row.get('name')!r})"
                    if key(s) in seen:
                        self.err(where, f"slug {s!r} already used by {seen[key(s)]}")
                    else:
                        seen[key(s)] = where

    def check_sdks(self, sdks):
        if not isinstance(sdks, list):
            self.err("sdks", "expected a list")
            return
        names, libs = {}, {}
        for i, e in enumerate(sdks):
            where = f"sdks[{i}]"
            if not self.keys(where, e, [k for k, _ in SDK]):
                continue
            for k, t in SDK:
                if not isinstance(e[k], t):
                    self.err(f"{where}.{k}", f"expected {t.__name__}, found {type(e[k]).__name__}")
            if not isinstance(e["integration"], str):
                continue
            self.string(f"{where}.integration", e["integration"])
            self.string(f"{where}.notes", e["notes"], nonempty=False)
            n = key(e["integration"])
            if n in names:
                self.err(where, f"duplicate integration {e['integration']!r} (also sdks[{names[n]}])")
            names[n] = i
            for lib in e["libraries"] if isinstance(e["libraries"], list) else []:
                if not isinstance(lib, str) or not SLUG.match(lib):
                    self.err(f"{where}.libraries", f"not a library id: {lib!r}")
                elif lib in libs:
                    self.err(f"{where}.libraries", f"{lib!r} already belongs to sdks[{libs[lib]}]")
                else:
                    libs[lib] = i
            for k, v in (e["settings"].items() if isinstance(e["settings"], dict) else []):
                if not isinstance(v, (str, bool)):
                    self.err(f"{where}.settings.{k}", f"expected a string or a boolean, found {type(v).__name__}")

    def check_table(self, table, rows, fields):
        if not isinstance(rows, list):
            self.err(table, "expected a list")
            return
        names = {}
        for i, row in enumerate(rows):
            where = f"{table}[{i}]"
            if not self.keys(where, row, [k for k, _ in fields]):
                continue
            where = f"{table}[{i}] ({row['name']!r})"
            for k, t in fields:
                if type(row[k]) is not t:  # bool is not int, and int is not bool
                    self.err(f"{where}.{k}", f"expected {t.__name__}, found {type(row[k]).__name__}")
            if not isinstance(row["name"], str):
                continue
            self.string(f"{where}.name", row["name"])
            if "vendor" in row and isinstance(row["vendor"], str):
                self.string(f"{where}.vendor", row["vendor"])
            n = key(row["name"])
            if n in names:
                self.err(where, f"duplicate name (also {table}[{names[n]}])")
            names[n] = i
            for s in row["slugs"] if isinstance(row["slugs"], list) else []:
                if not isinstance(s, str) or not SLUG.match(s):
                    self.err(f"{where}.slugs", f"not a slug: {s!r}")
            if row.get("euEndpoint") is True and row.get("euWorkspace") is False:
                self.err(where, "euEndpoint is true but euWorkspace is false")
        # A slug must not be another entry's name: look-ups share one key space.
        for i, row in enumerate(rows):
            if not isinstance(row, dict) or not isinstance(row.get("slugs"), list):
                continue
            for s in row["slugs"]:
                if isinstance(s, str) and key(s) in names and names[key(s)] != i:
                    self.err(f"{table}[{i}] ({row.get('name')!r})",
                             f"slug {s!r} is the name of {table}[{names[key(s)]}]")


def counts(doc):
    d, w, s = doc["destinations"], doc["warehouses"], doc["sources"]
    eu_dest = sum(1 for x in d if x["euWorkspace"])
    with_ep = sum(1 for x in d if x["euEndpoint"])
    lines = [
        f"catalog {doc['catalogVersion']}",
        f"sdks:          {len(doc['sdks'])} rows",
        f"destinations:  {len(d)} "
        f"({with_ep} with EU endpoint, {len(d) - with_ep} without: "
        f"{eu_dest - with_ep} in EU workspaces with the US endpoint only, "
        f"{len(d) - eu_dest} not in EU workspaces)",
        f"warehouses:    {len(w)} ({sum(1 for x in w if x['euEndpoint'])} with EU endpoint, "
        f"{sum(1 for x in w if x['requiresCidr'])} need the CIDR allow-list)",
        f"sources:       {len(s)} ({sum(1 for x in s if x['euWorkspace'])} supported in EU workspaces, "
        f"{sum(1 for x in s if not x['euWorkspace'])} not; "
        f"{sum(1 for x in s if not x['cloud'])} libraries, {sum(1 for x in s if x['cloud'])} cloud)",
        f"slugs:         {sum(len(x['slugs']) for t in ('destinations', 'warehouses', 'sources') for x in doc[t])}",
    ]
    return "\n".join(lines)


def main(argv):
    if any(a in ("-h", "--help") for a in argv):
        print(__doc__.strip())
        return 0
    paths = argv or [DEFAULT]
    status = 0
    for path in paths:
        try:
            with open(path, encoding="utf-8") as f:
                text = f.read()
            doc = json.loads(text)
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
            print(f"{path}: cannot read: {e}", file=sys.stderr)
            status = max(status, 2)
            continue
        c = Checker(path)
        c.check(doc)
        if c.errors:
            for e in c.errors:
                print(e, file=sys.stderr)
            print(f"{path}: INVALID ({len(c.errors)} problem{'s' if len(c.errors) != 1 else ''})", file=sys.stderr)
            status = max(status, 1)
            continue
        print(f"{path}: ok")
        print(counts(doc))
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
