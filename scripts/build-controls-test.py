#!/usr/bin/env python3
"""Self-test of scripts/build-controls.py, on synthetic OSCAL sources (the real ones are large
and downloaded, see data/CONTROLS.md).

Builds source directories in a temporary directory, in the formats of the real files (OSCAL
catalog JSON with groups, nested controls and `label` props; OSCAL profile JSON with
imports/include-controls/with-ids; OSCAL catalog XML in the http://csrc.nist.gov/ns/oscal/1.0
namespace), runs the script on them and checks the result:
  * a tiny hand-made set, against an exact expected document (shape, order, parents, labels,
    baselines, counts, formatting);
  * a full-size set generated from data/controls.json itself, on which `--check` must pass
    (and fail, with a summary, once a source changes);
  * the errors: a missing file (named, with its pinned URL), an unsupported selection, a
    control no catalogue carries, a file that is not JSON; and `--fetch`.
Writes nothing outside its temporary directory. Python 3 standard library only.

Usage: python3 scripts/build-controls-test.py [-v]
"""

import importlib.util
import json
import random
import re
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

HERE = Path(__file__).resolve().parent
SCRIPT = HERE / "build-controls.py"
REPO = HERE.parent
OSCAL_NS = "http://csrc.nist.gov/ns/oscal/1.0"

spec = importlib.util.spec_from_file_location("build_controls", SCRIPT)
bc = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bc)

NIST_BASELINES = ("nist-low", "nist-moderate", "nist-high", "nist-privacy")
FEDRAMP_BASELINES = ("fedramp-li-saas", "fedramp-low", "fedramp-moderate", "fedramp-high")
PROFILE = dict(bc.BASELINES)
NIST_CATALOG = dict(zip(NIST_BASELINES, bc.CATALOGS[:4]))
FEDRAMP_XML = {"fedramp-moderate": bc.CATALOGS[4], "fedramp-high": bc.CATALOGS[5]}


def run(*args):
    return subprocess.run([sys.executable, str(SCRIPT), *map(str, args)],
                          capture_output=True, cwd=REPO)


def padded(label):
    """AC-2(7) -> AC-02(07): the zero-padded label NIST gives next to the real one."""
    return re.sub(r"\d+", lambda m: m.group(0).zfill(2), label)


# --- writers for the three formats ------------------------------------------------------------
# A control tree is a list of nodes: {"id", "title", "label", "class"?, "controls": [...]}.


def json_control(node, padded_class="sp800-53a"):
    props = [
        {"name": "label", "value": padded(node["label"]), "class": padded_class},
        {"name": "label", "value": node["label"]},
        {"name": "sort-id", "value": padded(node["id"]).lower()},
    ]
    out = {
        "id": node["id"],
        "class": node.get("class", "SP800-53"),
        "title": node["title"],
        "params": [{"id": node["id"] + "_prm_1", "label": "organization-defined frequency"}],
        "props": props,
        "links": [{"href": "#27847491-5ce1-4f6a-a1e4-9e483782f0ef", "rel": "reference"}],
        "parts": [{"id": node["id"] + "_smt", "name": "statement", "prose": "Do things."}],
    }
    if node.get("controls"):
        out["controls"] = [json_control(c, padded_class) for c in node["controls"]]
    return out


def json_catalog(groups, title="NIST Special Publication 800-53 Revision 5 BASELINE"):
    """groups: [(id, title, [control nodes])]."""
    return {"catalog": {
        "uuid": "6bd6f9ac-f730-4038-8de8-896591a1e4a8",
        "metadata": {"title": title, "last-modified": "2023-12-04T12:00:00Z",
                     "version": "5.1.1", "oscal-version": "1.1.1"},
        "groups": [
            {"id": gid, "class": "family", "title": gtitle,
             "parts": [{"id": gid + "_ovw", "name": "overview", "prose": "Overview."}],
             "controls": [json_control(c) for c in controls]}
            for gid, gtitle, controls in groups
        ],
        "back-matter": {"resources": []},
    }}


def json_profile(ids, exclude=()):
    imp = {"href": "#84cbf061-eb87-4ec1-8112-1f529232e907",
           "include-controls": [{"with-ids": list(ids)}]}
    if exclude:
        imp["exclude-controls"] = [{"with-ids": list(exclude)}]
    return {"profile": {
        "uuid": "fed9f8ca-dcc2-492c-8a13-f9d979973e24",
        "metadata": {"title": "BASELINE", "last-modified": "2023-12-04T12:00:00Z",
                     "version": "5.1.1", "oscal-version": "1.1.1"},
        "imports": [imp],
        "merge": {"as-is": True},
        "modify": {"set-parameters": [{"param-id": "ac-01_odp.05",
                                       "constraints": [{"description": "at least annually"}]}]},
        "back-matter": {"resources": [{
            "uuid": "84cbf061-eb87-4ec1-8112-1f529232e907",
            "rlinks": [{"href": "NIST_SP-800-53_rev5_catalog.json",
                        "media-type": "application/oscal.catalog+json"}]}]},
    }}


def xml_control(node, indent):
    pad = " " * indent
    title = node.get("xml_title", escape(node["title"]))
    lines = [
        f'{pad}<control class={quoteattr(node.get("class", "SP800-53"))} id={quoteattr(node["id"])}>',
        f"{pad}   <title>{title}</title>",
        f'{pad}   <param id="{node["id"]}_prm_1"><label>frequency</label></param>',
        f'{pad}   <prop name="label" value={quoteattr(node["label"])}/>',
        f'{pad}   <prop name="label" class="sp800-53a" value={quoteattr(padded(node["label"]))}/>',
        f'{pad}   <prop name="sort-id" value={quoteattr(padded(node["id"]).lower())}/>',
        f'{pad}   <prop ns="http://csrc.nist.gov/ns/rmf" name="implementation-level" '
        f'value="system"/>',
        f'{pad}   <link rel="reference" href="#27847491-5ce1-4f6a-a1e4-9e483782f0ef"/>',
        f'{pad}   <part name="statement" id="{node["id"]}_smt">',
        f'{pad}      <prop ns="https://fedramp.gov/ns/oscal" name="response-point" '
        f'value="You must fill in this response point."/>',
        f"{pad}      <p>Do <insert type=\"param\" id-ref=\"{node['id']}_prm_1\"/> things.</p>",
        f"{pad}   </part>",
    ]
    for c in node.get("controls") or []:
        lines.extend(xml_control(c, indent + 3))
    lines.append(f"{pad}</control>")
    return lines


def xml_catalog(groups):
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<catalog xmlns="{OSCAL_NS}"',
        '         uuid="726bddad-32d9-493d-bd96-9af8e48b4ff6">',
        "   <metadata>",
        "      <title>FedRAMP Rev 5 Baseline</title>",
        "      <last-modified>2024-01-19T10:44:41.51795-05:00</last-modified>",
        "      <version>5.1.1+fedramp-20240111-0</version>",
        "      <oscal-version>1.1.1</oscal-version>",
        "   </metadata>",
    ]
    for gid, gtitle, controls in groups:
        lines.append(f'   <group class="family" id={quoteattr(gid)}>')
        lines.append(f"      <title>{escape(gtitle)}</title>")
        for c in controls:
            lines.extend(xml_control(c, 6))
        lines.append("   </group>")
    lines.append("   <back-matter/>")
    lines.append("</catalog>")
    return "\n".join(lines) + "\n"


def write(directory, name, content):
    path = Path(directory) / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_text(json.dumps(content, indent=2), encoding="utf-8")


# --- the tiny hand-made set -----------------------------------------------------------------


def node(cid, label, title, *children, **extra):
    n = {"id": cid, "label": label, "title": title, "controls": list(children)}
    if "." in cid:
        n["class"] = "SP800-53-enhancement"
    n.update(extra)
    return n


AC1 = node("ac-1", "AC-1", "Policy and Procedures")
AC2_1 = node("ac-2.1", "AC-2(1)", "Automated System Account Management")
AC2_2 = node("ac-2.2", "AC-2(2)", "Automated Temporary and Emergency Account Management")
AC2_10 = node("ac-2.10", "AC-2(10)", "Shared and Group Account Credential Change")
AC10 = node("ac-10", "AC-10", "Concurrent Session Control")
SC7 = node("sc-7", "SC-7", "Boundary Protection")


def ac2(*children):
    return node("ac-2", "AC-2", "Account Management", *children)


def tiny_sources(directory):
    """Eight profiles and six catalogues with a few controls each."""
    ac = ("ac", "Access Control")
    pm = ("pm", "Program Management")
    pt = ("pt", "Personally Identifiable Information Processing and Transparency")
    sc = ("sc", "System and Communications Protection")
    sr = ("sr", "Supply Chain Risk Management")
    # NIST resolved catalogues: only what each baseline selects (privacy has pm-5.1 inside a
    # structural copy of pm-5, which no baseline selects).
    write(directory, NIST_CATALOG["nist-low"],
          json_catalog([(*ac, [AC1, ac2()]), (*sc, [SC7])]))
    write(directory, NIST_CATALOG["nist-moderate"],
          json_catalog([(*ac, [AC1, ac2(AC2_1, AC2_2)]), (*sc, [SC7])]))
    write(directory, NIST_CATALOG["nist-high"],
          json_catalog([(*ac, [AC1, ac2(AC2_1, AC2_2, AC2_10), AC10]), (*pm, []), (*sc, [SC7])]))
    pm5 = node("pm-5", "PM-5", "System Inventory",
               node("pm-5.1", "PM-5(1)", "Inventory of Personally Identifiable Information"))
    write(directory, NIST_CATALOG["nist-privacy"],
          json_catalog([(*ac, [AC1]), (*pm, [pm5]),
                        (*pt, [node("pt-2", "PT-2", "Authority to Process Personally "
                                    "Identifiable Information")])]))
    # FedRAMP resolved catalogues (XML): NIST's controls again (with a title that must lose to
    # NIST's), plus FedRAMP's own additions, one in a family no NIST catalogue has here.
    ac1_x = dict(AC1, title="Policy and Procedures (FedRAMP copy)")
    ac2_7 = node("ac-2.7", "AC-2(7)", "Privileged User Accounts \u2014 Role-based Schemes",
                 xml_title="Privileged User Accounts \u2014\n            "
                           "<em>Role-based</em> Schemes")
    ac2_9 = node("ac-2.9", "AC-2(9)", "Restrictions on Use of Shared and Group Accounts")
    sr9 = node("sr-9", "SR-9", "Tamper Resistance and Detection")
    write(directory, FEDRAMP_XML["fedramp-moderate"],
          xml_catalog([(*ac, [ac1_x, ac2(AC2_1, ac2_7)]), (*sc, [SC7])]))
    write(directory, FEDRAMP_XML["fedramp-high"],
          xml_catalog([(*ac, [ac1_x, ac2(AC2_1, ac2_7, ac2_9)]), (*sc, [SC7]), (*sr, [sr9])]))
    # Profiles: ids deliberately out of catalogue order.
    profiles = {
        "nist-low": (["sc-7", "ac-2", "ac-1"], ()),
        "nist-moderate": (["ac-2.2", "ac-1", "sc-7", "ac-2", "ac-2.1"], ()),
        "nist-high": (["ac-10", "ac-2.10", "ac-2.2", "ac-2.1", "ac-2", "ac-1", "sc-7"], ()),
        "nist-privacy": (["pt-2", "pm-5.1", "ac-1"], ()),
        "fedramp-li-saas": (["ac-1", "ac-2", "sc-7"], ["sc-7"]),
        "fedramp-low": (["ac-1", "ac-2", "sc-7"], ()),
        "fedramp-moderate": (["ac-2.7", "ac-1", "ac-2", "ac-2.1", "sc-7"], ()),
        "fedramp-high": (["sr-9", "ac-2.9", "ac-2.7", "ac-1", "ac-2", "ac-2.1", "sc-7"], ()),
    }
    for b, (ids, exclude) in profiles.items():
        write(directory, PROFILE[b], json_profile(ids, exclude))


ALL = ["nist-low", "nist-moderate", "nist-high", "nist-privacy",
       "fedramp-li-saas", "fedramp-low", "fedramp-moderate", "fedramp-high"]


def entry(cid, label, family, title, parent, baselines):
    return {"id": cid, "label": label, "family": family, "title": title, "parent": parent,
            "baselines": baselines}


TINY_EXPECTED = {
    "about": bc.ABOUT,
    "families": [
        {"id": "ac", "title": "Access Control"},
        {"id": "pm", "title": "Program Management"},
        {"id": "pt", "title": "Personally Identifiable Information Processing and Transparency"},
        {"id": "sc", "title": "System and Communications Protection"},
        {"id": "sr", "title": "Supply Chain Risk Management"},
    ],
    "baselines": {"nist-low": 3, "nist-moderate": 5, "nist-high": 7, "nist-privacy": 3,
                  "fedramp-li-saas": 2, "fedramp-low": 3, "fedramp-moderate": 5,
                  "fedramp-high": 7},
    "controls": [
        entry("ac-1", "AC-1", "ac", "Policy and Procedures", None, ALL),
        entry("ac-2", "AC-2", "ac", "Account Management", None,
              ["nist-low", "nist-moderate", "nist-high", "fedramp-li-saas", "fedramp-low",
               "fedramp-moderate", "fedramp-high"]),
        entry("ac-2.1", "AC-2(1)", "ac", "Automated System Account Management", "ac-2",
              ["nist-moderate", "nist-high", "fedramp-moderate", "fedramp-high"]),
        entry("ac-2.2", "AC-2(2)", "ac", "Automated Temporary and Emergency Account Management",
              "ac-2", ["nist-moderate", "nist-high"]),
        entry("ac-2.7", "AC-2(7)", "ac", "Privileged User Accounts \u2014 Role-based Schemes",
              "ac-2", ["fedramp-moderate", "fedramp-high"]),
        entry("ac-2.9", "AC-2(9)", "ac", "Restrictions on Use of Shared and Group Accounts",
              "ac-2", ["fedramp-high"]),
        entry("ac-2.10", "AC-2(10)", "ac", "Shared and Group Account Credential Change", "ac-2",
              ["nist-high"]),
        entry("ac-10", "AC-10", "ac", "Concurrent Session Control", None, ["nist-high"]),
        entry("pm-5.1", "PM-5(1)", "pm", "Inventory of Personally Identifiable Information",
              "pm-5", ["nist-privacy"]),
        entry("pt-2", "PT-2", "pt",
              "Authority to Process Personally Identifiable Information", None,
              ["nist-privacy"]),
        entry("sc-7", "SC-7", "sc", "Boundary Protection", None,
              ["nist-low", "nist-moderate", "nist-high", "fedramp-low", "fedramp-moderate",
               "fedramp-high"]),
        entry("sr-9", "SR-9", "sr", "Tamper Resistance and Detection", None, ["fedramp-high"]),
    ],
}


# --- a full-size set generated from data/controls.json ----------------------------------------


def sources_from(doc, directory, seed=53):
    """Sources in which every baseline selects what data/controls.json says it does, with the
    titles, labels and families the file has: the build must give the file back."""
    rng = random.Random(seed)
    by_id = {c["id"]: c for c in doc["controls"]}
    family_title = {f["id"]: f["title"] for f in doc["families"]}
    families = [f["id"] for f in doc["families"]]

    def tree(selected):
        """Group -> control nodes for the selected ids, enhancements inside their base (a
        structural base if it is not selected itself), in file order."""
        groups = {f: [] for f in families}
        bases = {}
        for c in doc["controls"]:
            if c["id"] not in selected:
                continue
            n = {"id": c["id"], "label": c["label"], "title": c["title"], "controls": []}
            if c["parent"] is None:
                bases[c["id"]] = n
                groups[c["family"]].append(n)
                continue
            n["class"] = "SP800-53-enhancement"
            base = bases.get(c["parent"])
            if base is None:
                known = by_id.get(c["parent"])
                base = {"id": c["parent"],
                        "label": known["label"] if known else c["parent"].upper(),
                        "title": known["title"] if known else "Structural parent",
                        "controls": []}
                bases[c["parent"]] = base
                groups[c["family"]].append(base)
            base["controls"].append(n)
        return [(f, family_title[f], groups[f]) for f in families if groups[f]]

    selection = {b: [c["id"] for c in doc["controls"] if b in c["baselines"]] for b in ALL}
    for b in NIST_BASELINES:
        write(directory, NIST_CATALOG[b], json_catalog(tree(set(selection[b]))))
    for b in FEDRAMP_XML:
        write(directory, FEDRAMP_XML[b], xml_catalog(tree(set(selection[b]))))
    for b in ALL:
        ids = list(selection[b])
        rng.shuffle(ids)
        write(directory, PROFILE[b], json_profile(ids))


# --- the tests --------------------------------------------------------------------------------


class Tiny(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = Path(self.tmp.name) / "src"
        self.dir.mkdir()
        tiny_sources(self.dir)

    def tearDown(self):
        self.tmp.cleanup()

    def test_output(self):
        r = run(self.dir)
        self.assertEqual(r.returncode, 0, r.stderr.decode())
        self.assertEqual(r.stderr, b"")
        got = json.loads(r.stdout)
        self.assertEqual(list(got), ["about", "families", "baselines", "controls"])
        self.assertEqual(got["families"], TINY_EXPECTED["families"])
        self.assertEqual(got["baselines"], TINY_EXPECTED["baselines"])
        self.assertEqual([c["id"] for c in got["controls"]],
                         [c["id"] for c in TINY_EXPECTED["controls"]])
        for want, have in zip(TINY_EXPECTED["controls"], got["controls"]):
            self.assertEqual(have, want)
            self.assertEqual(list(have), ["id", "label", "family", "title", "parent",
                                          "baselines"])
        self.assertEqual(got, TINY_EXPECTED)
        # Formatting: one-space indentation, UTF-8 (no \u escapes), final newline.
        self.assertEqual(r.stdout, (json.dumps(TINY_EXPECTED, indent=1, ensure_ascii=False)
                                    + "\n").encode("utf-8"))
        self.assertIn("\u2014".encode("utf-8"), r.stdout)

    def test_zero_padded_class_name(self):
        # Newer content calls the padded label's class "zero-padded"; put it first.
        name = NIST_CATALOG["nist-low"]
        doc = json.loads((self.dir / name).read_text(encoding="utf-8"))
        for c in doc["catalog"]["groups"][0]["controls"]:
            props = c["props"]
            props[0]["class"] = "zero-padded"
        write(self.dir, name, doc)
        r = run(self.dir)
        self.assertEqual(r.returncode, 0, r.stderr.decode())
        self.assertEqual(json.loads(r.stdout), TINY_EXPECTED)

    def test_missing_file(self):
        name = FEDRAMP_XML["fedramp-high"]
        (self.dir / name).unlink()
        r = run(self.dir)
        err = r.stderr.decode()
        self.assertEqual(r.returncode, 1)
        self.assertEqual(r.stdout, b"")
        self.assertNotIn("Traceback", err)
        self.assertIn(name, err)
        self.assertIn(f"https://raw.githubusercontent.com/GSA/fedramp-automation/"
                      f"{bc.FEDRAMP_COMMIT}/dist/content/rev5/baselines/xml/{name}", err)
        self.assertIn("--fetch", err)

    def test_missing_directory(self):
        r = run(Path(self.tmp.name) / "nowhere")
        self.assertEqual(r.returncode, 1)
        self.assertNotIn(b"Traceback", r.stderr)
        self.assertIn(b"no such directory", r.stderr)

    def test_include_all_is_refused(self):
        name = PROFILE["fedramp-low"]
        doc = json_profile([])
        doc["profile"]["imports"] = [{"href": "#x", "include-all": {}}]
        write(self.dir, name, doc)
        r = run(self.dir)
        self.assertEqual(r.returncode, 1)
        self.assertNotIn(b"Traceback", r.stderr)
        self.assertIn(name.encode(), r.stderr)
        self.assertIn(b"include-all", r.stderr)

    def test_control_in_no_catalogue(self):
        write(self.dir, PROFILE["fedramp-high"], json_profile(["ac-1", "zz-99"]))
        r = run(self.dir)
        self.assertEqual(r.returncode, 1)
        self.assertNotIn(b"Traceback", r.stderr)
        self.assertIn(b"zz-99", r.stderr)

    def test_fallback_catalogue(self):
        # A control none of the six catalogues has, found in the optional full catalogue.
        write(self.dir, PROFILE["fedramp-high"],
              json_profile(["sr-9", "ac-2.9", "ac-2.7", "ac-1", "ac-2", "ac-2.1", "sc-7",
                            "ac-3"]))
        full = json_catalog([("ac", "Access Control",
                              [AC1, node("ac-3", "AC-3", "Access Enforcement")])])
        write(self.dir, bc.FALLBACK_CATALOG, full)
        r = run(self.dir)
        self.assertEqual(r.returncode, 0, r.stderr.decode())
        self.assertIn(b"ac-3", r.stderr)
        got = json.loads(r.stdout)
        ids = [c["id"] for c in got["controls"]]
        self.assertEqual(ids.index("ac-3"), ids.index("ac-2.10") + 1)
        self.assertEqual(got["controls"][ids.index("ac-3")],
                         entry("ac-3", "AC-3", "ac", "Access Enforcement", None,
                               ["fedramp-high"]))

    def test_not_json(self):
        name = NIST_CATALOG["nist-high"]
        write(self.dir, name, "{ not json")
        r = run(self.dir)
        self.assertEqual(r.returncode, 1)
        self.assertNotIn(b"Traceback", r.stderr)
        self.assertIn(name.encode(), r.stderr)

    def test_xml_namespace_required(self):
        name = FEDRAMP_XML["fedramp-moderate"]
        text = (self.dir / name).read_text(encoding="utf-8")
        write(self.dir, name, text.replace(OSCAL_NS, "http://example.com/other"))
        r = run(self.dir)
        self.assertEqual(r.returncode, 1)
        self.assertNotIn(b"Traceback", r.stderr)
        self.assertIn(OSCAL_NS.encode(), r.stderr)


class RoundTrip(unittest.TestCase):
    """Sources of the real shape that agree with data/controls.json give it back exactly."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = Path(self.tmp.name)
        self.doc = json.loads((REPO / "data" / "controls.json").read_bytes())
        sources_from(self.doc, self.dir)

    def tearDown(self):
        self.tmp.cleanup()

    def test_check_passes(self):
        r = run("--check", self.dir)
        self.assertEqual(r.returncode, 0, r.stdout.decode() + r.stderr.decode())
        self.assertIn(b"up to date", r.stdout)
        self.assertEqual(r.stderr, b"")
        r = run(self.dir)
        self.assertEqual(r.returncode, 0)
        self.assertEqual(r.stdout, (REPO / "data" / "controls.json").read_bytes())

    def test_check_fails_on_a_change(self):
        name = NIST_CATALOG["nist-low"]
        text = (self.dir / name).read_text(encoding="utf-8")
        changed = text.replace('"title": "Account Management"', '"title": "Accounts"', 1)
        self.assertNotEqual(text, changed)
        write(self.dir, name, changed)
        r = run("--check", self.dir)
        out = r.stdout.decode()
        self.assertEqual(r.returncode, 1)
        self.assertNotIn("Traceback", r.stderr.decode())
        self.assertIn("changed: ac-2", out)
        self.assertIn('-   "title": "Account Management",', out)
        self.assertIn('+   "title": "Accounts",', out)
        self.assertLess(len(out.splitlines()), 60)

    def test_check_fails_on_a_dropped_control(self):
        name = PROFILE["fedramp-high"]
        doc = json.loads((self.dir / name).read_text(encoding="utf-8"))
        doc["profile"]["imports"][0]["include-controls"][0]["with-ids"].remove("cm-14")
        write(self.dir, name, doc)
        r = run("--check", self.dir)
        self.assertEqual(r.returncode, 1)
        self.assertIn(b"only in the current file: cm-14", r.stdout)


class Rules(unittest.TestCase):
    """The rules the script applies agree with the shipped file and its provenance notes."""

    def test_shipped_file_follows_the_order_and_label_rules(self):
        raw = (REPO / "data" / "controls.json").read_bytes()
        doc = json.loads(raw)
        self.assertEqual(bc.render(doc), raw)
        self.assertEqual(doc["about"], bc.ABOUT)
        self.assertEqual(list(doc["baselines"]), ALL)
        rank = {f["id"]: n for n, f in enumerate(doc["families"])}

        def key(c):
            m = bc.CONTROL_ID.match(c["id"])
            return rank[c["family"]], int(m.group(2)), int(m.group(3) or 0)

        self.assertEqual(doc["controls"], sorted(doc["controls"], key=key))
        for c in doc["controls"]:
            base, _, enh = c["id"].partition(".")
            self.assertEqual(c["label"], base.upper() + (f"({enh})" if enh else ""))
            self.assertEqual(c["parent"], base if enh else None)
            self.assertEqual(c["baselines"], [b for b in ALL if b in c["baselines"]])

    def test_pinned_commits_are_those_of_controls_md(self):
        notes = (REPO / "data" / "CONTROLS.md").read_text(encoding="utf-8")
        self.assertIn(f"| {bc.NIST_REPO} | {bc.NIST_COMMIT} |", notes)
        self.assertIn(f"| {bc.FEDRAMP_REPO} | {bc.FEDRAMP_COMMIT} |", notes)
        self.assertIn(f"`{bc.NIST_DIR}/", notes)
        self.assertIn(f"`{bc.FEDRAMP_DIR}/json/", notes)
        self.assertIn(f"`{bc.FEDRAMP_DIR}/xml/", notes)

    def test_fetch_prints_pinned_curl_commands(self):
        with tempfile.TemporaryDirectory() as tmp:
            target = Path(tmp) / "sources"
            r = run("--fetch", target)
            self.assertEqual(r.returncode, 0, r.stderr.decode())
            self.assertFalse(target.exists(), "--fetch must print, not run")
        lines = [l for l in r.stdout.decode().splitlines() if l.startswith("curl ")]
        self.assertEqual(len(lines), 14)
        names = set()
        for line in lines:
            url = line.split()[-1]
            self.assertTrue(url.startswith("https://raw.githubusercontent.com/"), url)
            self.assertTrue(bc.NIST_COMMIT in url or bc.FEDRAMP_COMMIT in url, url)
            names.add(url.rsplit("/", 1)[1])
            self.assertIn(f"{target}/{url.rsplit('/', 1)[1]}", line)
        self.assertEqual(names, set(bc.required_files()))


if __name__ == "__main__":
    unittest.main()
