#!/usr/bin/env python3
"""srm plan against the bare parse of the same file, in the same run (issue 16's targets).

Generates, under bench/out/ (ignored by git):
- newline-delimited Cloud Asset Inventory exports of 1k, 10k, 100k and 1M assets;
- Terraform states of 1k, 10k and 100k resources in nested modules (one line, as
  `terraform show -json` writes);
then times `srm plan FILE --format csv` (the duties; every resource is read and classified)
against `bare-parse lines FILE` / `bare-parse json FILE`, and reports wall time and peak memory
(GNU time's maximum resident set size). Needs `cargo build --release --example bare-parse`.
"""
import json, os, random, subprocess, sys, time

OUT = os.path.join(os.path.dirname(__file__), "out")
SRM = "target/release/srm"
BARE = "target/release/examples/bare-parse"
TYPES_CAI = ["compute.googleapis.com/Instance", "compute.googleapis.com/Disk", "run.googleapis.com/Service",
             "storage.googleapis.com/Bucket", "sqladmin.googleapis.com/Instance", "pubsub.googleapis.com/Topic",
             "container.googleapis.com/Cluster"]
TYPES_TF = ["aws_instance", "aws_lambda_function", "aws_s3_bucket", "aws_security_group", "aws_iam_role",
            "aws_db_instance", "aws_sns_topic", "aws_ecs_service"]


def cai(n, path):
    rnd = random.Random(n)
    with open(path, "w") as f:
        for i in range(n):
            ty = TYPES_CAI[i % len(TYPES_CAI)]
            asset = {"name": f"//x.googleapis.com/projects/p-{i % 97}/things/t-{i}", "asset_type": ty,
                     "resource": {"version": "v1", "parent": f"//cloudresourcemanager.googleapis.com/projects/{i % 97}",
                                  "data": {"id": str(rnd.getrandbits(60)), "labels": {"team": "x" * 40},
                                           "autopilot": {"enabled": i % 2 == 0},
                                           "description": "padding " * 20}},
                     "update_time": "2026-11-30T00:00:00Z"}
            f.write(json.dumps(asset) + "\n")


def tf(n, path):
    def module(addr, lo, hi, depth):
        res = []
        for i in range(lo, hi):
            ty = TYPES_TF[i % len(TYPES_TF)]
            res.append({"address": f"{addr + '.' if addr else ''}{ty}.r{i}", "mode": "managed", "type": ty,
                        "name": f"r{i}", "provider_name": "registry.terraform.io/hashicorp/aws", "schema_version": 0,
                        "values": {"package_type": "Zip", "launch_type": "FARGATE", "tags": {"a": "b" * 30},
                                   "password": "not-a-real-secret", "user_data": "x" * 200},
                        "sensitive_values": {}})
        return res
    per = 100
    children = []
    for m in range(0, n, per):
        children.append({"address": f"module.m{m}.module.inner",
                         "resources": module(f"module.m{m}.module.inner", m, min(n, m + per), 2)})
    doc = {"format_version": "1.0", "terraform_version": "1.9.5",
           "values": {"root_module": {"resources": [], "child_modules": [{"address": "module.top", "resources": [],
                                                                            "child_modules": children}]}}}
    with open(path, "w") as f:
        json.dump(doc, f)


def measure(cmd):
    t = time.perf_counter()
    r = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], capture_output=True, text=True)
    wall = time.perf_counter() - t
    if r.returncode not in (0,):
        sys.exit(f"{cmd} failed: {r.stderr[-500:]}")
    rss = int(r.stderr.strip().splitlines()[-1])
    return wall, rss / 1024


def main():
    os.makedirs(OUT, exist_ok=True)
    sizes_cai = [int(a) for a in (sys.argv[1:] or ["1000", "10000", "100000", "1000000"])]
    print("| input | size | bare parse | srm plan | ratio | bare peak | srm peak |")
    print("|---|---|---|---|---|---|---|")
    for n in sizes_cai:
        path = os.path.join(OUT, f"cai-{n}.ndjson")
        if not os.path.exists(path):
            cai(n, path)
        size = os.path.getsize(path) / 2**20
        b, bm = min(measure([BARE, "lines", path]) for _ in range(3))
        s, sm = min(measure([SRM, "plan", path, "--format", "csv", "-o", "/dev/null"]) for _ in range(3))
        print(f"| CAI ndjson {n:,} | {size:.0f} MiB | {b*1000:.0f} ms | {s*1000:.0f} ms | {s/b:.2f} | {bm:.0f} MiB | {sm:.0f} MiB |")
    for n in [1000, 10000, 100000]:
        path = os.path.join(OUT, f"tf-{n}.json")
        if not os.path.exists(path):
            tf(n, path)
        size = os.path.getsize(path) / 2**20
        b, bm = min(measure([BARE, "json", path]) for _ in range(3))
        s, sm = min(measure([SRM, "plan", path, "--format", "csv", "-o", "/dev/null"]) for _ in range(3))
        print(f"| Terraform state {n:,} | {size:.0f} MiB | {b*1000:.0f} ms | {s*1000:.0f} ms | {s/b:.2f} | {bm:.0f} MiB | {sm:.0f} MiB |")


if __name__ == "__main__":
    main()
