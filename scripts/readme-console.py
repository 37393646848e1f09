#!/usr/bin/env python3
"""Fills README.md's ```console blocks from real runs (maintainer tool; the test
tests/cli/readme.rs checks the result in CI).

Each block starts with `$ srm ARGS` lines (`$ COLUMNS=N srm ARGS` for tables N columns
wide). A block whose last line is `…` shows only the first lines of the output, as many as it showed before; write `…N` to ask for N lines.
Usage: python3 scripts/readme-console.py [path/to/srm]"""
import os
import re
import shlex
import subprocess
import sys

srm = sys.argv[1] if len(sys.argv) > 1 else "target/debug/srm"
env = {k: v for k, v in os.environ.items() if k not in ("SRM_CATALOG", "CLICOLOR_FORCE", "COLUMNS")}
env["NO_COLOR"] = "1"


def fill(match):
    lines = match.group(1).split("\n")[:-1]
    out = []
    i = 0
    while i < len(lines):
        if not (lines[i].startswith("$ srm") or lines[i].startswith("$ COLUMNS=")):
            i += 1
            continue
        cmd = lines[i]
        j = i + 1
        while j < len(lines) and not lines[j].startswith("$ "):
            j += 1
        shown = lines[i + 1 : j]
        # `$ COLUMNS=N srm ARGS` runs with that width, as a table piped elsewhere takes it.
        args = shlex.split(cmd[len("$ ") :])
        run_env = dict(env)
        while args and "=" in args[0] and args[0] != "srm":
            name, value = args.pop(0).split("=", 1)
            run_env[name] = value
        args = args[1:]
        # `srm plan` examples read the project's fixtures, by name, as the test copies them.
        cwd = 'tests/fixtures/plan' if args[:1] == ['plan'] else None
        run = subprocess.run([os.path.abspath(srm) if os.sep in srm else srm, *args], capture_output=True, text=True, env=run_env, cwd=cwd)
        got = (run.stdout + run.stderr).rstrip("\n").split("\n")
        # `…` ends a block cut short, after as many lines as it shows; `…N` asks for N lines.
        keep = None
        if shown and shown[-1].startswith("…"):
            keep = int(shown[-1][1:]) if shown[-1][1:].isdigit() else len(shown) - 1
        if keep is not None and len(got) > keep:
            got = got[:keep] + ["…"]
        out.append(cmd)
        out.extend(got)
        i = j
    return "```console\n" + "\n".join(out) + "\n```"


text = open("README.md", encoding="utf-8").read()
text = re.sub(r"```console\n(.*?)```", fill, text, flags=re.S)
open("README.md", "w", encoding="utf-8").write(text)
