#!/usr/bin/env python3
"""The hostile shapes of the trust issues at full size, each run by the release binary under
`ulimit -v 4000000` (4 GB of address space): wall time, peak memory against the file's size,
exit code and how many lines srm wrote on stderr. The tests generate the same shapes at small
sizes and decide nothing by the clock; this is where their cost is measured.

Run from the repository: `cargo build --release && python3 bench/hostile.py [SRM]`
Needs GNU time (/usr/bin/time) and bash.
"""

import os
import subprocess
import sys
import tempfile

SRM = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "target/release/srm")
HEAD = "sources: [{id: s, title: S}]\nmodels: [{id: a, name: A}, {id: b, name: B}]\nlayers:\n"


def row(extra, owners="{a: customer, b: customer}"):
    return f"  - {{id: l, name: L, owners: {owners}, source: s, {extra}}}\n"


def many_models(n, name, owners_per_row=True):
    models = ", ".join(f"{{id: m{i}, name: M}}" for i in range(n))
    owners = ", ".join(f"m{i}: customer" for i in range(n)) if owners_per_row else ""
    return f"sources: [{{id: s, title: S}}]\nmodels: [{models}]\nlayers:\n  - {{id: l, name: {name}, owners: {{{owners}}}, source: s}}\n"


def models_by_rows(n):
    models = ", ".join(f"{{id: m{i}, name: M}}" for i in range(n))
    rows = "".join(f"  - {{id: l{j}, name: L, owners: {{}}, source: s}}\n" for j in range(n))
    return f"sources: [{{id: s, title: S}}]\nmodels: [{models}]\nlayers:\n{rows}"


def rows_for_find(n):
    rows = "".join(
        f"  - {{id: l{j}, name: Layer {j} words here, owners: {{a: customer, b: customer}}, source: s}}\n"
        for j in range(n)
    )
    return HEAD + rows


def long_ids(n):
    layers = ",\n".join(
        f'{{"id": "l{i}-{"x" * 90}", "name": "L{i}", "owners": {{"a": "customer", "b": "customer"}}, "source": "s"}}'
        for i in range(n)
    )
    return (
        '{"sources": [{"id": "s", "title": "S"}], "models": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],\n"layers": [\n'
        + layers
        + "]}\n"
    )


def json_one_bad_source(rows):
    body = ",\n".join(
        f'{{"id": "l{j}", "name": "L", "owners": {{"a": "customer", "b": "customer"}}, "source": "{"x" if j == rows - 1 else "s"}"}}'
        for j in range(rows)
    )
    return (
        '{"sources": [{"id": "s", "title": "S"}], "models": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],\n"layers": [\n'
        + body
        + "]}\n"
    )


def many_services(n):
    services = "".join(
        f"  - {{id: s{i}, name: S, provider: p, base: a, source: s, rows: {{l: {{owner: provider, note: N, source: s}}}}}}\n"
        for i in range(n)
    )
    return HEAD + row("") + "services:\n" + services


def many_variants(n):
    variants = ", ".join(
        f"{{id: v{i}, name: V, rows: {{l: {{owner: shared, note: N, source: s}}}}}}" for i in range(n)
    )
    return (
        HEAD
        + row("")
        + "services:\n  - {id: x, name: X, provider: p, base: a, source: s, "
        + "variants: [{id: d, name: D, default: true, why: W}, " + variants + "]}\n"
    )


def shapes():
    yield "9 (the same catalogue, a layer it has)", long_ids(150_000), ["who", "--layer", "l7-" + "x" * 90]
    yield "1 who --json: 4,000 models, 1 MB name", many_models(4000, "N" * 1_000_000), ["who", "--json"]
    yield "1 matrix html: 4,000 models, 1 MB name", many_models(4000, "N" * 1_000_000), ["matrix", "--format", "html"]
    yield "2 see_also: 2M items", HEAD + row("see_also: [" + ", ".join(["z"] * 2_000_000) + "]"), ["catalog", "validate", "{file}"]
    yield "2 see_also: 300k long ids", HEAD + row("see_also: [" + ", ".join(["z" * 30] * 300_000) + "]"), ["catalog", "validate", "{file}"]
    yield "3 400 KB note on 80 columns", HEAD + row("notes: {a: " + "w" * 400_000 + "}"), ["tty80", "who"]
    yield "3 1 MB note on 80 columns", HEAD + row("notes: {a: " + "w" * 1_000_000 + "}"), ["tty80", "explain", "l"]
    yield "4 ac-2 x 20,000, 100 KB why", HEAD + row("controls: [{ids: [" + ", ".join(["ac-2"] * 20_000) + "], why: " + "w" * 100_000 + "}]"), ["control", "ac-2"]
    yield "5 40k models x 40k rows, owners: {}", models_by_rows(40_000), ["catalog", "validate", "{file}"]
    yield "6 find: 20,000 words, 5,000 rows", rows_for_find(5_000), ["find"] + [f"w{i}" for i in range(20_000)]
    yield "7 60 MB of newlines", "\n" * 60_000_000 + "x: 1\n", ["who"]
    yield "7 keywords [k, k, ...] 24 MB", HEAD + row("keywords: [" + ", ".join(["k"] * 8_000_000) + "]"), ["who"]
    yield "8 48 MB JSON, one bad source", json_one_bad_source(400_000), ["who"]
    yield "9 did you mean: 150,000 long ids", long_ids(150_000), ["who", "--layer", "l7-" + "x" * 89]
    yield "10 --layer data x 20,000", None, ["who", "--layer", ",".join(["data"] * 20_000), "--json"]
    yield "11 100,000 services, who the last", many_services(100_000), ["who", "--model", "s99999", "--json"]
    yield "11 100,000 services, listed as CSV", many_services(100_000), ["services", "--format", "csv"]
    yield "11 one service, 200,000 variants, the last", many_variants(200_000), ["who", "--model", "x:v199999", "--json"]
    yield "11 one service, 200,000 variants, listed", many_variants(200_000), ["services", "--json"]


def main():
    print(f"srm: {SRM}")
    print("| shape | file | wall | peak memory | × file | exit | stderr lines |")
    print("|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for name, text, args in shapes():
            path = os.path.join(tmp, "shape.yaml")
            size = 0
            if text is not None:
                with open(path, "w") as f:
                    f.write(text)
                size = os.path.getsize(path)
            names_file = any("{file}" in a for a in args)
            args = [a.replace("{file}", path) for a in args]
            catalog = [] if text is None or names_file else ["--catalog", path]
            tty = args and args[0] == "tty80"
            if tty:
                args = args[1:]
            # Arguments go through a file: one of them may be longer than a shell word can be.
            argfile = os.path.join(tmp, "args")
            with open(argfile, "w") as f:
                f.write("\0".join(catalog + args))
            command = f"mapfile -d '' -t A < {argfile}; '{SRM}' \"${{A[@]}}\""
            if tty:
                command = f"script -qec \"stty cols 80; {SRM} {' '.join(catalog + args)}\" /dev/null"
            wrapped = f"ulimit -v 4000000; exec /usr/bin/time -f '%e %M' bash -c {shlex_quote(command + ' >/dev/null 2>$SRM_ERR')}"
            errfile = os.path.join(tmp, "stderr")
            env = dict(os.environ, SRM_ERR=errfile)
            out = subprocess.run(["bash", "-c", wrapped], capture_output=True, text=True, env=env)
            timing = out.stderr.strip().splitlines()[-1].split()
            wall, peak_kb = float(timing[0]), int(timing[1])
            try:
                with open(errfile, errors="replace") as f:
                    lines = sum(1 for _ in f)
            except FileNotFoundError:
                lines = 0
            times = f"{peak_kb * 1024 / size:.1f}" if size else "-"
            print(f"| {name} | {size / 1e6:.1f} MB | {wall:.2f} s | {peak_kb / 1024:.0f} MiB | {times} | {out.returncode} | {lines} |")


def shlex_quote(s):
    return "'" + s.replace("'", "'\"'\"'") + "'"


if __name__ == "__main__":
    main()
