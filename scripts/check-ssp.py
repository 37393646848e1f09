#!/usr/bin/env python3
"""Judges srm's leveraged-system SSPs (`srm export oscal --ssp`) with compliance-trestle.

Usage (with trestle's Python, from scripts/check-oscal):
    check-ssp.py TRESTLE_ROOT CONTROLS_JSON NAME=SSP_FILE...

For each SSP:
- `trestle validate` must pass. This machine has no network, and trestle resolves the SSP's
  import-profile (srm pins it to the profile's commit on raw.githubusercontent.com), so the
  copy validated imports a local stand-in instead: a profile over a catalogue of the
  baseline's controls, built from data/controls.json. Nothing else of the document changes.
- trestle's own SSP inheritance reader (SSPInheritanceAPI, what a leveraging system runs)
  must read every export: one inheritance file per control whose by-component exports
  something, naming its provided and responsibility uuids.
- Every responsibility's provided-uuid names a provided statement of the same control; the
  control origination values are FedRAMP's, and a `-1` control's are only sp-corporate or
  sp-system.
"""
import json
import pathlib
import subprocess
import sys
import uuid

from trestle.core.crm.ssp_inheritance_api import SSPInheritanceAPI

ORIGINATIONS = {"sp-corporate", "sp-system", "customer-configured", "customer-provided", "inherited"}
FEDRAMP_NS = "https://fedramp.gov/ns/oscal"


def fail(message):
    print(f"check-ssp: {message}", file=sys.stderr)
    sys.exit(1)


def local_profile(root, controls, baseline):
    """A profile over a catalogue of `baseline`'s controls, inside the trestle workspace."""
    name = f"local-{baseline}"
    meta = {"title": f"Local stand-in for {baseline}", "last-modified": "2026-01-01T00:00:00+00:00",
            "version": "1", "oscal-version": "1.1.2"}
    titles = {f["id"]: f["title"] for f in controls["families"]}
    groups = {}
    for c in controls["controls"]:
        if baseline == "all" or baseline in c["baselines"]:
            groups.setdefault(c["family"], []).append({"id": c["id"], "title": c["title"]})
    catalog = {"catalog": {"uuid": str(uuid.uuid4()), "metadata": meta,
                           "groups": [{"id": g, "title": titles[g], "controls": cs} for g, cs in groups.items()]}}
    profile = {"profile": {"uuid": str(uuid.uuid4()), "metadata": meta,
                           "imports": [{"href": f"trestle://catalogs/{name}/catalog.json", "include-all": {}}]}}
    for kind, doc in (("catalogs", catalog), ("profiles", profile)):
        path = root / kind / name
        path.mkdir(parents=True, exist_ok=True)
        (path / f"{kind[:-1]}.json").write_text(json.dumps(doc))
    return f"trestle://profiles/{name}/profile.json"


def check(root, controls, name, source):
    doc = json.loads(pathlib.Path(source).read_text())
    plan = doc["system-security-plan"]
    href = plan["import-profile"]["href"]
    if "/main/" in href or "/master/" in href or not href.startswith("https://raw.githubusercontent.com/"):
        fail(f"{name}: import-profile {href} is not pinned to a commit")
    baseline = next((b for b in controls["baselines"] if b in name), "all")
    requirements = plan["control-implementation"]["implemented-requirements"]
    exporting = 0
    for r in requirements:
        origination = [p["value"] for p in r.get("props", []) if p["name"] == "control-origination"]
        if any(p.get("ns") != FEDRAMP_NS for p in r.get("props", []) if p["name"] == "control-origination"):
            fail(f"{name}: {r['control-id']}: control-origination outside FedRAMP's namespace")
        if not set(origination) <= ORIGINATIONS:
            fail(f"{name}: {r['control-id']}: origination {origination}")
        base = r["control-id"].split(".")[0]
        if base.endswith("-1") and "." not in r["control-id"] and not set(origination) <= {"sp-corporate", "sp-system"}:
            fail(f"{name}: {r['control-id']} is a -1 control with origination {origination}")
        for by in r["by-components"]:
            export = by.get("export")
            if not export:
                continue
            exporting += 1
            provided = {p["uuid"] for p in export.get("provided", [])}
            for resp in export.get("responsibilities", []):
                if "provided-uuid" in resp and resp["provided-uuid"] not in provided:
                    fail(f"{name}: {r['control-id']}: a responsibility names a provided statement it does not have")
    plan["import-profile"]["href"] = local_profile(root, controls, baseline)
    target = root / "system-security-plans" / name
    target.mkdir(parents=True, exist_ok=True)
    (target / "system-security-plan.json").write_text(json.dumps(doc))
    validate = subprocess.run(
        [str(pathlib.Path(sys.executable).parent / "trestle"), "validate", "-f",
         f"system-security-plans/{name}/system-security-plan.json"],
        cwd=root, capture_output=True, text=True)
    if validate.returncode != 0:
        fail(f"trestle refused {name}:\n{validate.stdout}{validate.stderr}")
    inheritance = root / "inheritance" / name
    SSPInheritanceAPI(inheritance, root).write_inheritance_as_markdown(
        f"trestle://system-security-plans/{name}/system-security-plan.json")
    files = list(inheritance.rglob("*.md"))
    if len(files) != exporting:
        fail(f"{name}: trestle read {len(files)} exported statements for {exporting} controls that export one")
    for f in files:
        text = f.read_text()
        if "provided-uuid" not in text and "responsibility-uuid" not in text:
            fail(f"{name}: trestle's inheritance view {f.name} names no statement")


def main():
    if len(sys.argv) < 4:
        fail("usage: check-ssp.py TRESTLE_ROOT CONTROLS_JSON NAME=SSP_FILE...")
    root = pathlib.Path(sys.argv[1]).resolve()
    controls = json.loads(pathlib.Path(sys.argv[2]).read_text())
    for arg in sys.argv[3:]:
        name, _, source = arg.partition("=")
        check(root, controls, name, source)
    print(f"trestle validated {len(sys.argv) - 3} SSP export(s) and read every export of each")


if __name__ == "__main__":
    main()
