#!/usr/bin/env python3
"""Rebuilds data/controls.json from the NIST and FedRAMP OSCAL files it was taken from.

data/controls.json lists the NIST SP 800-53 rev5 controls and enhancements that at least one
of eight baselines selects (NIST low, moderate, high and privacy; FedRAMP rev5 LI-SaaS, low,
moderate and high): for each its OSCAL id, label, family, title, parent control (for an
enhancement) and the baselines that select it. data/CONTROLS.md names the source files, their
repositories and the commits they are pinned to. The sources are US government works, public
domain (CC0 1.0 worldwide), and so is the list.

What comes from where:
  * which controls a baseline selects: the baseline's OSCAL profile (JSON), from
    `imports[].include-controls[].with-ids` (less any `exclude-controls[].with-ids`);
  * title, label, family and parent: the resolved-profile catalogues, NIST's four (JSON) first,
    then FedRAMP's moderate and high (XML), which hold the enhancements FedRAMP adds beyond NIST
    high. The label is the control's `label` prop without a class (not the zero-padded
    `AC-02(07)` one); the family is the group holding the control; the parent is the control an
    enhancement is nested in. If SOURCE_DIR also holds NIST's full catalogue
    (NIST_SP-800-53_rev5_catalog-min.json, same repository and commit) it is consulted last, for
    a selected control none of the other catalogues carries (the build says so if it happens).
Controls come out in catalogue order: family by family (in the catalogues' group order), each
base control followed by its enhancements, by number (ac-2, ac-2.1, ac-2.2, ..., ac-2.13, ac-3).

Usage:
  python3 scripts/build-controls.py SOURCE_DIR > data/controls.json
  python3 scripts/build-controls.py --check SOURCE_DIR   # exit 0 if data/controls.json matches
  python3 scripts/build-controls.py --fetch DIR          # print curl commands to get the sources

SOURCE_DIR holds the source files under their base names. Python 3 standard library only.
"""

import argparse
import difflib
import heapq
import json
import re
import shlex
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ABOUT = (
    "NIST SP 800-53 rev5 controls selected by the NIST and FedRAMP rev5 baselines; "
    "public domain (CC0), see data/CONTROLS.md"
)

NIST_REPO = "usnistgov/oscal-content"
NIST_COMMIT = "88bb8deeaa815f8914d68ea7e31a622ebbc1719d"
NIST_DIR = "nist.gov/SP800-53/rev5/json"
FEDRAMP_REPO = "GSA/fedramp-automation"
FEDRAMP_COMMIT = "c784140bc6d1ac9fa159aabc0e8a29e9aa2c63a9"
FEDRAMP_DIR = "dist/content/rev5/baselines"

# The eight baselines, in the order the output lists them, each with its profile.
BASELINES = (
    ("nist-low", "NIST_SP-800-53_rev5_LOW-baseline_profile.json"),
    ("nist-moderate", "NIST_SP-800-53_rev5_MODERATE-baseline_profile.json"),
    ("nist-high", "NIST_SP-800-53_rev5_HIGH-baseline_profile.json"),
    ("nist-privacy", "NIST_SP-800-53_rev5_PRIVACY-baseline_profile.json"),
    ("fedramp-li-saas", "FedRAMP_rev5_LI-SaaS-baseline_profile.json"),
    ("fedramp-low", "FedRAMP_rev5_LOW-baseline_profile.json"),
    ("fedramp-moderate", "FedRAMP_rev5_MODERATE-baseline_profile.json"),
    ("fedramp-high", "FedRAMP_rev5_HIGH-baseline_profile.json"),
)

# Catalogues for titles, labels, families and parents, first one carrying a control wins.
CATALOGS = (
    "NIST_SP-800-53_rev5_LOW-baseline-resolved-profile_catalog-min.json",
    "NIST_SP-800-53_rev5_MODERATE-baseline-resolved-profile_catalog-min.json",
    "NIST_SP-800-53_rev5_HIGH-baseline-resolved-profile_catalog-min.json",
    "NIST_SP-800-53_rev5_PRIVACY-baseline-resolved-profile_catalog-min.json",
    "FedRAMP_rev5_MODERATE-baseline-resolved-profile_catalog.xml",
    "FedRAMP_rev5_HIGH-baseline-resolved-profile_catalog.xml",
)

# Optional last resort (not one of the files data/CONTROLS.md lists; used only if present).
FALLBACK_CATALOG = "NIST_SP-800-53_rev5_catalog-min.json"

OSCAL_NS = "http://csrc.nist.gov/ns/oscal/1.0"
# Classes of the `label` prop that carry the zero-padded form (AC-02(07)), not the label.
PADDED_LABEL_CLASSES = {"zero-padded", "sp800-53a"}
CONTROL_ID = re.compile(r"^([a-z]+)-(\d+)(?:\.(\d+))?$")
ENHANCEMENT_ID = re.compile(r"^(.+)\.\d+$")

REPO_ROOT = Path(__file__).resolve().parent.parent
TARGET = REPO_ROOT / "data" / "controls.json"


class BuildError(Exception):
    """A problem with the sources, reported in one message, without a traceback."""


def source_url(name):
    """The raw.githubusercontent.com address of a source file, at its pinned commit."""
    if name.startswith("NIST_"):
        return f"https://raw.githubusercontent.com/{NIST_REPO}/{NIST_COMMIT}/{NIST_DIR}/{name}"
    sub = "xml" if name.endswith(".xml") else "json"
    return (
        f"https://raw.githubusercontent.com/{FEDRAMP_REPO}/{FEDRAMP_COMMIT}/"
        f"{FEDRAMP_DIR}/{sub}/{name}"
    )


def required_files():
    return [name for _, name in BASELINES] + list(CATALOGS)


# ---------------------------------------------------------------------------------------------
# Reading the sources


class Control:
    """What one catalogue says of one control."""

    __slots__ = ("id", "label", "title", "family", "parent", "source")

    def __init__(self, cid, label, title, family, parent, source):
        self.id = cid
        self.label = label
        self.title = title
        self.family = family
        self.parent = parent
        self.source = source


class Catalog:
    """The groups (id, title) and controls of one catalogue, both in document order."""

    def __init__(self, name):
        self.name = name
        self.groups = []
        self.controls = []


def load_json(path, name):
    try:
        with open(path, encoding="utf-8-sig") as f:
            return json.load(f)
    except json.JSONDecodeError as e:
        raise BuildError(f"{name}: not valid JSON ({e})") from None
    except (OSError, UnicodeDecodeError) as e:
        raise BuildError(f"{name}: cannot read it ({e})") from None


def pick_label(props):
    """The `label` value among (name, class, value, ns) props: the one without a class, else
    the first whose class is not a zero-padded one."""
    labels = [(cls, value) for name, cls, value, ns in props if name == "label" and not ns]
    for cls, value in labels:
        if not cls and value:
            return value
    for cls, value in labels:
        if cls not in PADDED_LABEL_CLASSES and value:
            return value
    return None


def family_of(cid):
    m = CONTROL_ID.match(cid)
    return m.group(1) if m else None


def parent_of(cid):
    m = ENHANCEMENT_ID.match(cid)
    return m.group(1) if m else None


def read_json_catalog(path, name):
    doc = load_json(path, name)
    catalog = doc.get("catalog") if isinstance(doc, dict) else None
    if not isinstance(catalog, dict):
        raise BuildError(f"{name}: not an OSCAL catalog (no top-level \"catalog\" object)")
    out = Catalog(name)

    def json_props(node):
        props = []
        for p in node.get("props") or []:
            if isinstance(p, dict):
                props.append((p.get("name"), p.get("class"), p.get("value"), p.get("ns")))
        return props

    def controls(items, family, parent):
        for c in items or []:
            if not isinstance(c, dict) or not isinstance(c.get("id"), str):
                raise BuildError(f"{name}: a control without an id")
            cid = c["id"]
            title = c.get("title") if isinstance(c.get("title"), str) else None
            fam = family or family_of(cid)
            out.controls.append(
                Control(cid, pick_label(json_props(c)), title, fam,
                        parent or parent_of(cid), name)
            )
            controls(c.get("controls"), fam, cid)

    def groups(items, family):
        for g in items or []:
            if not isinstance(g, dict):
                continue
            gid = g.get("id") if isinstance(g.get("id"), str) else None
            if gid:
                title = g.get("title") if isinstance(g.get("title"), str) else None
                out.groups.append((gid, title))
            controls(g.get("controls"), gid or family, None)
            groups(g.get("groups"), gid or family)

    groups(catalog.get("groups"), None)
    controls(catalog.get("controls"), None, None)
    return out


def read_xml_catalog(path, name):
    ns = "{" + OSCAL_NS + "}"
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        raise BuildError(f"{name}: not well-formed XML ({e})") from None
    except OSError as e:
        raise BuildError(f"{name}: cannot read it ({e})") from None
    if root.tag != ns + "catalog":
        raise BuildError(f"{name}: not an OSCAL catalog (root element is {root.tag}, "
                         f"expected catalog in namespace {OSCAL_NS})")
    out = Catalog(name)

    def title_of(el):
        t = el.find(ns + "title")
        if t is None:
            return None
        return " ".join("".join(t.itertext()).split()) or None

    def xml_props(el):
        return [(p.get("name"), p.get("class"), p.get("value"), p.get("ns"))
                for p in el.findall(ns + "prop")]

    def controls(parent_el, family, parent):
        for c in parent_el.findall(ns + "control"):
            cid = c.get("id")
            if not cid:
                raise BuildError(f"{name}: a control without an id")
            fam = family or family_of(cid)
            out.controls.append(
                Control(cid, pick_label(xml_props(c)), title_of(c), fam,
                        parent or parent_of(cid), name)
            )
            controls(c, fam, cid)

    def groups(parent_el, family):
        for g in parent_el.findall(ns + "group"):
            gid = g.get("id")
            if gid:
                out.groups.append((gid, title_of(g)))
            controls(g, gid or family, None)
            groups(g, gid or family)

    groups(root, None)
    controls(root, None, None)
    return out


def read_catalog(path, name):
    if name.endswith(".xml"):
        return read_xml_catalog(path, name)
    return read_json_catalog(path, name)


def read_profile(path, name):
    """The ids of the controls an OSCAL profile (JSON) selects."""
    doc = load_json(path, name)
    profile = doc.get("profile") if isinstance(doc, dict) else None
    if not isinstance(profile, dict):
        raise BuildError(f"{name}: not an OSCAL profile (no top-level \"profile\" object)")
    imports = profile.get("imports")
    if not isinstance(imports, list) or not imports:
        raise BuildError(f"{name}: the profile has no imports")

    def ids_of(selection, what):
        if not isinstance(selection, dict):
            raise BuildError(f"{name}: an entry of {what} is not an object")
        if selection.get("matching"):
            raise BuildError(f"{name}: {what} selects by \"matching\" patterns, which this "
                             "script does not resolve (it handles \"with-ids\")")
        if selection.get("with-child-controls") == "yes":
            raise BuildError(f"{name}: {what} asks for \"with-child-controls\": \"yes\", which "
                             "this script does not resolve (it handles \"with-ids\")")
        ids = selection.get("with-ids") or []
        if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
            raise BuildError(f"{name}: \"with-ids\" in {what} is not a list of control ids")
        return ids

    selected = set()
    for imp in imports:
        if not isinstance(imp, dict):
            raise BuildError(f"{name}: an import is not an object")
        if "include-all" in imp:
            raise BuildError(f"{name}: an import uses \"include-all\", which this script does "
                             "not resolve (it handles include-controls with \"with-ids\")")
        includes = imp.get("include-controls")
        if not isinstance(includes, list) or not includes:
            raise BuildError(f"{name}: an import has no \"include-controls\"")
        included = set()
        for sel in includes:
            included.update(ids_of(sel, "include-controls"))
        for sel in imp.get("exclude-controls") or []:
            included.difference_update(ids_of(sel, "exclude-controls"))
        selected |= included
    if not selected:
        raise BuildError(f"{name}: the profile selects no controls")
    return selected


# ---------------------------------------------------------------------------------------------
# Building the list


def merge_orders(sequences):
    """One order of all items that keeps every sequence's relative order where they agree
    (ties, and items no sequence orders, alphabetically). Returns (order, consistent)."""
    nodes, succ, indeg = [], {}, {}
    for seq in sequences:
        for item in seq:
            if item not in succ:
                nodes.append(item)
                succ[item] = set()
                indeg[item] = 0
    for seq in sequences:
        seq = list(dict.fromkeys(seq))
        for a, b in zip(seq, seq[1:]):
            if b not in succ[a]:
                succ[a].add(b)
                indeg[b] += 1
    ready = [n for n in nodes if indeg[n] == 0]
    heapq.heapify(ready)
    order = []
    while ready:
        n = heapq.heappop(ready)
        order.append(n)
        for m in succ[n]:
            indeg[m] -= 1
            if indeg[m] == 0:
                heapq.heappush(ready, m)
    if len(order) != len(nodes):
        return sorted(nodes), False
    return order, True


def build(source_dir, warn):
    """The new data/controls.json document (a dict), from the files in source_dir."""
    source_dir = Path(source_dir)
    if not source_dir.is_dir():
        raise BuildError(f"{source_dir}: no such directory (it should hold the source files; "
                         "--fetch DIR prints the commands to download them)")
    missing = [n for n in required_files() if not (source_dir / n).is_file()]
    if missing:
        lines = [f"{len(missing)} source file(s) missing from {source_dir}:"]
        for n in missing:
            lines.append(f"  {n}\n    get it from {source_url(n)}")
        lines.append(f"  (python3 scripts/build-controls.py --fetch {source_dir} prints "
                     "curl commands for all of them)")
        raise BuildError("\n".join(lines))

    selections = {b: read_profile(source_dir / n, n) for b, n in BASELINES}
    catalogs = [read_catalog(source_dir / n, n) for n in CATALOGS]
    fallback = None
    if (source_dir / FALLBACK_CATALOG).is_file():
        fallback = read_catalog(source_dir / FALLBACK_CATALOG, FALLBACK_CATALOG)

    selected = set().union(*selections.values())

    info = {}
    family_titles = {}
    for cat in catalogs:
        for c in cat.controls:
            info.setdefault(c.id, c)
        for gid, title in cat.groups:
            if title and gid not in family_titles:
                family_titles[gid] = title
    if fallback is not None:
        used = sorted(i for i in selected if i not in info)
        for c in fallback.controls:
            if c.id in used:
                info[c.id] = c
        for gid, title in fallback.groups:
            if title and gid not in family_titles:
                family_titles[gid] = title
        used = [i for i in used if i in info]
        if used:
            warn(f"note: {len(used)} control(s) found only in {FALLBACK_CATALOG}: "
                 + ", ".join(used))

    searched = ", ".join(CATALOGS + ((FALLBACK_CATALOG,) if fallback else ()))
    absent = sorted(i for i in selected if i not in info)
    if absent:
        raise BuildError(f"{len(absent)} selected control(s) appear in no catalogue "
                         f"({searched}): {', '.join(absent)}")
    for field in ("title", "label", "family"):
        lacking = sorted(i for i in selected if not getattr(info[i], field))
        if lacking:
            raise BuildError(f"no {field} for {len(lacking)} selected control(s): "
                             + ", ".join(f"{i} (from {info[i].source})" for i in lacking))
    bad = sorted(i for i in selected if not CONTROL_ID.match(i))
    if bad:
        raise BuildError("unexpected control id(s), not of the form ac-2 or ac-2.7: "
                         + ", ".join(bad))

    used_families = {info[i].family for i in selected}
    untitled = sorted(f for f in used_families if f not in family_titles)
    if untitled:
        raise BuildError("no title for family/families: " + ", ".join(untitled))
    sequences = [[g for g, _ in cat.groups] for cat in catalogs]
    if fallback is not None:
        sequences.append([g for g, _ in fallback.groups])
    family_order, consistent = merge_orders(sequences)
    if not consistent:
        warn("note: the catalogues disagree on the order of families; listing them "
             "alphabetically")
    rank = {f: n for n, f in enumerate(family_order)}
    for f in sorted(used_families - set(rank)):
        rank[f] = len(rank)

    def key(cid):
        m = CONTROL_ID.match(cid)
        return (rank[info[cid].family], int(m.group(2)), int(m.group(3) or 0))

    ordered = sorted(selected, key=key)

    # Say so if a catalogue lists the selected controls in another order.
    for cat in catalogs:
        in_doc = list(dict.fromkeys(c.id for c in cat.controls if c.id in selected))
        for a, b in zip(in_doc, in_doc[1:]):
            if key(a) > key(b):
                warn(f"note: {cat.name} lists {a} before {b}; the output orders by number")
                break

    controls = []
    for cid in ordered:
        c = info[cid]
        controls.append({
            "id": cid,
            "label": c.label,
            "family": c.family,
            "title": c.title,
            "parent": c.parent,
            "baselines": [b for b, _ in BASELINES if cid in selections[b]],
        })
    families = [{"id": f, "title": family_titles[f]}
                for f in sorted(used_families, key=lambda f: rank[f])]
    return {
        "about": ABOUT,
        "families": families,
        "baselines": {b: len(selections[b]) for b, _ in BASELINES},
        "controls": controls,
    }


def render(doc):
    """The bytes of data/controls.json: one-space indentation, UTF-8, final newline."""
    return (json.dumps(doc, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


# ---------------------------------------------------------------------------------------------
# --check and --fetch


def check_summary(old, new, shown=40):
    """A short account of how the file (old bytes) differs from the rebuilt list (new)."""
    old_text = old.decode("utf-8", errors="replace").splitlines()
    new_text = new.decode("utf-8", errors="replace").splitlines()
    diff = list(difflib.unified_diff(old_text, new_text, "data/controls.json (current)",
                                     "data/controls.json (rebuilt)", n=2, lineterm=""))
    removed = sum(1 for d in diff if d.startswith("-") and not d.startswith("---"))
    added = sum(1 for d in diff if d.startswith("+") and not d.startswith("+++"))
    out = [f"data/controls.json differs from the rebuilt list: "
           f"{removed} line(s) removed, {added} added"]
    try:
        before = {c["id"]: c for c in json.loads(old)["controls"]}
        after = {c["id"]: c for c in json.loads(new)["controls"]}
    except (ValueError, KeyError, TypeError):
        before = after = None
    if before is not None:
        def listing(ids):
            ids = list(ids)
            return ", ".join(ids[:12]) + (f", ... ({len(ids)} in all)" if len(ids) > 12 else "")
        gone = [i for i in before if i not in after]
        new_ids = [i for i in after if i not in before]
        changed = [i for i in after if i in before and before[i] != after[i]]
        if gone:
            out.append("  only in the current file: " + listing(gone))
        if new_ids:
            out.append("  only in the rebuilt list: " + listing(new_ids))
        if changed:
            out.append("  changed: " + listing(changed))
        if not (gone or new_ids or changed) and [*before] != [*after]:
            out.append("  same controls, in another order")
    out.extend(diff[:shown])
    if len(diff) > shown:
        out.append(f"... {len(diff) - shown} more diff line(s)")
    return "\n".join(out)


def fetch_commands(directory):
    d = shlex.quote(str(directory))
    lines = ["# Sources of data/controls.json, pinned to the commits in data/CONTROLS.md",
             f"mkdir -p {d}"]
    for name in required_files():
        lines.append(f"curl -fsSL -o {d}/{shlex.quote(name)} {shlex.quote(source_url(name))}")
    lines.append("# optional, only if a build reports a control found in no catalogue:")
    lines.append(f"# curl -fsSL -o {d}/{shlex.quote(FALLBACK_CATALOG)} "
                 f"{shlex.quote(source_url(FALLBACK_CATALOG))}")
    return "\n".join(lines) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="build-controls.py",
        description="Rebuild data/controls.json from the NIST and FedRAMP OSCAL sources "
                    "(public domain, CC0); the result goes to standard output.")
    parser.add_argument("source_dir", nargs="?", metavar="SOURCE_DIR",
                        help="directory holding the source files under their base names")
    parser.add_argument("--check", action="store_true",
                        help=f"compare the result with {TARGET.relative_to(REPO_ROOT)} "
                             "instead of printing it: exit 0 if identical, else 1")
    parser.add_argument("--fetch", metavar="DIR",
                        help="print (not run) the curl commands that download the sources "
                             "into DIR")
    args = parser.parse_args(argv)

    if args.fetch is not None:
        if args.source_dir or args.check:
            parser.error("--fetch takes no SOURCE_DIR and no --check")
        sys.stdout.write(fetch_commands(args.fetch))
        return 0
    if not args.source_dir:
        parser.error("SOURCE_DIR is required (or --fetch DIR)")

    def warn(message):
        print(message, file=sys.stderr)

    try:
        new = render(build(args.source_dir, warn))
        if args.check:
            try:
                old = TARGET.read_bytes()
            except OSError as e:
                raise BuildError(f"cannot read {TARGET}: {e.strerror}") from None
            if old == new:
                count = len(json.loads(new)["controls"])
                print(f"data/controls.json is up to date ({count} controls)")
                return 0
            print(check_summary(old, new))
            return 1
        sys.stdout.buffer.write(new)
        sys.stdout.buffer.flush()
        return 0
    except BuildError as e:
        print(f"build-controls: {e}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 1


if __name__ == "__main__":
    sys.exit(main())
